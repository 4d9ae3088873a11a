"""One commitment in full, built so a screen reader meets its structure: a heading with its ID
and title, its status and flags as a sentence, its fields as labelled pairs, the latest
narrative, "Is it working?" (the indicators it aims to move and how they moved, from
:mod:`.link_panel`), and the milestones and the status history as real tables (the milestone or
the quarter as each row's header)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from mag_desktop.core.formatting import format_date
from mag_desktop.core.links.progress_model import LinkProgress
from mag_desktop.core.query import CommitmentDetail
from mag_desktop.gui.headings import heading
from mag_desktop.gui.views.count_widgets import HeaderTable, Row
from mag_desktop.gui.views.link_panel import TITLE, LinkPanel

EMPTY = "Select a commitment to see its detail and history."


def status_sentence(d: CommitmentDetail) -> str:
    """"◆ Off track (2026 Q3): overdue, off track." - the status in shape and word, its
    quarter, and the exception lists it is in."""
    flags = [w for w, on in (("overdue", d.overdue), ("off track", d.off_track),
                             ("slipped since last quarter", d.slipped),
                             ("no update this quarter", d.no_update)) if on]
    mark = f"{d.status_glyph or ''} {d.status_label or 'No update yet'}".strip()
    text = f"{mark} ({d.quarter})" if d.quarter else mark
    return f"{text}: {', '.join(flags)}." if flags else f"{text}."


def fields(d: CommitmentDetail) -> list[tuple[str, str]]:
    """The commitment's fields that hold something, as (label, value)."""
    pairs = (("Theme", d.theme_name), ("Priority for action", d.priority), ("Lead", d.lead),
             ("Partners", d.partners), ("Authority", d.authority_name),
             ("Wards", ", ".join(d.ward_names or d.wards)), ("Start", format_date(d.start_date)),
             ("Due", format_date(d.due_date)),
             ("Guiding principles", ", ".join(d.principle_names or d.principles)))
    return [(label, str(value)) for label, value in pairs if value]


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CommitmentDetailView(QScrollArea):
    """The detail pane of the Commitments tab (rebuilt for each commitment shown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Commitment detail")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail: CommitmentDetail | None = None
        self.links: LinkPanel | None = None  # "Is it working?" of the commitment shown
        self._pieces: list[str] = []
        self._links_at = 0  # where the panel's reading goes among the pieces
        self.clear()

    def _start(self) -> tuple[QWidget, QVBoxLayout]:
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.setWidget(body)
        self._pieces = []
        self.links = None
        return body, layout

    def clear(self) -> None:
        self.detail = None
        body, layout = self._start()
        layout.addWidget(_label(EMPTY, body))
        layout.addStretch(1)
        self._pieces = [EMPTY]

    def show_detail(self, d: CommitmentDetail) -> None:
        self.detail = d
        body, layout = self._start()
        title = f"{d.id}: {d.title}"
        layout.addWidget(heading(title, 2, body))
        status = _label(status_sentence(d), body)
        if d.status_colour:
            status.setStyleSheet("font-weight: bold;")
        layout.addWidget(status)
        self._pieces = [title, status.text()]
        if d.description:
            layout.addWidget(_label(d.description, body))
            self._pieces.append(d.description)
        form = QFormLayout()
        for name, value in fields(d):
            shown = _label(value, body)
            form.addRow(_label(f"{name}:", body), shown)
            self._pieces += [f"{name}:", value]
        layout.addLayout(form)
        self._text(layout, body, "Latest narrative", d.narrative or "None given.")
        if d.reason:
            self._text(layout, body, "Reason", d.reason)
        layout.addWidget(heading(TITLE, 3, body))
        self._pieces.append(TITLE)
        self._links_at = len(self._pieces)
        self.links = LinkPanel(body)
        if d.links:
            self.links.show_waiting()  # until the controller hands the progress over
        else:
            self.links.show_none()
        layout.addWidget(self.links)
        if d.milestones:
            self._table(layout, body, "Milestones", "milestone", ("Milestone", "Baseline",
                                                                  "Forecast", "Actual"),
                        [Row(m.name, [format_date(m.baseline), format_date(m.forecast),
                                      format_date(m.actual)]) for m in d.milestones])
        if d.history:
            self._table(layout, body, "Status history", "quarter", ("Quarter", "Status",
                                                                    "Narrative"),
                        [Row(h.quarter, [f"{h.glyph} {h.status_label}".strip(), h.narrative])
                         for h in d.history])
        layout.addStretch(1)

    def show_links(self, commitment_id: str, progress: tuple[LinkProgress, ...]) -> None:
        """The progress of the links of ``commitment_id``, if it is still the one shown."""
        if self.links is not None and self.detail is not None and (
                self.detail.id == commitment_id):
            self.links.show_progress(progress)

    def _text(self, layout: QVBoxLayout, body: QWidget, title: str, text: str) -> None:
        layout.addWidget(heading(title, 3, body))
        layout.addWidget(_label(text, body))
        self._pieces += [title, text]

    def _table(self, layout: QVBoxLayout, body: QWidget, title: str, rows_are: str,
               columns: tuple[str, ...], rows: list[Row]) -> None:
        layout.addWidget(heading(title, 3, body))
        table = HeaderTable(title, rows_are, columns[0], body, stretch=len(columns) - 2)
        table.setWordWrap(True)
        table.fill(columns[1:], rows)
        layout.addWidget(table)
        self._pieces += [title, *table.reading()]

    def toPlainText(self) -> str:  # read like a text browser
        """What the pane reads, piece by piece, one a line."""
        links = self.links.reading() if self.links is not None else []
        at = self._links_at if self.links is not None else len(self._pieces)
        return "\n".join([*self._pieces[:at], *links, *self._pieces[at:]])
