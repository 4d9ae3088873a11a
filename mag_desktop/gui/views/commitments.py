"""The commitments tab: the filtered commitments in a sortable table, quick filters, and the
detail of the one selected.

* **Quick filters** (overdue, off track, slipped, no update, changed since last quarter) and
  the sets the Overview's numbers open are :class:`Selection` s the core applies on top of the
  filter panel's choices; the line above the table says which one is shown, with a way back to
  all.
* **Columns by priority**: ID, title, status and due date always fit; the others are shown
  while there is room (:data:`PRIORITY`), and a title too long for its column is elided, the
  whole title and description in its tooltip.
* The detail pane appears when a commitment is selected and is out of the way otherwise.
"""

from __future__ import annotations

import heapq

import pandas as pd
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core import vocab
from mag_desktop.core.formatting import format_date
from mag_desktop.core.links.progress_model import LinkProgress
from mag_desktop.core.query import CommitmentDetail
from mag_desktop.core.query.commitments import COLUMNS as COMMITMENT_COLUMNS
from mag_desktop.core.query.lookups import period_order
from mag_desktop.core.query.overview import Overview
from mag_desktop.core.query.selections import QUICK, Selection, outside, quick_counts, select
from mag_desktop.gui.announce import announce
from mag_desktop.gui.models.frame_model import Column, FrameModel
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.commitment_detail import CommitmentDetailView
from mag_desktop.gui.views.flow_layout import FlowLayout
from mag_desktop.gui.views.notes_panel import NotesPanel
from mag_desktop.gui.views.tables import FrameTable

COLUMNS = [
    Column("id", "ID"),
    Column("title", "Title", tooltip="title_tip"),
    Column("status_badge", "Status", sort_key="status_rank", colour="status_colour"),
    Column("due_date", "Due", format=format_date, align="right"),
    Column("quarter", "Updated", sort_key="quarter_rank"),
    Column("theme_short", "Theme", sort_key="theme_position", tooltip="theme_name"),
    Column("authority_name", "Authority"),
    Column("lead", "Lead"),
]
#: What each quick filter keeps, in the words of its tooltip.
QUICK_TIPS = {"overdue": "that are overdue", "off_track": "that are off track",
              "slipped": "that slipped since last quarter",
              "no_update": "with no update this quarter",
              "changed": "that changed status since last quarter",
              "gap_widening": "whose linked gap widened beyond what the intervals allow"}
#: Columns kept while there is room, most important first; the title takes what is left.
PRIORITY = ("id", "title", "status_badge", "due_date", "quarter", "theme_short",
            "authority_name", "lead")
TITLE_MIN = 240  # the title's narrowest useful width, in pixels
OTHER_MAX = 260  # no other column wider than this, however long its longest value
def table_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the display-only columns: the status as shape and word, a sortable quarter, and the
    title's tooltip (the whole title, then the description)."""
    out = frame.copy()
    out["status_badge"] = (out["status_glyph"].fillna("") + " " + out["status_label"].fillna(
        "no update")).str.strip()
    out["quarter_rank"] = out["quarter"].map(period_order(out["quarter"].dropna().unique()))
    description = out["description"].fillna("").astype(str)
    out["title_tip"] = out["title"].astype(str) + description.map(
        lambda d: f"\n\n{d}" if d else "")
    return out


def _names() -> dict[str, str]:
    words = {t.code: t.short_name for t in vocab.themes()}
    words.update({s.code: s.label for s in vocab.statuses()})
    return words


