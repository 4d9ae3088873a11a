"""The numeric rules for observations, applied to whole columns at once."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from mag_desktop.core.distinct import codes_of
from mag_desktop.core.ingest.report import Report
from mag_desktop.core.ingest.resolve import Where

TOLERANCE = 1e-6


def units_of(indicators: object, units: dict[str, str]) -> np.ndarray:
    """Each row's indicator unit, None when it has none: looked up once per distinct code (a
    chunk of 100,000 rows holds a few), not once per row."""
    codes, distinct = codes_of(np.asarray(indicators, dtype=object))
    table = np.empty(len(distinct), dtype=object)
    table[:] = [units.get(code) for code in distinct]  # None for a missing indicator
    return table[codes]


def check_numbers(
    out: dict[str, object],
    num: dict[str, np.ndarray],
    units: dict[str, str],
    report: Report,
    rows: np.ndarray,
    where: Callable[[str, int | None], Where],
    unreadable: np.ndarray,
) -> np.ndarray:
    """Apply the rules; return the mask of rows with an error. Clears numbers of suppressed rows.

    ``unreadable`` marks values already reported as not numbers (not reported again as missing).
    """
    value, numerator, denominator = num["value"], num["numerator"], num["denominator"]
    lower, upper = num["lower"], num["upper"]
    markers = out["marker"]
    assert isinstance(markers, np.ndarray)
    has_marker = pd.notna(pd.Series(markers, dtype=object)).to_numpy()
    unit = units_of(out["indicator"], units)
    bad = np.zeros(len(rows), dtype=bool)

    def flag(mask: np.ndarray, field: str, rule: str, message: str, severity: str = "error",
             shown: np.ndarray | None = None) -> None:
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        data = shown if shown is not None else num.get(field, value)
        for i in idx:
            w = where(field, int(i))
            report.add(severity, rule, message, row=int(rows[i]), column=w.column,
                       header=w.header, value=_show(data[i]))
        if severity == "error":
            bad[idx] = True

    extras = np.zeros(len(rows), dtype=bool)
    for name in ("numerator", "denominator", "lower", "upper"):
        extras |= ~np.isnan(num[name])
    kept = has_marker & extras
    flag(kept, "value", "suppressed-extras",
         "the value is suppressed, so its numerator, denominator and limits were not kept",
         "warning", shown=markers)
    for name in ("numerator", "denominator", "lower", "upper"):
        num[name][has_marker] = np.nan
    value[has_marker] = np.nan

    flag(np.isnan(value) & ~has_marker & ~unreadable, "value", "required",
         "a value is required: expected a number or a suppression marker such as [c]",
         shown=np.full(len(rows), "", dtype=object))
    with np.errstate(invalid="ignore"):
        flag(lower > upper + TOLERANCE, "lower", "limits-order",
             "the lower 95% limit is above the upper limit")
        outside = (value < lower - TOLERANCE) | (value > upper + TOLERANCE)
        flag(outside, "value", "limits",
             "the value lies outside its 95% confidence limits; expected lower ≤ value ≤ upper")
        for name in ("numerator", "denominator"):
            flag(num[name] < 0, name, "negative", f"the {name} cannot be negative")
        over = numerator > denominator + TOLERANCE
        percent = unit == "%"
        flag(over & percent, "numerator", "numerator",
             "the numerator is larger than the denominator; expected numerator ≤ denominator")
        flag(over & ~percent, "numerator", "numerator",
             "the numerator is larger than the denominator; check the two columns", "warning")
        flag(percent & ((value < -TOLERANCE) | (value > 100 + TOLERANCE)), "value", "percent",
             "a percentage must lie between 0 and 100")
        flag((unit == "count") & (value < 0), "value", "negative", "a count cannot be negative")
    return bad


def _show(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
