"""The active filter as one line above the tabs: "Filter: Authorities: Birmingham · Themes:
Housing", the same words every export records. Too long for the window, the line is cut with
"…" and the whole of it is in the tooltip and read out by screen readers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from mag_desktop.core.query.filter_words import NO_FILTER


class FilterLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words = NO_FILTER
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setContentsMargins(4, 2, 4, 2)
        self.setStyleSheet("QLabel { color: palette(window-text); background: palette(base);"
                           " border-bottom: 1px solid palette(mid); }")
        self.show_words(NO_FILTER)

    @property
    def words(self) -> str:
        return self._words

    def show_words(self, words: str) -> None:
        self._words = words
        full = self.full_text
        self.setToolTip(full)
        self.setAccessibleName(full)
        self._elide()

    @property
    def full_text(self) -> str:
        """"Filter: Authorities: Birmingham · …", or "No filter: showing everything"."""
        return "No filter: showing everything" if self._words == NO_FILTER else (
            f"Filter: {self._words}")

    def _elide(self) -> None:
        full = self.full_text
        width = max(40, self.contentsRect().width())
        self.setText(self.fontMetrics().elidedText(full, Qt.TextElideMode.ElideRight, width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def above(self, stack: QStackedWidget, tabs: QWidget) -> QWidget:
        """``stack`` under this line, which shows while the stack shows ``tabs`` (not on the
        start page of an empty store)."""
        box = QWidget(stack.parentWidget())
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.setParent(box)
        layout.addWidget(self)
        layout.addWidget(stack)
        stack.currentChanged.connect(lambda _i: self.setVisible(stack.currentWidget() is tabs))
        self.setVisible(stack.currentWidget() is tabs)
        return box
