"""The window's view of the store: read jobs open their own read-only connection, and writes
take their turn inside the store.

An open window holds no lock: the cross-process writer lock is taken by each write (an import,
an undo, packs recorded) and given back when it ends, so a second window on the same store opens
ready to write while the first is idle. When a write meets another window's write, it is refused
with a plain sentence saying who is doing what."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TypeVar

from mag_desktop.core.errors import StoreBusyError, StoreReadOnlyError
from mag_desktop.core.store import Store
from mag_desktop.core.store.lock import WriterLock, os_user
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.runner import Progress

T = TypeVar("T")


def busy_message(path: Path) -> str | None:
    """Who writes to the store at ``path`` now, in plain words, or None when nobody is known
    to (the lock was given back meanwhile)."""
    info = WriterLock(path).holder()
    if not info:
        return None
    doing = str(info.get("purpose") or "writing to it")
    since = str(info.get("since", ""))[11:16]
    when = f" (since {since})" if since else ""
    if info.get("host") == socket.gethostname():
        who = ("another MAG Desktop window on this computer" if info.get("user") == os_user()
               else f"{info.get('user', 'another user')}'s MAG Desktop on this computer")
    else:
        who = f"MAG Desktop on {info.get('host', 'another computer')}"
    return (f"{who[:1].upper()}{who[1:]} is {doing}{when}. Nothing was changed here; try "
            "again when it has finished.")


class Session:
    """Holds the store, opened to write unless its file or folder cannot be written (then it is
    opened read-only and the window says why). No lock is held while the window is idle."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.read_only_reason = ""
        self.busy_elsewhere = False  # read-only because another window was writing at start
        store: Store | None = None
        try:
            _check_writable(self.path)
            store = Store.open(self.path, check_in_background=True)  # writes wait for it
        except StoreBusyError as exc:  # an upgrade waited for another window's write
            if not self.path.exists():
                raise
            store = Store.open(self.path, readonly=True)
            self.read_only_reason = busy_message(self.path) or str(exc)
            self.busy_elsewhere = True
        except StoreReadOnlyError as exc:  # read-only media or folder
            if not self.path.exists():
                raise
            store = Store.open(self.path, readonly=True)
            self.read_only_reason = str(exc)
        self.store = store

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> Callable[..., T]:
        """A job body that runs ``fn`` on a read-only connection of the job's own (for the
        runner): a job that ends after the window closed the store still ends cleanly."""

        def work(_progress: Progress | None = None, _cancel: CancelToken | None = None) -> T:
            with closing(self.store.reader()) as conn:
                return fn(conn)

        return work

    def writing(self, fn: Callable[..., T]) -> Callable[..., T]:
        """A job body that runs ``fn(progress, cancel)``; its writes wait for any other write
        of this window, in the store itself; another window's write in progress is named."""
        path = self.path

        def work(progress: Progress | None = None, cancel: CancelToken | None = None) -> T:
            try:
                return fn(progress, cancel)
            except StoreBusyError as exc:
                plain = busy_message(path)
                if plain is None:
                    raise
                raise StoreBusyError(plain) from exc

        return work

    def close(self) -> None:
        self.store.close()


def _check_writable(path: Path) -> None:
    """Refuse (read-only) a store whose folder cannot hold the writer's lock file: taking the
    lock once and giving it back at once says so, without keeping it."""
    probe = WriterLock(path, "opening the store")
    try:
        probe.acquire()
    except StoreBusyError:
        return  # another window writes now: this one may write after it
    probe.release()
