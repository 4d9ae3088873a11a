"""The rows disclosure control reads and the ``observation.withheld`` flags it writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

import pandas as pd

#: The columns :func:`slice_rows` gives, in this order.
SLICE_COLUMNS = ("row_id", "indicator_code", "period", "area_code", "group_code", "value",
                 "numerator", "denominator", "marker", "withheld")


def area_parents(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    """(code, parent_code, level, membership) of every area that has a parent."""
    return [tuple(r) for r in conn.execute(  # type: ignore[misc]
        "SELECT code, parent_code, level, membership FROM area WHERE parent_code IS NOT NULL")]


def indicator_units(conn: sqlite3.Connection) -> list[tuple[str, str, int | None]]:
    """(code, unit, min_count) of every current indicator."""
    return [tuple(r) for r in conn.execute(  # type: ignore[misc]
        "SELECT code, unit, min_count FROM indicator WHERE superseded_by IS NULL")]


def slice_rows(conn: sqlite3.Connection, indicator: str, periods: Sequence[str]) -> pd.DataFrame:
    """Every current row of one indicator in the given periods (:data:`SLICE_COLUMNS`)."""
    marks = ",".join("?" * len(periods))
    cursor = conn.execute(
        f"SELECT {', '.join(SLICE_COLUMNS)} FROM observation INDEXED BY observation_current"
        f" WHERE indicator_code = ? AND superseded_by IS NULL AND period IN ({marks})",
        (indicator, *periods),
    )
    return pd.DataFrame(cursor.fetchall(), columns=list(SLICE_COLUMNS))


def set_flags(conn: sqlite3.Connection, changes: Iterable[tuple[int, int]]) -> None:
    """Inside a write: (withheld flag, row_id) pairs."""
    conn.executemany("UPDATE observation SET withheld = ? WHERE row_id = ?", list(changes))


def set_flags_of_current(conn: sqlite3.Connection,
                         changes: Iterable[tuple[int, str, str, str, str]]) -> None:
    """Inside a write: (withheld flag, indicator, area, period, group) of current rows."""
    conn.executemany(
        "UPDATE observation SET withheld = ? WHERE indicator_code = ? AND area_code = ?"
        " AND period = ? AND group_code = ? AND superseded_by IS NULL", list(changes))


def slices_of_import(conn: sqlite3.Connection, import_id: int) -> list[tuple[str, str]]:
    """The (indicator, period) slices an import wrote to (and so superseded rows in)."""
    return [tuple(r) for r in conn.execute(  # type: ignore[misc]
        "SELECT DISTINCT indicator_code, period FROM observation WHERE import_id = ?",
        (import_id,))]


def current_slices(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every (indicator, period) with current rows."""
    return [tuple(r) for r in conn.execute(  # type: ignore[misc]
        "SELECT DISTINCT indicator_code, period FROM observation WHERE superseded_by IS NULL")]
