"""The import wizard's check and import: run as operations with the progress in the wizard
itself, so the main window stays usable for reading while a file is checked or imported; an
import that succeeds reloads the window. The outcome is announced to a screen reader and focus
moves to it, not to a button."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QWidget,
)

from mag_desktop.core.ingest.service import ImportOptions, ImportResult, run_import
from mag_desktop.core.ingest.unrecognised import unrecognised
from mag_desktop.core.store import Store
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.announce import announce
from mag_desktop.gui.models.frame_model import FrameModel
from mag_desktop.gui.operation import Operations
from mag_desktop.gui.runner import Progress
from mag_desktop.gui.views.import_report import report_frame, summary
from mag_desktop.gui.views.translation_table import TranslationTable


def plain(text: str) -> str:
    """The summary's words without its markup (for an announcement)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split())


class WizardRunning:
    """Check and Import, with the wizard's own progress bar; Cancel stops a run first."""

    ops: Operations
    summary: QLabel
    progress: QProgressBar
    buttons: QDialogButtonBox
    check_button: QPushButton
    import_button: QPushButton
    save_button: QPushButton
    translations: TranslationTable
    steps: QTabWidget
    model: FrameModel
    outcome: ImportResult | None
    token: CancelToken | None

    def _dialog(self) -> QDialog:
        return cast(QDialog, self)

    def start(self, path: Path, options: ImportOptions) -> None:
        for button in (self.check_button, self.import_button):
            button.setEnabled(False)
        label = "Checking" if options.dry_run else "Importing"
        self.summary.setText(f"{label} {path.name}… (the window stays open for reading)")
        self.progress.setValue(0)
        self.progress.show()

        def work(store: Store, progress: Progress, cancel: CancelToken) -> ImportResult:
            return run_import(store, path, options, progress, cancel)

        parent: QWidget = self._dialog()
        op = (self.ops.dry_run(parent, work, success=self.finished_run) if options.dry_run
              else self.ops.write(parent, work, success=self.finished_run))
        self.token = op.failure(self.failed).on_progress(self._progress).run_in_background()

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.progress.setFormat(f"{message} %p%" if message else "%p%")

    def _ended(self) -> None:
        self.token = None
        self.progress.hide()
        self.check_button.setEnabled(True)

    def finished_run(self, result: ImportResult) -> None:
        self._ended()
        self.outcome = result
        self.summary.setText(summary(result))
        self.model.set_frame(report_frame(result))
        self._show_step(2)
        if result.dry_run:
            self.translations.show_items(unrecognised(result), result.rows_read > 0)
            if waiting := self.translations.open_count():
                self.summary.setText(f"<b>{waiting} value(s) not recognised:</b> say what each "
                                     "means in the tab Values not recognised, then press Check "
                                     "again. " + summary(result))
                self._show_step(1)
        self.save_button.setEnabled(True)
        self.import_button.setEnabled(result.status == "ok" and result.dry_run)
        if result.status == "ok" and not result.dry_run:  # the window reloads (the operation)
            self.import_button.setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")
        self._tell()

    def failed(self, message: str) -> None:
        self._ended()
        self.summary.setText(f"<b>Not imported.</b> {message}")
        self._tell()

    def _tell(self) -> None:
        """The outcome to a screen reader, and focus on it (not on Cancel)."""
        self.summary.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self.summary, plain(self.summary.text()), urgent=True)

    def _show_step(self, index: int) -> None:
        self.steps.setCurrentIndex(index)

    def reject(self) -> None:
        """Cancel (or closing the wizard) during a check or an import stops it first: an
        import is all or nothing, so nothing is kept."""
        if self.token is not None:
            self.token.cancel()
            self.summary.setText("Stopping: nothing is imported…")
            return
        QDialog.reject(self._dialog())
