"""A real import killed (SIGKILL) while it writes leaves the store whole and as it was.

The importer is started as the clerk would (``python -m mag_desktop import FILE --store S``) on a
large generated file. It is killed while it holds the writer lock, that is inside its one write
transaction (the lock's ``.lock.json`` names the import). Afterwards SQLite's recovery must give
an intact store with exactly the content it had before, and the same file must import cleanly.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path

import pytest
from shiphelpers import (
    INDICATOR,
    build_sample_store,
    child_env,
    cli,
    kill_group,
    start,
    wait_for,
    was_killed,
    write_observations,
)

from mag_desktop.core.store.maintenance import content_checksum

ROWS = 300_000
#: Seconds to wait, once the write transaction has begun, before the kill. It takes about two
#: seconds on a developer's machine; the first delay that catches it open is enough.
DELAYS = (0.4, 0.15, 0.05, 0.0, 0.8)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("crash-import")
    return (build_sample_store(folder / "sample.sqlite"),
            write_observations(folder / "observations.csv", ROWS))


def state(store: Path) -> tuple[str, str, int]:
    """(integrity check, content checksum, current rows of the generated indicator)."""
    with closing(sqlite3.connect(store)) as conn:  # opening replays or discards the WAL
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        count = conn.execute(
            "SELECT count(*) FROM observation WHERE indicator_code = ? AND superseded_by IS NULL",
            (INDICATOR,)).fetchone()[0]
        return integrity, content_checksum(conn), int(count)


def kill_inside_the_write(store: Path, csv_file: Path, delay: float, log: Path) -> bool:
    """Run the import and SIGKILL it ``delay`` s into its write; True when the kill landed
    before the process finished."""
    holder = store.with_name(store.name + ".lock.json")

    def writing() -> bool:
        try:
            return "importing" in holder.read_text(encoding="utf-8")
        except OSError:
            return False

    proc = start(cli("import", str(csv_file), "--store", str(store)), log)
    try:
        if not wait_for(writing, proc, timeout=180):
            return False
        time.sleep(delay)
    finally:
        kill_group(proc)
    return was_killed(proc)


@pytest.mark.slow
def test_an_import_killed_mid_commit_changes_nothing(inputs: tuple[Path, Path],
                                                     tmp_path: Path) -> None:
    sample, csv_file = inputs
    integrity, before, count_before = state(sample)
    assert integrity == "ok"
    caught: Path | None = None
    tried = []
    for attempt, delay in enumerate(DELAYS):
        store = tmp_path / f"attempt-{attempt}" / "store.sqlite"
        store.parent.mkdir()
        shutil.copy(sample, store)
        killed = kill_inside_the_write(store, csv_file, delay, store.with_suffix(".log"))
        tried.append(f"{delay} s: {'killed' if killed else 'finished first'}")
        if not killed:
            continue
        integrity, after, count = state(store)
        assert integrity == "ok", f"the store is damaged after the kill: {integrity}"
        if after == before:
            died_holding_lock = store.with_name(store.name + ".lock.json").exists()
            assert died_holding_lock, "the kill should have landed inside the write"
            assert count == count_before
            caught = store
            break
        # Killed just after COMMIT: then the import must be there whole, never in part.
        assert count == count_before + ROWS, f"a partial import is visible: {count} rows"
    assert caught is not None, f"no kill landed inside the write transaction: {tried}"

    again = subprocess.run(cli("import", str(csv_file), "--store", str(caught)),
                           capture_output=True, text=True, timeout=300, env=child_env())
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{ROWS:,} new" in again.stdout
    integrity, after, count = state(caught)
    assert integrity == "ok" and after != before
    assert count == count_before + ROWS
