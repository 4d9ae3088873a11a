"""A chart's figures in words and as a table: the plain-words summary a screen reader gives for
a chart (highest, lowest, the comparators, how a trend moved) and the rows of its "Show as
table" view. Written from the very :class:`Chart` the window and the pack draw, so the words
and the picture cannot disagree. No Qt here: any renderer can use it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from mag_desktop.core import vocab
from mag_desktop.core.briefing.model import Chart, Series
from mag_desktop.core.formatting import MISSING, format_count, format_value


@dataclass(frozen=True)
class Figures:
    """``headers`` name the columns; each row starts with its name (a group, a period)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    summary: str


def _shown(series: Series, i: int, unit: str, decimals: int) -> str:
    value = series.values[i] if i < len(series.values) else None
    if value is None:
        mark = series.markers[i] if series.markers and i < len(series.markers) else None
        return mark or MISSING
    return format_value(value, unit, decimals)


def _limits(series: Series, i: int, decimals: int, unit: str) -> str:
    if not series.lower or not series.upper:
        return MISSING
    lo, hi = series.lower[i], series.upper[i]
    if lo is None or hi is None:
        return MISSING
    return f"{format_value(lo, unit, decimals)} to {format_value(hi, unit, decimals)}"


def _base(chart: Chart) -> str:
    return (chart.description or chart.title).rstrip(". ")


def groups_figures(chart: Chart) -> Figures:
    """Values by ethnic group beside the comparators, with their 95% limits."""
    unit, places = chart.unit, chart.decimals
    area = chart.series[0] if chart.series else None
    headers = ["Ethnic group"]
    for series in chart.series:
        headers.append(series.name)
        if series.lower and any(v is not None for v in series.lower):
            headers.append(f"{series.name}: 95% limits")
    rows: list[tuple[str, ...]] = []
    for i, label in enumerate(chart.labels):
        cells = [label]
        for series in chart.series:
            cells.append(_shown(series, i, unit, places))
            if series.lower and any(v is not None for v in series.lower):
                cells.append(_limits(series, i, places, unit))
        rows.append(tuple(cells))
    if chart.reference is not None:
        ref = [chart.reference_label or "All ethnic groups",
               format_value(chart.reference, unit, places)]
        rows.append(tuple(ref + [""] * (len(headers) - 2)))
    parts = [_base(chart)]
    held = [(v, chart.labels[i]) for i, v in enumerate(area.values if area else ())
            if v is not None and i < len(chart.labels)]
    if held:
        top = max(held, key=lambda p: p[0])
        low = min(held, key=lambda p: p[0])
        parts.append(f"highest {top[1]} {format_value(top[0], unit, places)}, "
                     f"lowest {low[1]} {format_value(low[0], unit, places)}")
    else:
        parts.append("no figures held for any group")
    if chart.reference is not None:
        parts.append(f"{chart.reference_label or 'All ethnic groups'} "
                     f"{format_value(chart.reference, unit, places)}")
    for series in chart.series[1:]:
        values = [v for v in series.values if v is not None]
        if values:
            parts.append(f"{series.name} from {format_value(min(values), unit, places)} to "
                         f"{format_value(max(values), unit, places)}")
    return Figures(chart.title, tuple(headers), tuple(rows), "; ".join(parts) + ".")


def trend_figures(chart: Chart) -> Figures:
    """One row per period, one column per group; the summary says where each line went."""
    unit, places = chart.unit, chart.decimals
    headers = ("Period", *(s.name for s in chart.series))
    rows = tuple((str(period), *(_shown(s, i, unit, places) for s in chart.series))
                 for i, period in enumerate(chart.labels))
    moves = []
    for series in chart.series:
        held = [(chart.labels[i], v) for i, v in enumerate(series.values)
                if v is not None and i < len(chart.labels)]
        if len(held) >= 2:
            (first_p, first), (last_p, last) = held[0], held[-1]
            word = "up" if last > first else "down" if last < first else "unchanged"
            moves.append(f"{series.name} {format_value(first, unit, places)} in {first_p} to "
                         f"{format_value(last, unit, places)} in {last_p} ({word})")
        elif held:
            moves.append(f"{series.name} {format_value(held[0][1], unit, places)} in "
                         f"{held[0][0]} only")
    summary = "; ".join([_base(chart), *moves]) + "."
    return Figures(chart.title, headers, rows, summary)


def residents_figures(frame: pd.DataFrame, title: str,
                      names: Sequence[str] = ("Ward", "Authority")) -> Figures:
    """Residents by ethnic group (Census): every group's count and share beside the
    authority's share; the summary gives the broad groups' shares, largest first."""
    ward, authority = names
    headers = ("Ethnic group", "Residents", f"{ward} (%)", f"{authority} (%)")
    rows = []
    for r in frame.to_dict("records"):
        label = str(r.get("short_label") or r.get("label") or r.get("group_code"))
        rows.append((label, format_count(r.get("count")), format_value(r.get("percent"), "%", 1),
                     format_value(r.get("authority_percent"), "%", 1)))
    headings = frame[frame["kind"] == "heading"] if "kind" in frame else frame.iloc[0:0]
    shares = []
    for r in headings.sort_values("percent", ascending=False, na_position="last").to_dict(
            "records"):
        shares.append(f"{r.get('short_label') or r.get('group_code')} "
                      f"{format_value(r.get('percent'), '%', 1)} "
                      f"({authority} {format_value(r.get('authority_percent'), '%', 1)})")
    summary = f"Residents by ethnic group, {title}, Census 2021"
    summary += (": " + "; ".join(shares) + ".") if shares else ": no figures held."
    return Figures(title, headers, tuple(rows), summary)


def no_chart_sentence(chart: Chart) -> str:
    """Why a chart is not drawn: no figure is held, and the markers that stand instead."""
    marks = sorted({m for s in chart.series for m in (s.markers or ()) if m})
    meanings = vocab.suppression_markers()
    why = ("; ".join(f"{m} ({meanings.get(m, 'not available')})" for m in marks)
           if marks else "no figures have been imported")
    return (f"{chart.title}: no chart is drawn because no figure is held for any "
            f"{'period' if chart.kind == 'trend' else 'ethnic group'}: {why}.")
