"""Confidence limits for 1,000,000 rows: ``limits_for`` alone, and the importer's whole step.

The rows are what partners send: 40% percentages, 20% rates per 1,000 and 20% per 100,000,
15% counts and 5% £; counts of events mostly small (a gamma mixture of Poisson counts: about a
quarter under 10, where the exact method is used), 1% missing. The importer's step
(:class:`mag_desktop.core.ingest.limits.LimitsCheck`, chunk by chunk as validation runs) also
checks each value against numerator ÷ denominator and compares supplied limits (given here,
rounded, for a third of the rows), and reports what it finds. Target (issue):
intervals and disclosure control together under 10% of a 1,000,000-row import (about 15 s), so
well under a second here. Each measurement is the best of ``--repeat`` runs.

    python benchmarks/bench_intervals.py [--rows 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from mag_desktop.core.ingest.limits import LimitsCheck, compute
from mag_desktop.core.ingest.observations import CHUNK_ROWS
from mag_desktop.core.ingest.report import Report
from mag_desktop.core.ingest.resolve import Where
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
    print(f"limits with the value check and supplied limits compared: {step:.3f} s")
    chunked = best(lambda: importer_step(data), args.repeat)
    print(f"the importer's step, chunk by chunk with its warnings: {chunked:.3f} s"
          f" ({chunked / 15:.1%} of a 15 s import)")


def importer_step(data: dict[str, np.ndarray]) -> Report:
    """What validation does: 100,000 rows at a time, indicator codes mapped to units."""
    codes = data["unit"]  # each unit's name stands for an indicator code here
    check = LimitsCheck({str(u): str(u) for u in UNITS}, {})
    report = Report("bench.xlsx")
    n = len(codes)
    for start in range(0, n, CHUNK_ROWS):
        part = slice(start, start + CHUNK_ROWS)
        num = {k: data[k][part].copy() for k in ("value", "numerator", "denominator", "lower",
                                                  "upper")}
        rows = np.arange(start, min(n, start + CHUNK_ROWS)) + 2
        check.chunk(codes[part], num, rows, lambda name, i: Where(7, name), report,
                    np.ones(len(rows), dtype=bool))
    check.finish(report)
    return report


if __name__ == "__main__":
    main()
