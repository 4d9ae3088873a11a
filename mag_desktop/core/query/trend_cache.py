"""Trends for every ward of an authority at once, then sliced per ward.

:func:`mag_desktop.core.query.indicators.trend` for a ward is cut from one read of the
indicator over time in all the authority's wards, ordered and labelled in one pass and kept per
store file and data version; any other area's trend is kept whole. Each answer is a new frame
with exactly the rows, order and column types the single-area read gives.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mag_desktop.core.query import lookups
from mag_desktop.core.query.memo_cache import StoreMemo
from mag_desktop.core.query.ward_views_cache import area_info, group_table
from mag_desktop.core.store.reads import areas, observations

COLUMNS = ["period", "period_end", "group_code", "value", "lower", "upper", "marker",
           "short_label"]
#: columns whose type a single area's read infers from its own rows (None alone: object)
_INFERRED = ("value", "lower", "upper", "marker")
_LAST = int(np.iinfo(np.int32).max)


@dataclass(frozen=True)
class WardTrends:
    frame: pd.DataFrame  # every ward's trend rows (``COLUMNS`` and "area_code"), ward by ward
    spans: dict[str, tuple[int, int]]  # ward -> its rows' positions in ``frame``


_families: StoreMemo[WardTrends] = StoreMemo(64)
_whole: StoreMemo[pd.DataFrame] = StoreMemo(256)


def shaped(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Rows read over time given period_end and short_label, sorted by ``by`` then period,
    publishing order and group (what :func:`indicators.trend` does to one area's rows)."""
    meta = group_table().set_index("group_code")
    frame = frame.assign(
        period_end=lookups.period_end(frame["period"]),
        rank=lookups.period_rank(frame["period"]),
        order=frame["group_code"].map(meta["order"]).fillna(_LAST),
        short_label=frame["group_code"].map(meta["short_label"]),
    )
    return frame.sort_values([*by, "rank", "order", "group_code"], kind="stable")


def _build(conn: sqlite3.Connection, indicator: str, parent: str,
           groups: tuple[str, ...]) -> WardTrends:
    wards = areas.wards_of(conn, (parent,))
    frame = observations.of_indicators(conn, (indicator,), wards) if wards else None
    if frame is None or frame.empty:
        return WardTrends(pd.DataFrame(columns=["area_code", *COLUMNS]), {})
    if groups:
        frame = frame[frame["group_code"].isin(set(groups))]
    frame = shaped(frame, ["area_code"])[["area_code", *COLUMNS]].reset_index(drop=True)
    codes = frame["area_code"].to_numpy()
    spans: dict[str, tuple[int, int]] = {}
    if len(codes):
        edges = np.flatnonzero(codes[1:] != codes[:-1]) + 1
        starts, stops = np.concatenate(([0], edges)), np.concatenate((edges, [len(codes)]))
        spans = {str(codes[a]): (int(a), int(b)) for a, b in zip(starts, stops, strict=True)}
    return WardTrends(frame, spans)


def ward_trend(conn: sqlite3.Connection, indicator: str, area_code: str,
               groups: tuple[str, ...], within: tuple[str | None, str | None],
               alone: Callable[[], pd.DataFrame]) -> pd.DataFrame | None:
    """A ward's trend cut from its authority's (None when the area is not a ward, or the ward
    has rows but none within the range: the caller reads it alone). A ward with no rows at all
    gets the empty trend ``alone()`` reads, read once for all such wards of the authority
    (an empty read is the same for any of them)."""
    area = area_info(conn, area_code)
    if area.level != "ward" or not area.parent_code:
        return None
    parent = area.parent_code
    found = _families.get(conn, (indicator, parent, groups),
                          lambda: _build(conn, indicator, parent, groups))
    start, stop = found.spans.get(area_code, (0, 0))
    if start == stop:
        return _whole.get(conn, ("no rows", indicator, parent, groups, within), alone).copy()
    frame = found.frame.iloc[start:stop][COLUMNS].reset_index(drop=True)
    for column in _INFERRED:  # as one ward's read types them: no value at all reads as None
        if frame[column].isna().all():
            frame[column] = pd.Series([None] * len(frame), dtype=object)
    if within[0] or within[1]:
        inside = lookups.periods_within(frame["period"].unique(), *within)
        frame = frame[frame["period"].map(inside).fillna(False).astype(bool)]
        if frame.empty:
            return None
        frame = frame.reset_index(drop=True)
    return frame


def whole_trend(conn: sqlite3.Connection, key: tuple[object, ...],
                read: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """Any other area's trend, read once per store version (a copy each time)."""
    return _whole.get(conn, key, read).copy()
