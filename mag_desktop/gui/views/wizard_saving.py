"""Saving from the import wizard: the check's report as a workbook to send back to the
partner, and the mapping (sheet, header row, columns, constants, translated values) as an
import profile the command line reads too. Both are written off the GUI thread, as operations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox, QPushButton, QWidget

from mag_desktop.core.ingest.choices import Choices, build_profile
from mag_desktop.core.ingest.preview import Preview
from mag_desktop.core.ingest.profile import Profile, save_profile
from mag_desktop.core.ingest.report_xlsx import write_report
from mag_desktop.core.ingest.service import ImportResult
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.operation import Operations
from mag_desktop.gui.runner import Progress

if TYPE_CHECKING:
    from mag_desktop.gui.views.mapping_step import MappingStep
    from mag_desktop.gui.views.translation_table import TranslationTable


class WizardSaving:
    """The wizard's Save report… and Save as profile… buttons."""

    ops: Operations
    path: QLineEdit
    save_button: QPushButton
    mapping: MappingStep
    translations: TranslationTable
    outcome: ImportResult | None
    preview: Preview | None
    choices: Choices | None
    base: Profile | None
    saved_report: Path | None
    saved_profile: Path | None

    def dialog(self) -> QWidget:
        return cast(QWidget, self)

    def save_report(self) -> None:
        """Ask where, then write the workbook off the GUI thread."""
        result = self.outcome
        if result is None:
            return
        suggested = Path(self.path.text().strip() or result.file)
        default = suggested.with_name(f"{suggested.stem} - import report.xlsx")
        target, _ = QFileDialog.getSaveFileName(self.dialog(), "Save the import report",
                                                str(default), "Excel workbook (*.xlsx)")
        if not target:
            return
        path = Path(target) if target.lower().endswith(".xlsx") else Path(target + ".xlsx")
        self.save_button.setEnabled(False)

        def work(_progress: Progress, _cancel: CancelToken) -> Path:
            return write_report(result, path)

        self.ops.query(self.dialog(), work, success=self.report_saved) \
            .failure(self.report_failed).with_progress(f"Saving {path.name}").run_in_background()

    def save_profile(self) -> None:
        """Save the columns, constants and table chosen as a profile the CLI reads too."""
        if self.preview is None or self.choices is None:
            return
        choices = self.mapping.choices(self.choices)
        choices.answers = self.translations.answers()
        profile = build_profile(choices, self.base, self.preview.file)
        default = Path(self.path.text().strip()).with_name(
            f"{Path(self.preview.file).stem} - profile.json")
        target, _ = QFileDialog.getSaveFileName(self.dialog(), "Save the import profile",
                                                str(default), "Import profile (*.json)")
        if not target:
            return
        path = Path(target) if target.lower().endswith(".json") else Path(target + ".json")

        def work(_progress: Progress, _cancel: CancelToken) -> Path:
            save_profile(profile, path)
            return path

        self.ops.query(self.dialog(), work, success=self.profile_saved) \
            .failure(self.report_failed).with_progress(f"Saving {path.name}").run_in_background()

    def profile_saved(self, path: Path) -> None:
        self.saved_profile = path
        self.ops.tell(f"Profile saved to {path}: use it with the next file of this layout")

    def report_saved(self, path: Path) -> None:
        self.save_button.setEnabled(True)
        self.saved_report = path
        self.ops.tell(f"Report saved to {path}")

    def report_failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        QMessageBox.warning(self.dialog(), "MAG Desktop", message)
