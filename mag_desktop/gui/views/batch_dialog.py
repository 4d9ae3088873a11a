"""Ward packs in bulk: one pack per ward of an authority into a folder, in the format chosen
(standard PDF, accessible PDF or web page), with a progress bar,
Cancel (which says how far it got and leaves the dialog ready for another run), a question
before overwriting, and "Open folder" at the end. The wards and the files already there are
read off the GUI thread."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
    QWidget,
)

from mag_desktop.core.briefing.batch import BatchResult, run_batch, ward_list
from mag_desktop.core.briefing.formats import FORMATS
from mag_desktop.core.briefing.pack import PackOptions
from mag_desktop.core.query import Filter
from mag_desktop.core.query.choices import Choices
from mag_desktop.core.store import Store
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.announce import announce
from mag_desktop.gui.operation import Operations
from mag_desktop.gui.runner import Progress
from mag_desktop.gui.screen import fit_dialog
from mag_desktop.gui.views.format_choice import FormatChoice

#: What a run makes, by format, as the dialog says before it starts.
MAKES = {"pdf": "One PDF per ward", "accessible-pdf": "One accessible (tagged) PDF per ward",
         "html": "One web page per ward"}


class BatchDialog(QDialog):
    """``choices`` name the authorities and themes; ``flt`` is the filter shown in the window
    (its first authority is offered, its themes are the packs' themes)."""

    def __init__(self, ops: Operations, choices: Choices | None, flt: Filter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.closed = False  # wards found after the dialog closed start nothing
        self.setWindowTitle("Ward packs for an authority")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.authority = QComboBox(self)
        for a in choices.authorities if choices is not None else ():
            self.authority.addItem(a.label, a.code)
        mine = [i for i in map(self.authority.findData, flt.authorities) if i >= 0]
        if mine:  # the filter's authority, not simply the first in the list
            self.authority.setCurrentIndex(mine[0])
        form.addRow("&Authority", self.authority)
        row = QHBoxLayout()
        self.folder = QLineEdit(str(Path.home() / "ward-packs"), self)
        self.folder.setAccessibleName("Folder for the packs")
        browse = QPushButton("&Choose…", self)
        browse.setAccessibleName("Choose the folder for the packs")
        row.addWidget(self.folder)
        row.addWidget(browse)
        self.folder_label = QLabel("&Folder", self)
        self.folder_label.setBuddy(self.folder)  # a label with a buddy shows its shortcut
        form.addRow(self.folder_label, row)
        self.meeting = QLineEdit(self)
        self.meeting.setPlaceholderText("e.g. Ward surgeries, December 2026")
        form.addRow("&Meeting", self.meeting)
        self.themes = flt.themes
        names = ", ".join(choices.name(t) for t in self.themes) if (
            self.themes and choices) else "all eight themes"
        form.addRow("Themes", QLabel(f"{names} (as chosen in the filter panel)", self))
        layout.addLayout(form)
        self.format = FormatChoice(self)
        layout.addWidget(self.format)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName("Progress")
        self.status = QLabel(self)
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
        self.token: CancelToken | None = None  # the run in progress, if any
        self.total = 0  # wards of the authority in the run
        self.outcome: BatchResult | None = None
        self.format.changed.connect(self._format_changed)
        self._format_changed(self.format.key())
        fit_dialog(self, 640, 460)

    def _format_changed(self, key: str) -> None:
        if not self.running:
            self.status.setText(f"{MAKES.get(key, FORMATS[key].label)}, written on every core.")

    @property
    def running(self) -> bool:
        return self.token is not None

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder for the ward packs",
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)

    def start(self) -> None:
        """Read the wards and the packs already in the folder (off the GUI thread), then ask
        about those and make the packs."""
        if self.running:
            return
        authority, folder = self.authority.currentData(), Path(self.folder.text().strip())
        key = self.format.key()
        if not authority or not self.folder.text().strip():
            self.status.setText("Choose an authority and a folder first.")
            return
        self.start_button.setEnabled(False)
        self.outcome = None
        self.status.setText("Finding the wards…")

        def wards(conn: sqlite3.Connection) -> tuple[int, int]:
            found = ward_list(conn, authority, folder, format=key)
            return len(found), sum(1 for w in found if w.file.exists())

        self.ops.read(self, wards, success=lambda counted: self._ask(authority, folder, key,
                                                                    *counted)) \
            .failure(self.failed).run_in_background()

    def _ask(self, authority: str, folder: Path, key: str, total: int, existing: int) -> None:
        if self.closed:  # closed while the wards were being found: no question, no packs
            self.start_button.setEnabled(True)
            return
        overwrite = False
        if existing:
            answer = QMessageBox.question(
                self, "Replace the packs already there?",
                f"{existing} ward packs ({FORMATS[key].label}) already exist in {folder}. "
                "Replace them? "
                "(No keeps them and makes only the missing ones.)",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                self.start_button.setEnabled(True)
                self.status.setText("Nothing was made.")
                return
            overwrite = answer == QMessageBox.StandardButton.Yes
        self.total = total
        self.bar.setValue(0)
        self.open_button.setEnabled(False)
        self.cancel_button.setText("Cancel")
        self.status.setText("Starting…")
        options = PackOptions(themes=self.themes, meeting=self.meeting.text().strip(),
                              format=key)

        def work(store: Store, progress: Progress, cancel: CancelToken) -> BatchResult:
            return run_batch(store, authority, folder, options, overwrite=overwrite,
                             progress=progress, cancel=cancel)

        self.token = self.ops.dry_run(self, work, success=self.finished_batch) \
            .failure(self.failed).on_progress(self._progress).run_in_background()

    def _progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        self.status.setText(message)

    def cancel(self) -> None:
        if self.token is not None:
            self.token.cancel()
            self.status.setText("Cancelling: packs already written are kept…")
        else:
            self.reject()

    def finished_batch(self, result: BatchResult) -> None:
        self.token = None
        self.outcome = result
        done = len(result.written) + len(result.skipped) + len(result.failed)
        words = []
        if result.cancelled:  # the bar stays where it got to
            words.append(f"Cancelled after {done} of {self.total} packs")
            self.bar.setValue(int(1000 * done / self.total) if self.total else 0)
        else:
            self.bar.setValue(1000)
        words.append(f"{len(result.written)} packs written in {result.seconds:.1f} s")
        if result.skipped:
            words.append(f"{len(result.skipped)} kept as they were")
        if result.failed:
            words.append(f"{len(result.failed)} failed: " + "; ".join(
                f"{w.name} ({m})" for w, m in result.failed[:3]))
        manifest = f". Manifest: {result.manifest}" if result.manifest else "."
        self.status.setText(", ".join(words) + manifest)
        announce(self.status, self.status.text(), urgent=True)
        self.open_button.setEnabled(True)
        self.start_button.setEnabled(True)  # ready for another run
        self.cancel_button.setText("Close")

    def failed(self, message: str) -> None:
        self.token = None
        self.status.setText(f"<b>Not made.</b> {message}")
        announce(self.status, f"Not made. {message}", urgent=True)
        self.start_button.setEnabled(True)

    def reject(self) -> None:
        """Closing the dialog (Escape, the window's close button) during a run stops the run
        first, as Cancel does, and the dialog stays to say how far it got."""
        if self.running:
            self.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        self.closed = True
        super().done(result)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text()))
