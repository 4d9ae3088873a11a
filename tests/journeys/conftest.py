"""Fixtures for the users' journeys: the real command line in a subprocess, the real window
offscreen, and a store with the sample data built once per test run and copied per test."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from journey_helpers import Cli, Windows, make_settings
from pytestqt.qtbot import QtBot

from mag_desktop.gui.settings import Settings

CLI_TIMEOUT = 120  # seconds; a ward batch of a small authority takes well under this


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
