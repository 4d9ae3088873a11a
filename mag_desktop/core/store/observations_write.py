"""An import's writes of observation rows and periods, and the reads it compares them with.

The importer (``ingest/commit.py``) decides which rows are new, changed or unchanged; this
module holds the SQL it runs to find the current rows of a file's slices, to check its codes,
to add its periods and to mark the rows it replaces. The rows themselves go in through
:mod:`.bulk_write`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

#: The columns :func:`current_rows` gives, in this order.
CURRENT_COLUMNS = ("row_id", "import_id", "indicator_code", "area_code", "period", "group_code",
                   "value", "numerator", "denominator", "lower", "upper", "marker")


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def add_periods(conn: sqlite3.Connection, rows: Iterable[tuple[str, str, str, str]]) -> None:
    """Inside a write: (label, kind, start, end) of periods, those already held left alone."""
    conn.executemany("INSERT OR IGNORE INTO period VALUES (?, ?, ?, ?)", rows)


def current_rows(conn: sqlite3.Connection, codes: Sequence[str], periods: Sequence[str]
                 ) -> list[tuple[Any, ...]]:
    """The current observations of these indicators in these periods (:data:`CURRENT_COLUMNS`)."""
    return conn.execute(
        f"SELECT {', '.join(CURRENT_COLUMNS)} FROM observation"
        f" WHERE superseded_by IS NULL AND indicator_code IN ({_marks(codes)})"
        f" AND period IN ({_marks(periods)})", [*codes, *periods],
    ).fetchall()


def held_slices(conn: sqlite3.Connection, codes: Sequence[str], periods: Sequence[str]
                ) -> set[tuple[str, str]]:
    """The (indicator, period) pairs among these that have current rows."""
    return set(conn.execute(
        "SELECT DISTINCT indicator_code, period FROM observation"
        f" WHERE superseded_by IS NULL AND indicator_code IN ({_marks(codes)})"
        f" AND period IN ({_marks(periods)})", [*codes, *periods]).fetchall())


def slices_of_indicator(conn: sqlite3.Connection, code: str) -> list[tuple[str, str]]:
    """The (indicator, period) pairs of one indicator that have current rows."""
    return conn.execute(
        "SELECT DISTINCT indicator_code, period FROM observation"
        " WHERE indicator_code = ? AND superseded_by IS NULL", (code,)).fetchall()


def known_codes(conn: sqlite3.Connection, table: str, codes: Sequence[str]) -> set[str]:
    """Those of ``codes`` that the store's ``area`` or ``ethnic_group`` table holds."""
    if table not in ("area", "ethnic_group"):
        raise ValueError(f"not a table of codes: {table}")
    return {r[0] for r in conn.execute(
        f"SELECT code FROM {table} WHERE code IN ({_marks(codes)})", list(codes))}


def supersede(conn: sqlite3.Connection, import_id: int, row_ids: Iterable[int]) -> None:
    """Inside a write: mark these current observations as replaced by the import."""
    conn.executemany("UPDATE observation SET superseded_by = ? WHERE row_id = ?",
                     [(import_id, r) for r in row_ids])
