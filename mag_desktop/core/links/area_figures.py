"""One indicator's figures for one area, every period and group, read and shaped once per
store version: a link's progress asks of them many times (every link to the indicator in the
area, the quick filter's pass over every link, a pack's links)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from mag_desktop.core.domain import IndicatorDef
from mag_desktop.core.links.gap import Figure, figure, number
from mag_desktop.core.query import lookups
from mag_desktop.core.query.memo_cache import StoreMemo
from mag_desktop.core.store.reads import observations

Key = tuple[str, str]  # (period, group code)


@dataclass(frozen=True)
class Shown:
    """A figure as stored and shown (rounded), or its marker."""

    value: float | None
    lower: float | None
    upper: float | None
    marker: str | None


@dataclass(frozen=True)
class AreaFigures:
    """The rows as read; each figure is worked out when first asked for (a link needs two
    groups' figures of the dozens read)."""

    ind: IndicatorDef
    periods: tuple[str, ...]  # the periods with any row, oldest first
    groups: tuple[str, ...]  # the groups with any row, in the order first read
    #: (value, numerator, denominator, lower, upper, marker, withheld, limits_source)
    rows: dict[Key, tuple[Any, ...]]
    _exact: dict[Key, Figure] = field(default_factory=dict, compare=False, repr=False)

    def exact(self, key: Key) -> Figure:
        """A group's unrounded figure at a period, for gaps (missing when not held)."""
        found = self._exact.get(key)
        if found is None:
            row = self.rows.get(key)
            found = figure(row[0], row[1], row[2], row[3], row[4], self.ind,
                           rounded_limits=row[7] == "supplied") if row else MISSING
            self._exact[key] = found
        return found

    def shown(self, key: Key) -> Shown:
        """A figure as stored and shown (rounded), or its marker, for charts."""
        row = self.rows.get(key)
        if row is None:
            return Shown(None, None, None, None)
        value, _, _, lower, upper, marker, *_ = row
        return Shown(number(value), number(lower), number(upper),
                     None if marker is None else str(marker))


_memo: StoreMemo[AreaFigures] = StoreMemo(1024)
MISSING = Figure(None, None, None)


def _read(conn: sqlite3.Connection, ind: IndicatorDef, area: str) -> AreaFigures:
    rows = observations.figure_rows(conn, ind.code, area)
    order = lookups.period_order(r[0] for r in rows)
    rows.sort(key=lambda r: order[r[0]])  # stable: groups keep the order read
    return AreaFigures(ind, tuple(dict.fromkeys(str(r[0]) for r in rows)),
                       tuple(dict.fromkeys(str(r[1]) for r in rows)),
                       {(str(r[0]), str(r[1])): tuple(r[2:10]) for r in rows})


def area_figures(conn: sqlite3.Connection, ind: IndicatorDef, area: str) -> AreaFigures:
    """The indicator's figures for the area (read once per store version)."""
    return _memo.get(conn, (ind.code, area), lambda: _read(conn, ind, area))


def clear() -> None:
    """Forget every area's figures (for benchmarks timing a first read)."""
    _memo.clear()
