"""Opening SQLite connections with the store's settings, and migrating the schema."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from mag_desktop.core.errors import StoreError
from mag_desktop.core.store import faults
from mag_desktop.core.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 5000


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are begun explicitly by the store.

    A store on read-only media (a CD, a locked network share) cannot have the shared-memory
    file that write-ahead logging needs, so it is read as an immutable file instead.
    """
    try:
        if readonly:
            conn = _read_only(path)
        else:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"cannot use write-ahead logging for the store {path}")
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise faults.plain(exc, path) or StoreError(
            f"cannot open the store {path}: {exc}") from exc
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB page cache
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def _read_only(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None,
                           check_same_thread=False)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if os.access(path.parent, os.W_OK) or not path.is_file():
            raise
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"the store {path} is on a read-only disk and was not closed cleanly (its -wal "
            "file holds changes): copy both files to a folder you can write to and open it there")
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None,
                           check_same_thread=False)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the schema up to date, one version per ``BEGIN IMMEDIATE`` transaction.

    Safe to run again: a version already applied is skipped, and two processes that migrate at
    once serialise on the write lock, the second finding nothing left to do.
    """
    try:
        current = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a MAG Desktop store (or it is damaged): {exc}") from exc
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer MAG Desktop (schema {current}; this one reads up to "
            f"{SCHEMA_VERSION}): update the application"
        )
    for version in range(current, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) != version:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                continue
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return schema_version(conn)
