"""A searchable list of checkable choices, the building block of the filter panel."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from mag_desktop.core.query.choices import Choice

CODE_ROLE = Qt.ItemDataRole.UserRole


class CheckList(QWidget):
    """Emits ``changed`` with the checked codes whenever a box is ticked or unticked."""

    changed = Signal(tuple)

    def __init__(self, name: str, *, searchable: bool = False, rows: int = 6,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.search: QLineEdit | None = None
        if searchable:
            self.search = QLineEdit(self)
            self.search.setPlaceholderText(f"Search {name.lower()}…")
            self.search.setAccessibleName(f"Search {name.lower()}")
            self.search.setClearButtonEnabled(True)
            self.search.textChanged.connect(self._apply_search)
            layout.addWidget(self.search)
        self.list = QListWidget(self)
        self.list.setAccessibleName(name)
        self.list.setAccessibleDescription(f"Tick the {name.lower()} to show; Space ticks")
        self.list.setUniformItemSizes(True)
        line = self.list.fontMetrics().height() + 6
        self.list.setMinimumHeight(line * min(rows, 3))
        self.list.setMaximumHeight(line * rows + 6)
        self.list.itemChanged.connect(self._emit)
        layout.addWidget(self.list)
        self._quiet = False

    def set_choices(self, choices: Iterable[Choice], checked: Iterable[str] = (),
                    label: str = "label") -> None:
        wanted = set(checked)
        self._quiet = True
        self.list.clear()
        for choice in choices:
            text = getattr(choice, label) if label != "both" else f"{choice.detail} {choice.label}"
            item = QListWidgetItem(text, self.list)
            item.setData(CODE_ROLE, choice.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.code in wanted
                               else Qt.CheckState.Unchecked)
            if choice.detail == "heading":
                font = item.font()
                font.setBold(True)
                item.setFont(font)
        self._quiet = False
        if self.search is not None:
            self._apply_search(self.search.text())

    def checked(self) -> tuple[str, ...]:
        return tuple(
            self.list.item(i).data(CODE_ROLE) for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        self._quiet = True
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(CODE_ROLE) in wanted
                               else Qt.CheckState.Unchecked)
        self._quiet = False

    def _apply_search(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _emit(self, _item: QListWidgetItem) -> None:
        if not self._quiet:
            self.changed.emit(self.checked())
