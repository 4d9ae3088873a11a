"""The Store: one SQLite file, the single source of truth for everything the product shows.

Safe from any thread, as calibre's database cache is: :meth:`Store.read` hands each thread its
own read-only connection (write-ahead logging: a read never waits for a write and never sees one
in progress), and :meth:`Store.write` serialises writers inside this object (a re-entrant lock,
so a second write on another thread waits for the first) before it takes the cross-process
writer lock and one ``BEGIN IMMEDIATE`` transaction: either everything in the block is committed
or nothing is. No caller needs a lock of its own.

Only the store package runs SQL; everything else calls its functions (``store/import_log.py``,
``store/pack_log.py``, ``store/reads/``), which take the connection :meth:`read` or :meth:`write`
gives. A second backend would implement the same functions behind the same names.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from mag_desktop.core.errors import StoreError, StoreReadOnlyError
from mag_desktop.core.store import faults, shape
from mag_desktop.core.store.checkpoint import Checkpoints
from mag_desktop.core.store.connection import connect, migrate, schema_version
from mag_desktop.core.store.integrity import IntegrityCheck
from mag_desktop.core.store.lock import WriterLock
from mag_desktop.core.store.readers import ThreadReaders
from mag_desktop.core.store.reads import meta
from mag_desktop.core.store.schema import SCHEMA_VERSION

#: SQLite's own threshold for checkpointing at a commit (restored after a bulk write)
AUTOCHECKPOINT_PAGES = 1000


class Store:
    def __init__(self, path: Path, *, readonly: bool = False,
                 check_in_background: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock = WriterLock(self.path)
        self._guard = threading.RLock()  # one writer thread at a time, before the file lock
        self._writer: int | None = None  # the thread inside write() or exclusive(), if any
        self._depth = 0
        self._readers = ThreadReaders(lambda: connect(self.path, readonly=True))
        self._checkpoints = Checkpoints(self.path)  # a bulk write's, off the writer's path
        if readonly:
            if not self.path.exists():
                raise StoreError(f"there is no store at {self.path}")
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise faults.plain(exc, self.path) or StoreError(
                    f"cannot create the folder for the store: {exc}") from exc
            for place in (self.path.parent, self.path):
                if place.exists() and not os.access(place, os.W_OK):
                    raise StoreReadOnlyError(
                        f"{place} cannot be written (a read-only file, folder or disk): the "
                        "store can only be read there")
        _refuse_what_is_not_a_store(self.path)
        self._conn = connect(self.path, readonly=readonly)
        try:
            if not readonly:
                migrate(self._conn, self.path)
                if not check_in_background:
                    faults.quick_check(self._conn, self.path)
            version = schema_version(self._conn)
            if version <= SCHEMA_VERSION:
                shape.check(self._conn, version, f"the store {self.path}")
        except sqlite3.Error as exc:
            self._conn.close()
            raise faults.plain(exc, self.path) or StoreError(
                f"cannot open the store {self.path}: {exc}") from exc
        except BaseException:
            self._conn.close()
            raise
        self._checking: IntegrityCheck | None = None
        if check_in_background and not readonly:
            self._checking = IntegrityCheck(self.path)

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False,
             check_in_background: bool = False) -> Store:
        """The store at ``path``; ``check_in_background`` (the window) runs the quick integrity
        check on a thread of its own while the first reads proceed, and every write waits for
        its verdict (a damaged store is never written to)."""
        return cls(Path(path), readonly=readonly, check_in_background=check_in_background)

    def integrity_problem(self) -> StoreError | None:
        """The background integrity check's verdict (waiting for it): None when sound."""
        return self._checking.verdict() if self._checking is not None else None

    # -- reading ---------------------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        """The writer's connection, for reads on the thread that opened the store while no other
        thread writes (the command line's one thread). Any other thread uses :meth:`read`."""
        return self._conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A connection to read with, from any thread: inside a write on this thread, the
        write's own (it sees what the write has done so far); otherwise this thread's read-only
        connection, which sees the last committed state. Closed by :meth:`close`."""
        if self._writer == threading.get_ident():
            yield self._conn
            return
        try:
            conn = self._readers.get()
        except sqlite3.Error as exc:
            raise faults.plain(exc, self.path) or StoreError(
                f"cannot read the store {self.path}: {exc}") from exc
        yield conn

    def reader(self) -> sqlite3.Connection:
        """A new read-only connection of the caller's own; close it when done."""
        return connect(self.path, readonly=True)

    @property
    def schema_version(self) -> int:
        with self.read() as conn:
            return schema_version(conn)

    def data_version(self, conn: sqlite3.Connection | None = None) -> int:
        if conn is not None:
            return meta.data_version(conn)
        with self.read() as mine:
            return meta.data_version(mine)

    # -- writing ---------------------------------------------------------------------------
    @contextmanager
    def write(self, purpose: str = "writing", *, foreign_keys: bool = True,
              bulk: bool = False) -> Iterator[sqlite3.Connection]:
        """Hold the writer lock and one transaction; commit at the end, roll back on any error.

        ``foreign_keys=False`` is for bulk imports whose codes were all resolved against the
        store beforehand (and are checked again, per distinct code, before the commit).
        ``bulk`` (a write of many pages) leaves copying the log into the store file to a
        thread of its own after the commit (:mod:`.checkpoint`), rather than to the commit.
        """
        if self.readonly:
            raise StoreReadOnlyError(
                f"the store {self.path} is open read-only; close the other MAG Desktop first"
            )
        with self._holding(purpose):
            conn = self._conn
            if not foreign_keys:
                conn.execute("PRAGMA foreign_keys = OFF")
            if bulk:
                conn.execute("PRAGMA wal_autocheckpoint = 0")
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except (sqlite3.Error, OSError) as exc:  # said plainly; the rollback lost nothing
                fault = faults.plain(exc, self.path)
                if fault is None or fault is exc:
                    raise
                raise fault from exc
            finally:
                if not foreign_keys:
                    conn.execute("PRAGMA foreign_keys = ON")
                if bulk:
                    self._checkpoints.start()
                    with suppress(sqlite3.Error):  # never in place of the write's own error
                        conn.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")

    @contextmanager
    def exclusive(self, purpose: str) -> Iterator[None]:
        """Hold the writer lock without a transaction (for whole-file operations)."""
        if self.readonly:
            raise StoreReadOnlyError(f"the store {self.path} is open read-only")
        with self._holding(purpose):
            self._checkpoints.wait()
            yield

    @contextmanager
    def _holding(self, purpose: str) -> Iterator[None]:
        """This object's writer lock (threads wait their turn), then the cross-process one."""
        problem = self.integrity_problem()
        if problem is not None:
            raise problem
        with self._guard:
            self._writer = threading.get_ident()
            self._depth += 1
            try:
                self._lock.purpose = purpose
                with self._lock:
                    yield
            finally:
                self._depth -= 1
                if not self._depth:
                    self._writer = None

    @staticmethod
    def bump_data_version(conn: sqlite3.Connection) -> int:
        """Inside a write: the next data version (it never repeats within one store file)."""
        return meta.bump_data_version(conn)

    def close(self) -> None:
        """Close every connection; a write in progress on another thread finishes first."""
        with self._guard:
            self._checkpoints.wait()
            self._readers.close()
            self._lock.release()
            self._conn.close()

    def check(self) -> None:
        """SQLite's quick integrity check; raises a plain :class:`StoreError` when damaged."""
        with self.read() as conn:
            faults.quick_check(conn, self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _refuse_what_is_not_a_store(path: Path) -> None:
    """An empty or non-SQLite file where the store should be is never replaced silently."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except FileNotFoundError:
        return  # a new store
    except OSError as exc:
        raise faults.plain(exc, path) or StoreError(f"cannot read the store {path}: {exc}") from exc
    if not header:
        raise StoreError(
            f"{path} is an empty file, not a MAG Desktop store (perhaps a copy that did not "
            "finish); it was left as it is: restore a backup, or move it away to start afresh")
    if header != b"SQLite format 3\x00":
        raise StoreError(
            f"{path} is not a MAG Desktop store (not an SQLite database); it was left as it is: "
            "point MAG Desktop at its store (--store, MAG_STORE) or move this file away")
    _refuse_a_foreign_database(path)


def _refuse_a_foreign_database(path: Path) -> None:
    """An SQLite file of another program is never turned into a store (nor touched: this
    looks before the store's own connection switches the file to write-ahead logging)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            version = schema_version(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return  # damaged or unreadable here: the store's own opening says which
    if version == 0 and objects:
        raise StoreError(
            f"{path} is an SQLite database of another program, not a MAG Desktop store; it was "
            "left as it is: point MAG Desktop at its store (--store, MAG_STORE) or move it away")
