"""Helpers shared by the journeys: the command line's type, settings as a restarted app reads
them, windows opened and closed as a member does, and ticking a box as a mouse would."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from mag_desktop.gui.app import open_window, wait_until_idle
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.checklist import CODE_ROLE, CheckList
from mag_desktop.gui.views.main_window import MainWindow

BIRMINGHAM = "E08000025"
SOLIHULL = "E08000029"
ERDINGTON = "E05011135"  # a Birmingham ward
HOUSING = "HOUSING"

#: Runs ``python -m mag_desktop ARGS…`` and returns the finished process (output captured).
Cli = Callable[..., subprocess.CompletedProcess[str]]


def make_settings(path: Path) -> Settings:
    """Settings kept in an ini file: a new object reads what an earlier one wrote, as the app
    does when it starts again."""
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


def tick(checklist: CheckList, code: str) -> None:
    """Tick one box of a filter list the way a click does (the list then reports the change)."""
    for i in range(checklist.list.count()):
        item = checklist.list.item(i)
        if item.data(CODE_ROLE) == code:
            name = checklist.list.accessibleName()
            assert not item.isHidden(), f"{code} is not visible in {name}"
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{code} is not offered in {checklist.list.accessibleName()}")


class Windows:
    """Opens windows on a store the way the app starts (shown, data loaded) and closes them the
    way a member does; whatever is still open at the end of the test is closed too."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.open_windows: list[MainWindow] = []

    def open(self, store: Path, settings: Settings) -> MainWindow:
        win = open_window(store, settings)
        self.qtbot.addWidget(win)
        win.resize(1400, 900)
        win.show()
        assert wait_until_idle(win), "the window did not finish loading its data"
        self.open_windows.append(win)
        return win

    def close(self, win: MainWindow) -> None:
        win.runner.wait()
        win.close()
        win.session.close()
        self.open_windows.remove(win)

    def close_all(self) -> None:
        for win in list(self.open_windows):
            self.close(win)
