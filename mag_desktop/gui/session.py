"""The window's view of the store: read jobs open their own read-only connection, and writes
take their turn inside the store (no lock of the window's own)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

from mag_desktop.core.errors import StoreBusyError, StoreReadOnlyError
from mag_desktop.core.store import Store
from mag_desktop.core.store.lock import WriterLock

T = TypeVar("T")


class Session:
    """Holds the store; the window keeps the writer lock while it is open, unless another
    instance has it or the store's file or folder cannot be written, in which case the store is
    opened read-only and the window says why."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.read_only_reason = ""
        self.busy_elsewhere = False  # read-only because another window writes
        probe = WriterLock(self.path, "MAG Desktop window")
        store: Store | None = None
        try:  # tried first: a busy store is never migrated under its writer
            probe.acquire()
            probe.release()
            store = Store.open(self.path, check_in_background=True)  # writes wait for it
            store.hold_writer_lock("MAG Desktop window")
        except (StoreBusyError, StoreReadOnlyError) as exc:  # another window, or read-only media
            if store is not None:
                store.close()
            if not self.path.exists():
                raise
            store = Store.open(self.path, readonly=True)
            self.read_only_reason = str(exc)
            self.busy_elsewhere = isinstance(exc, StoreBusyError)
        self.store = store

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> Callable[..., T]:
        """A job body that runs ``fn`` on a read-only connection of the job's own (for the
        runner): a job that ends after the window closed the store still ends cleanly."""

        def work(_progress: Any = None, _cancel: Any = None) -> T:
            with closing(self.store.reader()) as conn:
                return fn(conn)

        return work

    def writing(self, fn: Callable[..., T]) -> Callable[..., T]:
        """A job body that runs ``fn(progress, cancel)``; its writes wait for any other write
        in progress, in the store itself (the store serialises writers on every thread)."""

        def work(progress: Any = None, cancel: Any = None) -> T:
            return fn(progress, cancel)

        return work

    def close(self) -> None:
        self.store.close()
