"""Small lookups every query module shares: period order, areas, statuses and the store's identity.

Periods are ordered with :func:`mag_desktop.core.periods.parse_period` (end date, then start
date, then kind), never by their labels: "2025 Q4" comes before "2026 Q1" and a financial
quarter sorts with the calendar quarter it covers. Ordering is computed for the few distinct
labels only and then mapped onto columns, so it stays vectorised.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

from mag_desktop.core import ethnicity
from mag_desktop.core.errors import MagError
from mag_desktop.core.periods import Period, PeriodError, parse_period
from mag_desktop.core.query.filters import Filter
from mag_desktop.core.store.reads import areas, meta, vocabulary

_UNKNOWN_KEY = (date.min, date.min, -1)


class NotFoundError(MagError, LookupError):
    """The commitment, indicator or area asked for is not in the store."""


# -- periods --------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def period_of(label: str) -> Period | None:
    """The period a stored label names, or None when it cannot be read."""
    try:
        return parse_period(label)
    except (PeriodError, TypeError):
        return None


def period_key(label: str) -> tuple[date, date, int]:
    """Chronological sort key of a label; unreadable labels sort first (oldest)."""
    found = period_of(label)
    return found.sort_key() if found is not None else _UNKNOWN_KEY


def period_order(labels: Iterable[str]) -> dict[str, int]:
    """Dense rank of each distinct label, oldest first (0), by :func:`period_key`."""
    distinct = sorted({str(label) for label in labels}, key=lambda s: (period_key(s), s))
    return {label: rank for rank, label in enumerate(distinct)}


def period_rank(column: pd.Series) -> pd.Series:
    """Each label's chronological rank (int); NaN labels get -1."""
    order = period_order(column.dropna().unique())
    return column.map(order).fillna(-1).astype("int64")


def period_end(column: pd.Series) -> pd.Series:
    """Each label's last day as datetime64 (NaT when unreadable)."""
    ends = {}
    for label in column.dropna().unique():
        found = period_of(str(label))
        ends[label] = pd.Timestamp(found.end) if found is not None else pd.NaT
    return pd.to_datetime(column.map(ends))


def latest_period(labels: Iterable[str]) -> str | None:
    """The most recent of ``labels`` (None when there are none)."""
    distinct = {str(label) for label in labels}
    return max(distinct, key=lambda s: (period_key(s), s)) if distinct else None


def periods_within(
    labels: Iterable[str], period_from: str | None, period_to: str | None
) -> dict[str, bool]:
    """Label -> whether the period ends within [start of ``period_from``, end of
    ``period_to``] (an open end when None); unreadable labels are outside."""
    first = period_of(period_from) if period_from else None
    last = period_of(period_to) if period_to else None
    inside: dict[str, bool] = {}
    for label in {str(label) for label in labels}:
        found = period_of(label)
        inside[label] = found is not None and (
            (first is None or found.end >= first.start) and (last is None or found.end <= last.end)
        )
    return inside


# -- the store ------------------------------------------------------------------------------
def data_version(conn: sqlite3.Connection) -> int:
    return meta.data_version(conn)


def store_key(conn: sqlite3.Connection) -> tuple[str, int]:
    """(database file, data version): the key of every cache in the query layer."""
    return meta.database_file(conn), data_version(conn)


# -- areas ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AreaInfo:
    code: str
    name: str
    level: str
    parent_code: str | None
    parent_name: str | None


def area_info(conn: sqlite3.Connection, code: str) -> AreaInfo:
    """The area with this code and its parent; NotFoundError when the store does not hold it."""
    row = areas.with_parent(conn, code)
    if row is None:
        raise NotFoundError(f"{code} is not an area the store knows")
    return AreaInfo(*row)


def ward_authorities(conn: sqlite3.Connection, wards: Iterable[str]) -> dict[str, str]:
    """Ward code -> its authority's code, for the wards the store knows."""
    return {code: parent for code, parent in areas.ward_parents(conn, tuple(wards)) if parent}


def filter_areas(conn: sqlite3.Connection, flt: Filter) -> tuple[str, ...] | None:
    """The areas a filter points at: its wards, its authorities and their wards (None = all)."""
    if not flt.authorities and not flt.wards:
        return None
    codes = list(flt.authorities) + list(flt.wards)
    codes += areas.wards_of(conn, flt.authorities)
    return tuple(dict.fromkeys(codes))


# -- vocabularies as the store holds them ---------------------------------------------------
def statuses(conn: sqlite3.Connection) -> pd.DataFrame:
    """The status table in rank order: code, label, glyph, colour, rank, open (bool)."""
    frame = pd.DataFrame(vocabulary.statuses(conn),
                         columns=["code", "label", "glyph", "colour", "rank", "open"])
    return frame.astype({"rank": "int64", "open": "bool"})


def label_lookup(conn: sqlite3.Connection) -> Callable[[str, str], str]:
    """A ``names(key, code)`` function for :meth:`Filter.describe`, reading the store's names."""
    local = areas.local_names(conn)
    tables = {
        "authorities": local,
        "wards": local,
        "themes": vocabulary.theme_short_names(conn),
        "statuses": vocabulary.status_labels(conn),
        "groups": {g.code: g.short_label for g in ethnicity.groups()},
    }

    def names(key: str, code: str) -> str:
        return tables.get(key, {}).get(code, code)

    return names
