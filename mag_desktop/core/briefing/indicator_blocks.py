"""One indicator's charts and disparity table, as data, from an ``IndicatorView`` and a trend.

* The **groups chart** has one bar per ethnic group (95% whiskers) beside comparator areas
  (WMCA, England, and the authority for a ward) drawn as markers. "All ethnic groups" is drawn
  as a reference line rather than a bar; for shares and counts (where it is the whole) it is
  left out. Comparators are left out for counts and £ amounts, whose scale depends on the size
  of the area.
* The **trend chart** follows "All ethnic groups" and the five headings over the periods held.
* The **table** shows every group the view returns, suppressed cells as their marker.
* A chart with no value to draw (every figure suppressed or not held) is never drawn: a
  sentence says why in its place (:func:`chart_block`), in every renderer.
* For a share of a whole (unit "%", "All ethnic groups" = 100), the trend leaves out the flat
  "All ethnic groups" line at 100, which says nothing and stretched the axis past 100%.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from mag_desktop.core import ethnicity
from mag_desktop.core.briefing.context import (
    comparison_cell,
    interval_cell,
    marker_of,
    missing,
    number_cell,
)
from mag_desktop.core.briefing.context import records as context_records
from mag_desktop.core.briefing.model import (
    Block,
    Cell,
    Chart,
    Column,
    Paragraph,
    Series,
    Table,
)
from mag_desktop.core.disparity import RATIO_UNITS
from mag_desktop.core.formatting import MISSING, format_marker, format_number
from mag_desktop.core.query import IndicatorView
from mag_desktop.core.stats import NOT_COMPARED

TREND_GROUPS = ("ALL", "ASIAN", "BLACK", "MIXED", "WHITE", "OTHER")
_TOP_KINDS = ("all", "heading", "aggregate", "unknown")


Row = Mapping[str, Any]


def _floats(values: Iterable[object]) -> tuple[float | None, ...]:
    return tuple(None if missing(v) else float(v) for v in values)  # type: ignore[arg-type]


def view_records(view: IndicatorView) -> list[dict[str, Any]]:
    """The view's rows as dicts, converted once and shared by the chart and the table."""
    return context_records(view.rows)


def _label(row: Row) -> str:
    for key in ("short_label", "label", "group_label", "group_code"):
        if isinstance(row.get(key), str) and row[key]:
            return str(row[key])
    return "?"


def ethnicity_label(code: str) -> str:
    """A group's short label ("White British"), or "all ethnic groups"."""
    if code == "ALL":
        return "all ethnic groups"
    try:
        return ethnicity.group(code).short_label
    except KeyError:
        return code


def _is_share(unit: str, everyone: Row | None) -> bool:
    """True when "All ethnic groups" is the whole (a share of 100%, or a count)."""
    if unit not in RATIO_UNITS:
        return True
    value = None if everyone is None else everyone.get("value")
    return unit == "%" and not missing(value) and float(value) > 99.9  # type: ignore[arg-type]


def groups_chart(view: IndicatorView, rows: list[dict[str, Any]],
                 comparators: Mapping[str, str], title: str) -> Chart:
    """``comparators``: column prefix in ``view.rows`` ("region") -> series name ("WMCA")."""
    unit, decimals = str(view.indicator.unit), int(view.indicator.decimals)
    everyone = next((r for r in rows if r["group_code"] == "ALL"), None)
    shown = [r for r in rows if r["group_code"] != "ALL"]
    series = [Series(view.area.name, _floats(r["value"] for r in shown),
                     _floats(r["lower"] for r in shown), _floats(r["upper"] for r in shown),
                     tuple(marker_of(r["marker"]) for r in shown), role="area", key="area",
                     flags=tuple(r.get("flag") or None for r in shown))]
    if unit in RATIO_UNITS:
        for prefix, name in comparators.items():
            values = _floats(r.get(f"{prefix}_value") for r in shown)
            if any(v is not None for v in values):
                series.append(Series(name, values, _floats(r[f"{prefix}_lower"] for r in shown),
                                     _floats(r[f"{prefix}_upper"] for r in shown),
                                     role="comparator", key=prefix))
    reference, reference_label = None, ""
    if not _is_share(unit, everyone) and everyone and not missing(everyone["value"]):
        reference = float(everyone["value"])
        reference_label = f"All ethnic groups in {view.area.name}"
    return Chart(
        kind="groups", title=title,
        labels=tuple(f"{_label(r)} {r['flag']}" if r.get("flag") else _label(r) for r in shown),
        series=tuple(series), unit=unit, decimals=decimals,
        levels=tuple(0 if r.get("kind") in _TOP_KINDS else 1 for r in shown),
        reference=reference, reference_label=reference_label,
        description=f"{view.indicator.name} by ethnic group in {view.area.name}, "
                    f"{view.period}"
                    + (", with 95% confidence intervals" if any(
                        v is not None for v in series[0].upper or ()) else "")
                    + (f", beside {', '.join(s.name for s in series[1:])}" if len(series) > 1
                       else "") + ".",
    )


