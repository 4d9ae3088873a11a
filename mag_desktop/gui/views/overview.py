"""The overview tab: commitments by theme and status, exceptions, and what changed."""

from __future__ import annotations

from html import escape

import pandas as pd
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from mag_desktop.core.formatting import format_date
from mag_desktop.core.query.overview import Overview

EXCEPTION_TITLES = {
    "off_track": "Off track",
    "overdue": "Overdue (due by the end of the as-at quarter and not complete)",
    "slipped": "Slipped since last quarter",
    "no_update": "No update this quarter",
}
STYLE = """
<style>
 body { font-size: 11pt; }
 h2 { color: #1F3864; margin-top: 14px; }
 table.grid { border-collapse: collapse; }
 table.grid th, table.grid td { border: 1px solid #C8CDD6; padding: 4px 8px; }
 table.grid th { background: #EEF1F6; }
 td.n { text-align: right; }
 .muted { color: #555; }
</style>
"""


def _list(frame: pd.DataFrame, limit: int = 12) -> str:
    if frame.empty:
        return "<p class='muted'>None.</p>"
    items = []
    for _, r in frame.head(limit).iterrows():
        due = f" — due {format_date(r['due_date'])}" if pd.notna(r.get("due_date")) else ""
        items.append(
            f"<li><b>{escape(str(r['id']))}</b> {escape(str(r['title']))} "
            f"<span style='color:{r['status_colour']}'>{escape(str(r['status_glyph']))}</span> "
            f"{escape(str(r['status_label']))}{escape(due)}</li>"
        )
    more = f"<li class='muted'>… and {len(frame) - limit} more</li>" if len(frame) > limit else ""
    return f"<ul>{''.join(items)}{more}</ul>"


def render_overview(data: Overview, themes: tuple[str, ...] = ()) -> str:
    status = data.status
    parts = [STYLE, "<h2>Commitments by theme and status</h2>"]
    statuses = data.statuses[data.statuses["code"].isin(data.counts.columns)]
    head = "".join(
        f"<th><span style='color:{c}'>{escape(g)}</span> {escape(lab)}</th>"
        for c, g, lab in zip(statuses["colour"], statuses["glyph"], statuses["label"], strict=True)
    )
    rows = []
    for theme, r in data.counts.iterrows():
        if themes and theme not in themes:
            continue
        cells = "".join(f"<td class='n'>{int(r[code]) or '–'}</td>" for code in statuses["code"])
        rows.append(f"<tr><td>{escape(data.theme_names.get(str(theme), str(theme)))}</td>{cells}"
                    f"<td class='n'><b>{int(r['total'])}</b></td></tr>")
    parts.append(f"<table class='grid'><tr><th>Theme</th>{head}<th>Total</th></tr>"
                 f"{''.join(rows)}</table>")
    changes = data.changes
    parts.append(f"<h2>Since last quarter ({escape(changes.previous_quarter or '–')} → "
                 f"{escape(changes.as_at or '–')})</h2>")
    moved = changes.status_changes
    if moved.empty:
        parts.append("<p class='muted'>No status changes.</p>")
    else:
        items = "".join(
            f"<li><b>{escape(str(r['id']))}</b> {escape(str(r['title']))}: "
            f"{escape(str(r['from_glyph']))} {escape(str(r['from_label']))} → "
            f"{escape(str(r['to_glyph']))} {escape(str(r['to_label']))}</li>"
            for _, r in moved.head(15).iterrows())
        more = f"<li class='muted'>… and {len(moved) - 15} more</li>" if len(moved) > 15 else ""
        parts.append(f"<p>{len(moved)} status changes:</p><ul>{items}{more}</ul>")
    parts.append(f"<p>{len(changes.new_commitments)} new commitments this quarter.</p>")
    if not changes.new_data.empty:
        items = "".join(f"<li>{escape(str(r['name']))} (to {escape(str(r['latest_period']))})"
                        "</li>" for _, r in changes.new_data.iterrows())
        parts.append(f"<p>New data:</p><ul>{items}</ul>")
    counts = data.exceptions.counts()
    parts.append("<h2>Exceptions</h2>")
    for key, title in EXCEPTION_TITLES.items():
        parts.append(f"<h3>{escape(title)}: {counts[key]}</h3>")
        parts.append(_list(getattr(data.exceptions, key)))
    last = (f"{escape(str(status.last_import_at or '').replace('T', ' ')[:16])} "
            f"({escape(status.last_import_file or '')})") if status.last_import_at else "none yet"
    parts.append(f"<p class='muted'>Data as at {escape(status.as_at or '–')}; last import "
                 f"{last}; data version {status.data_version}.</p>")
    return "".join(parts)


class OverviewTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("Overview")
        self.browser.setOpenLinks(False)
        layout.addWidget(self.browser)

    def show_data(self, data: Overview, themes: tuple[str, ...] = ()) -> None:
        self.browser.setHtml(render_overview(data, themes))
