"""The store's shape, checked object by object: a backup (or a store file) is used only when its
``sqlite_master`` is exactly what this version's migrations create for its schema version.

A backup is a whole SQLite file, and SQLite runs whatever triggers and views a file carries: a
trigger ``AFTER INSERT ON import_log … DELETE FROM commitment_update`` would silently wipe data at
the next import. So every table, index, trigger and view must match the reference, built by
running the migrations in memory; anything extra, missing or different is refused by name.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from functools import cache

from mag_desktop.core.errors import StoreError
from mag_desktop.core.store.schema import STATEMENTS

#: SQLite's own tables, which it makes by itself (AUTOINCREMENT, ANALYZE); they hold no code
_SQLITE_OWN = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}

Obj = tuple[str, str]  # (type, name)


@dataclass(frozen=True)
class ShapeFault:
    """What is wrong with a file's objects, ready for a one-line message."""

    extra: list[Obj]
    missing: list[Obj]
    changed: list[Obj]

    def message(self, what: str) -> str:
        parts = []
        if self.extra:
            parts.append("it carries " + _names(self.extra) + " that MAG Desktop never makes")
        if self.changed:
            parts.append(_names(self.changed) + " differ from MAG Desktop's")
        if self.missing:
            parts.append(_names(self.missing) + " are missing")
        return (f"{what} is refused: " + "; ".join(parts) +
                ". It was not written by MAG Desktop as it is, so nothing was changed")


def _names(objects: list[Obj]) -> str:
    shown = [f"{kind} {name!r}" for kind, name in objects[:5]]
    more = len(objects) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


def _normal(sql: str | None) -> str:
    """SQL text with runs of white space made single (migrations and editors differ only so)."""
    return " ".join((sql or "").split())


def objects_of(conn: sqlite3.Connection, schema: str = "main") -> dict[Obj, str]:
    """Every object of a database, (type, name) → its normalised SQL."""
    rows = conn.execute(f"SELECT type, name, sql FROM {schema}.sqlite_master")
    return {(str(kind), str(name)): _normal(sql) for kind, name, sql in rows
            if not (kind == "table" and name in _SQLITE_OWN)}


@cache
def reference(version: int) -> dict[Obj, str]:
    """The objects this version's migrations create up to schema ``version``.

    Only the migrations' statements are run (in a few milliseconds): what else a migration does
    fills data and makes no object, as the tests check against a store made in full.
    """
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for statement in (s for batch in STATEMENTS[:version] for s in batch):
            with contextlib.suppress(sqlite3.IntegrityError):  # data for absent reference rows
                conn.execute(statement)
        return objects_of(conn)
    finally:
        conn.close()


def fault(conn: sqlite3.Connection, version: int, schema: str = "main") -> ShapeFault | None:
    """How a database's objects differ from the reference for its version, or None."""
    found, expected = objects_of(conn, schema), reference(version)
    extra = sorted(set(found) - set(expected))
    missing = sorted(set(expected) - set(found))
    changed = sorted(k for k in set(found) & set(expected) if found[k] != expected[k])
    return ShapeFault(extra, missing, changed) if extra or missing or changed else None


def check(conn: sqlite3.Connection, version: int, what: str, schema: str = "main") -> None:
    """Raise a :class:`StoreError` naming every object that is not as MAG Desktop makes it."""
    found = fault(conn, version, schema)
    if found is not None:
        raise StoreError(found.message(what))
