"""The choice of a pack's format, shared by the pack dialog and the ward packs dialog: one
radio button per format (arrow keys move between them), each named and described for a screen
reader, and one line under them saying when to use the chosen one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from mag_desktop.core.briefing.formats import DEFAULT_FORMAT, FORMATS, PackFormat

#: Each format's choice with its underlined letter (free in both pack dialogs).
FORMAT_TEXTS = {"pdf": "PDF for pri&nting", "accessible-pdf": "Acc&essible PDF (tagged, PDF/UA)",
                "html": "Web pa&ge (HTML)"}
NO_PAGES = "A web page has no pages to preview or print here: save it and open it in a browser."


class FormatChoice(QGroupBox):
    """The pack's format; ``changed`` carries the chosen format's key."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Format", parent)
        self.setAccessibleName("Format")
        column = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for key, kind in FORMATS.items():
            button = QRadioButton(FORMAT_TEXTS.get(key, kind.label), self)
            button.setAccessibleName(kind.label)
            button.setAccessibleDescription(kind.when)
            button.setToolTip(kind.when)
            self.group.addButton(button)
            self.buttons[key] = button
            column.addWidget(button)
        self.when = QLabel(self)
        self.when.setWordWrap(True)
        self.when.setMinimumHeight(2 * self.when.fontMetrics().lineSpacing() + 4)  # never cut
        column.addWidget(self.when)
        self.buttons[DEFAULT_FORMAT].setChecked(True)
        self.when.setText(FORMATS[DEFAULT_FORMAT].when)
        self.group.buttonToggled.connect(self._toggled)

    def key(self) -> str:
        return next((k for k, b in self.buttons.items() if b.isChecked()), DEFAULT_FORMAT)

    def chosen(self) -> PackFormat:
        return FORMATS[self.key()]

    def choose(self, key: str) -> None:
        self.buttons[key].setChecked(True)

    def _toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.when.setText(self.chosen().when)
            self.changed.emit(self.key())
