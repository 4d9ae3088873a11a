"""The Store: one SQLite file, the single source of truth for everything the product shows.

Reads open their own connection (any thread may read; WAL means reads never wait for a
write). Writes go through :meth:`Store.write`, which holds the cross-process writer lock and one
``BEGIN IMMEDIATE`` transaction: either everything in the block is committed or nothing is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mag_desktop.core.errors import StoreError, StoreReadOnlyError
from mag_desktop.core.store import shape
from mag_desktop.core.store.connection import connect, migrate, schema_version
from mag_desktop.core.store.lock import WriterLock
from mag_desktop.core.store.schema import SCHEMA_VERSION


class Store:
    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock = WriterLock(self.path)
        if readonly:
            if not self.path.exists():
                raise StoreError(f"there is no store at {self.path}")
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for the store: {exc}") from exc
        self._conn = connect(self.path, readonly=readonly)
        try:
            if not readonly:
                migrate(self._conn, self.path)
            version = schema_version(self._conn)
            if version <= SCHEMA_VERSION:
                shape.check(self._conn, version, f"the store {self.path}")
        except BaseException:
            self._conn.close()
            raise

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False) -> Store:
        return cls(Path(path), readonly=readonly)

    # -- reading ---------------------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        """This object's own connection, for reads on the thread that opened the store."""
        return self._conn

    def reader(self) -> sqlite3.Connection:
        """A new read-only connection, for a background thread; close it when done."""
        return connect(self.path, readonly=True)

    @property
    def schema_version(self) -> int:
        return schema_version(self._conn)

    def data_version(self, conn: sqlite3.Connection | None = None) -> int:
        row = (conn or self._conn).execute(
            "SELECT value FROM meta WHERE key = 'data_version'"
        ).fetchone()
        return int(row[0]) if row else 0

    # -- writing ---------------------------------------------------------------------------
    @contextmanager
    def write(self, purpose: str = "writing", *,
              foreign_keys: bool = True) -> Iterator[sqlite3.Connection]:
        """Hold the writer lock and one transaction; commit at the end, roll back on any error.

        ``foreign_keys=False`` is for bulk imports whose codes were all resolved against the
        store beforehand (and are checked again, per distinct code, before the commit).
        """
        if self.readonly:
            raise StoreReadOnlyError(
                f"the store {self.path} is open read-only; close the other MAG Desktop first"
            )
        self._lock.purpose = purpose
        with self._lock:
            conn = self._conn
            if not foreign_keys:
                conn.execute("PRAGMA foreign_keys = OFF")
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            finally:
                if not foreign_keys:
                    conn.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def exclusive(self, purpose: str) -> Iterator[None]:
        """Hold the writer lock without a transaction (for whole-file operations)."""
        if self.readonly:
            raise StoreReadOnlyError(f"the store {self.path} is open read-only")
        self._lock.purpose = purpose
        with self._lock:
            yield

    def hold_writer_lock(self, purpose: str) -> None:
        """Keep the writer lock until :meth:`release_writer_lock` (the window does, while open)."""
        self._lock.purpose = purpose
        self._lock.acquire()

    def release_writer_lock(self) -> None:
        self._lock.release()

    @staticmethod
    def bump_data_version(conn: sqlite3.Connection) -> int:
        """Inside a write: the next data version (it never repeats within one store file)."""
        conn.execute(
            "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
            " WHERE key = 'data_version'"
        )
        return int(
            conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0]
        )

    def close(self) -> None:
        self._lock.release()
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
