"""Query speed on a store with 2,000,000 observations and 1,000 commitments.

Targets: an indicator view or a trend ≤ 50 ms; the indicator catalogue ≤ 50 ms once cached;
the ward profile and "since last quarter" ≤ 150 ms; commitments for a filter ≤ 30 ms.

    python benchmarks/bench_query.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core"))

import storefill as sf

from mag_desktop.core.query import (
    Filter,
    commitments_frame,
    indicator_catalogue,
    indicator_view,
    since_last_quarter,
    trend,
    ward_profile,
)
from mag_desktop.core.store import Store


def best_of(fn: Callable[[], object], runs: int = 5) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "store.sqlite")
        started = time.perf_counter()
        sf.bulk_commitments(store, 1000, ["2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1"])
        codes = sf.bulk_observations(store, 2_000_000, ["2021", "2022", "2023", "2024"])
        print(f"built a store of 2,000,000 observations in {time.perf_counter() - started:.0f} s")
        conn = store.conn
        groups = ("WHITE_BRITISH", "BLACK_AFRICAN", "ASIAN_PAKISTANI")
        flt = Filter(authorities=(sf.BIRMINGHAM,), text="bulk")
        figures = {
            "indicator_view (ward)": (best_of(lambda: indicator_view(conn, codes[5], sf.ASTON)),
                                      0.050),
            "indicator_view (authority)": (
                best_of(lambda: indicator_view(conn, codes[9], sf.BIRMINGHAM, "2022")), 0.050),
            "trend (3 groups)": (best_of(lambda: trend(conn, codes[5], sf.ASTON, groups)), 0.050),
            "indicator_catalogue (cached)": (best_of(lambda: indicator_catalogue(conn, flt)),
                                             0.050),
            "ward_profile": (best_of(lambda: ward_profile(conn, sf.ASTON)), 0.150),
            "since_last_quarter": (best_of(lambda: since_last_quarter(conn)), 0.150),
            "commitments_frame (filtered)": (
                best_of(lambda: commitments_frame(conn, Filter(authorities=(sf.BIRMINGHAM,)))),
                0.030),
        }
        report(figures)
        store.close()


def report(figures: dict[str, tuple[float, float]], width: int = 30) -> None:
    """Each figure (seconds, target in seconds) in milliseconds, beside its target."""
    for name, (seconds, target) in figures.items():
        verdict = "ok" if seconds <= target else "OVER"
        print(f"  {name:<{width}} {seconds * 1000:7.1f} ms  (target {target * 1000:.0f} ms) "
              f"{verdict}")


if __name__ == "__main__":
    main()
