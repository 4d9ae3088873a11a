"""Reads of two stores side by side (two releases' snapshots), attached read-only as ``new``
and ``old`` to one connection of their own; what changed is worked out in
``core/release/compare.py``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

Side = Literal["new", "old"]


@contextmanager
def attached(new: Path, old: Path) -> Iterator[sqlite3.Connection]:
    """A connection to nothing with ``new`` and ``old`` attached read-only, closed at the end."""
    conn = sqlite3.connect("file::memory:", uri=True, isolation_level=None)
    try:
        for alias, path in (("new", new), ("old", old)):
            conn.execute(f"ATTACH DATABASE ? AS {alias}", (f"{path.resolve().as_uri()}?mode=ro",))
        yield conn
    finally:
        conn.close()


def _side(db: Side) -> str:
    if db not in ("new", "old"):
        raise ValueError(f"not an attached store: {db}")
    return db


def current_updates(conn: sqlite3.Connection, db: Side) -> list[tuple[str, str, str, str]]:
    """(commitment id, quarter, status label, the quarter's end date) of every current update."""
    side = _side(db)
    return conn.execute(
        f"SELECT u.commitment_id, u.quarter, s.label, p.end_date FROM {side}.commitment_update u"
        f" JOIN {side}.period p ON p.label = u.quarter JOIN {side}.status s ON s.code = u.status"
        " WHERE u.superseded_by IS NULL").fetchall()


def titles(conn: sqlite3.Connection, db: Side) -> dict[str, str]:
    """Commitment id → title, of the current commitments."""
    return dict(conn.execute(
        f"SELECT id, title FROM {_side(db)}.commitment WHERE superseded_by IS NULL").fetchall())


def held(conn: sqlite3.Connection, db: Side) -> set[tuple[str, str]]:
    """Every (indicator, period) with current observations."""
    return set(conn.execute(
        f"SELECT DISTINCT indicator_code, period FROM {_side(db)}.observation"
        " WHERE superseded_by IS NULL").fetchall())


def indicator_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Indicator code → name, of the current definitions in ``new``."""
    return dict(conn.execute(
        "SELECT code, name FROM new.indicator WHERE superseded_by IS NULL").fetchall())


def period_ends(conn: sqlite3.Connection) -> dict[str, str]:
    """Period label → end date, in ``new``."""
    return dict(conn.execute("SELECT label, end_date FROM new.period").fetchall())


def corrections(conn: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    """(indicator name, area name, period, group label, value before, value now, marker
    before, marker now) of every current observation of ``new`` whose value or marker differs
    from the current one in ``old``, by indicator, period, area and group."""
    yield from conn.execute(
        "SELECT i.name, a.name, n.period, g.label, o.value, n.value, o.marker, n.marker"
        " FROM new.observation n"
        " JOIN old.observation o ON o.indicator_code = n.indicator_code"
        "  AND o.area_code = n.area_code AND o.period = n.period"
        "  AND o.group_code = n.group_code AND o.superseded_by IS NULL"
        " LEFT JOIN new.indicator i ON i.code = n.indicator_code AND i.superseded_by IS NULL"
        " LEFT JOIN new.area a ON a.code = n.area_code"
        " LEFT JOIN new.ethnic_group g ON g.code = n.group_code"
        " WHERE n.superseded_by IS NULL"
        "  AND (n.value IS NOT o.value OR n.marker IS NOT o.marker)"
        " ORDER BY i.name, n.period, a.name, g.label")
