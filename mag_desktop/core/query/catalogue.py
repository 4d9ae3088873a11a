"""The indicator catalogue: current definitions with how much data the store holds for them.

Counting two million observations on every keystroke would be slow, so the counts are taken
once per (store file, data version) - one pass over the ``observation_current`` index grouped by
indicator, area and period (a few tens of thousands of cells) - and kept in a small cache.
A filter then narrows that small frame: areas, periods, themes and search text.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, timedelta
from typing import Any

import pandas as pd

from mag_desktop.core.query import lookups
from mag_desktop.core.query.filters import Filter
from mag_desktop.core.store import import_log
from mag_desktop.core.store.reads import indicators, observations

COLUMNS = [
    "code", "name", "theme", "theme_name", "theme_position", "unit", "polarity", "decimals",
    "source", "frequency", "notes", "latest_period", "observations",
]
_CACHE_SIZE = 4
_cells_cache: dict[tuple[str, int], pd.DataFrame] = {}
_cells_lock = threading.Lock()
_since_cache: dict[tuple[str, int, date], frozenset[str]] = {}

def remember(cache: dict[Any, Any], key: tuple[Any, ...], value: object) -> None:
    """Keep ``value``, dropping older versions of the same store and the oldest entries."""
    for old in [k for k in cache if k[0] == key[0] and k[1] != key[1]]:
        del cache[old]
    cache[key] = value
    while len(cache) > _CACHE_SIZE:
        del cache[next(iter(cache))]


def observation_cells(conn: sqlite3.Connection) -> pd.DataFrame:
    """Current observations counted per (indicator, area, period), with each period's rank.

    Cached per (store file, data version); callers must not modify the frame.
    """
    key = lookups.store_key(conn)
    with _cells_lock:  # two jobs asking at once (overview, catalogue) scan the store once
        cached = _cells_cache.get(key)
        if cached is None:
            cached = observations.cells(conn)
            cached["rank"] = lookups.period_rank(cached["period"])
            remember(_cells_cache, key, cached)
    return cached


def definitions(conn: sqlite3.Connection) -> pd.DataFrame:
    """Current indicator definitions with their theme, in strategy order then name."""
    frame = indicators.definitions(conn)
    return frame.sort_values(["theme_position", "name", "code"], kind="stable")


def _cells_for(conn: sqlite3.Connection, flt: Filter) -> pd.DataFrame:
    cells = observation_cells(conn)
    areas = lookups.filter_areas(conn, flt)
    if areas is not None:
        cells = cells[cells["area_code"].isin(areas)]
    if flt.period_from or flt.period_to:
        inside = lookups.periods_within(cells["period"].unique(), flt.period_from, flt.period_to)
        cells = cells[cells["period"].map(inside).fillna(False).astype(bool)]
    return cells


def indicator_catalogue(conn: sqlite3.Connection, flt: Filter | None = None) -> pd.DataFrame:
    """Current indicator definitions grouped by theme (strategy order), each with its latest
    period and number of current observations for the filter's areas and periods.

    Narrowed by the filter's themes and by its text (in the code or name, any case). Every
    matching definition is listed, with 0 observations when the filter's areas have none.
    """
    flt = flt or Filter()
    frame = definitions(conn)
    if flt.themes:
        frame = frame[frame["theme"].isin(flt.themes)]
    if flt.text:
        needle = flt.text.casefold()
        haystack = frame["code"].str.casefold() + "\n" + frame["name"].str.casefold()
        frame = frame[haystack.str.contains(needle, regex=False)]
    cells = _cells_for(conn, flt)
    counts = cells.groupby("code")["n"].sum()
    latest = cells.sort_values("rank", kind="stable").drop_duplicates("code", keep="last")
    frame = frame.assign(
        latest_period=frame["code"].map(latest.set_index("code")["period"]),
        observations=frame["code"].map(counts).fillna(0).astype("int64"),
    )
    return frame[COLUMNS].reset_index(drop=True)


def indicators_imported_since(conn: sqlite3.Connection, day: date) -> frozenset[str]:
    """Codes of indicators with current observations from imports committed after ``day``."""
    key = (*lookups.store_key(conn), day)
    cached = _since_cache.get(key)
    if cached is None:
        after = (day + timedelta(days=1)).isoformat()
        imports = import_log.committed_since(conn, after)
        codes: set[str] = set()
        for import_id in imports:  # one indexed query per import, not per observation
            codes.update(observations.indicators_of_import(conn, import_id))
        cached = frozenset(codes)
        remember(_since_cache, key, cached)
    return cached
