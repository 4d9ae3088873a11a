"""The versioned tables: which later imports depend on an import, and taking one away.

History is never overwritten (see ``schema.py``): every data row carries the import that
brought it and, once replaced, the import that replaced it. Undoing an import deletes its rows
and revives those it replaced; it is refused while later imports depend on it.
"""

from __future__ import annotations

import sqlite3

from mag_desktop.core.store import import_log

VERSIONED = ("observation", "indicator", "commitment", "commitment_update")


def dependants(conn: sqlite3.Connection, import_id: int) -> list[int]:
    """Later imports that replaced this import's rows, built on what it added (figures or
    links of indicators it defined, updates of commitments it added), or restated its rows
    unchanged (undoing it would take away values they also sent)."""
    found: set[int] = set()
    for table in VERSIONED:
        found.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT superseded_by FROM {table}"
            " WHERE import_id = ? AND superseded_by IS NOT NULL", (import_id,)))
    found.update(r[0] for r in conn.execute(
        """SELECT DISTINCT o.import_id FROM observation o
           JOIN indicator i ON i.code = o.indicator_code AND i.import_id = ?
           WHERE o.import_id != ? AND NOT EXISTS (
               SELECT 1 FROM indicator p WHERE p.code = i.code AND p.superseded_by = ?)""",
        (import_id, import_id, import_id)))
    found.update(r[0] for r in conn.execute(
        """SELECT DISTINCT u.import_id FROM commitment_update u
           JOIN commitment c ON c.id = u.commitment_id AND c.import_id = ?
           WHERE u.import_id != ? AND NOT EXISTS (
               SELECT 1 FROM commitment p WHERE p.id = c.id AND p.superseded_by = ?)""",
        (import_id, import_id, import_id)))
    found.update(r[0] for r in conn.execute(  # updates linking an indicator it defined
        """SELECT DISTINCT u.import_id FROM commitment_update u, json_each(u.links) j
           JOIN indicator i ON i.code = json_extract(j.value, '$.indicator')
                AND i.import_id = ?
           WHERE u.links <> '[]' AND u.import_id != ? AND NOT EXISTS (
               SELECT 1 FROM indicator p WHERE p.code = i.code AND p.superseded_by = ?)""",
        (import_id, import_id, import_id)))
    found.update(other for other, contents in import_log.later_committed(conn, import_id)
                 if import_id in contents.confirms)
    found.discard(import_id)
    return sorted(found)


def take_away(conn: sqlite3.Connection, import_id: int) -> int:
    """Inside a write: delete the import's rows and revive those it replaced; returns the
    number of rows deleted."""
    removed = 0
    for table in VERSIONED:
        removed += conn.execute(f"DELETE FROM {table} WHERE import_id = ?",
                                (import_id,)).rowcount
        conn.execute(f"UPDATE {table} SET superseded_by = NULL WHERE superseded_by = ?",
                     (import_id,))
    return removed
