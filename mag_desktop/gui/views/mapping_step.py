"""The import wizard's mapping step: a preview of the sheet with its header row highlighted
(and changeable), a drop-down per column (a field, Ignore, or in a table of figures the ethnic
group whose figures it holds), and constants for the whole file. It only shows a
:class:`Preview` and collects :class:`Choices`; the core reads the file, builds the profile and
checks it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.ingest.allowed_values import Allowed
from mag_desktop.core.ingest.choices import CONSTANTS, Choices, field_options, group_options
from mag_desktop.core.ingest.preview import UNREAD, WIDE, Preview
from mag_desktop.gui.views.constant_boxes import CONSTANT_LABELS, ConstantCombo, PeriodEdit

WIDE_LABEL = {"ethnic_group": "Values for this ethnic group", "period": "Values for this period"}
UNREAD_LABEL = "Values for an ethnic group not recognised: say which in step 2"


class MappingStep(QWidget):
    changed = Signal()  # a column's field or a constant changed: the last check no longer holds
    header_row_chosen = Signal(int)  # 0-based: read the sheet again with this header row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: Preview | None = None
        self.vocabulary: dict[str, list[Allowed]] = {}
        self.combos: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.header_row = QSpinBox(self)
        self.header_row.setRange(1, 1)
        self.header_row.setAccessibleName("Header row")
        self.header_row.setToolTip("The row that holds the column headings (highlighted in the "
                                   "preview)")
        label = QLabel("Header ro&w", self)
        label.setBuddy(self.header_row)
        self.note = QLabel("Choose a file: its first rows are shown here.", self)
        self.note.setWordWrap(True)
        top.addWidget(label)
        top.addWidget(self.header_row)
        top.addWidget(self.note, 1)
        layout.addLayout(top)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.grid = QTableWidget(self)
        self.grid.setAccessibleName("Preview of the first rows of the sheet")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setTabKeyNavigation(False)
        self.grid.setWordWrap(False)
        split.addWidget(self.grid)
        lower = QWidget(self)
        row = QHBoxLayout(lower)
        row.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox("Columns: what each one holds", lower)
        inner = QVBoxLayout(box)
        self.area = QScrollArea(box)
        self.area.setWidgetResizable(True)
        self.area.setAccessibleName("Columns of the table")
        self.holder = QWidget()
        self.area.setWidget(self.holder)
        inner.addWidget(self.area)
        row.addWidget(box, 5)
        self.constants_box = QGroupBox("Constants: one value for every row", lower)
        form = QFormLayout(self.constants_box)
        form.addRow(QLabel("Only for what no column gives.", self.constants_box))
        self.constants: dict[str, ConstantCombo | PeriodEdit] = {}
        for name, (text, _hint, _kind) in CONSTANT_LABELS.items():
            given: ConstantCombo | PeriodEdit = (
                PeriodEdit(self.constants_box) if name == "period"
                else ConstantCombo(name, self.constants_box))
            given.edited.connect(self._edited)
            self.constants[name] = given
            form.addRow(text, given.holder() if isinstance(given, PeriodEdit) else given)
        row.addWidget(self.constants_box, 3)
        split.addWidget(lower)
        split.setSizes([220, 300])
        layout.addWidget(split, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(400)  # arrows held down read the sheet once, at the end
        self.timer.timeout.connect(lambda: self.header_row_chosen.emit(
            self.header_row.value() - 1))
        self.header_row.valueChanged.connect(lambda _v: self.timer.start())

    def show_preview(self, preview: Preview, choices: Choices) -> None:
        self.preview = preview
        self._fill_grid(preview)
        self.header_row.blockSignals(True)
        self.header_row.setRange(1, max(1, len(preview.rows)))
        self.header_row.setValue((preview.header_row or 0) + 1)
        self.header_row.blockSignals(False)
        found = ("the header row (highlighted) is row "
                 f"{preview.header_row + 1}" if preview.header_row is not None
                 else "no header row was found: set the row that holds the headings")
        kind = {"observations": "indicator figures", "commitments": "commitments",
                "definitions": "indicator definitions"}[preview.table_kind]
        self.note.setText(f"Sheet {preview.sheet!r}, read as {kind}: {found}."
                          + (f" {preview.message}" if preview.message else ""))
        self._fill_columns(preview, choices)
        if self.vocabulary:  # the area of a commitments file is an authority
            self.set_vocabulary(self.vocabulary)
        for name, box in self.constants.items():
            box.blockSignals(True)
            box.set_value(choices.constants.get(name, ""))
            box.blockSignals(False)
            box.setEnabled(preview.table_kind in CONSTANTS[name])

    def set_vocabulary(self, vocabulary: dict[str, list[Allowed]]) -> None:
        """The store's indicators (and the profile's), areas and ethnic groups to choose from;
        a commitments file's area is its authority."""
        self.vocabulary = vocabulary
        for name, box in self.constants.items():
            if isinstance(box, ConstantCombo):
                kind = CONSTANT_LABELS[name][2]
                if name == "area" and self.preview is not None and (
                        self.preview.table_kind == "commitments"):
                    kind = "authority"
                box.set_allowed(vocabulary.get(kind, []))

    def problems(self) -> list[str]:
        """What is wrong in the constants as typed (a period that is not one)."""
        period = self.constants["period"]
        return [f"Period: {p}" for p in [period.problem()] if p and period.isEnabled()] \
            if isinstance(period, PeriodEdit) else []

    def choices(self, base: Choices) -> Choices:
        """``base`` (the sheet, table and header row) with the columns and constants shown."""
        columns = {h: str(c.currentData()) for h, c in self.combos.items()}
        constants = {n: b.value() for n, b in self.constants.items()
                     if b.isEnabled() and b.value()}
        return Choices(base.kind, base.table_kind, base.sheet, base.table, base.header_row,
                       columns, constants, base.answers)

    def _fill_grid(self, preview: Preview) -> None:
        self.grid.clear()
        self.grid.setRowCount(len(preview.rows))
        self.grid.setColumnCount(len(preview.letters))
        self.grid.setHorizontalHeaderLabels(preview.letters)
        self.grid.setVerticalHeaderLabels([str(i + 1) for i in range(len(preview.rows))])
        bold = QFont(self.font())
        bold.setBold(True)
        mark = QBrush(self.palette().color(QPalette.ColorRole.Highlight).lighter(170))
        for i, cells in enumerate(preview.rows):
            for j, text in enumerate(cells[:len(preview.letters)]):
                item = QTableWidgetItem(text)
                if i == preview.header_row:
                    item.setFont(bold)
                    item.setBackground(mark)
                self.grid.setItem(i, j, item)
        self.grid.resizeColumnsToContents()
        for j in range(self.grid.columnCount()):
            self.grid.setColumnWidth(j, min(self.grid.columnWidth(j), 180))
        if preview.header_row is not None:
            self.grid.scrollToItem(self.grid.item(preview.header_row, 0)
                                   or QTableWidgetItem(),
                                   QAbstractItemView.ScrollHint.PositionAtTop)

    def _fill_columns(self, preview: Preview, choices: Choices) -> None:
        self.holder = QWidget()  # the previous one is deleted by the scroll area
        grid = QGridLayout(self.holder)
        self.combos = {}
        for j, text in enumerate(("Column", "Heading", "First value", "Read as")):
            grid.addWidget(QLabel(f"<b>{text}</b>", self.holder), 0, j)
        options = field_options(preview.table_kind)
        groups = group_options(preview.table_kind)
        for r, column in enumerate(preview.columns, start=1):
            combo = QComboBox(self.holder)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            for value, label in options:
                combo.addItem(label, value)
            if column.field == WIDE and preview.wide:
                combo.insertItem(1, WIDE_LABEL[preview.wide], WIDE)
            elif column.field == UNREAD:  # its heading is answered with the other values
                combo.insertItem(1, UNREAD_LABEL, UNREAD)
            if groups:  # a heading that names no group ("Number of live births Indian")
                combo.insertSeparator(combo.count())
                for value, label in groups:
                    combo.addItem(label, value)
                # the box as wide as a field's name, its list as wide as the longest group
                combo.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(34)
                combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
            chosen = choices.columns.get(column.header, column.field)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            heading = column.header if not column.header.startswith("Column ") else "(none)"
            combo.setAccessibleName(f"Column {column.letter}, {heading}: read as")
            combo.currentIndexChanged.connect(self._edited)
            for j, (text, full) in enumerate(((column.letter, ""), (_cut(heading, 40), heading),
                                              (_cut(column.example, 24), column.example))):
                cell = QLabel(text, self.holder)
                cell.setTextFormat(Qt.TextFormat.PlainText)
                cell.setToolTip(full if full != text else "")
                if j == 1:  # the heading labels its drop-down (a screen reader says both)
                    cell.setText(text.replace("&", "&&"))  # no shortcut made of an "&"
                    cell.setBuddy(combo)
                grid.addWidget(cell, r, j)
            grid.addWidget(combo, r, 3)
            self.combos[column.header] = combo
        grid.setRowStretch(len(preview.columns) + 1, 1)
        grid.setColumnStretch(3, 1)
        self.area.setWidget(self.holder)

    def _edited(self, *_args: object) -> None:
        self.changed.emit()


def _cut(text: str, size: int) -> str:
    """A long text with its middle left out: the end of a heading often tells columns apart
    ("Ethnic group: Asian … Welsh: Bangladeshi")."""
    text = " ".join(text.split())
    if len(text) <= size:
        return text
    head = (size - 1) * 2 // 5
    return text[:head].rstrip() + " … " + text[len(text) - (size - 1 - head):].lstrip()
