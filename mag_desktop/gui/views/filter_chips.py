"""The active filter as removable pieces, "Authority: Birmingham ✕", flowing in a wrapping row.

The row has a fixed height (two rows of pieces; more scroll inside it), so adding or removing a
piece never moves the lists below it: the next click lands where the member aimed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from mag_desktop.core.query import FilterPart
from mag_desktop.core.query.filter_words import NO_FILTER
from mag_desktop.gui.views.flow_layout import FlowLayout

ROWS = 2  # rows of pieces shown before the row scrolls
WIDEST = 190  # a piece's words longer than this are cut with "…" (the tooltip has them all)


class FilterChips(QWidget):
    remove = Signal(str, str)  # key, value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.setAccessibleName("Active filter")
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self._scroll)
        self._flow = FlowLayout(body, spacing=3)
        self._empty = QLabel(NO_FILTER, body)
        self._flow.addWidget(self._empty)
        self._scroll.setWidget(body)
        outer.addWidget(self._scroll)
        probe = QToolButton()  # measured, never shown
        probe.setText("Authority ✕")
        row = probe.sizeHint().height()
        self._scroll.setFixedHeight(ROWS * row + (ROWS - 1) * 3 + 2)
        self._buttons: list[QToolButton] = []

    def show_parts(self, parts: list[FilterPart]) -> None:
        for button in self._buttons:
            self._flow.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        self._empty.setVisible(not parts)
        for part in parts:
            button = QToolButton(self._empty.parentWidget())
            shown = button.fontMetrics().elidedText(part.label, Qt.TextElideMode.ElideRight,
                                                    WIDEST)  # a long theme name: "Jobs, liv…"
            button.setText(f"{shown}  ✕")
            button.setProperty("label", part.label)
            button.setToolTip(f"Remove “{part.label}” from the filter")
            button.setAccessibleName(f"Remove filter {part.label}")
            button.setAutoRaise(False)
            button.clicked.connect(
                lambda _c=False, k=part.key, v=part.value: self.remove.emit(k, v))
            self._flow.addWidget(button)
            button.show()
            self._buttons.append(button)
        self._flow.invalidate()

    def buttons(self) -> list[QToolButton]:
        """The pieces in order (for the panel's Tab order)."""
        return list(self._buttons)

    def labels(self) -> list[str]:
        return [str(b.property("label")) for b in self._buttons]
