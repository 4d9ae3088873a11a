"""Helpers for the ship tests: a sample store built once, large generated inputs, and running
the command line in a child process that can be killed."""

from __future__ import annotations

import contextlib
import csv
import itertools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from mag_desktop.core.demo import load_sample
from mag_desktop.core.store import Store
from mag_desktop.paths import resource_path

#: An indicator the sample data defines (a rate per 1,000, so any value from 0 to 100 is valid).
INDICATOR = "TEMP_ACCOM"
HEADERS = ["Indicator ID", "Period", "Area code", "Ethnic group", "Value"]
WINDOWS = sys.platform == "win32"


def build_sample_store(path: Path) -> Path:
    """A store holding the sample data, checkpointed so the file alone is the whole store."""
    with Store.open(path) as store:
        results = list(load_sample(store))
        assert all(r.status == "ok" for r in results), [r.message for r in results]
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _column(name: str, column: str, keep: Callable[[dict[str, str]], bool]) -> list[str]:
    with resource_path("reference", name).open(encoding="utf-8-sig", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle) if keep(row)]


def write_observations(path: Path, rows: int) -> Path:
    """``rows`` valid observations of :data:`INDICATOR`: every ward, ethnic group and quarter
    from 2000 on, until there are enough (written with the csv module: about a second)."""
    wards = _column("wmca_wards_wd22.csv", "ward_code", lambda _row: True)
    groups = _column("ethnic_groups.csv", "label", lambda row: row["kind"] != "unknown")
    periods = [f"{year} Q{quarter}" for year in range(2000, 2100) for quarter in (1, 2, 3, 4)]
    keys = itertools.islice(itertools.product(periods, wards, groups), rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows([INDICATOR, period, ward, group, f"{(i * 7919) % 1000 / 10:.1f}"]
                         for i, (period, ward, group) in enumerate(keys))
    return path


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "mag_desktop", *args]


def child_env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("MAG_STORE", None)
    return env


def start(args: Sequence[str], log: Path) -> subprocess.Popen[bytes]:
    """Start a command in its own process group (so its worker processes can be killed too)."""
    with log.open("wb") as out:
        if WINDOWS:
            return subprocess.Popen(list(args), stdout=out, stderr=subprocess.STDOUT,
                                    env=child_env(),
                                    creationflags=subprocess.CREATE_NEW_PROCESS_GROUP)
        return subprocess.Popen(list(args), stdout=out, stderr=subprocess.STDOUT,
                                env=child_env(), start_new_session=True)


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the process and every process it started at once, with no chance to clean up
    (SIGKILL; on Windows, TerminateProcess on the whole tree); wait for the process."""
    if WINDOWS:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True,
                       check=False)
    else:
        with contextlib.suppress(ProcessLookupError):  # already gone, with all its children
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def was_killed(proc: subprocess.Popen[bytes]) -> bool:
    """Whether the process ended by :func:`kill_group` rather than by finishing."""
    return proc.returncode == (1 if WINDOWS else -signal.SIGKILL)


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes],
             timeout: float, interval: float = 0.002) -> bool:
    """Poll until ``condition`` holds (True) or the process ends or time runs out (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return condition()
        time.sleep(interval)
    return False
