"""The pieces the Overview and the commitment detail are built from, so a screen reader meets
the same structure a sighted member sees: sentences whose counts are links, and real tables with
row and column headers whose cells can lead to the commitments they count.

Each piece can say what it reads (:meth:`reading`), in the order a screen reader's "Say all"
reads it: that is how the Overview is compared with the pack's summary page.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QWidget,
)

from mag_desktop.core.query.selections import Selection
from mag_desktop.core.query.summary_words import Linked

LINK = "set:"  # a link to a set of commitments: "set:" + Selection.key()
OPEN = "commitment:"  # a link to one commitment: "commitment:" + its ID
NAVY = "#1B365D"
_CENTRE = Qt.AlignmentFlag.AlignCenter
Index = QModelIndex | QPersistentModelIndex


def _piece(text: str, selection: Selection | None) -> str:
    if selection is None:
        return escape(text)
    return (f"<a href='{LINK}{escape(selection.key(), quote=True)}' style='color:{NAVY}'>"
            f"{escape(text)}</a>")


class LinkedLabel(QLabel):
    """A sentence (or several) whose counts are links to their commitments; Tab reaches each
    link and Enter follows it. Its accessible text is the sentence itself."""

    chosen = Signal(object)  # a Selection

    def __init__(self, parent: QWidget | None = None, point_scale: float = 1.0) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setOpenExternalLinks(False)
        self.linkActivated.connect(self._followed)
        self.plain = ""
        if point_scale != 1.0:
            font = self.font()
            font.setPointSizeF(font.pointSizeF() * point_scale)
            self.setFont(font)

    def set_pieces(self, *sentences: Linked) -> None:
        """Show ``sentences`` one after another, their counted pieces as links."""
        self.plain = " ".join("".join(text for text, _ in s) for s in sentences if s)
        self.setText(" ".join("".join(_piece(t, sel) for t, sel in s) for s in sentences if s))

    def _followed(self, href: str) -> None:
        if href.startswith(LINK):
            self.chosen.emit(Selection.from_key(href[len(LINK):]))

    def reading(self) -> list[str]:
        return [self.plain] if self.plain else []


class Row:
    """One row of a :class:`HeaderTable`: its header, its cells, and what each cell leads to
    (a Selection, or a commitment's ID as a str, or None)."""

    def __init__(self, header: str, cells: Sequence[str],
                 leads: Sequence[Selection | str | None] = ()) -> None:
        self.header, self.cells = header, list(cells)
        self.leads = list(leads) or [None] * len(self.cells)


class RowsModel(QAbstractTableModel):
    """Rows held once and answered per cell when drawn, so a list of a thousand commitments
    costs nothing until it is on screen: the row's name first, then its cells."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns: list[str] = []
        self.rows: list[Row] = []
        self.numbers = False
        self.bold = QFont()
        self.bold.setBold(True)

    def set_rows(self, columns: list[str], rows: list[Row]) -> None:
        self.beginResetModel()
        self.columns, self.rows = columns, rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def text(self, row: int, column: int) -> str:
        found = self.rows[row]
        return found.header if column == 0 else found.cells[column - 1]

    def lead(self, row: int, column: int) -> Selection | str | None:
        """What the cell leads to; any cell of a commitment's row leads to the commitment."""
        found = self.rows[row]
        lead = found.leads[column - 1] if column else None
        if lead is None:
            lead = next((x for x in found.leads if isinstance(x, str)), None)
        return lead

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.FontRole and column == 0:
            return self.bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column and (
                self.numbers or self.text(row, column).replace(",", "").isdigit()):
            return _CENTRE
        if role == Qt.ItemDataRole.ToolTipRole:
            lead = self.lead(row, column)
            if isinstance(lead, Selection):
                return "Show these commitments in the Commitments tab"
            if isinstance(lead, str):
                return f"Open {lead} in the Commitments tab"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section] if 0 <= section < len(self.columns) else None
        return self.rows[section].header if 0 <= section < len(self.rows) else None


