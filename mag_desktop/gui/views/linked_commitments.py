"""The Indicators tab's "Commitments linked to this indicator": the commitments whose latest
update names the indicator, from the core's ``linked_to_indicator`` frame (ID, title,
authority, status by shape and word, the aim in words). Enter or a double-click on a row opens
that commitment in the Commitments tab.

When no commitment names the indicator the list gives way to one sentence, so the figures keep
the room on a small screen; with some, at most a few rows are in view and the rest scroll.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from mag_desktop.gui.headings import heading
from mag_desktop.gui.models.frame_model import Column, FrameModel
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.tables import FrameTable

TITLE = "Commitments linked to this indicator"
NONE = "No commitment is linked to this indicator."
COLUMNS = [
    Column("id", "ID"),
    Column("title", "Title"),
    Column("authority_name", "Authority"),
    Column("status_badge", "Status", colour="status_colour"),
    Column("target", "Aim"),
]
ROWS_IN_VIEW = 4  # rows shown before the list scrolls


def linked_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The core's frame with the status as shape and word in one column ("◆ Off track")."""
    out = frame.copy()
    glyph = out["status_glyph"].fillna("").astype(str)
    label = out["status_label"].fillna("no update").astype(str)
    out["status_badge"] = (glyph + " " + label).str.strip()
    return out


class LinkedCommitments(QWidget):
    """The list (or the sentence saying there is none); ``commitment_chosen`` carries the ID
    of the row activated."""

    commitment_chosen = Signal(str)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(TITLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        self.heading = heading(TITLE, 3, self)
        self.none = QLabel(NONE, self)
        self.none.setWordWrap(True)
        self.model = FrameModel(COLUMNS, self)
        self.table = FrameTable(TITLE, self.model, settings, self)
        self.table.setAccessibleDescription(
            "One row per commitment; Enter opens it in the Commitments tab.")
        self.table.setToolTip("Enter or double-click opens the commitment in the Commitments "
                              "tab")
        self.table.activated.connect(self._activated)
        for widget in (self.heading, self.none, self.table):
            layout.addWidget(widget)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.show_linked(pd.DataFrame(columns=[c.key for c in COLUMNS]))

    def _rows_height(self, rows: int) -> int:
        header = max(self.table.horizontalHeader().sizeHint().height(),
                     self.table.fontMetrics().height() + 10)
        row = self.table.verticalHeader().defaultSectionSize()
        return header + rows * row + 2 * self.table.frameWidth() + 2

    def show_linked(self, frame: pd.DataFrame) -> None:
        """Show the core's ``linked_to_indicator`` frame (empty: the one sentence)."""
        shown = linked_frame(frame) if len(frame) else frame
        self.model.set_frame(shown)
        count = len(frame)
        self.heading.setText(f"{TITLE} ({count:,})" if count else TITLE)
        self.heading.setVisible(bool(count))
        self.table.setVisible(bool(count))
        self.none.setVisible(not count)
        if count:
            self.table.setFixedHeight(self._rows_height(min(count, ROWS_IN_VIEW))
                                      + self.table.horizontalScrollBar().sizeHint().height())
        self.updateGeometry()

    def ids(self) -> list[str]:
        """The IDs listed, in the table's order."""
        return [str(i) for i in self.model.frame["id"]] if "id" in self.model.frame else []

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.isValid():
            self.commitment_chosen.emit(str(self.model.row(index.row())["id"]))
