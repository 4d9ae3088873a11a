"""What an empty store shows: two clear ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class StartPage(QWidget):
    import_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel("<h1>Welcome to MAG Desktop</h1>"
                       "<p>The store is empty. Import a partner's quarterly spreadsheet, or load "
                       "the sample data to explore: real Census 2021 and police figures with "
                       "illustrative commitments and indicators.</p>", self)
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(title)
        self.import_button = QPushButton("&Import data…", self)
        self.sample_button = QPushButton("Load the &sample data", self)
        for button in (self.import_button, self.sample_button):
            button.setMinimumHeight(44)
            button.setMaximumWidth(360)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.import_button.clicked.connect(self.import_requested.emit)
        self.sample_button.clicked.connect(self.sample_requested.emit)
