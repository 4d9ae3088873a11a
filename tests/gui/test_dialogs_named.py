"""Every control of the clerk's dialogs is named for a screen reader by its label, and every
dialog opens within the screen (the test screen is smaller than a 1366×768 laptop's)."""

from __future__ import annotations

from pathlib import Path

from accessibility_walk import faults
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from mag_desktop.core.query import Filter
from mag_desktop.core.release.keys import PublicKey
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.views.batch_dialog import BatchDialog
from mag_desktop.gui.views.history import HistoryDialog
from mag_desktop.gui.views.import_wizard import ImportWizard
from mag_desktop.gui.views.main_window import MainWindow
from mag_desktop.gui.views.notes_list import NotesListDialog
from mag_desktop.gui.views.release_dialogs import PublishDialog, TrustDialog

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def within_screen(dialog: QDialog) -> bool:
    area = (dialog.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    return dialog.width() <= area.width() and dialog.height() <= area.height()


def test_every_dialog_is_named_and_fits(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ops = window_operations(window)
    wizard = ImportWizard(ops, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.path.setText(str(SAMPLE / "commitments_2026-Q3.xlsx"))
    wizard.run(dry_run=True)
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30000)
    assert wizard.mapping.combos  # the columns' drop-downs are there to be checked
    key = PublicKey("the Taskforce clerk", bytes(range(32)))
    dialogs: list[QDialog] = [
        wizard, HistoryDialog(ops, window.settings, window),
        BatchDialog(ops, window.choices, Filter(), window), PublishDialog(ops, window),
        NotesListDialog(window.releases.notes, window), TrustDialog(key, window)]
    problems = {}
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        if found := faults(dialog):  # unnamed controls, unlabelled boxes, hidden text
            problems[type(dialog).__name__] = found
        assert within_screen(dialog), (type(dialog).__name__, dialog.size())
    assert problems == {}
    assert window.runner.wait()
