"""Ward packs in bulk: one PDF per ward of an authority into a folder, with a progress bar,
Cancel, a question before overwriting, and "Open folder" at the end."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from mag_desktop.core.briefing.batch import BatchResult, run_batch, ward_list
from mag_desktop.core.briefing.pack import PackOptions
from mag_desktop.core.tasks import CancelToken

if TYPE_CHECKING:
    from mag_desktop.gui.views.main_window import MainWindow


class BatchDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.setWindowTitle("Ward packs for an authority")
        self.resize(640, 280)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.authority = QComboBox(self)
        self.authority.setAccessibleName("Authority")
        if window.choices is not None:
            for a in window.choices.authorities:
                self.authority.addItem(a.label, a.code)
        form.addRow("&Authority", self.authority)
        row = QHBoxLayout()
        self.folder = QLineEdit(str(Path.home() / "ward-packs"), self)
        self.folder.setAccessibleName("Folder for the packs")
        browse = QPushButton("&Choose…", self)
        row.addWidget(self.folder)
        row.addWidget(browse)
        form.addRow("&Folder", row)
        self.meeting = QLineEdit(self)
        self.meeting.setPlaceholderText("e.g. Ward surgeries, December 2026")
        form.addRow("&Meeting", self.meeting)
        themes = window.filters.current.themes
        names = ", ".join(window.choices.name(t) for t in themes) if (
            themes and window.choices) else "all eight themes"
        self.themes = themes
        form.addRow("Themes", QLabel(f"{names} (as chosen in the filter panel)", self))
        layout.addLayout(form)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName("Progress")
        self.status = QLabel("One PDF per ward, written on every core.", self)
        self.status.setWordWrap(True)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(self)
        self.start_button = self.buttons.addButton("&Make the packs",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton("&Open folder",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(False)
        layout.addWidget(self.buttons)
        browse.clicked.connect(self.choose)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_folder)
        self.token: CancelToken | None = None
        self.outcome: BatchResult | None = None

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder for the ward packs",
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)

    def start(self) -> None:
        authority, folder = self.authority.currentData(), Path(self.folder.text().strip())
        session = self.w.session
        existing = session.read(lambda conn: [w for w in ward_list(conn, authority, folder)
                                              if w.file.exists()])()
        overwrite = False
        if existing:
            answer = QMessageBox.question(
                self, "Replace the packs already there?",
                f"{len(existing)} ward packs already exist in {folder}. Replace them? "
                "(No keeps them and makes only the missing ones.)",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            overwrite = answer == QMessageBox.StandardButton.Yes
        store = session.store
        self.start_button.setEnabled(False)
        self.status.setText("Starting…")

        options = PackOptions(themes=self.themes, meeting=self.meeting.text().strip())

        def work(progress, cancel):  # type: ignore[no-untyped-def]
            return run_batch(store, authority, folder, options, overwrite=overwrite,
                             progress=progress, cancel=cancel)

        self.token = self.w.runner.run(session.writing(work), self.finished_batch, self.failed,
                                       on_progress=self._progress)

    def _progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        self.status.setText(message)

    def cancel(self) -> None:
        if self.token is not None and self.outcome is None:
            self.token.cancel()
            self.status.setText("Cancelling: packs already written are kept…")
        else:
            self.reject()

    def finished_batch(self, result: BatchResult) -> None:
        self.outcome = result
        self.bar.setValue(1000)
        words = [f"{len(result.written)} packs written in {result.seconds:.1f} s"]
        if result.skipped:
            words.append(f"{len(result.skipped)} kept as they were")
        if result.failed:
            words.append(f"{len(result.failed)} failed: " + "; ".join(
                f"{w.name} ({m})" for w, m in result.failed[:3]))
        if result.cancelled:
            words.append("cancelled")
        self.status.setText(", ".join(words) + f". Manifest: {result.manifest}")
        self.open_button.setEnabled(True)
        self.cancel_button.setText("Close")

    def failed(self, message: str) -> None:
        self.status.setText(f"<b>Not made.</b> {message}")
        self.start_button.setEnabled(True)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text()))
