"""GUI fixtures: a store with the sample data (built once, copied per test), settings in a
temporary file, and a window whose jobs are awaited and closed in teardown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from window_helpers import shown_window

from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, sample_store: Path, settings: Settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    with shown_window(qtbot, sample_store, settings, (1400, 900)) as win:
        yield win
