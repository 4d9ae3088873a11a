"""The observation rows whose confidence limits a store fills in as an import would (when a
migration brings an older store forward), and the writing of those limits."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

#: The columns :func:`rows_without_limits` gives, in this order.
COLUMNS = ("row_id", "unit", "decimals", "value", "numerator", "denominator")


def mark_lone_supplied(conn: sqlite3.Connection, source: str) -> None:
    """Inside a write: rows with a limit but no ``limits_source`` get ``source``."""
    conn.execute("UPDATE observation SET limits_source = ? WHERE limits_source IS NULL"
                 " AND (lower IS NOT NULL OR upper IS NOT NULL)", (source,))


def rows_without_limits(conn: sqlite3.Connection, units: Sequence[str]) -> list[tuple[Any, ...]]:
    """Current observations of current indicators in one of ``units``, with a numerator and a
    denominator but no marker and no limits (:data:`COLUMNS`)."""
    return conn.execute(
        "SELECT o.row_id, i.unit, i.decimals, o.value, o.numerator, o.denominator"
        " FROM observation o JOIN indicator i"
        " ON i.code = o.indicator_code AND i.superseded_by IS NULL"
        " WHERE o.superseded_by IS NULL AND o.marker IS NULL AND o.lower IS NULL"
        " AND o.upper IS NULL AND o.numerator IS NOT NULL AND o.denominator IS NOT NULL"
        f" AND i.unit IN ({', '.join('?' * len(units))})", list(units)).fetchall()


def set_limits(conn: sqlite3.Connection,
               rows: Iterable[tuple[float, float, str, int]]) -> None:
    """Inside a write: (lower, upper, limits source, row_id) of each row."""
    conn.executemany(
        "UPDATE observation SET lower = ?, upper = ?, limits_source = ? WHERE row_id = ?", rows)
