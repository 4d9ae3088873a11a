"""How much the store holds: areas, and the current rows of each content table."""

from __future__ import annotations

import sqlite3

_AREAS = {
    "authorities": "SELECT count(*) FROM area WHERE level = 'authority'",
    "wards": "SELECT count(*) FROM area WHERE level = 'ward'",
}
_CURRENT = {
    "indicators": "SELECT count(*) FROM indicator WHERE superseded_by IS NULL",
    "observations": "SELECT count(*) FROM observation WHERE superseded_by IS NULL",
    "commitments": "SELECT count(*) FROM commitment WHERE superseded_by IS NULL",
    "commitment updates": "SELECT count(*) FROM commitment_update WHERE superseded_by IS NULL",
}


def _count(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


def content_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Authorities, wards and the current indicators, observations, commitments and updates."""
    return {name: _count(conn, sql) for name, sql in {**_AREAS, **_CURRENT}.items()}


def current_counts(conn: sqlite3.Connection, *names: str) -> dict[str, int]:
    """The current rows of the named tables ("indicators", "commitments", ...), in that order."""
    return {name: _count(conn, _CURRENT[name]) for name in names}
