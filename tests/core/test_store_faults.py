"""Store faults in plain words: empty, foreign, damaged, busy, full and read-only stores; each a
one-line message with what to do, and nothing already stored lost or replaced."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mag_desktop.cli import main
from mag_desktop.core.errors import StoreBusyError, StoreError, StoreReadOnlyError
from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.store import Store, maintenance
from mag_desktop.core.store.faults import StoreDamagedError, StoreFullError, plain

SAMPLE = Path(__file__).parents[2] / "data" / "sample"


def _damage(path: Path, page: int = 12) -> None:
    with Store.open(path) as store:  # everything in the main file
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = int(store.conn.execute("PRAGMA page_size").fetchone()[0])
    with path.open("r+b") as handle:
        handle.seek(size * page)
        handle.write(bytes(range(256)) * (size // 256))


def test_an_empty_file_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    path.touch()
    with pytest.raises(StoreError, match="is an empty file, not a MAG Desktop store"):
        Store.open(path)
    assert path.stat().st_size == 0


def test_a_foreign_database_or_file_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    other = tmp_path / "accounts.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE ledger(x)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(StoreError, match="database of another program"):
        Store.open(other)
    assert other.read_bytes() == before
    text = tmp_path / "notes.sqlite"
    text.write_text("minutes of the meeting")
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store.open(text)
    assert text.read_text() == "minutes of the meeting"


def test_a_damaged_store_is_refused_naming_the_newest_backups(sample_store: Path) -> None:
    with Store.open(sample_store) as store:
        newest = maintenance.backup(store, label="before-import")
    _damage(sample_store)
    with pytest.raises(StoreDamagedError, match="is damaged") as caught:
        Store.open(sample_store)
    assert "restore a backup" in str(caught.value) and str(newest) in str(caught.value)


def test_a_check_in_the_background_keeps_every_write_off_a_damaged_store(
        sample_store: Path) -> None:
    with Store.open(sample_store, check_in_background=True) as sound:
        assert sound.integrity_problem() is None
        with sound.write("a sound store") as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    _damage(sample_store, page=40)
    with Store.open(sample_store, check_in_background=True) as store:  # opens without waiting
        problem = store.integrity_problem()
        assert isinstance(problem, StoreDamagedError) and "is damaged" in str(problem)
        with pytest.raises(StoreDamagedError, match="is damaged"), store.write("an import"):
            pass


def test_the_cli_says_a_damaged_store_plainly(sample_store: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _damage(sample_store)
    assert main(["info", "--store", str(sample_store)]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "unexpected error" not in err
    assert len(err.strip().splitlines()) == 1


def test_screenshot_of_a_damaged_store_exits_non_zero(sample_store: Path,
                                                      tmp_path: Path) -> None:
    _damage(sample_store)
    shot = tmp_path / "shot.png"
    done = subprocess.run(
        [sys.executable, "-m", "mag_desktop", "gui", "--screenshot", str(shot), "--store",
         str(sample_store)], capture_output=True, text=True, timeout=120,
        env={**_env(), "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode != 0 and "is damaged" in done.stderr
    assert not shot.exists()


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def test_a_store_locked_by_another_program_is_said_plainly(store: Store) -> None:
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    store.conn.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StoreBusyError, match="in use by another program"), store.write() as c:
            c.execute("UPDATE meta SET value = value WHERE key = 'data_version'")
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_full_disk_during_an_import_loses_nothing(store: Store) -> None:
    before = maintenance.content_checksum(store.conn)
    pages = int(store.conn.execute("PRAGMA page_count").fetchone()[0])
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk fills up
    with pytest.raises(StoreFullError, match=r"is full\. Nothing was lost"):
        run_import(store, SAMPLE / "indicators_quarterly.xlsx", ImportOptions())
    assert maintenance.content_checksum(store.conn) == before


@pytest.mark.parametrize(("error", "kind", "words"), [
    (sqlite3.OperationalError("database is locked"), StoreBusyError, "in use by another"),
    (sqlite3.OperationalError("attempt to write a readonly database"), StoreReadOnlyError,
     "read-only"),
    (sqlite3.OperationalError("database or disk is full"), StoreFullError, "is full"),
    (sqlite3.DatabaseError("database disk image is malformed"), StoreDamagedError, "damaged"),
    (OSError(28, "No space left on device"), StoreFullError, "is full"),
    (OSError(30, "Read-only file system"), StoreReadOnlyError, "read-only"),
])
def test_faults_are_named_plainly(tmp_path: Path, error: Exception, kind: type,
                                  words: str) -> None:
    fault = plain(error, tmp_path / "s.sqlite")
    assert isinstance(fault, kind) and words in str(fault)
    assert plain(ValueError("a bug"), None) is None


@contextlib.contextmanager
def _read_only_mount(folder: Path) -> Iterator[Path]:
    folder.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)],
                          capture_output=True)
    if made.returncode != 0:
        pytest.skip("mounting a file system needs root and a machine that allows it")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def test_a_store_on_read_only_media_is_read_and_never_written(sample_store_file: Path,
                                                              tmp_path: Path) -> None:
    with _read_only_mount(tmp_path / "media") as media:
        path = media / "store.sqlite"
        shutil.copy(sample_store_file, path)
        subprocess.run(["mount", "-o", "remount,ro", str(media)], check=True)
        with pytest.raises(StoreReadOnlyError, match="can only be read there"), \
                Store.open(path) as store, store.write():
            pass
        with Store.open(path, readonly=True) as store:
            assert store.conn.execute("SELECT count(*) FROM observation").fetchone()[0] > 0
        assert main(["info", "--store", str(path)]) == 0
        from mag_desktop.gui.session import Session

        session = Session(path)
        try:
            assert session.read_only and "cannot be written" in session.read_only_reason
            assert not session.busy_elsewhere
        finally:
            session.close()


def test_a_refused_import_makes_no_backup(store: Store) -> None:
    from mag_desktop.core.store.location import backups_dir
    from mag_desktop.core.store.lock import WriterLock

    def backups() -> list[Path]:
        folder = backups_dir(store.path)
        return sorted(folder.glob("*.sqlite")) if folder.exists() else []

    other_window = WriterLock(store.path, "another window")
    other_window.acquire()
    try:
        with pytest.raises(StoreBusyError):
            run_import(store, SAMPLE / "indicators_quarterly.xlsx", ImportOptions())
    finally:
        other_window.release()
    assert backups() == []
    pages = int(store.conn.execute("PRAGMA page_count").fetchone()[0])
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(StoreFullError):
        run_import(store, SAMPLE / "indicators_quarterly.xlsx", ImportOptions())
    assert backups() == []
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    assert run_import(store, SAMPLE / "indicators_quarterly.xlsx", ImportOptions()).status == "ok"
    assert len(backups()) == 1
