"""The import history, with undo of one import (refused, with the reason, when later imports
depend on it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout

from mag_desktop.core.ingest.history import list_imports, undo_import
from mag_desktop.gui.models.frame_model import Column, FrameModel
from mag_desktop.gui.views.tables import FrameTable

if TYPE_CHECKING:
    from mag_desktop.gui.views.main_window import MainWindow

COLUMNS = [Column("id", "No.", align="right"), Column("started_at", "When"),
           Column("outcome", "Outcome"), Column("kind", "Kind"), Column("file_name", "File"),
           Column("inserted", "New", align="right"), Column("updated", "Changed", align="right"),
           Column("unchanged", "Unchanged", align="right"), Column("os_user", "By"),
           Column("data_version", "Data version", align="right")]


class HistoryDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.setWindowTitle("Import history")
        self.resize(1000, 480)
        layout = QVBoxLayout(self)
        self.note = QLabel("Undo reverts exactly one import and restores the values it "
                           "replaced.", self)
        layout.addWidget(self.note)
        self.model = FrameModel(COLUMNS, self)
        self.table = FrameTable("Imports", self.model, window.settings, self)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.undo_button = buttons.addButton("&Undo the selected import",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setEnabled(not window.session.read_only)
        buttons.rejected.connect(self.reject)
        self.undo_button.clicked.connect(self.undo)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        def work(conn):  # type: ignore[no-untyped-def]
            return pd.DataFrame([r.__dict__ for r in list_imports(conn)])

        self.w.runner.run(self.w.session.read(work), self.show_frame, self.w.error)

    def show_frame(self, frame: pd.DataFrame) -> None:
        if not frame.empty:
            frame = frame.assign(started_at=frame["started_at"].str.replace("T", " ").str[:16])
        self.model.set_frame(frame)

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
        store = self.w.session.store

        def done(message: str) -> None:
            self.note.setText(message)
            self.load()
            self.w.controller.data_changed()

        self.w.runner.run(self.w.session.writing(lambda _p, _c: undo_import(store, import_id)),
                          done,
                          lambda m: self.note.setText(f"<b>Not undone.</b> {m}"))
