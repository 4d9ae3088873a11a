"""The active filter as a row of removable pieces: "Authority: Birmingham ✕"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from mag_desktop.core.query import FilterPart


class FilterChips(QWidget):
    remove = Signal(str, str)  # key, value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.setAccessibleName("Active filter")
        self._empty = QLabel("Showing everything: no filter", self)
        self._layout.addWidget(self._empty)
        self._buttons: list[QToolButton] = []

    def show_parts(self, parts: list[FilterPart]) -> None:
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        self._empty.setVisible(not parts)
        for part in parts:
            button = QToolButton(self)
            button.setText(f"{part.label}  ✕")
            button.setToolTip(f"Remove “{part.label}” from the filter")
            button.setAccessibleName(f"Remove filter {part.label}")
            button.setAutoRaise(False)
            button.clicked.connect(
                lambda _c=False, k=part.key, v=part.value: self.remove.emit(k, v))
            self._layout.addWidget(button)
            self._buttons.append(button)

    def labels(self) -> list[str]:
        return [b.text().removesuffix("  ✕") for b in self._buttons]
