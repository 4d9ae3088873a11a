"""A bulk write leaves copying its log into the store file to a thread: the commit returns
without it, the copy follows, and nothing that closes, replaces or copies the file runs beside
it."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from mag_desktop.core.store import Store, checkpoint


def _fill(store: Store, rows: int, *, bulk: bool) -> None:
    with store.write("filling", bulk=bulk) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS filler(n INTEGER, text TEXT)")
        conn.executemany("INSERT INTO filler VALUES (?, ?)",
                         ((i, f"row {i:08d} " * 4) for i in range(rows)))


def _rows_in_the_file_alone(path: Path, tmp_path: Path) -> int:
    """The rows a copy of the store file holds without its log (what was checkpointed)."""
    alone = tmp_path / "alone.sqlite"
    shutil.copyfile(path, alone)
    conn = sqlite3.connect(alone)
    try:
        return int(conn.execute("SELECT count(*) FROM filler").fetchone()[0])
    except sqlite3.OperationalError:  # the table itself is still in the log only
        return 0
    finally:
        conn.close()


def test_a_bulk_write_is_copied_into_the_store_file_after_its_commit(
        store: Store, store_path: Path, tmp_path: Path) -> None:
    _fill(store, 60_000, bulk=True)
    store._checkpoints.wait()
    assert _rows_in_the_file_alone(store_path, tmp_path) == 60_000
    assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    with store.read() as conn:
        assert conn.execute("SELECT count(*) FROM filler").fetchone()[0] == 60_000


def test_the_commit_of_a_bulk_write_does_not_wait_for_the_copy(
        store: Store, store_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    run = checkpoint.Checkpoints._run

    def held(self: checkpoint.Checkpoints) -> None:
        gate.wait(timeout=30)
        run(self)

    monkeypatch.setattr(checkpoint.Checkpoints, "_run", held)
    _fill(store, 60_000, bulk=True)  # returns although the copy is held back
    assert store._checkpoints.running
    assert _rows_in_the_file_alone(store_path, tmp_path) == 0  # still in the log only
    with store.read() as conn:  # and read from it
        assert conn.execute("SELECT count(*) FROM filler").fetchone()[0] == 60_000
    gate.set()
    store._checkpoints.wait()
    assert _rows_in_the_file_alone(store_path, tmp_path) == 60_000


def test_closing_and_whole_file_work_wait_for_the_copy(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    finished: list[str] = []
    run = checkpoint.Checkpoints._run

    def slow(self: checkpoint.Checkpoints) -> None:
        time.sleep(0.3)
        run(self)
        finished.append("copied")

    monkeypatch.setattr(checkpoint.Checkpoints, "_run", slow)
    store = Store.open(store_path)
    _fill(store, 1_000, bulk=True)
    with store.exclusive("replacing the file"):
        assert finished == ["copied"]
    _fill(store, 1_000, bulk=True)
    store.close()
    assert finished == ["copied", "copied"]


def test_an_ordinary_write_keeps_sqlite_s_own_checkpoint(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[bool] = []
    monkeypatch.setattr(checkpoint.Checkpoints, "start", lambda self: started.append(True))
    _fill(store, 100, bulk=False)
    assert started == []
    assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
