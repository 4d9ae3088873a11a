"""File › Export the commitments shown…: the Commitments tab's rows, as filtered and sorted,
to an xlsx workbook or a CSV file under title lines that record the active filter in words,
the data version and the data's "as at" quarter; written on the window's runner (the core's
``export_commitments`` chooses the columns, the linked indicators among them)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
from PySide6.QtWidgets import QFileDialog, QWidget

from mag_desktop.core.query import as_at_quarter
from mag_desktop.core.query.lookups import data_version
from mag_desktop.gui.operation import Operations
from mag_desktop.gui.views.filter_panel import active_filter_words


def export_commitments(window: QWidget, ops: Operations, frame: pd.DataFrame,
                       shown: str = "") -> None:
    """``shown``: the Commitments tab's quick filter or set in words, written after the filter;
    ``window`` is the main window (its active filter is written too)."""
    path, _ = QFileDialog.getSaveFileName(window, "Export the commitments shown",
                                          str(Path.home() / "commitments.xlsx"),
                                          "Excel workbook (*.xlsx);;CSV (*.csv)")
    if not path:
        return
    words = "; ".join(w for w in (active_filter_words(window), shown) if w)

    def write(conn: sqlite3.Connection) -> Path:
        from mag_desktop.core.export import export_titles  # openpyxl when needed
        from mag_desktop.core.export_commitments import export_commitments as write_file

        titles = export_titles("commitments shown", words, data_version(conn),
                               as_at_quarter(conn))
        return write_file(conn, frame, Path(path), titles)

    ops.read(window, write, success=lambda p: ops.tell(f"Saved {p}")).run_in_background()
