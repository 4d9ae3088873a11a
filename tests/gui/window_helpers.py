"""Helpers shared by the window's tests: a window opened and loaded at a given size, and the
import wizard's Check pressed and waited for."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mag_desktop.gui.app import open_window, wait_until_idle
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.import_wizard import ImportWizard
from mag_desktop.gui.views.main_window import MainWindow


@contextmanager
def shown_window(qtbot: Any, store: Path, settings: Settings, size: tuple[int, int],
                 **options: Any) -> Iterator[MainWindow]:
    """The window over ``store``, shown at ``size`` with its data loaded; closed after."""
    win = open_window(store, settings, **options)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    assert wait_until_idle(win)
    yield win
    win.runner.wait()
    win.close()
    win.session.close()


def check(wizard: ImportWizard, qtbot: Any) -> None:
    """Press the wizard's Check and wait for its outcome."""
    wizard.outcome = None
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=10000)
