"""A backup or store file is used only when its objects are exactly those MAG Desktop makes:
a hostile trigger, view or index is refused by name and nothing changes."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from mag_desktop.core.errors import StoreError
from mag_desktop.core.store import Store, maintenance, shape
from mag_desktop.core.store.schema import MIGRATIONS, SCHEMA_VERSION

WIPE = ("CREATE TRIGGER wipe AFTER INSERT ON import_log BEGIN "
        "DELETE FROM commitment_update; END")


def _updates(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM commitment_update").fetchone()[0])


def _tampered_backup(store: Store, folder: Path, statement: str) -> Path:
    target = maintenance.backup(store, folder / "tampered.sqlite")
    conn = sqlite3.connect(target)
    conn.execute(statement)
    conn.commit()
    conn.close()
    return target


def test_reference_matches_a_store_made_in_full(store: Store) -> None:
    assert shape.fault(store.conn, SCHEMA_VERSION) is None
    assert shape.objects_of(store.conn) == shape.reference(SCHEMA_VERSION)


def test_a_store_migrated_from_version_1_has_the_same_shape(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    conn = sqlite3.connect(old, isolation_level=None)
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    assert shape.fault(conn, 1) is None
    conn.close()
    with Store.open(old) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert shape.fault(store.conn, SCHEMA_VERSION) is None


def test_a_backup_carrying_a_wiping_trigger_is_refused(sample_store: Path,
                                                       tmp_path: Path) -> None:
    with Store.open(sample_store) as store:
        before = maintenance.content_checksum(store.conn)
        updates = _updates(store)
        assert updates > 0
        hostile = _tampered_backup(store, tmp_path, WIPE)
        with pytest.raises(StoreError, match=r"trigger 'wipe'.*nothing was changed"):
            maintenance.restore(store, hostile)
        assert maintenance.content_checksum(store.conn) == before
        assert _updates(store) == updates


@pytest.mark.parametrize(("statement", "named"), [
    ("CREATE VIEW everything AS SELECT * FROM observation", "view 'everything'"),
    ("CREATE INDEX sneaky ON observation(value)", "index 'sneaky'"),
    ("CREATE TABLE extra(x)", "table 'extra'"),
    ("DROP INDEX observation_import", "index 'observation_import' are missing"),
])
def test_anything_extra_or_missing_is_named(store: Store, tmp_path: Path, statement: str,
                                            named: str) -> None:
    hostile = _tampered_backup(store, tmp_path, statement)
    with pytest.raises(StoreError, match=named):
        maintenance.check_backup(hostile)


def test_a_changed_table_definition_is_refused(store: Store, tmp_path: Path) -> None:
    target = maintenance.backup(store, tmp_path / "changed.sqlite")
    conn = sqlite3.connect(target)
    conn.execute("ALTER TABLE commitment ADD COLUMN payload TEXT")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="table 'commitment' differ"):
        maintenance.check_backup(target)


def test_a_store_file_with_a_trigger_is_refused_at_open(store_path: Path) -> None:
    Store.open(store_path).close()
    conn = sqlite3.connect(store_path)
    conn.execute(WIPE)
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"the store .* is refused: it carries trigger 'wipe'"):
        Store.open(store_path)
    with pytest.raises(StoreError, match="trigger 'wipe'"):
        Store.open(store_path, readonly=True)


def test_a_backup_with_another_page_size_restores(sample_store: Path, tmp_path: Path) -> None:
    with Store.open(sample_store) as store:
        backup = maintenance.backup(store, tmp_path / "big-pages.sqlite")
        conn = sqlite3.connect(backup, isolation_level=None)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA page_size = 16384")
        conn.execute("VACUUM")
        assert conn.execute("PRAGMA page_size").fetchone()[0] == 16384
        conn.close()
        updates = _updates(store)
        with store.write() as w:
            w.execute("DELETE FROM commitment_update")
        maintenance.restore(store, backup)
        assert _updates(store) == updates
        assert maintenance.integrity_ok(store)
        assert store.conn.execute("PRAGMA page_size").fetchone()[0] != 16384


def test_stale_half_written_backups_are_removed(store: Store) -> None:
    first = maintenance.backup(store, label="before-import")
    folder = first.parent
    stale = folder / "killed-while-writing.sqlite.part"
    fresh = folder / "being-written-now.sqlite.part"
    shutil.copy(first, stale)
    shutil.copy(first, fresh)
    hours_ago = time.time() - 7200
    os.utime(stale, (hours_ago, hours_ago))
    maintenance.prune_backups(store)
    assert not stale.exists()
    assert fresh.exists()  # perhaps another process's backup in progress
    assert first.exists()