def no_chart_words(chart: Chart, what: str, area: str) -> str:
    """Why a chart is not drawn: "No trend chart: every figure for Birmingham is suppressed
    ([c]) or not held." (``what``: "Trend chart", "Chart")."""
    kinds: dict[str, list[str]] = {}
    for mark in chart.markers():
        kinds.setdefault(format_marker(mark).removeprefix(mark).strip(), []).append(mark)
    words = [f"{kind} ({', '.join(marks)})" for kind, marks in kinds.items()]
    unmarked = any(v is None and not (s.markers and s.markers[i])
                   for s in chart.series for i, v in enumerate(s.values))
    if unmarked or not words:
        words.append("not held")
    return f"No {what.lower()}: every figure for {area} is {' or '.join(words)}."


def chart_block(chart: Chart, what: str, area: str) -> Block:
    """The chart, or the sentence saying why there is none when it has no value to draw."""
    return chart if chart.drawable else Paragraph(no_chart_words(chart, what, area), "small")


def is_whole(unit: str, values: Iterable[float | None]) -> bool:
    """True when a series is the whole of a share (unit "%", every value held is 100)."""
    held = [v for v in values if v is not None]
    return unit == "%" and bool(held) and all(v > 99.9 for v in held)


def trend_chart(frame: pd.DataFrame, view: IndicatorView, title: str,
                groups: tuple[str, ...] = TREND_GROUPS) -> Chart | None:
    """Values over the periods held, for ``groups`` (all ethnic groups and the five headings
    unless a member chose others)."""
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
    unit = str(view.indicator.unit)
    series = [Series(names[code], tuple(values[code]), markers=tuple(markers[code]), key=code)
              for code in groups if code in values
              and not (code == "ALL" and is_whole(unit, values[code]))]
    if not series:
        return None
    drawn = [s for s in series if any(v is not None for v in s.values)]
    blank = [s.name for s in series if s not in drawn]
    # a group with no value at any period has no line: it is named, not given a legend entry
    # (unless no group has a value, when the chart is replaced by a sentence built from them)
    left_out = (f" No figure for {', '.join(blank)} is held at any of these periods "
                "(suppressed or not held)." if drawn and blank else "")
    return Chart(
        kind="trend", title=title, labels=periods, series=tuple(drawn or series),
        unit=unit, decimals=int(view.indicator.decimals),
        description=f"{view.indicator.name} in {view.area.name} from {periods[0]} to "
                    f"{periods[-1]}, for " + ", ".join(s.name for s in drawn or series) + "."
                    + left_out,
    )


def _pair_cell(numerator: object, denominator: object, marker: object) -> Cell:
    mark = marker_of(marker)
    if mark is not None:
        return Cell(mark, suppressed=True)
    if missing(numerator) and missing(denominator):
        return Cell(MISSING)
    return Cell(f"{format_number(numerator, 0)} / {format_number(denominator, 0)}")