class CommitmentsTab(QWidget):
    selected = Signal(str)  # commitment id
    export_requested = Signal()

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: Overview | None = None
        self.selection: Selection | None = None
        self.names = _names()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.count = QLabel("", self)
        self.export_button = QPushButton("&Export view…", self)
        self.export_button.setToolTip("Save the commitments shown to an Excel or CSV file")
        top.addWidget(self.count, 1)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        layout.addLayout(self._quick_bar())
        shown = QHBoxLayout()
        self.showing = QLabel("", self)
        self.showing.setWordWrap(True)
        self.showing.setStyleSheet("font-weight: bold; color: #1B365D;")
        self.show_all = QPushButton("Show &all", self)
        self.show_all.setToolTip("Show every commitment the filter panel keeps")
        shown.addWidget(self.showing, 1)
        shown.addWidget(self.show_all)
        layout.addLayout(shown)
        self.split = split = QSplitter(Qt.Orientation.Vertical, self)
        self.model = FrameModel(COLUMNS, self)
        self.table = FrameTable("Commitments", self.model, settings, split)
        self.below = below = QSplitter(Qt.Orientation.Horizontal, split)
        self.detail = CommitmentDetailView(below)
        self.notes = NotesPanel(below)  # the member's notes on the commitment shown
        below.addWidget(self.detail)
        below.addWidget(self.notes)
        below.setSizes([700, 320])
        split.addWidget(self.table)
        split.addWidget(below)
        split.setSizes([400, 300])
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        below.hide()  # until a commitment is selected
        self.table.selectionModel().currentRowChanged.connect(self._current)
        self._all = table_frame(pd.DataFrame(columns=COMMITMENT_COLUMNS))  # the filter's rows
        self._widths: dict[str, int] | None = None  # measured once per filter, on all its rows
        self.model.modelReset.connect(self.fit_columns)
        self.table.viewport().installEventFilter(self)
        self.export_button.clicked.connect(self.export_requested.emit)
        self.show_all.clicked.connect(lambda: self.set_selection(None))
        self._showing()

    def _quick_bar(self) -> QHBoxLayout:
        """"Show only:" and a button per quick filter, wrapping onto a second row when the tab
        is too narrow for all of them (at 1366 pixels beside the filter panel)."""
        bar = QHBoxLayout()
        label = QLabel("Show only:", self)
        bar.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QWidget(self)
        flow = FlowLayout(buttons, spacing=6)
        # no QButtonGroup: Tab would stop at one of its buttons only (a second press of a
        # button turns its filter off; set_selection unchecks the others)
        self.quick: dict[str, QPushButton] = {}
        for kind, words in QUICK.items():
            button = QPushButton(words, buttons)
            button.setCheckable(True)
            button.setToolTip(f"Only the commitments {QUICK_TIPS[kind]}, among those the "
                              "filter panel keeps; press again for all of them")
            self.quick[kind] = button
            flow.addWidget(button)
            button.clicked.connect(lambda on, kind=kind: self.set_selection(
                Selection(kind) if on else None))
        bar.addWidget(buttons, 1)
        return bar

    # -- what is shown -----------------------------------------------------------------------
    def show_overview(self, data: Overview) -> None:
        """The filter's commitments (the core's overview), through the selection shown."""
        self.data = data
        self._all = table_frame(data.commitments)  # once: a quick filter only picks rows
        self._widths = None  # measured on all of them, so a quick filter keeps the widths
        counts = quick_counts(data.commitments, data.changes)
        for kind, button in self.quick.items():
            button.setText(f"{QUICK[kind]} ({counts[kind]:,})")
        self._apply()

    def set_selection(self, selection: Selection | None) -> None:
        """Show only ``selection`` (None: every commitment the filter keeps)."""
        self.selection = selection
        self._apply()
        announce(self, self.showing.text())  # heard, though focus stays where it was

    def _apply(self) -> None:
        for kind, button in self.quick.items():
            button.setChecked(self.selection is not None and self.selection.kind == kind)
        if self.data is None:
            return
        frame = select(self._all, self.data.changes, self.selection)
        self.model.set_frame(frame)
        self.below.hide()
        self.detail.clear()
        self._showing()

    def _showing(self) -> None:
        total = 0 if self.data is None else len(self.data.commitments)
        shown = self.model.rowCount()
        if self.selection is None:
            self.count.setText(f"{total:,} commitment{'s' if total != 1 else ''}")
            self.showing.setText("Showing every commitment the filter keeps.")
        else:
            what = self.selection.describe(lambda code: self.names.get(code, code))
            self.count.setText(f"{shown:,} of {total:,} commitments")
            left_out = 0 if self.data is None else outside(self.data.commitments,
                                                           self.selection)
            also = (f" {left_out:,} more are outside the filter panel's choices."
                    if left_out else "")
            self.showing.setText(f"Showing only: {what} ({shown:,} of {total:,}).{also}")
        self.show_all.setVisible(self.selection is not None)

    def shown_words(self) -> str:
        """The quick filter or set shown, in words ("Showing only: Overdue"), "" for all."""
        if self.selection is None:
            return ""
        return "Showing only: " + self.selection.describe(lambda c: self.names.get(c, c))

    def ids(self) -> list[str]:
        """The IDs of the commitments shown, in the table's order."""
        return [str(i) for i in self.model.frame["id"]] if "id" in self.model.frame else []

    # -- columns by priority -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """Keep the columns that fit, by :data:`PRIORITY`; the title takes the rest."""
        header = self.table.horizontalHeader()
        room = self.table.viewport().width()
        if room <= 0:
            return
        keys = [c.key for c in COLUMNS]
        if self._widths is None:
            self._widths = self._measure()
        wanted = dict(self._widths)
        used, keep = 0, set()
        for key in PRIORITY:
            if used + wanted[key] <= room or key in ("id", "title", "status_badge", "due_date"):
                keep.add(key)
                used += wanted[key]
        header.setStretchLastSection(False)
        for i, key in enumerate(keys):
            self.table.setColumnHidden(i, key not in keep)
            if key == "title":
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            elif key in keep:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(i, wanted[key])

    def _measure(self) -> dict[str, int]:
        """Each column's width for its longest text (measured on the longest few values, not
        cell by cell), at most :data:`OTHER_MAX`; the title's narrowest useful width."""
        frame, metrics = self._all, self.table.fontMetrics()
        header = self.table.horizontalHeader()
        widths = {}
        for column in COLUMNS:
            found = frame[column.key].tolist() if column.key in frame else []
            distinct = dict.fromkeys(v for v in found if v is not None and v == v)  # not NaN
            longest_few = heapq.nlargest(5, distinct, key=lambda v: len(str(v)))
            texts = [column.format(v) for v in longest_few]
            longest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            title = header.fontMetrics().horizontalAdvance(column.title) + 28  # sort arrow
            widths[column.key] = min(OTHER_MAX, max(longest + 16, title))
        widths["title"] = TITLE_MIN
        return widths

    def visible_columns(self) -> list[str]:
        return [c.title for i, c in enumerate(COLUMNS) if not self.table.isColumnHidden(i)]

    # -- the commitment selected -------------------------------------------------------------
    def _current(self, current: object, _previous: object) -> None:
        row = getattr(current, "row", lambda: -1)()
        if 0 <= row < self.model.rowCount():
            self.selected.emit(str(self.model.row(row)["id"]))

    def show_detail(self, detail: CommitmentDetail) -> None:
        self.detail.show_detail(detail)
        self.below.show()
        self.notes.set_item("commitment", detail.id, None, f"{detail.id}: {detail.title}")

    def show_links(self, commitment_id: str, progress: tuple[LinkProgress, ...]) -> None:
        """"Is it working?" for the commitment shown (dropped if another is shown by now)."""
        self.detail.show_links(commitment_id, progress)
