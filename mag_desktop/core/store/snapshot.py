"""A release's snapshot of the store: the copy made (``VACUUM INTO``) and blanked, and the
reads that describe it.

What a release must not carry is decided in ``core/release/snapshot.py``; this module holds the
SQL that copies the store and blanks the copy, and reads it back. The copy is blanked in place
with ``secure_delete`` on, so SQLite overwrites with zeros every byte it frees or rewrites: no
page keeps a blanked figure or a removed row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from mag_desktop.core.errors import StoreError
from mag_desktop.core.store.schema import CONTENT_TABLES
from mag_desktop.core.store.versions import VERSIONED


def _blanking(secret: Sequence[str], shown_marker: str) -> list[tuple[str, tuple[object, ...]]]:
    """Replaced rows dropped; a confidential figure (a ``secret`` marker, or withheld) left
    with ``shown_marker`` alone; the pack log and the laptop's user names and backup paths."""
    marks = ", ".join("?" for _ in secret)
    return [
        *[(f"DELETE FROM {table} WHERE superseded_by IS NOT NULL", ()) for table in VERSIONED],
        ("UPDATE observation SET value = NULL, numerator = NULL, denominator = NULL,"
         " lower = NULL, upper = NULL, marker = ?, withheld = 0, limits_source = NULL"
         f" WHERE withheld <> 0 OR marker IN ({marks})", (shown_marker, *secret)),
        ("DELETE FROM pack_log", ()),
        ("UPDATE import_log SET os_user = '', backup_path = NULL", ()),
    ]


def copy_blanked(source: sqlite3.Connection, target: Path, release_id: str, *,
                 secret: Sequence[str], shown_marker: str) -> None:
    """Copy the store open on ``source`` to ``target`` (replaced if there), blank the copy and
    mark it with the release's id. A copy that cannot be made, or an SQLite that cannot
    overwrite what it deletes, raises :class:`StoreError`."""
    target.unlink(missing_ok=True)
    try:
        source.execute("VACUUM INTO ?", (str(target),))
    except sqlite3.Error as exc:
        raise StoreError(f"cannot copy the store for the release: {exc}") from exc
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA journal_mode = OFF")  # a temporary file: no journal to leak into
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        for sql, params in _blanking(secret, shown_marker):
            conn.execute(sql, params)
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('release_id', ?)",
                     (release_id,))
        conn.execute("COMMIT")
        if conn.execute("PRAGMA secure_delete").fetchone()[0] != 1:
            raise StoreError("this SQLite cannot overwrite what it deletes; nothing was "
                             "published")
    finally:
        conn.close()


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a snapshot (or any store file), closed at the end."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per content table."""
    return {table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in CONTENT_TABLES}


def latest_period(conn: sqlite3.Connection) -> tuple[str, str, str] | None:
    """(label, kind, end date) of the latest period the store holds, or None."""
    row = conn.execute(
        "SELECT label, kind, end_date FROM period ORDER BY end_date DESC, start_date DESC"
        " LIMIT 1").fetchone()
    return (str(row[0]), str(row[1]), str(row[2])) if row is not None else None


def release_id(conn: sqlite3.Connection) -> str | None:
    """The id of the release a store was opened from (None for a clerk's own store, or one
    that cannot be read so)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'release_id'").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def committed_imports(path: Path) -> int | None:
    """How many committed imports the store file at ``path`` logs, read without opening it as a
    :class:`Store`; None when it cannot be read as a store."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = conn.execute("SELECT count(*) FROM import_log WHERE outcome = 'committed'"
                                 ).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return int(found)