def _value_cell(row: Row, decimals: int, strong: bool) -> Cell:
    """The value, "[u]" beside it when it rests on few events; the marker when suppressed."""
    cell = number_cell(row["value"], decimals, row.get("marker"), strong=strong)
    flag = row.get("flag")
    if cell.suppressed or not flag:
        return cell
    return Cell(f"{cell.text} {flag}", strong=strong)


def _compared_cell(word: object) -> Cell:
    """A comparison as symbol and word; "not compared" as a dash (the caption says so)."""
    if not isinstance(word, str) or word == NOT_COMPARED:
        return Cell(MISSING)
    return comparison_cell(word)


def _extra_columns(view: IndicatorView, rows: list[dict[str, Any]],
                   comparators: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(kind, column in ``view.rows``, title) for each comparison shown: the words when any
    comparison could be made, else the comparator's own value (shares without intervals)."""
    reference = ethnicity_label(view.comparator_group)
    extra: list[tuple[str, str, str]] = []
    if any(r["comparison"] != NOT_COMPARED for r in rows):
        extra.append(("word", "comparison", f"vs {reference}"))
    for prefix, name in comparators.items():
        column = f"{prefix}_value"
        if not any(not missing(r.get(column)) for r in rows):
            continue
        if any(r[f"vs_{prefix}"] != NOT_COMPARED for r in rows):
            extra.append(("word", f"vs_{prefix}", f"vs {name}"))
        elif str(view.indicator.unit) in RATIO_UNITS:
            extra.append(("value", column, name))
    return extra


def disparity_table(view: IndicatorView, rows: list[dict[str, Any]],
                    comparators: Mapping[str, str]) -> Table:
    """Group, value, limits, numerator / denominator and each comparison in words. Columns
    with nothing to show (no intervals held, no numerators) are left out.

    A ward's table compares with its authority and England; the WMCA area is in its chart
    (four comparison columns do not fit a portrait page at a readable size)."""
    if "authority" in comparators:
        comparators = {k: v for k, v in comparators.items() if k != "region"}
    decimals = int(view.indicator.decimals)
    extra = _extra_columns(view, rows, comparators)
    body = []
    longest = 0
    for r in rows:
        top = r.get("kind") in _TOP_KINDS
        mark = r.get("marker")
        label = _label(r)
        longest = max(longest, len(label))
        cells = [
            Cell(label, strong=top, indent=0 if top else 1),
            _value_cell(r, decimals, top),
            interval_cell(r["lower"], r["upper"], decimals, mark),
            _pair_cell(r["numerator"], r["denominator"], mark),
        ]
        cells += [_compared_cell(r[c]) if kind == "word" else number_cell(r[c], decimals)
                  for kind, c, _ in extra]
        body.append(tuple(cells))
    wide = longest > 14
    flagged = any(r.get("flag") for r in rows)  # "12.3 [u]" needs a wider value column
    columns = [Column("Ethnic group", "label", weight=(2.0 if flagged else 2.15) if wide else 1.2),
               Column("Value", "number", "right", 1.2 if flagged else 0.9),
               Column("95% limits", "number", "right", 1.45),
               Column("Numerator / denominator", "number", "right", 1.9 if flagged else 2.05),
               *(Column(title, "comparison" if kind == "word" else "number",
                        "left" if kind == "word" else "right", 1.15 if wide else 1.45)
                 for kind, _, title in extra)]
    keep = [0, 1] + [j for j in range(2, len(columns))
                     if any(row[j].text != MISSING for row in body)]
    caption = f"{view.indicator.name}, {view.area.name}, {view.period}."
    if any(r.get("flag") for r in rows):
        caption += (f" [u]: low reliability, resting on fewer than "
                    f"{view.indicator.min_count} events.")
    if any(r.get("marker") == "[c]" for r in rows):
        caption += (" [c]: suppressed, by the publisher or to protect another figure (one that "
                    "could otherwise be worked out by subtraction).")
    if any(columns[j].role == "comparison" for j in keep):
        caption += (" A comparison is significant only when the 95% confidence intervals do "
                    "not overlap; – means not compared (a value or a limit is missing).")
    return Table(tuple(columns[j] for j in keep),
                 tuple(tuple(row[j] for j in keep) for row in body), caption=caption)
