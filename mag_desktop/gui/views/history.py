"""The import history, with undo of one import (refused, with the reason, when later imports
depend on it). The history is read, and an import undone, as operations off the GUI thread;
after an undo the window reloads."""

from __future__ import annotations

import sqlite3

import pandas as pd
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.ingest.history import list_imports, undo_import
from mag_desktop.core.store import Store
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.announce import announce
from mag_desktop.gui.models.frame_model import Column, FrameModel
from mag_desktop.gui.operation import Operations
from mag_desktop.gui.runner import Progress
from mag_desktop.gui.screen import fit_dialog
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.tables import FrameTable

COLUMNS = [Column("id", "No.", align="right"), Column("started_at", "When"),
           Column("outcome", "Outcome"), Column("kind", "Kind"), Column("file_name", "File"),
           Column("inserted", "New", align="right"), Column("updated", "Changed", align="right"),
           Column("unchanged", "Unchanged", align="right"), Column("os_user", "By"),
           Column("data_version", "Data version", align="right")]


def imports_frame(conn: sqlite3.Connection) -> pd.DataFrame:
    """Every import, newest first, as the table shows it."""
    frame = pd.DataFrame([r.__dict__ for r in list_imports(conn)])
    if not frame.empty:
        frame = frame.assign(started_at=frame["started_at"].str.replace("T", " ").str[:16])
    return frame


class HistoryDialog(QDialog):
    def __init__(self, ops: Operations, settings: Settings | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle("Import history")
        layout = QVBoxLayout(self)
        self.note = QLabel("Undo reverts exactly one import and restores the values it "
                           "replaced.", self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.model = FrameModel(COLUMNS, self)
        self.table = FrameTable("Imports", self.model, settings, self)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.undo_button = buttons.addButton("&Undo the selected import",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setEnabled(not ops.read_only)
        buttons.rejected.connect(self.reject)
        self.undo_button.clicked.connect(self.undo)
        layout.addWidget(buttons)
        fit_dialog(self, 1000, 480)
        self.load()

    def load(self) -> None:
        self.ops.read(self, imports_frame, success=self.model.set_frame).run_in_background()

    def undo(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.note.setText("Select an import first.")
            return
        import_id = int(self.model.row(index.row())["id"])
        name = str(self.model.row(index.row())["file_name"])
        answer = QMessageBox.question(self, "Undo import",
                                      f"Undo import {import_id} ({name})? A backup is made first.")
        if answer != QMessageBox.StandardButton.Yes:
            return

        def work(store: Store, _progress: Progress, _cancel: CancelToken) -> str:
            return undo_import(store, import_id)

        def done(message: str) -> None:
            self._say(message, message)
            self.load()

        self.ops.write(self, work, success=done) \
            .failure(lambda m: self._say(f"<b>Not undone.</b> {m}", f"Not undone. {m}")) \
            .run_in_background()

    def _say(self, shown: str, heard: str) -> None:
        """The outcome under the table, and to a screen reader as it appears."""
        self.note.setText(shown)
        announce(self.note, heard, urgent=True)
