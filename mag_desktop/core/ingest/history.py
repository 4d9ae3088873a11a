"""The import history, and undoing one import exactly (when nothing later depends on it)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from mag_desktop.core import disclosure
from mag_desktop.core.errors import MagError
from mag_desktop.core.ingest.validate import CONFIRMS
from mag_desktop.core.store import Store
from mag_desktop.core.store.maintenance import backup, prune_backups

VERSIONED = ("observation", "indicator", "commitment", "commitment_update")


@dataclass(frozen=True)
class ImportRecord:
    id: int
    file_name: str
    kind: str
    sheet: str
    rows_read: int
    inserted: int
    updated: int
    unchanged: int
    started_at: str
    finished_at: str
    os_user: str
    outcome: str
    data_version: int | None
    sha256: str


def list_imports(conn: sqlite3.Connection) -> list[ImportRecord]:
    rows = conn.execute(
        "SELECT id, file_name, kind, coalesce(sheet, ''), rows_read, inserted, updated, unchanged,"
        " started_at, coalesce(finished_at, ''), os_user, outcome, data_version, sha256"
        " FROM import_log ORDER BY id"
    ).fetchall()
    return [ImportRecord(*r) for r in rows]


def dependants(conn: sqlite3.Connection, import_id: int) -> list[int]:
    """Later imports that replaced this import's rows, or that build on what it added."""
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
    found.update(_restated_later(conn, import_id))
    found.discard(import_id)
    return sorted(found)


def _restated_later(conn: sqlite3.Connection, import_id: int) -> set[int]:
    """Later imports that restated rows of this one unchanged: undoing it would take away
    values those imports also sent (the importer records them as "_confirms")."""
    later: set[int] = set()
    for other, contents in conn.execute(
        "SELECT id, contents FROM import_log WHERE id > ? AND outcome = 'committed'",
        (import_id,),
    ):
        if import_id in json.loads(contents or "{}").get(CONFIRMS, []):
            later.add(int(other))
    return later


def undo_import(store: Store, import_id: int) -> str:
    """Revert exactly one import; refuse, naming them, when later imports depend on it."""
    conn = store.conn
    row = conn.execute("SELECT file_name, outcome FROM import_log WHERE id = ?",
                       (import_id,)).fetchone()
    if row is None:
        raise MagError(f"there is no import {import_id}; 'mag-desktop imports' lists them")
    name, outcome = row
    if outcome != "committed":
        raise MagError(f"import {import_id} ({name}) was {outcome}; there is nothing to undo")
    backup(store, label="before-undo")
    prune_backups(store, label="before-undo")
    with store.write(f"undoing import {import_id}") as wconn:
        later = dependants(wconn, import_id)  # checked under the lock: nothing slips in
        if later:
            files = {r[0]: r[1] for r in wconn.execute(
                f"SELECT id, file_name FROM import_log WHERE id IN ({','.join('?' * len(later))})",
                later)}
            listing = ", ".join(f"import {i} ({files.get(i, '?')})" for i in later)
            raise MagError(f"import {import_id} ({name}) cannot be undone on its own: {listing} "
                           "changed, restated or built on its data; undo those first")
        touched = disclosure.slices_of_import(wconn, import_id)
        removed = 0
        for table in VERSIONED:
            removed += wconn.execute(f"DELETE FROM {table} WHERE import_id = ?",
                                     (import_id,)).rowcount
            wconn.execute(f"UPDATE {table} SET superseded_by = NULL"
                          " WHERE superseded_by = ?", (import_id,))
        disclosure.refresh(wconn, touched)
        version = store.bump_data_version(wconn)
        wconn.execute("UPDATE import_log SET outcome = 'undone', message = ? WHERE id = ?",
                      (f"undone at data version {version}", import_id))
    return (f"undid import {import_id} ({name}): {removed:,} rows removed and the values it "
            f"replaced restored; data version {version}")
