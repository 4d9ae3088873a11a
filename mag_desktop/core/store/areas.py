"""The areas held in the store, and the membership a clerk can change."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from mag_desktop.core.errors import MagError
from mag_desktop.core.geography import STATUTORY_CONSTITUENT_CODES
from mag_desktop.core.store.store import Store

MEMBERSHIPS = ("constituent", "non-constituent", "former")


@dataclass(frozen=True)
class AuthorityRow:
    code: str
    name: str
    membership: str
    wards: int


def authorities(conn: sqlite3.Connection) -> list[AuthorityRow]:
    """Constituent authorities first, then non-constituent, then former members; by name."""
    rows = conn.execute(
        """SELECT a.code, a.name, a.membership,
                  (SELECT count(*) FROM area w WHERE w.parent_code = a.code AND w.level = 'ward')
           FROM area a WHERE a.level = 'authority'
           ORDER BY CASE a.membership WHEN 'constituent' THEN 0
                    WHEN 'non-constituent' THEN 1 ELSE 2 END, a.name"""
    ).fetchall()
    return [AuthorityRow(*row) for row in rows]


def set_membership(store: Store, code: str, membership: str) -> AuthorityRow:
    """Record that an authority's WMCA membership changed; the seven constituents are fixed."""
    if membership not in MEMBERSHIPS:
        raise MagError(f"membership must be one of {', '.join(MEMBERSHIPS)}, not {membership!r}")
    code = code.strip().upper()
    if code in STATUTORY_CONSTITUENT_CODES and membership != "constituent":
        raise MagError(
            f"{code} is a constituent authority by statute; its membership cannot be changed"
        )
    with store.write("changing an authority's membership") as conn:
        found = conn.execute(
            "UPDATE area SET membership = ? WHERE code = ? AND level = 'authority'",
            (membership, code),
        ).rowcount
        if not found:
            raise MagError(f"{code} is not an authority in the store")
        from mag_desktop.core.disclosure import refresh_all  # the store is below the core

        refresh_all(conn)  # the WMCA area is the sum of other authorities now
        store.bump_data_version(conn)
    return next(a for a in authorities(store.conn) if a.code == code)
