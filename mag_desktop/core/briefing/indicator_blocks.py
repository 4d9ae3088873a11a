"""One indicator's charts and disparity table, as data, from an ``IndicatorView`` and a trend.

* The **groups chart** has one bar per ethnic group (95% whiskers) beside comparator areas
  (WMCA, England, and the authority for a ward) drawn as markers. "All ethnic groups" is drawn
  as a reference line rather than a bar; for shares and counts (where it is the whole) it is
  left out. Comparators are left out for counts and £ amounts, whose scale depends on the size
  of the area.
* The **trend chart** follows "All ethnic groups" and the five headings over the periods held.
* The **table** shows every group the view returns, suppressed cells as their marker.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from mag_desktop.core.briefing.context import (
    comparison_cell,
    interval_cell,
    marker_of,
    missing,
    number_cell,
)
from mag_desktop.core.briefing.context import records as context_records
from mag_desktop.core.briefing.model import Cell, Chart, Column, Series, Table
from mag_desktop.core.formatting import MISSING, format_number
from mag_desktop.core.query import IndicatorView
from mag_desktop.core.stats import NOT_COMPARED, RATIO_UNITS, group_phrase

TREND_GROUPS = ("ALL", "ASIAN", "BLACK", "MIXED", "WHITE", "OTHER")
_TOP_KINDS = ("all", "heading", "aggregate", "unknown")
_ROW_COLUMNS = ("short_label", "label", "group_label", "group_code", "kind", "marker", "value",
                "lower", "upper", "numerator", "denominator")


def _floats(column: pd.Series) -> tuple[float | None, ...]:
    return tuple(None if missing(v) else float(v) for v in column)


def _label(row: Mapping[str, Any]) -> str:
    for key in ("short_label", "label", "group_label", "group_code"):
        if isinstance(row.get(key), str) and row[key]:
            return str(row[key])
    return "?"


def _is_share(view: IndicatorView) -> bool:
    """True when "All ethnic groups" is the whole (a share of 100%, or a count)."""
    unit = str(view.indicator.unit)
    if unit not in RATIO_UNITS:
        return True
    total = view.rows.loc[view.rows["group_code"] == "ALL", "value"]
    return unit == "%" and len(total) > 0 and not missing(total.iloc[0]) and total.iloc[0] > 99.9


def groups_chart(view: IndicatorView, comparators: Mapping[str, str], title: str) -> Chart:
    """``comparators``: column prefix in ``view.rows`` ("region") -> series name ("WMCA")."""
    rows = view.rows
    unit, decimals = str(view.indicator.unit), int(view.indicator.decimals)
    everyone = rows[rows["group_code"] == "ALL"]
    shown = rows[rows["group_code"] != "ALL"]
    series = [Series(view.area.name, _floats(shown["value"]), _floats(shown["lower"]),
                     _floats(shown["upper"]), tuple(marker_of(m) for m in shown["marker"]),
                     role="area")]
    if unit in RATIO_UNITS:
        for prefix, name in comparators.items():
            values = _floats(shown[f"{prefix}_value"])
            if any(v is not None for v in values):
                series.append(Series(name, values, _floats(shown[f"{prefix}_lower"]),
                                     _floats(shown[f"{prefix}_upper"]), role="comparator"))
    reference, reference_label = None, ""
    if not _is_share(view) and len(everyone) and not missing(everyone["value"].iloc[0]):
        reference = float(everyone["value"].iloc[0])
        reference_label = f"All ethnic groups in {view.area.name}"
    records = context_records(shown, _ROW_COLUMNS[:5])
    return Chart(
        kind="groups", title=title, labels=tuple(_label(r) for r in records),
        series=tuple(series), unit=unit, decimals=decimals,
        levels=tuple(0 if r.get("kind") in _TOP_KINDS else 1 for r in records),
        reference=reference, reference_label=reference_label,
        description=f"{view.indicator.name} by ethnic group in {view.area.name}, "
                    f"{view.period}"
                    + (", with 95% confidence intervals" if any(
                        v is not None for v in series[0].upper or ()) else "")
                    + (f", beside {', '.join(s.name for s in series[1:])}" if len(series) > 1
                       else "") + ".",
    )


def trend_chart(frame: pd.DataFrame, view: IndicatorView, title: str) -> Chart | None:
    """Values over the periods held, for all ethnic groups and the five headings."""
    if frame.empty:
        return None
    periods = tuple(dict.fromkeys(frame["period"]))
    if len(periods) < 2:
        return None
    at = {period: i for i, period in enumerate(periods)}
    values: dict[str, list[float | None]] = {}
    markers: dict[str, list[str | None]] = {}
    names: dict[str, str] = {}
    columns = (frame[c].tolist() for c in ("group_code", "period", "value", "marker",
                                           "short_label"))
    for code, period, value, mark, short in zip(*columns, strict=True):
        if code not in values:
            values[code], markers[code] = [None] * len(periods), [None] * len(periods)
            names[code] = "All ethnic groups" if code == "ALL" else str(short or code)
        values[code][at[period]] = None if missing(value) else float(value)
        markers[code][at[period]] = marker_of(mark)
    series = [Series(names[code], tuple(values[code]), markers=tuple(markers[code]))
              for code in TREND_GROUPS if code in values]
    if not series:
        return None
    return Chart(
        kind="trend", title=title, labels=periods, series=tuple(series),
        unit=str(view.indicator.unit), decimals=int(view.indicator.decimals),
        description=f"{view.indicator.name} in {view.area.name} from {periods[0]} to "
                    f"{periods[-1]}, for all ethnic groups and each heading.",
    )


def _pair_cell(numerator: object, denominator: object, marker: object) -> Cell:
    mark = marker_of(marker)
    if mark is not None:
        return Cell(mark, suppressed=True)
    if missing(numerator) and missing(denominator):
        return Cell(MISSING)
    return Cell(f"{format_number(numerator, 0)} / {format_number(denominator, 0)}")


def _compared_cell(word: object) -> Cell:
    """A comparison as symbol and word; "not compared" as a dash (the caption says so)."""
    if not isinstance(word, str) or word == NOT_COMPARED:
        return Cell(MISSING)
    return comparison_cell(word)


def disparity_table(view: IndicatorView, comparators: Mapping[str, str]) -> Table:
    """Group, value, limits, numerator / denominator and each comparison in words.

    A ward's table compares with its authority and England; the WMCA area is in its chart
    (four comparison columns do not fit a portrait page at a readable size)."""
    if "authority" in comparators:
        comparators = {k: v for k, v in comparators.items() if k != "region"}
    rows = view.rows
    decimals = int(view.indicator.decimals)
    reference = group_phrase(view.comparator_group).removesuffix(" residents")
    compared: list[tuple[str, str]] = []
    if rows["comparison"].ne(NOT_COMPARED).any():
        compared.append(("comparison", f"vs {reference}"))
    for prefix, name in comparators.items():
        if f"{prefix}_value" in rows and rows[f"{prefix}_value"].notna().any():
            compared.append((f"vs_{prefix}", f"vs {name}"))
    body = []
    longest = 0
    for r in context_records(rows, (*_ROW_COLUMNS, *(key for key, _ in compared))):
        top = r.get("kind") in _TOP_KINDS
        mark = r.get("marker")
        label = _label(r)
        longest = max(longest, len(label))
        cells = [
            Cell(label, strong=top, indent=0 if top else 1),
            number_cell(r["value"], decimals, mark, strong=top),
            interval_cell(r["lower"], r["upper"], decimals, mark),
            _pair_cell(r["numerator"], r["denominator"], mark),
        ]
        cells += [_compared_cell(r[key]) for key, _ in compared]
        body.append(tuple(cells))
    columns = (Column("Ethnic group", "label", weight=1.2 if longest <= 14 else 2.3),
               Column("Value", "number", "right", 0.9),
               Column("95% limits", "number", "right", 1.45),
               Column("Numerator / denominator", "number", "right", 1.9),
               *(Column(title, "comparison", weight=1.45 if longest <= 14 else 1.15)
                 for _, title in compared))
    caption = (f"{view.indicator.name}, {view.area.name}, {view.period}. A comparison is "
               "significant only when the 95% confidence intervals do not overlap; "
               "– means not compared (a value or a limit is missing).")
    return Table(columns, tuple(body), caption=caption)
