"""A sortable, keyboard-friendly table view whose column widths are remembered."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from mag_desktop.gui.models.frame_model import FrameModel
from mag_desktop.gui.settings import Settings


class FrameTable(QTableView):
    def __init__(self, name: str, model: FrameModel, settings: Settings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.settings = settings
        self.setModel(model)
        self.setAccessibleName(name)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab moves between controls, arrows within the table
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self._sized = False
        model.modelReset.connect(self._first_size)
        if settings is not None:
            widths = settings.widths(name)
            self._sized = bool(widths)
            for i, width in enumerate(widths[: model.columnCount()]):
                self.setColumnWidth(i, max(30, width))
            header.sectionResized.connect(lambda *_: self.save_widths())

    def _first_size(self) -> None:
        """Fit the columns to their content once, when no widths were saved."""
        if self._sized or self.model().rowCount() == 0:
            return
        self._sized = True
        self.resizeColumnsToContents()
        for i in range(self.model().columnCount()):
            self.setColumnWidth(i, min(self.columnWidth(i), 340))

    def save_widths(self) -> None:
        if self.settings is not None:
            model = self.model()
            self.settings.set_widths(self.name,
                                     [self.columnWidth(i) for i in range(model.columnCount())])
