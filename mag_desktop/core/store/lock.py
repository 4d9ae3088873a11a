"""One writer at a time, across processes, with a one-line answer for whoever comes second.

The lock is an OS advisory lock on ``<store>.lock`` (``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows). The OS drops it when the holder's process dies, so a lock left by a killed process
is recovered simply by taking it again. Who holds it, and since when, is written to
``<store>.lock.json`` for the message the second writer sees. Readers never take this lock:
SQLite's WAL mode lets them read while a write is in progress.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from mag_desktop.core.errors import StoreBusyError, StoreReadOnlyError


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services and containers)
        return "unknown user"


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class WriterLock:
    """Exclusive, re-entrant within one object; use as a context manager."""

    def __init__(self, store_path: Path, purpose: str = "writing") -> None:
        self.lock_path = store_path.with_name(store_path.name + ".lock")
        self.info_path = store_path.with_name(store_path.name + ".lock.json")
        self.purpose = purpose
        self._handle: IO[bytes] | None = None
        self._depth = 0

    @property
    def held(self) -> bool:
        return self._handle is not None

    def holder(self) -> dict[str, Any] | None:
        try:
            return json.loads(self.info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def acquire(self) -> None:
        if self._handle is not None:
            self._depth += 1
            return
        try:
            handle = open(self.lock_path, "a+b")  # noqa: SIM115 - held open while locked
        except OSError as exc:
            raise StoreReadOnlyError(
                f"the store's folder {self.lock_path.parent} cannot be written "
                f"({exc.strerror or exc}): the store can only be read there") from exc
        if not _try_lock(handle):
            handle.close()
            raise StoreBusyError(self._busy_message())
        self._handle = handle
        self._depth = 1
        info = {
            "user": os_user(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now().isoformat(timespec="seconds"),
            "purpose": self.purpose,
        }
        tmp = self.info_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(info), encoding="utf-8")
        os.replace(tmp, self.info_path)

    def release(self) -> None:
        if self._handle is None:
            return
        self._depth -= 1
        if self._depth > 0:
            return
        try:
            self.info_path.unlink(missing_ok=True)
        finally:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    def _busy_message(self) -> str:
        info = self.holder()
        if not info:
            return (
                "The store is in use by another MAG Desktop process; "
                "try again when it has finished."
            )
        since = str(info.get("since", "")).replace("T", " ")
        return (
            f"The store is in use by {info.get('user', 'another user')} on "
            f"{info.get('host', 'another computer')} ({info.get('purpose', 'writing')}, "
            f"process {info.get('pid', '?')}) since {since}; try again when they have finished."
        )

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
