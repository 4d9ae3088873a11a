"""The import wizard: choose a file (and sheet, table, profile), then the mapping step (a
preview of the sheet with its header row, the field each column is read as, constants for the
whole file), the values the check did not recognise with what each is read as (or its rows
skipped), all saved as a profile if wanted; then the validation report as a sortable table with
the dry-run summary (one line per problem: its rule, column and value, with the rows), then
Import or Cancel, or save the report as a workbook to send back to the partner. Reading,
checking, importing and saving run as operations in the background; the wizard does not block
the main window, which stays usable for reading and reloads after an import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.ingest.allowed_values import Allowed, vocabulary, with_profile_indicators
from mag_desktop.core.ingest.choices import (
    Choices,
    check_choices,
    choices_of,
    import_options,
)
from mag_desktop.core.ingest.preview import Preview, read_preview
from mag_desktop.core.ingest.profile import Profile, load_profile
from mag_desktop.core.ingest.service import ImportOptions, ImportResult
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.models.frame_model import FrameModel
from mag_desktop.gui.naming import buddy_label
from mag_desktop.gui.operation import Operations
from mag_desktop.gui.runner import Progress
from mag_desktop.gui.screen import fit_dialog
from mag_desktop.gui.views.import_report import REPORT
from mag_desktop.gui.views.mapping_step import MappingStep
from mag_desktop.gui.views.sheet_choice import SheetChoice
from mag_desktop.gui.views.tables import FrameTable
from mag_desktop.gui.views.translation_table import TranslationTable
from mag_desktop.gui.views.wizard_running import WizardRunning
from mag_desktop.gui.views.wizard_saving import WizardSaving


class ImportWizard(WizardRunning, WizardSaving, QDialog):
    """Opened beside the window (not modal): ``ops`` reads, checks and imports."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle("Import a spreadsheet")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        browse = QPushButton("&Choose…", self)
        browse.setAccessibleName("Choose the file to import")
        row.addWidget(self.path)
        row.addWidget(browse)
        form.addRow(buddy_label("Fil&e", self.path, self, name="File to import"), row)
        self.kind = QComboBox(self)
        for label, value in (("Found automatically", "auto"), ("Commitments", "commitments"),
                             ("Indicators", "indicators")):
            self.kind.addItem(label, value)
        form.addRow("&Kind", self.kind)
        self.sheet = SheetChoice(self)  # the file's sheets once read: cover, notes marked
        form.addRow("&Sheet", self.sheet)
        self.table_number = QSpinBox(self)
        self.table_number.setRange(0, 999)
        self.table_number.setSpecialValueText(
            "the only one (when a sheet holds several, the check lists them: choose by number)")
        self.table_number.setAccessibleName("Table of the sheet")
        form.addRow("&Table", self.table_number)
        self.profile = QLineEdit(self)
        self.profile.setPlaceholderText("optional: a saved import profile (.json)")
        form.addRow("&Profile", self.profile)
        layout.addLayout(form)
        self.summary = QLabel("Choose a file: nothing is written until you press Import.", self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.summary.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the outcome takes focus
        layout.addWidget(self.summary)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName("Progress of the check or import")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.steps = QTabWidget(self)
        self.steps.setAccessibleName("Steps of the import")
        self.mapping = MappingStep(self)
        self.steps.addTab(self.mapping, "1. Columns and &mapping")
        self.translations = TranslationTable(self)
        self.steps.addTab(self.translations, "2. &Values not recognised")
        self.model = FrameModel(REPORT, self)
        self.table = FrameTable("Validation report", self.model, None, self)
        self.steps.addTab(self.table, "3. Check rep&ort")
        layout.addWidget(self.steps, 1)
        self.buttons = QDialogButtonBox(self)
        self.check_button = self.buttons.addButton("C&heck", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton("&Import",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button = self.buttons.addButton("Save &report…",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setToolTip("Save this report as a workbook to send to the partner")
        self.save_button.setEnabled(False)
        self.profile_button = self.buttons.addButton("Save as pro&file…",
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.profile_button.setToolTip("Save the sheet, header row, columns, constants and "
                                       "translated values as an import profile to reuse for "
                                       "the next file of this layout")
        self.profile_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        layout.addWidget(self.buttons)
        browse.clicked.connect(self.choose)
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        self.save_button.clicked.connect(self.save_report)
        self.profile_button.clicked.connect(self.save_profile)
        self.buttons.rejected.connect(self.reject)
        for signal in (self.path.textChanged, self.profile.textChanged, self.kind.activated,
                       self.table_number.valueChanged):
            signal.connect(self.stale)
        self.path.textChanged.connect(self.translations.clear)
        self.path.textChanged.connect(self.sheet.clear_file)
        self.kind.activated.connect(self.sheet.automatic)  # another kind: its own sheet
        self.profile.textChanged.connect(self.sheet.automatic)  # the profile's sheet, if any
        self.sheet.activated.connect(self.sheet_chosen)
        self.mapping.changed.connect(self.mapping_changed)
        self.translations.changed.connect(self.mapping_changed)
        self.mapping.header_row_chosen.connect(self.choose_header_row)
        self.outcome: ImportResult | None = None
        self.saved_report: Path | None = None
        self.saved_profile: Path | None = None
        self.preview: Preview | None = None
        self.base: Profile | None = None  # the profile chosen above, if any
        self.choices: Choices | None = None  # the sheet, table and header row read
        self.header_row: int | None = None  # chosen by the clerk (0-based)
        self.pending: bool | None = None  # check (True) or import (False) once read
        self.vocabulary: dict[str, list[Allowed]] = {}  # what constants and values may be
        self.token: CancelToken | None = None  # the check or import in progress
        fit_dialog(self, 1100, 760)
        ops.read(self, vocabulary, success=self.vocabulary_read).failure(
            lambda m: self.summary.setText(f"The store's lists were not read: {m}")
        ).run_in_background()

    def vocabulary_read(self, found: dict[str, list[Allowed]]) -> None:
        self.vocabulary = found
        self.translations.vocabulary = found
        self.mapping.set_vocabulary(self._with_profile(found))

    def _with_profile(self, found: dict[str, list[Allowed]]) -> dict[str, list[Allowed]]:
        """The vocabulary with the indicators the chosen profile defines."""
        return {**found, "indicator": with_profile_indicators(found.get("indicator", []),
                                                              self.base)}

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a spreadsheet", str(Path.home()),
            "Spreadsheets (*.xlsx *.xlsm *.ods *.csv);;All files (*)")
        if path:
            self.path.setText(path)
            self.run(dry_run=True)

    def stale(self, *_args: object) -> None:
        """The file, kind, table or profile changed: read the preview again."""
        self.preview, self.header_row = None, None
        self.import_button.setEnabled(False)

    def sheet_chosen(self, *_args: object) -> None:
        """Another sheet: show it (its header row is found again)."""
        self.stale()
        if self.path.text().strip():
            self.read(None)

    def mapping_changed(self) -> None:
        self.import_button.setEnabled(False)
        self.summary.setText("The mapping changed: press Check to check the file with it.")

    def choose_header_row(self, row: int) -> None:
        if self.preview is not None and row != self.preview.header_row:
            self.header_row = row
            self.read(None)

    def run(self, dry_run: bool) -> None:
        path = Path(self.path.text().strip())
        if not self.path.text().strip():
            self.summary.setText("Choose a file first.")
            return
        if self.preview is None or self.choices is None:
            self.read(dry_run)
            return
        choices = self.mapping.choices(self.choices)
        choices.answers = self.translations.answers()
        if problems := check_choices(choices, self.preview.wide) + self.mapping.problems():
            self.summary.setText("<b>Before checking, in the columns and constants:</b> "
                                 + "; ".join(problems) + ".")
            self.steps.setCurrentIndex(0)
            return
        if refused := self.translations.refusals():
            self.summary.setText("<b>Before checking, in the values not recognised:</b> "
                                 + "; ".join(refused) + ".")
            self.steps.setCurrentIndex(1)
            return
        self.start(path, import_options(choices, self.base, path.name, dry_run))

    def read(self, then: bool | None) -> None:
        """Read the first rows and the mapping in the background (then check, if asked)."""
        path = Path(self.path.text().strip())
        try:
            self.base = (load_profile(Path(self.profile.text().strip()))
                         if self.profile.text().strip() else None)
        except Exception as exc:  # a profile that cannot be read
            self.summary.setText(str(exc))
            return
        kind, sheet = self.kind.currentData(), self.sheet.name()
        table, header, base = self.table_number.value() or None, self.header_row, self.base
        self.pending = then
        self.check_button.setEnabled(False)
        self.summary.setText(f"Reading {path.name}…")

        def work(progress: Progress, cancel: CancelToken) -> Preview:
            return read_preview(path, kind, sheet, base, table, header, progress, cancel)

        self.ops.query(self, work, success=self.preview_read).failure(self.preview_failed) \
            .with_progress(f"Reading {path.name}").run_in_background()

    def preview_read(self, preview: Preview) -> None:
        kept = self.mapping.choices(self.choices).constants if (
            self.choices is not None and self.header_row is not None) else None
        self.preview, self.choices = preview, choices_of(preview, self.base)
        if self.header_row is not None:
            self.choices.header_row = self.header_row
        if kept is not None:
            self.choices.constants = kept
        if self.vocabulary:
            self.mapping.set_vocabulary(self._with_profile(self.vocabulary))
        self.mapping.show_preview(preview, self.choices)
        self.sheet.show_sheets(preview)
        self.check_button.setEnabled(True)
        self.profile_button.setEnabled(True)
        self.steps.setCurrentIndex(0)
        if self.pending is not None:
            self.run(self.pending)
        else:
            self.summary.setText("Check what each column is read as, then press Check.")

    def preview_failed(self, message: str) -> None:
        """The file cannot be previewed (refused before its rows are read): check it as
        before, so the report says why."""
        self.check_button.setEnabled(True)
        if self.pending is None:
            self.summary.setText(f"<b>Not read.</b> {message}")
            return
        path = Path(self.path.text().strip())
        self.start(path, ImportOptions(kind=self.kind.currentData(),
                                       sheet=self.sheet.name(),
                                       profile=self.base, table=self.table_number.value() or None,
                                       dry_run=self.pending))
