"""File › Export the commitments shown…: the Commitments tab's rows, as filtered and sorted,
to an xlsx workbook or a CSV file, written on the window's runner."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from PySide6.QtWidgets import QFileDialog, QMainWindow

from mag_desktop.gui.runner import JobRunner
from mag_desktop.gui.views.commitments import EXPORT_COLUMNS


def export_commitments(window: QMainWindow, runner: JobRunner, frame: pd.DataFrame) -> None:
    path, _ = QFileDialog.getSaveFileName(window, "Export the commitments shown",
                                          str(Path.home() / "commitments.xlsx"),
                                          "Excel workbook (*.xlsx);;CSV (*.csv)")
    if not path:
        return
    from mag_desktop.core.export import export_frame  # openpyxl loads only when needed

    runner.run(lambda _p, _c: export_frame(frame, EXPORT_COLUMNS, Path(path), "Commitments"),
               lambda p: window.statusBar().showMessage(f"Saved {p}", 8000),
               getattr(window, "error", None))
