"""The figures a link's progress shows beside its sentence: the latest value of every group
(worded, as the indicator view words them) and a small chart of the two groups it compares."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pandas as pd

from mag_desktop.core.briefing.model import Chart, Series
from mag_desktop.core.domain import IndicatorDef
from mag_desktop.core.formatting import format_comparison, format_number, format_value
from mag_desktop.core.links.area_figures import AreaFigures
from mag_desktop.core.links.progress_model import GroupFigure
from mag_desktop.core.links.words import short_name
from mag_desktop.core.query.indicators import indicator_view
from mag_desktop.core.query.memo_cache import StoreMemo

_views: StoreMemo[tuple[GroupFigure, ...]] = StoreMemo(512)


def _held(x: object) -> bool:
    return x is not None and not (isinstance(x, float) and pd.isna(x))


def _label(code: str, short: object) -> str:
    if code == "ALL":
        return "All ethnic groups"
    return str(short) if _held(short) and str(short) else short_name(code)


def _by_group(conn: sqlite3.Connection, ind: IndicatorDef, area_code: str, period: str,
              comparator: str) -> tuple[GroupFigure, ...]:
    view = indicator_view(conn, ind.code, area_code, period, comparator_group=comparator)
    if view.period != period:
        return ()
    unit, places = str(ind.unit), ind.decimals
    out = []
    for row in view.rows.to_dict("records"):
        code = str(row["group_code"])
        marker = row.get("marker")
        value = format_value(row["value"], unit, places) if _held(row["value"]) else \
            str(marker) if _held(marker) else "–"
        if _held(row["value"]) and row.get("flag"):  # "[u]": it rests on few events
            value = f"{value} {row['flag']}"
        interval = (f"{format_number(row['lower'], places)} to "
                    f"{format_number(row['upper'], places)}"
                    if _held(row.get("lower")) and _held(row.get("upper")) else "")
        word = str(row.get("comparison") or "")
        comparison = "the comparator" if code == view.comparator_group else \
            format_comparison(word) if word else ""  # shape and word, as the indicator view
        out.append(GroupFigure(code, _label(code, row.get("short_label")), value, interval,
                               comparison, False))
    return tuple(out)


def latest_by_group(conn: sqlite3.Connection, ind: IndicatorDef, area_code: str,
                    period: str | None, focus: str | None,
                    comparator: str) -> tuple[GroupFigure, ...]:
    """Every group's figure at ``period`` for the area, compared with ``comparator`` (the
    figures and words of the indicator view, so the two never disagree; read once per store
    version); () without one. The focus and comparator groups are marked."""
    if period is None:
        return ()
    rows = _views.get(conn, (ind.code, area_code, period, comparator),
                      lambda: _by_group(conn, ind, area_code, period, comparator))
    return tuple(replace(r, focus=r.group in (focus, comparator)) for r in rows)


def chart_of(ind: IndicatorDef, area: str, held: AreaFigures, periods: tuple[str, ...],
             focus: str | None, comparator: str) -> Chart | None:
    """The two groups over ``periods`` as shown (rounded), their 95% limits carried for any
    renderer that draws them (the description claims none: trend charts draw lines only);
    None with fewer than two periods (one point is not a trend) or no focus group."""
    if focus is None or len(periods) < 2:
        return None
    series = []
    for code in (focus, comparator):
        shown = [held.shown((p, code)) for p in periods]
        series.append(Series(
            _label(code, None), tuple(f.value for f in shown), tuple(f.lower for f in shown),
            tuple(f.upper for f in shown),
            tuple(f.marker if f.value is None else None for f in shown), key=code))
    names = " and ".join(s.name for s in series)
    return Chart(
        kind="trend", title=f"{ind.name}: {names}, {area}", labels=periods,
        series=tuple(series), unit=str(ind.unit), decimals=int(ind.decimals),
        description=f"{ind.name} in {area} from {periods[0]} to {periods[-1]}, for {names}.",
    )
