"""The import wizard's sheet chooser: every sheet of the file, the cover sheet, contents page
and notes marked as such (greyed, with the reason), the sheet shown in the preview selected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QComboBox, QWidget

from mag_desktop.core.ingest.preview import Preview

AUTOMATIC = "Found automatically (the first sheet with a table)"


class SheetChoice(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(AUTOMATIC, None)
        self.setAccessibleName("Sheet to read")
        self.setToolTip("The sheet to read. A cover sheet, contents page or notes are marked: "
                        "they hold no table to import")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.file = ""

    def name(self) -> str | None:
        """The sheet chosen; None to let the import find it."""
        data = self.currentData()
        return str(data) if data is not None else None

    def show_sheets(self, preview: Preview) -> None:
        """The file's sheets, with the one the preview shows selected (a CSV file: none)."""
        self.blockSignals(True)
        if preview.file != self.file or self.count() != len(preview.kinds) + 1:
            self.file = preview.file
            self.clear()
            self.addItem(AUTOMATIC, None)
            grey = QBrush(self.palette().color(QPalette.ColorGroup.Disabled,
                                               QPalette.ColorRole.Text))
            for kind in preview.kinds:
                if kind.is_data:
                    self.addItem(kind.name, kind.name)
                    continue
                self.addItem(f"{kind.name}   ({kind.phrase}, not data)", kind.name)
                index = self.count() - 1
                self.setItemData(index, grey, Qt.ItemDataRole.ForegroundRole)
                how = "its name" if kind.by_name else "what it holds"
                self.setItemData(index, f"{kind.reason}, recognised by {how}: it holds no "
                                 "table to import", Qt.ItemDataRole.ToolTipRole)
        if len(preview.kinds) > 1:
            index = self.findData(preview.sheet)
            self.setCurrentIndex(max(0, index))
        self.blockSignals(False)

    def automatic(self, *_args: object) -> None:
        """Let the next reading find the sheet again (the kind or the profile changed)."""
        self.blockSignals(True)
        self.setCurrentIndex(0)
        self.blockSignals(False)

    def clear_file(self) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem(AUTOMATIC, None)
        self.file = ""
        self.blockSignals(False)
