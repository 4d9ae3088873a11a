"""Backups (``VACUUM INTO``), restore, integrity, a content checksum, and the store's summary."""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mag_desktop.core.errors import StoreError
from mag_desktop.core.store import import_log, pack_log, shape
from mag_desktop.core.store.connection import migrate, schema_version
from mag_desktop.core.store.location import backups_dir
from mag_desktop.core.store.reads import counts, meta
from mag_desktop.core.store.schema import CONTENT_TABLES, SCHEMA_VERSION
from mag_desktop.core.store.store import Store


def default_backup_path(store: Store, label: str = "backup") -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backups_dir(store.path) / f"{store.path.stem}-{stamp}-{label}.sqlite"


def backup(store: Store, dest: Path | None = None, *, label: str = "backup") -> Path:
    """A consistent copy of the store, taken while others may keep reading (``VACUUM INTO``)."""
    target = Path(dest) if dest else default_backup_path(store, label)
    if target.exists():
        raise StoreError(f"{target} already exists: choose another name for the backup")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        with store.read() as conn:  # any thread; inside a write, the write's own connection
            conn.execute("VACUUM INTO ?", (str(tmp),))
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write the backup {target}: {exc}") from exc
    tmp.replace(target)
    return target


@contextmanager
def backed_up(store: Store, label: str, purpose: str) -> Iterator[Path]:
    """Hold the writer lock, back the store up, and run the block; a block that fails (or a
    store busy in another process) leaves no backup behind, so the ten kept are the newest
    good ones. The backup is made under the lock, so it is exactly what the block changes."""
    with store.exclusive(purpose):
        saved = backup(store, label=label)
        try:
            yield saved
        except BaseException:
            saved.unlink(missing_ok=True)  # nothing changed: the store is the backup's twin
            raise
        prune_backups(store, label=label)


def check_backup(path: Path) -> int:
    """Open a candidate backup read-only; return its schema version or raise a clear error."""
    if not path.is_file():
        raise StoreError(f"there is no backup file at {path}")
    with path.open("rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise StoreError(f"{path} is not a MAG Desktop backup (not an SQLite database)")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise StoreError(f"{path} is damaged ({ok}); choose another backup")
        version = schema_version(conn)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} cannot be read as a backup: {exc}") from exc
    finally:
        conn.close()
    if version < 1 or not {"meta", "observation", "commitment"} <= tables:
        raise StoreError(f"{path} is not a MAG Desktop backup (its tables are not the store's)")
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} was written by a newer MAG Desktop: update the application")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        shape.check(conn, version, f"the backup {path.name}")
        released = conn.execute("SELECT 1 FROM meta WHERE key = 'release_id'").fetchone()
    finally:
        conn.close()
    if released:  # its confidential figures are blanked: restoring it would lose them
        raise StoreError(f"{path} is the data of a published release, not a backup: its "
                         "confidential figures are blanked, so it cannot replace a store")
    return version


@contextmanager
def _same_page_size(source: Path, page_size: int) -> Iterator[Path]:
    """The backup itself, or a temporary copy of it rebuilt with the store's page size (a
    store in write-ahead mode cannot take pages of another size)."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if src.execute("PRAGMA page_size").fetchone()[0] == page_size:
            yield source
            return
        with tempfile.TemporaryDirectory(prefix="mag-restore-") as folder:
            copy = Path(folder) / "restore.sqlite"
            dest = sqlite3.connect(copy, isolation_level=None)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
                dest.execute(f"PRAGMA page_size = {int(page_size)}")
                dest.execute("VACUUM")
            finally:
                dest.close()
            yield copy
    finally:
        src.close()


def restore(store: Store, source: Path) -> Path:
    """Replace the store's content with a backup's, atomically; returns a safety backup.

    The current content is backed up first. The copy runs inside the writer lock through
    SQLite's backup API, so readers see either the old content or the new, never a mix. The
    data version moves forward (never back), so packs made before and after stay distinct.
    """
    check_backup(source)
    with store.exclusive("restoring a backup"):
        safety = backup(store, label="before-restore")
        previous_version = store.data_version()
        page_size = meta.page_size(store.conn)
        with _same_page_size(Path(source), page_size) as ready:
            src = sqlite3.connect(f"{ready.resolve().as_uri()}?mode=ro", uri=True)
            try:
                src.backup(store.conn)
            finally:
                src.close()
        migrate(store.conn, store.path)
        with store.write("restoring a backup") as conn:
            from mag_desktop.core.disclosure import refresh_all  # the store is below the core

            refresh_all(conn)  # never trust a backup's withheld flags
            restored_version = store.data_version(conn)
            meta.set_data_version(conn, max(previous_version, restored_version))
            store.bump_data_version(conn)
    return safety


def integrity_ok(store: Store) -> bool:
    with store.read() as conn:
        return meta.integrity_ok(conn)


def content_checksum(conn: sqlite3.Connection) -> str:
    """A SHA-256 of every row of every content table, in primary-key order."""
    digest = hashlib.sha256()
    for table in CONTENT_TABLES:
        digest.update(table.encode())
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class StoreInfo:
    path: Path
    size_bytes: int
    schema_version: int
    data_version: int
    counts: dict[str, int]
    last_import: str | None


def info(store: Store) -> StoreInfo:
    with store.read() as conn:
        values = counts.content_counts(conn)
        values["imports"] = import_log.count_committed(conn)
        values["packs"] = pack_log.count(conn)
        last = import_log.last_committed(conn, by="id")
        version = store.data_version(conn)
        schema = schema_version(conn)
    size = sum(
        p.stat().st_size
        for p in (store.path, store.path.with_name(store.path.name + "-wal"))
        if p.exists()
    )
    return StoreInfo(
        path=store.path,
        size_bytes=size,
        schema_version=schema,
        data_version=version,
        counts=values,
        last_import=f"{last[0]} ({last[1]})" if last else None,
    )


def prune_backups(store: Store, keep: int = 10, label: str = "before-import") -> None:
    """Keep the newest ``keep`` automatic backups of one kind; older ones are removed."""
    folder = backups_dir(store.path)
    if not folder.exists():
        return
    automatic = sorted(folder.glob(f"{store.path.stem}-*-{label}.sqlite"))
    for old in automatic[:-keep]:
        old.unlink(missing_ok=True)
    remove_stale_parts(folder)


def remove_stale_parts(folder: Path, older_than_s: float = 3600) -> list[Path]:
    """Remove backups left half-written by a process that was killed while writing them."""
    removed = []
    for part in folder.glob("*.sqlite.part"):
        try:
            if time.time() - part.stat().st_mtime > older_than_s:
                part.unlink()
                removed.append(part)
        except OSError:  # gone meanwhile, or not ours to remove
            continue
    return removed
