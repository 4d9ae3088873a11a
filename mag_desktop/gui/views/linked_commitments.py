"""The Indicators tab's "Commitments linked to this indicator": the commitments whose latest
update names the indicator, from the core's ``linked_to_indicator`` frame (ID, title,
authority, status by shape and word, the aim in words). Enter or a double-click on a row opens
that commitment in the Commitments tab.

The list is a page beside the charts (:class:`ChartsOrLinked`), its tab saying how many there
are, so on a 1366×768 screen the figures' table keeps its rows and the charts their height;
when no commitment names the indicator, the page says so in one sentence.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTabWidget, QVBoxLayout, QWidget

from mag_desktop.gui.models.frame_model import Column, FrameModel
from mag_desktop.gui.views.tables import FrameTable

TITLE = "Commitments linked to this indicator"
NONE = "No commitment is linked to this indicator."
COLUMNS = [
    Column("id", "ID"),
    Column("title", "Title"),
    Column("authority_name", "Authority"),
    Column("status_badge", "Status", colour="status_colour"),
    Column("aim", "Aim", tooltip="target"),
]
TITLE_MAX = 230  # the title's widest; the aim takes the rest and wraps
CHARTS = "Charts"


def linked_frame(frame: pd.DataFrame, indicator: str = "") -> pd.DataFrame:
    """The core's frame with the status as shape and word in one column ("◆ Off track"), and
    the aim without the ``indicator``'s name that leads it (the page is that indicator's; the
    whole target stays the cell's tooltip)."""
    out = frame.copy()
    glyph = out["status_glyph"].fillna("").astype(str)
    label = out["status_label"].fillna("no update").astype(str)
    out["status_badge"] = (glyph + " " + label).str.strip()
    target = out["target"].fillna("").astype(str)
    aim = target.str.removeprefix(f"{indicator}: ") if indicator else target
    out["aim"] = aim.str[:1].str.upper() + aim.str[1:]
    return out


class LinkedCommitments(QWidget):
    """The list (or the sentence saying there is none); ``commitment_chosen`` carries the ID
    of the row activated."""

    commitment_chosen = Signal(str)
    counted = Signal(str)  # the page's tab text: "Commitments linked (4)"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(TITLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        self.none = QLabel(NONE, self)
        self.none.setWordWrap(True)
        self.none.setAccessibleName(NONE)
        self.none.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.none.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches the empty state
        self.none.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.model = FrameModel(COLUMNS, self)
        self.table = FrameTable(TITLE, self.model, None, self)  # fitted here, not remembered
        self.table.setWordWrap(True)  # a long aim on two lines rather than cut
        self.table.horizontalHeader().sectionResized.connect(
            lambda *_: self.table.resizeRowsToContents())
        self.table.setAccessibleDescription(
            "One row per commitment; Enter opens it in the Commitments tab.")
        self.table.setToolTip("Enter or double-click opens the commitment in the Commitments "
                              "tab")
        self.table.activated.connect(self._activated)
        for widget, stretch in ((self.none, 1), (self.table, 1)):  # the tab is the heading
            layout.addWidget(widget, stretch)
        self.show_linked(pd.DataFrame(columns=[c.key for c in COLUMNS]))

    def show_linked(self, frame: pd.DataFrame, indicator: str = "") -> None:
        """Show the core's ``linked_to_indicator`` frame for the indicator named ``indicator``
        (empty: the one sentence)."""
        shown = linked_frame(frame, indicator) if len(frame) else frame
        self.model.set_frame(shown)
        count = len(frame)
        if count:
            self._fit()
        self.table.setAccessibleName(f"{TITLE} ({count:,})" if count else TITLE)
        self.table.setVisible(bool(count))
        self.none.setVisible(not count)
        self.counted.emit(self.tab_text())

    def _fit(self) -> None:
        """ID, authority and status as wide as their words, the title up to
        :data:`TITLE_MAX`, the aim the rest (wrapped)."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for i, column in enumerate(COLUMNS):
            if column.key == "aim":
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
            self.table.resizeColumnToContents(i)
            if column.key == "title":
                self.table.setColumnWidth(i, min(TITLE_MAX, self.table.columnWidth(i)))
        self.table.resizeRowsToContents()

    def tab_text(self) -> str:
        """"Commitments linked (4)", or "(none)"."""
        count = self.model.rowCount()
        return f"Commitments linked ({count:,})" if count else "Commitments linked (none)"

    def ids(self) -> list[str]:
        """The IDs listed, in the table's order."""
        return [str(i) for i in self.model.frame["id"]] if "id" in self.model.frame else []

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.isValid():
            self.commitment_chosen.emit(str(self.model.row(index.row())["id"]))


class ChartsOrLinked(QTabWidget):
    """The charts and, on a second page, the commitments linked to the indicator; the second
    tab says how many there are, so a glance tells whether anyone aims to move it."""

    def __init__(self, charts: QWidget, linked: LinkedCommitments,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Charts or linked commitments")
        self.tabBar().setAccessibleName("Charts or commitments linked: arrow keys choose")
        self.setDocumentMode(True)
        self.addTab(charts, CHARTS)
        self.addTab(linked, linked.tab_text())
        self.linked = linked
        linked.counted.connect(lambda text: self.setTabText(self.indexOf(linked), text))
