"""The unit, the decimals and the name of every current indicator, as validation looks them
up."""

from __future__ import annotations

import sqlite3


def units(conn: sqlite3.Connection) -> dict[str, str]:
    """Indicator code → unit, for the current definitions."""
    return dict(conn.execute(
        "SELECT code, unit FROM indicator WHERE superseded_by IS NULL").fetchall())


def decimals(conn: sqlite3.Connection) -> dict[str, int]:
    """Indicator code → decimals, for the current definitions."""
    return dict(conn.execute(
        "SELECT code, decimals FROM indicator WHERE superseded_by IS NULL").fetchall())


def names(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(code, name) of the current definitions, by code (a link names one or the other)."""
    return [(str(code), str(name)) for code, name in conn.execute(
        "SELECT code, name FROM indicator WHERE superseded_by IS NULL ORDER BY code")]
