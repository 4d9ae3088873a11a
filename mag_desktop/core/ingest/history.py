"""The import history, and undoing one import exactly (when nothing later depends on it)."""

from __future__ import annotations

import sqlite3

from mag_desktop.core import disclosure
from mag_desktop.core.errors import MagError
from mag_desktop.core.store import Store, import_log, versions
from mag_desktop.core.store.import_log import ImportRecord
from mag_desktop.core.store.maintenance import backed_up

VERSIONED = versions.VERSIONED
__all__ = ["VERSIONED", "ImportRecord", "dependants", "list_imports", "undo_import"]


def list_imports(conn: sqlite3.Connection) -> list[ImportRecord]:
    return import_log.history(conn)


def dependants(conn: sqlite3.Connection, import_id: int) -> list[int]:
    """Later imports that replaced this import's rows, or that build on what it added."""
    return versions.dependants(conn, import_id)


def undo_import(store: Store, import_id: int) -> str:
    """Revert exactly one import; refuse, naming them, when later imports depend on it."""
    with store.read() as conn:
        row = import_log.name_and_outcome(conn, import_id)
    if row is None:
        raise MagError(f"there is no import {import_id}; 'mag-desktop imports' lists them")
    name, outcome = row
    if outcome != "committed":
        raise MagError(f"import {import_id} ({name}) was {outcome}; there is nothing to undo")
    with (backed_up(store, "before-undo", f"undoing import {import_id}"),
          store.write(f"undoing import {import_id}") as wconn):
        later = dependants(wconn, import_id)  # checked under the lock: nothing slips in
        if later:
            files = import_log.file_names(wconn, later)
            listing = ", ".join(f"import {i} ({files.get(i, '?')})" for i in later)
            raise MagError(f"import {import_id} ({name}) cannot be undone on its own: {listing} "
                           "changed, restated or built on its data; undo those first")
        touched = disclosure.slices_of_import(wconn, import_id)
        removed = versions.take_away(wconn, import_id)
        disclosure.refresh(wconn, touched)
        version = store.bump_data_version(wconn)
        import_log.mark_undone(wconn, import_id, f"undone at data version {version}")
    return (f"undid import {import_id} ({name}): {removed:,} rows removed and the values it "
            f"replaced restored; data version {version}")
