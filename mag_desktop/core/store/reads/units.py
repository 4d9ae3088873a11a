"""The unit and the decimals of every current indicator, as validation looks them up."""

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
