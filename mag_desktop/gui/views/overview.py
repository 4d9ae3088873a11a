"""The overview tab: the pack's one-page summary for the filter, then the commitments behind it.

The summary part is the pack's summary section itself: the blocks
:func:`~mag_desktop.core.briefing.summary_section.summary_blocks` makes from the core's
:class:`~mag_desktop.core.query.summary_view.SummaryView`, laid out as HTML. Below it, the
exception lists, status changes and new commitments name their commitments as links; a click
(or Tab to a link and Enter) opens the commitment in the Commitments tab.
"""

from __future__ import annotations

from html import escape

import pandas as pd
from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from mag_desktop.core.briefing.context import status_marks
from mag_desktop.core.briefing.html_blocks import STYLE, blocks_html
from mag_desktop.core.briefing.summary_section import summary_blocks
from mag_desktop.core.formatting import format_date
from mag_desktop.core.query.overview import Overview
from mag_desktop.gui.views.since_release import SinceReleaseBox

LINK = "commitment:"
#: The section titles of the pack, used as the Overview's headings.
SUMMARY_TITLE, DETAIL_TITLE = "Summary", "Exceptions and changes"


def _link(commitment_id: str) -> str:
    return f"<a href='{LINK}{escape(commitment_id, quote=True)}'><b>{escape(commitment_id)}</b></a>"


def _mark(glyph: object, label: object, colour: object) -> str:
    if not isinstance(label, str):
        return "no update yet"
    return f"<span style='color:{colour}'>{escape(str(glyph))}</span> {escape(label)}"


def _commitment_list(frame: pd.DataFrame, ids: tuple[str, ...], none: str) -> str:
    """Each commitment as a link, its title, status (shape and word) and due date."""
    if not ids:
        return f"<p class='small'>{escape(none)}</p>"
    rows = frame.set_index("id", drop=False).loc[list(ids)]
    items = []
    for r in rows.itertuples(index=False):
        due = f" — due {format_date(r.due_date)}" if pd.notna(r.due_date) else ""
        items.append(f"<li>{_link(str(r.id))} {escape(str(r.title))} — "
                     f"{_mark(r.status_glyph, r.status_label, r.status_colour)}"
                     f"{escape(due)}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _status_changes(data: Overview) -> str:
    moved = data.changes.status_changes
    if moved.empty:
        return "<p class='small'>No commitment changed status.</p>"
    marks = status_marks()

    def mark(code: object) -> str:
        found = marks.get(str(code))
        return _mark(found.glyph, found.label, found.colour) if found else "–"

    items = "".join(f"<li>{_link(str(r.id))} {escape(str(r.title))}: {mark(r.from_status)} → "
                    f"{mark(r.to_status)}</li>" for r in moved.itertuples(index=False))
    return f"<ul>{items}</ul>"


def render_overview(data: Overview) -> str:
    """The whole tab as HTML (pure: safe to call on a worker thread)."""
    view, frame = data.summary, data.commitments
    parts = [STYLE, f"<h1>{SUMMARY_TITLE}</h1>", blocks_html(summary_blocks(view)),
             f"<h1>{DETAIL_TITLE}</h1>"]
    for line in view.exceptions:
        parts.append(f"<h3>{escape(line.heading)}</h3>")
        parts.append(_commitment_list(frame, line.ids, line.none))
    parts.append(f"<h3>{escape(view.status_changes_heading)}</h3>")
    parts.append(_status_changes(data))
    parts.append(f"<h3>{escape(view.new_heading)}</h3>")
    parts.append(_commitment_list(frame, view.new_ids, "No new commitment this quarter."))
    status = data.status
    last = (f"{str(status.last_import_at or '').replace('T', ' ')[:16]} "
            f"({status.last_import_file or ''})") if status.last_import_at else "none yet"
    parts.append(f"<p class='small'>Data as at {escape(status.as_at or '–')}; last import "
                 f"{escape(last)}; data version {status.data_version}.</p>")
    return "".join(parts)


class OverviewTab(QWidget):
    commitment_chosen = Signal(str)  # a commitment's ID, from a link

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.since = SinceReleaseBox(self)  # shown when the window shows a release
        layout.addWidget(self.since)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("Overview")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._clicked)
        layout.addWidget(self.browser)

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(LINK):
            self.commitment_chosen.emit(text[len(LINK):])

    def show_html(self, html: str) -> None:
        """Show what :func:`render_overview` made."""
        self.browser.setHtml(html)
