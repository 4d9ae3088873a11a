"""Since my last release, on the Overview: what changed between the installed release and the
one before (the core's :func:`~mag_desktop.core.release.compare.changes`, computed once per
release on the runner). Each kind of change is listed, the first few on the tab; "… and N more"
opens the rest: the commitments in the Commitments tab (status changes, new commitments), the
data changes in a dialog (new periods, corrected figures)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.query.selections import Selection
from mag_desktop.core.release.compare import Changes, Correction

SHOWN = 3  # items of each kind listed on the Overview
MORE = "more:"
COMPACT = ("<style>h4 { margin-top: 4px; margin-bottom: 0px; } p { margin-top: 2px;"
           " margin-bottom: 2px; } ul { margin-top: 0px; margin-bottom: 0px; }</style>")


def _figure(value: float | None, marker: str | None) -> str:
    if marker:
        return marker
    return "–" if value is None else f"{value:,.10g}"  # every digit: a correction may be small


def _correction(c: Correction) -> str:
    return (f"{c.indicator}, {c.area}, {c.period}, {c.group}: "
            f"{_figure(c.before, c.before_marker)} → {_figure(c.after, c.after_marker)}")


def sections(changes: Changes) -> list[tuple[str, str, list[str], int]]:
    """(key, heading, lines, total) for each kind of change, in the order shown."""
    return [
        ("status", "Status changes", [f"{s.commitment_id} {s.title}: {s.before} → {s.after} "
                                      f"({s.quarter})" for s in changes.status_changes],
         len(changes.status_changes)),
        ("new", "New commitments", [f"{n.commitment_id} {n.title}"
                                    for n in changes.new_commitments],
         len(changes.new_commitments)),
        ("periods", "New periods of data", [
            f"{p.period}: {len(p.indicators)} indicator{'s' if len(p.indicators) != 1 else ''} "
            f"({', '.join(p.indicators[:4])}"
            f"{', …' if len(p.indicators) > 4 else ''})" for p in changes.new_periods],
         len(changes.new_periods)),
        ("corrections", "Corrected figures", [_correction(c) for c in changes.corrections],
         changes.corrections_total),
    ]


def render(changes: Changes, before: str, shown: int | None = SHOWN) -> str:
    """The section as HTML: every kind with its first ``shown`` lines (all when None)."""
    parts = [COMPACT, f"<p>Compared with {escape(before)}.</p>"]
    if changes.empty:
        return "".join(parts) + "<p>Nothing changed between the two releases.</p>"
    unchanged = []
    for key, heading, lines, total in sections(changes):
        if not total and shown is not None:  # on the tab, the kinds with nothing share a line
            unchanged.append(heading.lower())
            continue
        parts.append(f"<h4>{heading} ({total:,})</h4>")
        if not total:
            parts.append("<p>None.</p>")
            continue
        listed = lines if shown is None else lines[:shown]
        parts.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in listed) + "</ul>")
        if total > len(listed):
            parts.append(f"<p><a href='{MORE}{key}'>… and {total - len(listed):,} more</a></p>")
        elif shown is None and total > len(lines):  # corrections beyond the core's limit
            parts.append(f"<p>… and {total - len(lines):,} more corrected figures (see "
                         "'mag-desktop release changes').</p>")
    if unchanged:
        parts.append(f"<p>No {', no '.join(unchanged)}.</p>")
    return "".join(parts)


class SinceReleaseBox(QGroupBox):
    """The Overview's section; hidden when the window shows no release or no earlier one."""

    chosen = Signal(object)  # a Selection: the commitments behind "… and N more"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Since my last release", parent)
        self.setAccessibleName("Since my last release")
        self.changes: Changes | None = None
        self.before = ""
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("Changes since my last release")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._clicked)
        layout.addWidget(self.browser)
        self.setStyleSheet("QGroupBox { font-weight: bold; }")
        self.browser.setStyleSheet("QTextBrowser { font-weight: normal; }")
        self.setMaximumHeight(230)
        self.hide()

    def show_changes(self, changes: Changes, before: str) -> None:
        self.changes, self.before = changes, before
        self.browser.setHtml(render(changes, before))
        self.show()

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(MORE) and self.changes is not None:
            rest = self.rest(text[len(MORE):])
            if rest is None:
                self.full_list()
            else:
                self.chosen.emit(rest)

    def rest(self, kind: str) -> Selection | None:
        """The commitments "… and N more" stands for under ``kind`` (None for data changes,
        which are not commitments)."""
        if self.changes is None or kind not in ("status", "new"):
            return None
        if kind == "status":
            ids = [s.commitment_id for s in self.changes.status_changes]
            words = "Changed status since my last release, beyond the first listed"
        else:
            ids = [n.commitment_id for n in self.changes.new_commitments]
            words = "New since my last release, beyond the first listed"
        return Selection("listed", ids=tuple(ids[SHOWN:]), words=words)

    def full_list(self) -> QDialog:
        """Every change, in a dialog of its own."""
        assert self.changes is not None
        dialog = QDialog(self)
        dialog.setWindowTitle("Since my last release: every change")
        dialog.resize(860, 600)
        layout = QVBoxLayout(dialog)
        text = QTextBrowser(dialog)
        text.setAccessibleName("Every change since my last release")
        text.setHtml(render(self.changes, self.before, shown=None))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.dialog = dialog
        dialog.open()
        return dialog
