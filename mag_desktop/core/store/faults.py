"""Store faults in plain words: what SQLite or the operating system reports, said as one line a
clerk can act on (busy, read-only, disk full, damaged, not a store).

``plain(error, path)`` turns a ``sqlite3.Error`` or ``OSError`` into the matching
:class:`StoreError`, or returns None for anything else (a bug, shown as one). The CLI and the
window call it on every failure; :class:`Store` raises through it where it opens and writes.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from mag_desktop.core.errors import StoreBusyError, StoreError, StoreReadOnlyError
from mag_desktop.core.store.location import backups_dir

# SQLite's primary result codes (https://sqlite.org/rescode.html)
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_SHOWN_BACKUPS = 3

#: What a store or its disk may raise: :func:`plain` says the known ones in plain words (callers
#: outside the store package catch these without naming the database engine).
FAULTS: tuple[type[BaseException], ...] = (sqlite3.Error, OSError)


class StoreFullError(StoreError):
    """The disk holding the store (or its backups, or a pack) is full."""


class StoreDamagedError(StoreError):
    """The store file is damaged; a backup must be restored."""


def newest_backups(store_path: Path, count: int = _SHOWN_BACKUPS) -> list[Path]:
    folder = backups_dir(store_path)
    try:
        found = [p for p in folder.glob("*.sqlite") if p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)[:count]


def damaged(store_path: Path, detail: str) -> StoreDamagedError:
    backups = newest_backups(store_path)
    if backups:
        advice = ("restore a backup (File › Restore backup…, or mag-desktop restore FILE): the "
                  "newest are " + ", ".join(str(p) for p in backups))
    else:
        advice = ("there is no backup beside it: restore one from elsewhere, or move the file "
                  "away and import the data again")
    return StoreDamagedError(f"the store {store_path} is damaged ({detail}); {advice}")


def _code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def plain(error: BaseException, path: Path | None) -> StoreError | None:
    """The plain-words fault for ``error`` at the store ``path``, or None when it is not one."""
    if isinstance(error, StoreError):
        return error
    where = f"the store {path}" if path else "the store"
    if isinstance(error, sqlite3.Error):
        code, text = _code(error), str(error).lower()
        if code in (_BUSY, _LOCKED) or "locked" in text:
            return StoreBusyError(
                f"{where} is in use by another program, which kept it locked for more than 5 "
                "seconds; close that program or wait for it to finish, then try again")
        if code == _READONLY or "readonly" in text:
            return StoreReadOnlyError(
                f"{where} cannot be written: the file or its folder is read-only. Nothing was "
                "changed; copy it to a folder you can write to, or open it to read only")
        if code == _FULL or "disk is full" in text:
            return StoreFullError(
                f"the disk holding {where} is full. Nothing was lost or changed; free some "
                "space and try again")
        if code in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
            return damaged(path, str(error)) if path else StoreDamagedError(str(error))
        if code == _CANTOPEN:
            return StoreError(
                f"{where} cannot be opened: its folder is missing or cannot be read or written")
        if code == _IOERR:
            return StoreError(f"{where} cannot be read or written ({error}); check the disk")
        return None
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return StoreFullError(
                "the disk is full. Nothing was lost or changed; free some space and try again")
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            name = error.filename or path or "the file"
            return StoreReadOnlyError(
                f"{name} cannot be written (a read-only file or folder). Nothing was changed")
    return None


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """SQLite's quick integrity check (a fraction of a second on a large store)."""
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as error:
        raise plain(error, path) or damaged(path, str(error)) from error
    if rows != ["ok"]:
        raise damaged(path, "; ".join(rows))
