"""File › Export indicator figures…: the figures the Indicators tab shows (or more: the
indicator everywhere, every indicator for the area, everything), saved as xlsx or csv.

The member picks how much, then a file; the export runs on a worker thread with a progress
dialog and Cancel, and a failure (the file open in Excel, a read-only folder, a full disk)
comes back as one plain sentence. The core decides what is written
(:mod:`mag_desktop.core.export_indicators`), so the file agrees with the CLI's.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from mag_desktop.core.export_indicators import Exported, Selection, export_indicators
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.runner import JobRunner
from mag_desktop.gui.session import Session
from mag_desktop.gui.views.filter_panel import active_filter_words

FILE_TYPES = "Excel workbook (*.xlsx);;CSV (*.csv)"


def scopes(shown: Selection, groups: tuple[str, ...], area_label: str,
           period_label: str) -> list[tuple[str, Selection]]:
    """The choices offered, most specific first, as (words, selection). ``shown`` is the tab's
    indicator, area, period and groups; the wider choices keep the groups the filter names
    (``groups``; none means every group)."""
    area = area_label or "every area"
    out: list[tuple[str, Selection]] = []
    if shown.indicator:
        period = f", {period_label}" if shown.period else ", every period"
        out.append((f"The figures shown: {shown.indicator} for {area}{period}", shown))
        out.append((f"{shown.indicator}: every area and period",
                    Selection(shown.indicator, groups=groups)))
    if shown.area:
        out.append((f"Every indicator for {area}, every period",
                    Selection(area=shown.area, groups=groups)))
    out.append(("Everything in the store", Selection(groups=groups)))
    return out


def default_name(sel: Selection) -> str:
    parts = [sel.indicator or "indicators", sel.area or "", sel.period or ""]
    stem = "_".join(re.sub(r"[^A-Za-z0-9]+", "-", p).strip("-") for p in parts if p)
    return f"{stem}.xlsx"


def export_job(session: Session, sel: Selection,
               path: Path) -> Callable[[Callable[[float, str], None], CancelToken], Exported]:
    """The work for the runner: a read-only connection of its own, progress and Cancel."""

    def work(progress: Callable[[float, str], None], cancel: CancelToken) -> Exported:
        with closing(session.store.reader()) as conn:
            return export_indicators(conn, sel, path, progress, cancel)

    return work


def saved_message(made: Exported) -> str:
    return (f"Saved {made.path.name}: {made.rows:,} rows ({made.suppressed:,} suppressed, "
            f"{made.low_reliability:,} low reliability), data version {made.data_version}")


def export_figures(parent: QWidget, runner: JobRunner, session: Session, shown: Selection,
                   groups: tuple[str, ...], labels: tuple[str, str],
                   notify: Callable[[str], None],
                   error: Callable[[str], None]) -> CancelToken | None:
    """Ask how much and where, then export on a worker thread (see :func:`scopes` for
    ``shown`` and ``groups``; ``labels`` are the area and period as the tab words them).
    Returns the job's cancel token (None when the member cancelled a dialog)."""
    choices = scopes(shown, groups, *labels)
    sel = choices[0][1]
    active = active_filter_words(parent)  # the file records the window's filter in words
    if len(choices) > 1:
        words = [w for w, _ in choices]
        picked, ok = QInputDialog.getItem(parent, "Export indicator figures",
                                          "Which figures?", words, 0, False)
        if not ok:
            return None
        sel = dict(choices)[picked]
    start = str(Path.home() / default_name(sel))
    name, _ = QFileDialog.getSaveFileName(parent, "Export indicator figures", start, FILE_TYPES)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_name(path.name + ".xlsx")
    sel = dataclasses.replace(sel, shown_filter=active)
    return runner.run(export_job(session, sel, path), lambda made: notify(saved_message(made)),
                      error, progress_label="Exporting indicator figures…")
