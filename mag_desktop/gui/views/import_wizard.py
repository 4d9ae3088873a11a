"""The import wizard: choose a file (and sheet, profile, period), see the mapping and the
validation report as a sortable table with the dry-run summary (one line per problem: its rule,
column and value, with the rows), then Import or Cancel, or save the report as a workbook to
send back to the partner. Checking, importing and saving run in the background."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
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
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from mag_desktop.core.demo import load_sample as load_sample_files
from mag_desktop.core.ingest.profile import load_profile
from mag_desktop.core.ingest.report_xlsx import write_report
from mag_desktop.core.ingest.service import ImportOptions, ImportResult, run_import
from mag_desktop.gui.models.frame_model import Column, FrameModel
from mag_desktop.gui.views.tables import FrameTable

if TYPE_CHECKING:
    from mag_desktop.gui.views.main_window import MainWindow

REPORT = [Column("severity", "Kind"), Column("sheet", "Sheet"),
          Column("row", "Row", align="right", format=lambda v: "" if v is None else str(int(v))),
          Column("rows", "Rows"),
          Column("column", "Column"), Column("header", "Header"), Column("value", "Value found"),
          Column("message", "What is wrong, and what was expected")]


def report_frame(result: ImportResult) -> pd.DataFrame:
    """One line per problem (rule, column, value): its first row, and how many rows."""
    lines = [{"severity": g.severity, "sheet": g.sheet, "row": min(g.rows, default=None),
              "rows": f"{g.count:,} rows: {g.rows_text()}" if g.count > 1 else "",
              "column": g.column, "header": g.header, "value": g.value, "message": g.message}
             for g in result.groups]
    if not lines:  # a file refused before its rows were read
        lines = [{"severity": i.severity, "sheet": i.sheet, "row": i.row, "rows": "",
                  "column": i.column, "header": i.header, "value": i.value,
                  "message": i.message} for i in [*result.errors, *result.warnings]]
    return pd.DataFrame(lines, columns=[c.key for c in REPORT])


def summary(result: ImportResult) -> str:
    if result.status != "ok":
        return f"<b>Rejected.</b> {result.message}"
    verb = "Would import" if result.dry_run else "Imported"
    mapping = ""
    if result.plan is not None and result.plan.main is not None:
        fields = result.plan.main.mapping.fields
        headers = result.plan.main.table.headers
        mapping = "<br>Columns: " + ", ".join(f"{headers[j]} → {f}" for f, j in fields.items())
        if result.plan.main.mapping.wide:
            mapping += f" (wide layout: one column per {result.plan.main.mapping.wide})"
    return (f"<b>{verb} {result.kind}</b> from {result.file} ({result.sheet}): "
            f"{result.rows_read:,} rows read, {result.rows_valid:,} valid"
            + (f", {result.rows_skipped:,} left out" if result.rows_skipped else "") + "; "
            f"<b>{result.inserted:,} new, {result.updated:,} changed, {result.unchanged:,} "
            f"unchanged</b>; {len(result.warnings):,} warnings.{mapping}")


class ImportWizard(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.setWindowTitle("Import a spreadsheet")
        self.resize(1000, 640)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setAccessibleName("File to import")
        browse = QPushButton("&Choose…", self)
        row.addWidget(self.path)
        row.addWidget(browse)
        form.addRow("File", row)
        self.kind = QComboBox(self)
        for label, value in (("Found automatically", "auto"), ("Commitments", "commitments"),
                             ("Indicators", "indicators")):
            self.kind.addItem(label, value)
        form.addRow("&Kind", self.kind)
        self.sheet = QLineEdit(self)
        self.sheet.setPlaceholderText("found automatically")
        form.addRow("&Sheet", self.sheet)
        self.table_number = QSpinBox(self)
        self.table_number.setRange(0, 999)
        self.table_number.setSpecialValueText("the only one (a sheet with several asks)")
        self.table_number.setAccessibleName("Table of the sheet")
        form.addRow("&Table", self.table_number)
        self.profile = QLineEdit(self)
        self.profile.setPlaceholderText("optional: a saved import profile (.json)")
        form.addRow("&Profile", self.profile)
        self.period = QLineEdit(self)
        self.period.setPlaceholderText("only when the file has no period column, e.g. 2026 Q3")
        form.addRow("P&eriod", self.period)
        layout.addLayout(form)
        self.summary = QLabel("Choose a file, then Check it: nothing is written until you "
                              "press Import.", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = FrameModel(REPORT, self)
        self.table = FrameTable("Validation report", self.model, None, self)
        layout.addWidget(self.table)
        self.buttons = QDialogButtonBox(self)
        self.check_button = self.buttons.addButton("C&heck", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton("&Import",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button = self.buttons.addButton("Save &report…",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setToolTip("Save this report as an Excel workbook to send back to the "
                                    "partner")
        self.save_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        layout.addWidget(self.buttons)
        browse.clicked.connect(self.choose)
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        self.save_button.clicked.connect(self.save_report)
        self.buttons.rejected.connect(self.reject)
        self.path.textChanged.connect(lambda _t: self.import_button.setEnabled(False))
        self.outcome: ImportResult | None = None
        self.saved_report: Path | None = None

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a spreadsheet", str(Path.home()),
            "Spreadsheets (*.xlsx *.xlsm *.ods *.csv);;All files (*)")
        if path:
            self.path.setText(path)
            self.run(dry_run=True)

    def options(self, dry_run: bool) -> ImportOptions:
        profile = load_profile(Path(self.profile.text())) if self.profile.text().strip() else None
        return ImportOptions(kind=self.kind.currentData(), sheet=self.sheet.text().strip() or None,
                             profile=profile, period=self.period.text().strip() or None,
                             table=self.table_number.value() or None,
                             dry_run=dry_run)

    def run(self, dry_run: bool) -> None:
        path = Path(self.path.text().strip())
        if not self.path.text().strip():
            self.summary.setText("Choose a file first.")
            return
        try:
            options = self.options(dry_run)
        except Exception as exc:  # a profile that cannot be read
            self.summary.setText(str(exc))
            return
        store = self.w.session.store
        for button in (self.check_button, self.import_button):
            button.setEnabled(False)
        label = "Checking" if dry_run else "Importing"
        self.summary.setText(f"{label} {path.name}…")
        self.w.runner.run(self.w.session.writing(
                              lambda progress, cancel: run_import(store, path, options,
                                                                  progress, cancel)),
                          self.finished_run, self.failed, progress_label=f"{label} {path.name}")

    def finished_run(self, result: ImportResult) -> None:
        self.outcome = result
        self.summary.setText(summary(result))
        self.model.set_frame(report_frame(result))
        self.check_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.import_button.setEnabled(result.status == "ok" and result.dry_run)
        if result.status == "ok" and not result.dry_run:
            self.w.controller.data_changed()
            self.import_button.setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")

    def save_report(self) -> None:
        """Ask where, then write the workbook off the GUI thread."""
        result = self.outcome
        if result is None:
            return
        suggested = Path(self.path.text().strip() or result.file)
        default = suggested.with_name(f"{suggested.stem} - import report.xlsx")
        target, _ = QFileDialog.getSaveFileName(self, "Save the import report", str(default),
                                                "Excel workbook (*.xlsx)")
        if not target:
            return
        path = Path(target) if target.lower().endswith(".xlsx") else Path(target + ".xlsx")
        self.save_button.setEnabled(False)
        self.w.runner.run(lambda progress, cancel: write_report(result, path),
                          self.report_saved, self.report_failed,
                          progress_label=f"Saving {path.name}")

    def report_saved(self, path: Path) -> None:
        self.save_button.setEnabled(True)
        self.saved_report = path
        self.w.statusBar().showMessage(f"Report saved to {path}", 8000)

    def report_failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        QMessageBox.warning(self, "MAG Desktop", message)

    def failed(self, message: str) -> None:
        self.summary.setText(f"<b>Not imported.</b> {message}")
        self.check_button.setEnabled(True)


def load_sample(window: MainWindow) -> None:
    """Import the bundled sample data in the background, then show it."""
    store = window.session.store

    def work(progress, cancel):  # type: ignore[no-untyped-def]
        return [r.status for r in load_sample_files(store, progress, cancel)]

    def done(statuses: list[str]) -> None:
        window.statusBar().showMessage(
            f"Sample data loaded ({statuses.count('ok')} files imported)", 8000)
        window.controller.data_changed()

    def failed(message: str) -> None:
        window.controller.data_changed()  # the files imported before a stop are kept
        QMessageBox.warning(window, "MAG Desktop", message)

    window.runner.run(window.session.writing(work), done, failed,
                      progress_label="Loading the sample data")
