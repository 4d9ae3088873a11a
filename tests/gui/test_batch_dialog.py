"""The Ward packs dialog: its Folder label, the filter's authority offered first, the store read
off the GUI thread, and Cancel that says how far it got and leaves the dialog ready again."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from mag_desktop.core.briefing import batch
from mag_desktop.core.query import Filter
from mag_desktop.gui.announce import announced
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.views.batch_dialog import BatchDialog
from mag_desktop.gui.views.main_window import MainWindow

SOLIHULL, DUDLEY, BIRMINGHAM = "E08000029", "E08000027", "E08000025"


def dialog_for(window: MainWindow, qtbot, flt: Filter) -> BatchDialog:  # type: ignore[no-untyped-def]
    dialog = BatchDialog(window_operations(window), window.choices, flt, window)
    qtbot.addWidget(dialog)
    return dialog


def test_folder_label_names_the_folder_box(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(window, qtbot, Filter())
    assert dialog.folder_label.buddy() is dialog.folder  # "&Folder" shows F underlined, no "&"
    assert dialog.folder_label.text() == "&Folder"


def test_the_filters_authority_is_offered(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert dialog_for(window, qtbot, Filter(authorities=(DUDLEY,))).authority.currentData() \
        == DUDLEY
    assert dialog_for(window, qtbot, Filter()).authority.currentIndex() == 0


def test_wards_are_read_off_the_gui_thread(window: MainWindow, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                           tmp_path: Path) -> None:
    threads: list[threading.Thread] = []
    real = batch.ward_list

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr("mag_desktop.gui.views.batch_dialog.ward_list", spy)
    dialog = dialog_for(window, qtbot, Filter(authorities=(SOLIHULL,)))
    dialog.folder.setText(str(tmp_path / "packs"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=120000)
    assert threads and threading.main_thread() not in threads


def test_cancel_says_how_far_it_got_and_another_run_works(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                          monkeypatch, tmp_path: Path) -> None:
    dialog = dialog_for(window, qtbot, Filter(authorities=(BIRMINGHAM,)))
    dialog.folder.setText(str(tmp_path / "packs"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.bar.value() > 0, timeout=60000)
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=120000)
    outcome = dialog.outcome
    assert outcome.cancelled
    done = len(outcome.written) + len(outcome.skipped) + len(outcome.failed)
    assert dialog.status.text().startswith(f"Cancelled after {done} of 69 packs")
    assert dialog.bar.value() < 1000  # not "100%" after a cancel
    assert dialog.start_button.isEnabled()
    # Another run, for a smaller authority, in the same dialog.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.authority.setCurrentIndex(dialog.authority.findData(SOLIHULL))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.outcome is not None and dialog.outcome is not outcome,
                    timeout=120000)
    assert not dialog.outcome.cancelled and len(dialog.outcome.written) == 17
    assert dialog.bar.value() == 1000
    assert dialog.status.text().startswith("17 packs written")


def test_closing_during_a_run_stops_it_and_says_so(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    dialog = dialog_for(window, qtbot, Filter(authorities=(BIRMINGHAM,)))
    dialog.show()
    dialog.folder.setText(str(tmp_path / "packs"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.bar.value() > 0, timeout=60000)
    dialog.reject()  # Escape or the close button
    assert dialog.isVisible()  # it stays to say how far it got
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=120000)
    assert dialog.outcome.cancelled
    assert announced(dialog)[-1].startswith("Cancelled after")
    dialog.reject()
    assert not dialog.isVisible()


def test_closed_before_the_wards_are_found_nothing_is_made(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    dialog = dialog_for(window, qtbot, Filter(authorities=(SOLIHULL,)))
    dialog.folder.setText(str(tmp_path / "packs"))
    dialog.start()
    dialog.done(0)
    qtbot.waitUntil(lambda: window.runner.active == 0, timeout=120000)
    qtbot.wait(50)
    assert window.runner.active == 0 and dialog.outcome is None
    assert not (tmp_path / "packs").exists() or not any((tmp_path / "packs").iterdir())
