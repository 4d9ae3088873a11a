"""The overview tab: the pack's one-page summary for the filter, then the commitments behind it.

Built from headings, sentences and real tables, so a screen reader meets what a sighted member
sees: the theme × status grid is a table with the theme as each row's header and the status as
each column's header; the exceptions are a table with a row per exception; each list of
commitments is a table whose row header is the commitment's ID.

Every number leads to its commitments: a cell of the grid, an exception's count, the counts in
the sentences ("51 commitments changed status", "9 new commitments", "and 5 more") open the
Commitments tab showing exactly the commitments counted (:class:`Selection`, decided by the
core). A commitment's row opens it. The words and numbers are the pack's summary section's
(:class:`~mag_desktop.core.query.summary_view.SummaryView`); this module only lays them out.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from mag_desktop.core.briefing.context import status_marks
from mag_desktop.core.briefing.model import StatusMark
from mag_desktop.core.briefing.pack_words import GRID_WORDS
from mag_desktop.core.formatting import format_date
from mag_desktop.core.query.illustrative import DETAIL, NOTICE
from mag_desktop.core.query.overview import Overview
from mag_desktop.core.query.selections import Selection
from mag_desktop.core.query.summary_view import SummaryView
from mag_desktop.gui.headings import heading
from mag_desktop.gui.views.count_widgets import HeaderTable, LinkedLabel, Row
from mag_desktop.gui.views.since_release import SinceReleaseBox

#: The section titles of the pack, used as the Overview's headings.
SUMMARY_TITLE, DETAIL_TITLE = "Summary", "Exceptions and changes"
#: The one column header the window adds to the pack's summary: the exceptions' meanings sit
#: in a column of their own, so each exception's name can be its row's header.
MEANING = "What it means"
LIST_COLUMNS = ("Commitment", "Status", "Due")
BULLETS = 3  # the most sentences "Since last quarter" has


def _box(parent: QWidget) -> tuple[QWidget, QVBoxLayout]:
    """A box without margins whose children are laid out one under the other."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    return box, layout


def _mark(code: object, marks: dict[str, StatusMark]) -> str:
    found = marks.get(code) if isinstance(code, str) else None
    return found.text if found else "no update yet"


def grid_rows(view: SummaryView) -> tuple[list[str], list[Row]]:
    """The theme × status grid: status columns then Total, a row per theme then the totals;
    each count leads to its commitments."""
    marks = status_marks()
    _theme, total, all_themes = GRID_WORDS  # the theme's word titles the first column
    columns = [marks[c].text for c in view.grid_statuses] + [total]
    rows = [Row(r.name, [f"{n:,}" for n in (*r.counts, r.total)],
                [Selection("cell", r.theme, c) for c in view.grid_statuses]
                + [Selection("cell", r.theme)]) for r in view.grid]
    rows.append(Row(all_themes, [f"{n:,}" for n in (*view.grid_totals, view.grid_total)],
                    [Selection("cell", status=c) for c in view.grid_statuses]
                    + [Selection("cell")]))
    return columns, rows


