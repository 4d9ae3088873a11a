"""Fixtures for the users' journeys: the real command line in a subprocess, the real window
offscreen, and a store with the sample data built once per test run and copied per test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from journey_helpers import Cli, Windows, make_settings
from pytestqt.qtbot import QtBot

from mag_desktop.core.demo import load_sample
from mag_desktop.core.store import Store
from mag_desktop.gui.settings import Settings

CLI_TIMEOUT = 120  # seconds; a ward batch of a small authority takes well under this


@pytest.fixture(scope="session")
def journey_sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data loaded through the importer, once for the whole test run."""
    path = tmp_path_factory.mktemp("journey-sample") / "sample.sqlite"
    with Store.open(path) as store:
        results = list(load_sample(store))
        assert all(r.status == "ok" for r in results), [r.message for r in results]
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def sample_store(journey_sample_file: Path, tmp_path: Path) -> Path:
    """A private copy of the sample store for one test."""
    target = tmp_path / "store.sqlite"
    shutil.copy(journey_sample_file, target)
    return target


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """The command line as a user runs it: a fresh interpreter, no inherited store."""
    env = {k: v for k, v in os.environ.items() if k != "MAG_STORE"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8",
               XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data-home"))

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mag_desktop", *map(str, args)],
            capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path,
            timeout=CLI_TIMEOUT, check=False,
        )

    return run


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    """Where this test's window keeps its settings (never the user's own)."""
    return tmp_path / "settings.ini"


@pytest.fixture
def settings(settings_file: Path) -> Settings:
    return make_settings(settings_file)


@pytest.fixture
def windows(qtbot: QtBot) -> Iterator[Windows]:
    opened = Windows(qtbot)
    yield opened
    opened.close_all()
