"""The pieces the Overview and the commitment detail are built from, so a screen reader meets
the same structure a sighted member sees: sentences whose counts are links, and real tables with
row and column headers whose cells can lead to the commitments they count.

Each piece can say what it reads (:meth:`reading`), in the order a screen reader's "Say all"
reads it: that is how the Overview is compared with the pack's summary page.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from mag_desktop.core.query.selections import Selection
from mag_desktop.core.query.summary_words import Linked

LINK = "set:"  # a link to a set of commitments: "set:" + Selection.key()
OPEN = "commitment:"  # a link to one commitment: "commitment:" + its ID
NAVY = "#1B365D"
_CENTRE = Qt.AlignmentFlag.AlignCenter


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


class HeaderTable(QTableWidget):
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
        self.name_column, self.stretch, self.numbers = name_column, stretch, numbers
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
        self.leads: dict[tuple[int, int], Selection | str] = {}
        self.rows: list[Row] = []
        self.columns: list[str] = []
        self.activated.connect(self._lead)
        self.clicked.connect(self._lead)

    def fill(self, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """Show ``rows`` under ``columns``; sizes are measured once, after every cell is in
        (measuring per cell would make a long list slow)."""
        self.columns, self.rows = list(columns), list(rows)
        self.setUpdatesEnabled(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.clear()
        self.setColumnCount(len(columns) + 1)
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels([self.name_column, *columns])
        self.setVerticalHeaderLabels([r.header for r in rows])
        self.leads = {}
        for i, row in enumerate(rows):
            name = QTableWidgetItem(row.header)
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            self.setItem(i, 0, name)
            for j, (text, lead) in enumerate(zip(row.cells, row.leads, strict=True), start=1):
                item = QTableWidgetItem(text)
                if self.numbers or text.replace(",", "").isdigit():  # others: left, the default
                    item.setTextAlignment(_CENTRE)
                if isinstance(lead, Selection):
                    self.leads[(i, j)] = lead
                    item.setToolTip("Show these commitments in the Commitments tab")
                elif isinstance(lead, str):
                    self.leads[(i, j)] = lead
                    item.setToolTip(f"Open {lead} in the Commitments tab")
                self.setItem(i, j, item)
        self.resizeColumnsToContents()
        if self.wordWrap():
            self.resizeRowsToContents()
        if self.stretch is not None and 0 <= self.stretch < len(columns):
            header.setSectionResizeMode(self.stretch + 1, QHeaderView.ResizeMode.Stretch)
        self.setUpdatesEnabled(True)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.wordWrap() and self.rowCount():  # wrapped text: rows as tall as the new width
            self.resizeRowsToContents()
            self.updateGeometry()

    def _lead(self, index: QModelIndex | QPersistentModelIndex) -> None:
        lead = self.leads.get((index.row(), index.column()))
        if lead is None and index.isValid():  # a row of one commitment: any of its cells
            lead = next((x for (r, _c), x in self.leads.items()
                         if r == index.row() and isinstance(x, str)), None)
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
