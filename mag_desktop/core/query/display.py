"""Indicator rows as the words and numbers people read: shared by the window's table and the
CLI, so the screen and other outputs format every value the same way."""

from __future__ import annotations

import math

import pandas as pd

from mag_desktop.core.formatting import (
    format_comparison,
    format_count,
    format_marker,
    format_number,
    format_value,
)
from mag_desktop.core.query.indicators import IndicatorView


def _limits(lo: object, hi: object, unit: str, decimals: int) -> str:
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (lo, hi)):
        return "–"
    return f"{format_number(lo, decimals)} to {format_number(hi, decimals)}"


def indicator_table(view: IndicatorView) -> pd.DataFrame:
    """One row per group: value (or its suppression marker), limits, counts, comparisons."""
    d = view.indicator
    unit, decimals = str(d.unit), d.decimals
    rows = view.rows
    out = pd.DataFrame({
        "group_code": rows["group_code"],
        "group": rows["short_label"],
        "group_long": rows["label"],
        "kind": rows["kind"],
        "value_raw": rows["value"],
        "value": [format_marker(m) if isinstance(m, str) and m else format_value(v, unit, decimals)
                  for v, m in zip(rows["value"], rows["marker"], strict=True)],
        "limits": [_limits(lo, hi, unit, decimals)
                   for lo, hi in zip(rows["lower"], rows["upper"], strict=True)],
        "numerator": rows["numerator"].map(format_count),
        "denominator": rows["denominator"].map(format_count),
        "comparison": rows["comparison"].map(format_comparison),
        "vs_region": rows["vs_region"].map(format_comparison),
        "vs_england": rows["vs_england"].map(format_comparison),
        "note": rows["marker_meaning"].fillna(""),
    })
    if view.area.parent_code:
        out["vs_authority"] = rows["vs_authority"].map(format_comparison)
    return out
