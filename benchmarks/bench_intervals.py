"""Confidence limits for 1,000,000 rows: ``limits_for`` alone, and the importer's whole step.

The rows are what partners send: 40% percentages, 20% rates per 1,000 and 20% per 100,000,
15% counts and 5% £; counts of events mostly small (a gamma mixture of Poisson counts: about a
quarter under 10, where the exact method is used), 1% missing. The importer's step
(:func:`mag_desktop.core.ingest.limits.compute`) also checks each value against numerator ÷
denominator and compares supplied limits (given here for a third of the rows). Target (issue):
intervals and disclosure control together under 10% of a 1,000,000-row import (about 15 s), so
well under a second here. Each measurement is the best of ``--repeat`` runs.

    python benchmarks/bench_intervals.py [--rows 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from mag_desktop.core.ingest.limits import compute
from mag_desktop.core.intervals import limits_for, multiplier_of

UNITS = np.array(["%", "per 1,000", "per 100,000", "count", "£"], dtype=object)


def rows(n: int, seed: int = 2026) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    unit = rng.choice(UNITS, n, p=[0.4, 0.2, 0.2, 0.15, 0.05])
    denominator = rng.integers(20, 20_000, n).astype(np.float64)
    numerator = np.minimum(rng.poisson(rng.gamma(1.2, 25.0, n)), denominator).astype(np.float64)
    numerator[rng.random(n) < 0.01] = np.nan
    factor = np.nan_to_num(multiplier_of(unit), nan=1.0)
    value = np.round(numerator / denominator * factor, 1)
    lo, hi, _ = limits_for(unit, numerator, denominator)
    given = rng.random(n) < 1 / 3
    lower = np.where(given, np.round(lo, 1), np.nan)
    upper = np.where(given, np.round(hi, 1), np.nan)
    return {"unit": unit, "value": value, "numerator": numerator, "denominator": denominator,
            "lower": lower, "upper": upper, "decimals": np.ones(n)}


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = rows(args.rows)
    _, _, method = limits_for(data["unit"], data["numerator"], data["denominator"])
    kinds, counts = np.unique(method.astype(str), return_counts=True)
    print(f"{args.rows:,} rows: " + ", ".join(f"{k} {c:,}" for k, c in zip(kinds, counts,
                                                                           strict=True)))
    alone = best(lambda: limits_for(data["unit"], data["numerator"], data["denominator"]),
                 args.repeat)
    print(f"limits_for: {alone:.3f} s")
    step = best(lambda: compute(data["unit"], data["decimals"], data["value"],
                                data["numerator"], data["denominator"], data["lower"],
                                data["upper"]), args.repeat)
    print(f"importer step (limits, value check, supplied limits compared): {step:.3f} s"
          f" ({step / 15:.1%} of a 15 s import)")


if __name__ == "__main__":
    main()
