"""The notes file: its own small SQLite file, apart from the store and from every release.

``PRAGMA user_version`` holds the schema version and :data:`MIGRATIONS` bring an older file
forward, each step in one transaction. ``PRAGMA application_id`` marks the file as a notes
file, so a store (or any other database) given by mistake is refused and left as it is.
Write-ahead logging and a busy timeout let the window and the command line use it at once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mag_desktop.core.notes.model import NoteError

APPLICATION_ID = 0x4D41474E  # "MAGN"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 5000

#: Step ``n`` brings a file at version ``n`` to version ``n + 1``.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE note (
        id TEXT PRIMARY KEY CHECK (length(id) = 32),
        kind TEXT NOT NULL CHECK (kind IN ('commitment', 'indicator')),
        item_id TEXT NOT NULL,
        area_code TEXT,
        quarter TEXT NOT NULL,
        created_at TEXT NOT NULL,
        edited_at TEXT NOT NULL,
        text TEXT NOT NULL,
        CHECK (kind = 'commitment' OR area_code IS NOT NULL)
    );
    CREATE INDEX note_item ON note (kind, item_id, area_code);
    CREATE INDEX note_quarter ON note (quarter);
    """,
)


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating when absent) and bring up to date the notes file at ``path``."""
    path = Path(path)
    if path.is_dir():
        raise NoteError(f"{path} is a folder, not a notes file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
    except (OSError, sqlite3.Error) as exc:
        raise NoteError(f"cannot open the notes file {path}: {exc}") from exc
    try:
        _prepare(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise NoteError(f"{path} cannot be read as a notes file ({exc}); "
                        "choose another file with --notes or MAG_NOTES") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    app = int(conn.execute("PRAGMA application_id").fetchone()[0])
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app != APPLICATION_ID and tables:
        raise NoteError(f"{path} is not a notes file (it holds other data, perhaps a store): "
                        "it was left as it is; choose another file with --notes or MAG_NOTES")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn, path)


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Apply the missing steps, each in one transaction (all or nothing)."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise NoteError(f"the notes file {path} was written by a newer MAG Desktop: "
                        "update the application to read it")
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            again = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if again == version:  # another process may have just done this step
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
