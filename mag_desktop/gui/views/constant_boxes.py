"""The mapping step's constants, one value for every row: the indicator, area and ethnic group
chosen from the store's lists (searchable as typed), the period typed and checked as typed
with the accepted forms shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.ingest.allowed_values import (
    PERIOD_FORMS,
    Allowed,
    period_label,
    period_problem,
)

#: constant → (label with its shortcut, hint, kind of the allowed values)
CONSTANT_LABELS = {
    "indicator": ("I&ndicator", "choose, or type an ID", "indicator"),
    "period": ("Perio&d", "e.g. 2026 Q3", "period"),
    "area": ("&Area", "type part of a name or code", "area"),
    "group": ("Ethnic &group", "e.g. All", "group"),
}
TOOLTIPS = {
    "indicator": "An indicator defined in the store or in the profile",
    "area": "An authority, ward or region (a commitments file: the authority)",
    "group": "An ethnic group, such as All or Pakistani",
}
FORMS = f"<small>Accepted: {PERIOD_FORMS}</small>"


class ConstantCombo(QComboBox):
    """A constant chosen from a list, or typed (a code, a name): searchable as typed."""

    edited = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        text, hint, _kind = CONSTANT_LABELS[name]
        self.name = name
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(22)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setAccessibleName(text.replace("&", "") + " for every row")
        self.setToolTip(TOOLTIPS[name] + "; leave empty when a column gives it")
        if (line := self.lineEdit()) is not None:
            line.setPlaceholderText(hint)
            line.setClearButtonEnabled(True)
        self.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.editTextChanged.connect(lambda _t: self.edited.emit())

    def set_allowed(self, allowed: list[Allowed]) -> None:
        value = self.value()
        self.blockSignals(True)
        self.clear()
        for a in allowed:
            data = a.label if self.name == "group" else a.value
            self.addItem(a.label, data)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.set_value(value)
        self.blockSignals(False)

    def value(self) -> str:
        """The chosen entry's value (a code; a group's label), else the text as typed."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        return str(self.itemData(index)) if index >= 0 and text else text

    def set_value(self, value: str) -> None:
        index = self.findData(value) if value else -1
        if index < 0 and value:
            index = next((i for i in range(self.count())
                          if str(self.itemData(i)).casefold() == value.casefold()), -1)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(value)
        if (line := self.lineEdit()) is not None:
            line.setCursorPosition(0)  # the start of a long label: the code


class PeriodEdit(QLineEdit):
    """A period typed; ``state`` (a label to place under it) says why it is not a period."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        text, hint, _kind = CONSTANT_LABELS["period"]
        self.name = "period"
        self.setPlaceholderText(hint)
        self.setClearButtonEnabled(True)
        self.setAccessibleName(text.replace("&", "") + " for every row")
        self.setToolTip(f"A period, such as {PERIOD_FORMS}; leave empty when a column "
                        "gives it")
        self.state = QLabel(FORMS, parent)
        self.state.setWordWrap(True)
        self.textChanged.connect(self._typed)
        self.textEdited.connect(lambda _t: self.edited.emit())

    def holder(self) -> QWidget:
        """The edit with its line of accepted forms under it, for a form's row."""
        box = QWidget(self.parentWidget())
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        self.setParent(box)
        self.state.setParent(box)
        layout.addWidget(self)
        layout.addWidget(self.state)
        box.setFocusProxy(self)
        return box

    def value(self) -> str:
        return self.text().strip()

    def set_value(self, value: str) -> None:
        self.setText(value)

    def problem(self) -> str:
        return period_problem(self.value()) if self.value() else ""

    def _typed(self, _text: str) -> None:
        problem = self.problem()
        read = period_label(self.value()) if self.value() and not problem else ""
        self.state.setText(f"<span style='color:#a00000'>{problem}</span>" if problem
                           else f"Read as {read}." if read else FORMS)
        self.setAccessibleDescription(problem)
