"""Columns as wide as their figures and the longest word of their heading, headings wrapped
onto two lines ("Against / authority"): no heading is cut, and a table fits a small screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QTableView

WIDEST = 340  # no column wider than this on its own (long titles are cut with "…", tooltip)


def wrap_headings(table: QTableView) -> None:
    """Headings centred and wrapped, with room for two lines."""
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    header.setMinimumHeight(2 * header.fontMetrics().lineSpacing() + 8)


def fit_columns(table: QTableView, heads: list[str], widest: int = WIDEST) -> None:
    """Each column as wide as its content (at most ``widest``) and its heading's longest word."""
    metrics = table.horizontalHeader().fontMetrics()
    pad = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 18  # sort arrow
    for i, head in enumerate(heads):
        word = max((metrics.horizontalAdvance(w) for w in head.split()), default=0)
        table.setColumnWidth(i, max(min(table.sizeHintForColumn(i), widest), word + pad))
