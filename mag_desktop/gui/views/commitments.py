"""The commitments tab: a sortable table of the filtered commitments and a detail pane."""

from __future__ import annotations

from html import escape

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.formatting import format_date
from mag_desktop.core.query import CommitmentDetail
from mag_desktop.core.query.lookups import period_order
from mag_desktop.gui.models.frame_model import Column, FrameModel
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.notes_panel import NotesPanel
from mag_desktop.gui.views.tables import FrameTable

COLUMNS = [
    Column("id", "ID"),
    Column("title", "Title", tooltip="description"),
    Column("theme_short", "Theme", sort_key="theme_position", tooltip="theme_name"),
    Column("lead", "Lead"),
    Column("authority_name", "Authority"),
    Column("status_badge", "Status", sort_key="status_rank", colour="status_colour"),
    Column("due_date", "Due", format=format_date, align="right"),
    Column("quarter", "Updated", sort_key="quarter_rank"),
]
EXPORT_COLUMNS = [("id", "ID"), ("title", "Title"), ("theme_name", "Theme"), ("lead", "Lead"),
                  ("authority_name", "Authority"), ("status_label", "Status"),
                  ("due_date", "Due date"), ("quarter", "Last update"),
                  ("narrative", "Latest narrative")]


def table_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the display-only columns: the status as shape and word, and a sortable quarter."""
    out = frame.copy()
    out["status_badge"] = (out["status_glyph"].fillna("") + " " + out["status_label"].fillna(
        "no update")).str.strip()
    out["quarter_rank"] = out["quarter"].map(period_order(out["quarter"].dropna().unique()))
    return out


def render_detail(d: CommitmentDetail) -> str:
    flags = [w for w, on in (("overdue", d.overdue), ("off track", d.off_track),
                             ("slipped since last quarter", d.slipped),
                             ("no update this quarter", d.no_update)) if on]
    parts = [f"<h2>{escape(d.id)}: {escape(d.title)}</h2>",
             f"<p><span style='color:{d.status_colour or '#333'};font-size:14pt'>"
             f"{escape(d.status_glyph or '')}</span> <b>{escape(d.status_label or 'No update')}"
             f"</b> ({escape(d.quarter or '–')})"
             + (f" — <b>{escape(', '.join(flags))}</b>" if flags else "") + "</p>",
             f"<p>{escape(d.description)}</p>",
             "<table cellpadding='3'>"]
    for label, value in (("Theme", d.theme_name), ("Priority for action", d.priority),
                         ("Lead", d.lead), ("Partners", d.partners),
                         ("Authority", d.authority_name), ("Wards", ", ".join(d.wards)),
                         ("Start", format_date(d.start_date)), ("Due", format_date(d.due_date)),
                         ("Guiding principles", ", ".join(d.principles))):
        if value:
            parts.append(f"<tr><td><b>{label}</b></td><td>{escape(str(value))}</td></tr>")
    parts.append("</table>")
    parts.append(f"<h3>Latest narrative</h3><p>{escape(d.narrative or 'None given.')}</p>")
    if d.reason:
        parts.append(f"<p><b>Reason:</b> {escape(d.reason)}</p>")
    if d.milestones:
        rows = "".join(
            f"<tr><td>{escape(m.name)}</td><td>{format_date(m.baseline)}</td>"
            f"<td>{format_date(m.forecast)}</td><td>{format_date(m.actual)}</td></tr>"
            for m in d.milestones)
        parts.append("<h3>Milestones</h3><table border='1' cellspacing='0' cellpadding='3'>"
                     "<tr><th>Milestone</th><th>Baseline</th><th>Forecast</th><th>Actual</th>"
                     f"</tr>{rows}</table>")
    if d.history:
        rows = "".join(f"<tr><td>{escape(h.quarter)}</td><td>{escape(h.glyph)} "
                       f"{escape(h.status_label)}</td><td>{escape(h.narrative)}</td></tr>"
                       for h in d.history)
        parts.append("<h3>Status history</h3><table border='1' cellspacing='0' cellpadding='3'>"
                     f"<tr><th>Quarter</th><th>Status</th><th>Narrative</th></tr>{rows}</table>")
    return "".join(parts)


class CommitmentsTab(QWidget):
    selected = Signal(str)  # commitment id
    export_requested = Signal()

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.count = QLabel("", self)
        self.export_button = QPushButton("&Export view…", self)
        self.export_button.setToolTip("Save the commitments shown to an Excel or CSV file")
        top.addWidget(self.count, 1)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.model = FrameModel(COLUMNS, self)
        self.table = FrameTable("Commitments", self.model, settings, split)
        below = QSplitter(Qt.Orientation.Horizontal, split)
        self.detail = QTextBrowser(below)
        self.detail.setAccessibleName("Commitment detail")
        self.notes = NotesPanel(below)  # the member's notes on the commitment shown
        below.addWidget(self.detail)
        below.addWidget(self.notes)
        below.setSizes([700, 320])
        split.addWidget(self.table)
        split.addWidget(below)
        split.setSizes([400, 300])
        layout.addWidget(split)
        self.table.selectionModel().currentRowChanged.connect(self._current)
        self.export_button.clicked.connect(self.export_requested.emit)

    def show_frame(self, frame: pd.DataFrame) -> None:
        self.model.set_frame(table_frame(frame))
        self.count.setText(f"{len(frame):,} commitments")
        self.detail.setHtml("<p>Select a commitment to see its detail and history.</p>")

    def _current(self, current: object, _previous: object) -> None:
        row = getattr(current, "row", lambda: -1)()
        if 0 <= row < self.model.rowCount():
            self.selected.emit(str(self.model.row(row)["id"]))

    def show_detail(self, detail: CommitmentDetail) -> None:
        self.detail.setHtml(render_detail(detail))
        self.notes.set_item("commitment", detail.id, None, f"{detail.id}: {detail.title}")
