"""The job runner: a progress dialog only for long work, showing what the work last said."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QProgressDialog, QWidget

from mag_desktop.core.tasks import CancelToken, Progress
from mag_desktop.gui.runner import JobRunner


def test_the_dialog_shows_the_last_word_said_before_it_appeared(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A long silent step (a large sheet being parsed) must not leave the dialog blank."""
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = JobRunner(parent)
    release = threading.Event()
    done: list[str] = []

    def work(progress: Progress, cancel: CancelToken) -> str:
        progress(0.25, "opening the file")  # at once, long before the dialog is due
        release.wait(10)
        return "finished"

    runner.run(work, done.append, lambda e: None, progress_label="Checking a file")
    qtbot.waitUntil(lambda: parent.findChild(QProgressDialog) is not None, timeout=5000)
    dialog = parent.findChild(QProgressDialog)
    assert dialog.labelText() == "Checking a file\nopening the file"
    assert dialog.value() == 250
    release.set()
    qtbot.waitUntil(lambda: done == ["finished"], timeout=5000)
    runner.wait()


def test_quick_work_shows_no_dialog(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = JobRunner(parent)
    done: list[int] = []
    runner.run(lambda progress, cancel: 7, done.append, lambda e: None,
               progress_label="Something quick")
    qtbot.waitUntil(lambda: done == [7], timeout=5000)
    qtbot.wait(700)
    assert parent.findChild(QProgressDialog) is None
    runner.wait()
