"""One writer at a time across processes; a lock left by a killed process is recovered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from mag_desktop.core.errors import StoreBusyError
from mag_desktop.core.store import Store, maintenance

HOLDER = """
import sys, time
from mag_desktop.core.store import Store
store = Store.open(sys.argv[1])
with store.write("importing q3.xlsx") as conn:
    conn.execute("INSERT INTO meta VALUES ('holder', 'yes')")
    print("ready", flush=True)
    time.sleep(60)
"""


def start_holder(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_second_writer_is_told_who_and_since_when(store_path: Path) -> None:
    Store.open(store_path).close()
    holder = start_holder(store_path)
    try:
        with Store.open(store_path) as store:
            with pytest.raises(StoreBusyError) as caught, store.write():
                pass
            message = str(caught.value)
            assert "\n" not in message
            assert "in use by" in message
            assert "importing q3.xlsx" in message
            assert f"process {holder.pid}" in message
            assert "since 20" in message
            # Readers are not blocked meanwhile.
            assert maintenance.info(store).counts["wards"] == 408
    finally:
        holder.kill()
        holder.wait()


def test_lock_of_a_killed_process_is_recovered(store_path: Path) -> None:
    Store.open(store_path).close()
    holder = start_holder(store_path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    with Store.open(store_path) as store:
        with store.write() as conn:
            conn.execute("INSERT INTO meta VALUES ('after', 'ok')")
        keys = {k for (k,) in store.conn.execute("SELECT key FROM meta")}
        assert "after" in keys
        assert "holder" not in keys  # the killed writer's transaction left nothing
        assert maintenance.integrity_ok(store)


def test_cli_second_writer_gets_one_line(store_path: Path, tmp_path: Path) -> None:
    with Store.open(store_path) as store:
        backup = maintenance.backup(store, tmp_path / "b.sqlite")
    holder = start_holder(store_path)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mag_desktop", "restore", str(backup), "--store",
             str(store_path)],
            capture_output=True, text=True, timeout=60,
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "in use by" in lines[0]
    assert "Traceback" not in result.stderr