def commitment_cells(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Each commitment's cells in a list (title, status, due date), by ID, made once."""
    marks = status_marks()
    dues = [format_date(d) if pd.notna(d) else "" for d in frame["due_date"]]
    return {str(i): [str(t), _mark(s, marks), due]
            for i, t, s, due in zip(frame["id"], frame["title"], frame["status"], dues,
                                    strict=True)}


def commitment_rows(cells: dict[str, list[str]], ids: tuple[str, ...]) -> list[Row]:
    """A row per commitment: its ID as the row's header, its title, status and due date."""
    return [Row(i, cells[i], [i] * 3) for i in ids if i in cells]


class OverviewTab(QWidget):
    commitment_chosen = Signal(str)  # a commitment's ID
    selection_chosen = Signal(object)  # a Selection: the commitments behind a number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.since = SinceReleaseBox(self)  # shown when the window shows a release
        outer.addWidget(self.since)
        self.page = QScrollArea(self)
        self.page.setWidgetResizable(True)
        self.page.setFrameShape(QFrame.Shape.NoFrame)
        self.page.setAccessibleName("Overview")  # focusable, so Page Down scrolls it
        body = QWidget(self.page)
        body.setObjectName("overview_body")
        body.setStyleSheet("#overview_body { background: palette(base); }")
        layout = QVBoxLayout(body)
        self.page.setWidget(body)
        outer.addWidget(self.page)
        self.summary_heading = heading(SUMMARY_TITLE, 1, body)
        self.notice = QFrame(body)
        self.notice.setStyleSheet("QFrame { background: #FFF4E5; } QLabel { color: #1F2328; }")
        notice_layout = QVBoxLayout(self.notice)
        self.notice_title = QLabel(NOTICE, self.notice)
        self.notice_title.setStyleSheet("font-weight: bold; color: #8A4B00;")
        self.notice_text = QLabel(DETAIL, self.notice)
        self.notice_text.setWordWrap(True)
        notice_layout.addWidget(self.notice_title)
        notice_layout.addWidget(self.notice_text)
        self.lead = LinkedLabel(body, point_scale=1.15)
        self.grid = HeaderTable("Commitments by theme and status", "theme", GRID_WORDS[0],
                                body, numbers=True)
        self.exceptions_heading = heading("Exceptions", 2, body)
        self.exceptions = HeaderTable("Exceptions", "exception", "Exception", body)
        self.since_heading = heading("", 2, body)
        # Widgets are made in reading order: a screen reader reads them in the order they were
        # made, so what is rebuilt later lives in a box made in its place.
        changes_box, changes_layout = _box(body)
        self.changes = [LinkedLabel(changes_box) for _ in range(BULLETS)]
        for label in self.changes:
            changes_layout.addWidget(label)
            label.chosen.connect(self.selection_chosen.emit)
        self.detail_heading = heading(DETAIL_TITLE, 1, body)
        self.details_box, self.details = _box(body)
        self.footer = QLabel("", body)
        self.footer.setWordWrap(True)
        self.footer.setStyleSheet("color: #555E6B;")
        for widget in (self.summary_heading, self.notice, self.lead, self.grid,
                       self.exceptions_heading, self.exceptions, self.since_heading, changes_box,
                       self.detail_heading, self.details_box, self.footer):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._detail_pieces: list[QWidget] = []
        for table in (self.grid, self.exceptions):
            table.chosen.connect(self.selection_chosen.emit)
        self.lead.chosen.connect(self.selection_chosen.emit)
        self.since.chosen.connect(self.selection_chosen.emit)
        self.notice.hide()

    # -- showing -----------------------------------------------------------------------------
    def show_overview(self, data: Overview) -> None:
        """Lay out ``data`` (the core's overview for the filter)."""
        view = data.summary
        self.notice.setVisible(view.illustrative)
        self.lead.set_pieces(view.lead_links, view.attention_links)
        self.grid.fill(*grid_rows(view))
        self.exceptions.fill([MEANING, "Commitments"], [
            Row(line.title, [line.definition, f"{line.count:,}"], [line.selection] * 2)
            for line in view.exceptions])
        self.since_heading.setText(view.since_title)
        self._show_changes(view)
        self._show_details(data)
        self.footer.setText(data.status.sentence())

    def _show_changes(self, view: SummaryView) -> None:
        for i, label in enumerate(self.changes):
            pieces = view.change_links[i] if i < len(view.change_links) else ()
            label.set_pieces((("• ", None), *pieces) if pieces else ())
            label.setVisible(bool(pieces))

    def _show_details(self, data: Overview) -> None:
        for widget in self._detail_pieces:
            self.details.removeWidget(widget)
            widget.deleteLater()
        self._detail_pieces = []
        view, cells = data.summary, commitment_cells(data.commitments)
        for line in view.exceptions:
            self._list(line.heading, commitment_rows(cells, line.ids), line.none)
        moved, changes, marks = [], data.changes, status_marks()
        for r in changes.status_changes.itertuples(index=False):
            moved.append(Row(str(r.id), [str(r.title), _mark(r.from_status, marks),
                                         _mark(r.to_status, marks)], [str(r.id)] * 3))
        self._list(view.status_changes_heading, moved, "No commitment changed status.",
                   ("Commitment", f"Was ({changes.previous_quarter})",
                    f"Now ({changes.as_at})"))
        self._list(view.new_heading, commitment_rows(cells, view.new_ids),
                   "No new commitment this quarter.")

    def _list(self, title: str, rows: list[Row], none: str,
              columns: tuple[str, ...] = LIST_COLUMNS) -> None:
        parent = self.details_box
        pieces: list[QWidget] = [heading(title, 2, parent)]
        if rows:
            table = HeaderTable(title, "commitment", "ID", parent, stretch=0)
            table.fill(columns, rows)
            table.commitment_chosen.connect(self.commitment_chosen.emit)
            pieces.append(table)
        else:
            note = QLabel(none, parent)
            note.setStyleSheet("color: #555E6B;")
            pieces.append(note)
        for widget in pieces:
            self.details.addWidget(widget)
        self._detail_pieces += pieces

    # -- what it reads -----------------------------------------------------------------------
    def summary_reading(self) -> list[str]:
        """The summary part as a screen reader reads it, piece by piece, in order."""
        out = [SUMMARY_TITLE]
        if self.notice.isVisibleTo(self):
            out += [NOTICE, DETAIL]
        out += self.lead.reading() + self.grid.reading()
        out += [self.exceptions_heading.text(), *self.exceptions.reading(),
                self.since_heading.text()]
        for label in self.changes:
            if label.isVisibleTo(self):
                out += label.reading()
        return out

    def reading(self) -> list[str]:
        """The whole tab as a screen reader reads it: the summary, then the lists."""
        out = [*self.summary_reading(), DETAIL_TITLE]
        for widget in self._detail_pieces:
            if isinstance(widget, HeaderTable):
                out += widget.reading()
            elif isinstance(widget, QLabel):
                out.append(widget.text())
        return [*out, self.footer.text()]

    def text(self) -> str:
        return "\n".join(self.reading())