class HeaderTable(QTableView):
    """A read-only table with a header for every column and every row (the row's name: the
    theme, the exception, the commitment's ID), as tall as its rows so the page scrolls, not
    the table. A cell that counts commitments leads to them: click it, or Enter on it.

    The row's name is also the first column (titled ``name_column``), and the row headers are
    hidden from sight but kept for assistive technology: a screen reader reading a whole row
    (Orca's default) reads its cells, so the name must be a cell to be read with the row, and a
    reader moving down a column names the row from its header."""

    chosen = Signal(object)  # a Selection
    commitment_chosen = Signal(str)  # a commitment's ID

    def __init__(self, name: str, rows_are: str, name_column: str,
                 parent: QWidget | None = None, stretch: int | None = None,
                 numbers: bool = False) -> None:
        super().__init__(parent)
        self.name_column, self.stretch = name_column, stretch
        self.rows_model = RowsModel(self)
        self.rows_model.numbers = numbers
        self.setModel(self.rows_model)
        self.setAccessibleName(name)
        self.setAccessibleDescription(f"One row per {rows_are}, named in the first column.")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.setWordWrap(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        wide = QSizePolicy.Policy.Expanding if stretch is not None else QSizePolicy.Policy.Fixed
        self.setSizePolicy(wide, QSizePolicy.Policy.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.verticalHeader().hide()  # seen as the first column; still each row's header
        self.setCornerButtonEnabled(False)
        self.activated.connect(self._lead)
        self.clicked.connect(self._lead)

    @property
    def rows(self) -> list[Row]:
        return self.rows_model.rows

    @property
    def columns(self) -> list[str]:
        return self.rows_model.columns[1:]

    def fill(self, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """Show ``rows`` under ``columns``; each column as wide as its longest text, measured on
        the longest few texts rather than cell by cell (a long list stays quick)."""
        self.rows_model.set_rows([self.name_column, *columns], list(rows))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics, bold = self.fontMetrics(), QFontMetrics(self.rows_model.bold)
        for j in range(self.rows_model.columnCount()):
            texts = sorted((self.rows_model.text(i, j) for i in range(len(rows))), key=len)[-5:]
            measure = bold if j == 0 else metrics
            longest = max((measure.horizontalAdvance(t) for t in texts), default=0)
            self.setColumnWidth(j, max(longest + 14, header.sectionSizeHint(j)))
        if self.wordWrap():
            self.resizeRowsToContents()
        if self.stretch is not None and 0 <= self.stretch < len(columns):
            header.setSectionResizeMode(self.stretch + 1, QHeaderView.ResizeMode.Stretch)
        self.updateGeometry()

    # -- what a test or a reader asks of it ---------------------------------------------------
    def rowCount(self) -> int:  # as a table widget's
        return self.rows_model.rowCount()

    def columnCount(self) -> int:  # as a table widget's
        return self.rows_model.columnCount()

    def cell(self, row: int, column: int) -> str:
        return self.rows_model.text(row, column)

    def row_header(self, row: int) -> str:
        return str(self.rows_model.headerData(row, Qt.Orientation.Vertical))

    def column_header(self, column: int) -> str:
        return str(self.rows_model.headerData(column, Qt.Orientation.Horizontal))

    def lead_at(self, row: int, column: int) -> Selection | str | None:
        return self.rows_model.lead(row, column)

    def setCurrentCell(self, row: int, column: int) -> None:  # as a table widget's
        self.setCurrentIndex(self.rows_model.index(row, column))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.wordWrap() and self.rowCount():  # wrapped text: rows as tall as the new width
            self.resizeRowsToContents()
            self.updateGeometry()

    def _lead(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if not index.isValid():
            return
        lead = self.rows_model.lead(index.row(), index.column())
        if isinstance(lead, Selection):
            self.chosen.emit(lead)
        elif isinstance(lead, str):
            self.commitment_chosen.emit(lead)

    def reading(self) -> list[str]:
        """The column headers, then each row's name and cells."""
        out = [self.name_column, *self.columns]
        for row in self.rows:
            out += [row.header, *row.cells]
        return out
