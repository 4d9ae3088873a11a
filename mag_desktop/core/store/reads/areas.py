"""The areas the store holds: England, the region, authorities and their wards."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def all_areas(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    """(code, name, level, parent_code) of every area."""
    return [tuple(r) for r in conn.execute(  # type: ignore[misc]
        "SELECT code, name, level, parent_code FROM area")]


def with_parent(conn: sqlite3.Connection, code: str) -> tuple[Any, ...] | None:
    """(code, name, level, parent_code, parent's name) of one area; None when unknown."""
    row = conn.execute(
        "SELECT a.code, a.name, a.level, a.parent_code, p.name FROM area a"
        " LEFT JOIN area p ON p.code = a.parent_code WHERE a.code = ?",
        (code,),
    ).fetchone()
    return tuple(row) if row is not None else None


def ward_parents(conn: sqlite3.Connection, wards: Sequence[str]) -> list[tuple[str, str | None]]:
    """(ward code, authority code) of the given wards the store knows."""
    if not wards:
        return []
    return [tuple(r) for r in conn.execute(  # type: ignore[misc]
        f"SELECT code, parent_code FROM area WHERE level = 'ward' AND code IN ({_marks(wards)})",
        tuple(wards))]


def wards_of(conn: sqlite3.Connection, authorities: Sequence[str]) -> list[str]:
    """Codes of the wards of the given authorities."""
    if not authorities:
        return []
    return [r[0] for r in conn.execute(
        f"SELECT code FROM area WHERE level = 'ward' AND parent_code IN ({_marks(authorities)})",
        tuple(authorities))]


def wards_by_name(conn: sqlite3.Connection, authority: str) -> list[tuple[str, str]]:
    """(code, name) of an authority's wards, by name then code."""
    return [(str(c), str(n)) for c, n in conn.execute(
        "SELECT code, name FROM area WHERE level = 'ward' AND parent_code = ?"
        " ORDER BY name, code", (authority,))]


def local_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Code → name of every authority and ward."""
    return dict(conn.execute("SELECT code, name FROM area WHERE level IN ('authority','ward')"))


def member_authorities(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(code, name, membership) of authorities that are not former members: constituent
    first, then by name."""
    return [tuple(r) for r in conn.execute(  # type: ignore[misc]
        "SELECT code, name, membership FROM area WHERE level = 'authority'"
        " AND membership != 'former' ORDER BY membership = 'constituent' DESC, name")]


def member_wards(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(code, name, authority code) of the wards of authorities that are not former members,
    constituent authorities' first, then by authority name and ward name."""
    return [tuple(r) for r in conn.execute(  # type: ignore[misc]
        "SELECT w.code, w.name, w.parent_code FROM area w JOIN area a ON a.code = w.parent_code"
        " WHERE w.level = 'ward' AND a.membership != 'former'"
        " ORDER BY a.membership = 'constituent' DESC, a.name, w.name")]


