"""The store: migrations, all-or-nothing writes, readers during writes, backup and restore."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from mag_desktop.core.errors import StoreError
from mag_desktop.core.store import Store, maintenance
from mag_desktop.core.store.connection import migrate
from mag_desktop.core.store.schema import SCHEMA_VERSION


def add_import(conn: sqlite3.Connection, name: str = "q3.xlsx") -> int:
    cur = conn.execute(
        "INSERT INTO import_log(file_name, sha256, kind, started_at, os_user, outcome)"
        " VALUES (?, 'abc', 'indicators', '2024-10-01T10:00:00', 'clerk', 'committed')",
        (name,),
    )
    conn.execute(
        "INSERT OR IGNORE INTO period VALUES ('2024 Q3', 'quarter', '2024-07-01', '2024-09-30')"
    )
    conn.execute(
        "INSERT OR IGNORE INTO indicator(code, name, theme_code, unit, polarity, import_id)"
        " VALUES ('EMP', 'Employment rate', 'JOBS', '%', 'higher', ?)",
        (cur.lastrowid,),
    )
    return int(cur.lastrowid or 0)


def add_observation(conn: sqlite3.Connection, import_id: int, value: float) -> None:
    conn.execute(
        "INSERT INTO observation(indicator_code, period, area_code, group_code, value, import_id)"
        " VALUES ('EMP', '2024 Q3', 'E08000025', 'ALL', ?, ?)",
        (value, import_id),
    )


def test_new_store_is_migrated_and_seeded(store: Store) -> None:
    assert store.schema_version == SCHEMA_VERSION
    conn = store.conn
    levels = dict(conn.execute("SELECT level, count(*) FROM area GROUP BY level").fetchall())
    assert levels == {"england": 2, "region": 1, "authority": 17, "ward": 408}
    nations = conn.execute("SELECT code, name FROM area WHERE level = 'england' ORDER BY code")
    assert nations.fetchall() == [("E92000001", "England"), ("K04000001", "England and Wales")]
    assert conn.execute("SELECT count(*) FROM theme").fetchone()[0] == 8
    assert conn.execute("SELECT count(*) FROM principle").fetchone()[0] == 3
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.data_version() == 0


def test_migrating_again_changes_nothing(store_path: Path) -> None:
    with Store.open(store_path) as first:
        before = maintenance.content_checksum(first.conn)
        assert migrate(first.conn, store_path) == SCHEMA_VERSION
    with Store.open(store_path) as again:
        assert maintenance.content_checksum(again.conn) == before


def test_exception_in_a_write_leaves_the_store_unchanged(store: Store) -> None:
    with store.write() as conn:
        add_observation(conn, add_import(conn), 71.5)
    before = maintenance.content_checksum(store.conn)
    with pytest.raises(RuntimeError), store.write() as conn:
        import_id = add_import(conn, "bad.xlsx")
        conn.execute("UPDATE observation SET superseded_by = ?", (import_id,))
        store.bump_data_version(conn)
        raise RuntimeError("power cut half way")
    assert maintenance.content_checksum(store.conn) == before


def test_one_current_value_per_key(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError), store.write() as conn:
        import_id = add_import(conn)
        add_observation(conn, import_id, 1.0)
        add_observation(conn, import_id, 2.0)


def test_a_suppressed_value_keeps_no_numbers(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError), store.write() as conn:
        import_id = add_import(conn)
        conn.execute(
            "INSERT INTO observation(indicator_code, period, area_code, group_code, value,"
            " marker, import_id) VALUES ('EMP', '2024 Q3', 'E08000025', 'ALL', 5, '[c]', ?)",
            (import_id,),
        )


def test_readers_are_not_blocked_by_a_writer(store: Store) -> None:
    with store.write() as conn:
        add_observation(conn, add_import(conn), 10.0)
    inside = threading.Event()
    finish = threading.Event()

    def writer() -> None:
        with store.write() as conn:
            conn.execute("UPDATE observation SET value = 99")
            inside.set()
            finish.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert inside.wait(10)
        reader = store.reader()
        try:
            # The reader sees the committed value at once, not the uncommitted one.
            assert reader.execute("SELECT value FROM observation").fetchone()[0] == 10.0
        finally:
            reader.close()
    finally:
        finish.set()
        thread.join()
    assert store.conn.execute("SELECT value FROM observation").fetchone()[0] == 99


def test_data_version_moves_with_each_commit(store: Store) -> None:
    with store.write() as conn:
        add_import(conn)
        assert store.bump_data_version(conn) == 1
    with store.write() as conn:
        assert store.bump_data_version(conn) == 2
    assert store.data_version() == 2


def test_backup_and_restore_round_trip(store: Store, tmp_path: Path) -> None:
    with store.write() as conn:
        add_observation(conn, add_import(conn), 42.0)
        store.bump_data_version(conn)
    snapshot = maintenance.content_checksum(store.conn)
    target = maintenance.backup(store, tmp_path / "copy.sqlite")
    with store.write() as conn:
        conn.execute("DELETE FROM observation")
        store.bump_data_version(conn)
    version_before_restore = store.data_version()
    safety = maintenance.restore(store, target)
    assert safety.exists()
    assert store.conn.execute("SELECT value FROM observation").fetchone()[0] == 42.0
    assert store.data_version() > version_before_restore  # never goes back
    restored = maintenance.content_checksum(store.conn)
    # Everything but the data version equals the backup.
    with store.write() as conn:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'data_version'")
    assert maintenance.content_checksum(store.conn) == snapshot
    assert restored != snapshot
    assert maintenance.integrity_ok(store)


def test_backup_refuses_to_overwrite(store: Store, tmp_path: Path) -> None:
    target = maintenance.backup(store, tmp_path / "b.sqlite")
    with pytest.raises(StoreError, match="already exists"):
        maintenance.backup(store, target)


def test_restore_rejects_what_is_not_a_backup(store: Store, tmp_path: Path) -> None:
    before = maintenance.content_checksum(store.conn)
    junk = tmp_path / "notes.sqlite"
    junk.write_text("hello")
    with pytest.raises(StoreError, match="not a MAG Desktop backup"):
        maintenance.restore(store, junk)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(StoreError, match="not a MAG Desktop backup"):
        maintenance.restore(store, other)
    with pytest.raises(StoreError, match="no backup file"):
        maintenance.restore(store, tmp_path / "missing.sqlite")
    assert maintenance.content_checksum(store.conn) == before


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        Store.open(bad)


def test_info_counts(store: Store) -> None:
    details = maintenance.info(store)
    assert details.counts["authorities"] == 17
    assert details.counts["wards"] == 408
    assert details.last_import is None
