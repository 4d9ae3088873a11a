"""Current indicator definitions."""

from __future__ import annotations

import sqlite3
from typing import Any

import pandas as pd

_DEFINITIONS_SQL = """
SELECT i.code, i.name, i.theme_code AS theme, t.name AS theme_name,
       t.position AS theme_position, i.unit, i.polarity, i.decimals, i.source, i.frequency,
       i.notes, i.population, i.min_count
FROM indicator i JOIN theme t ON t.code = i.theme_code
WHERE i.superseded_by IS NULL
"""


def definitions(conn: sqlite3.Connection) -> pd.DataFrame:
    """Every current definition with its theme's name and position (in no set order)."""
    cursor = conn.execute(_DEFINITIONS_SQL)
    return pd.DataFrame(cursor.fetchall(), columns=[d[0] for d in cursor.description])


def definition_row(conn: sqlite3.Connection, code: str) -> tuple[Any, ...] | None:
    """code, name, theme_code, unit, polarity, source, frequency, notes, decimals, population
    and min_count of the current definition (None when there is none)."""
    row = conn.execute(
        "SELECT code, name, theme_code, unit, polarity, source, frequency, notes, decimals,"
        " population, min_count"
        " FROM indicator WHERE code = ? AND superseded_by IS NULL",
        (code,),
    ).fetchone()
    return tuple(row) if row is not None else None


def name_of(conn: sqlite3.Connection, code: str) -> str | None:
    row = conn.execute("SELECT name FROM indicator WHERE code = ? AND superseded_by IS NULL",
                       (code,)).fetchone()
    return str(row[0]) if row else None


def current_codes(conn: sqlite3.Connection) -> list[str]:
    """Codes of the current definitions, in code order."""
    return [r[0] for r in conn.execute(
        "SELECT code FROM indicator WHERE superseded_by IS NULL ORDER BY code")]


def codes_with_source_containing(conn: sqlite3.Connection, words: str) -> list[str]:
    """Codes of current definitions whose source holds ``words`` (lower case), by code."""
    return [r[0] for r in conn.execute(
        "SELECT code FROM indicator"
        " WHERE superseded_by IS NULL AND instr(lower(source), ?) > 0"
        " ORDER BY code", (words,))]
