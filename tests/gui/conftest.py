"""GUI fixtures: a store with the sample data (built once, copied per test), settings in a
temporary file, and a window whose jobs are awaited and closed in teardown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from mag_desktop.gui.app import open_window, wait_until_idle
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, sample_store: Path, settings: Settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = open_window(sample_store, settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    assert wait_until_idle(win)
    yield win
    win.runner.wait()
    win.close()
    win.session.close()
