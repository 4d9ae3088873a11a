"""A chart on screen that a screen-reader or keyboard user can use too: its accessible
description summarises the figures drawn (highest, lowest, comparators, how a trend moved),
and "Show as table" (the button in its corner, Enter on the chart, or its context menu) shows
the same figures in a real table with headings."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPainter, QResizeEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QToolButton, QVBoxLayout, QWidget

from mag_desktop.core.briefing.chart_figures import Figures
from mag_desktop.gui.models.frame_model import Column, FrameModel
from mag_desktop.gui.views.tables import FrameTable


class FigureChart(QChart):
    """A chart that carries the figures it draws (None when it draws none)."""

    def __init__(self, figures: Figures | None = None) -> None:
        super().__init__()
        self.figures = figures


class FiguresDialog(QDialog):
    """A chart's figures as a table: one row per group or period, a column per series."""

    def __init__(self, figures: Figures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{figures.title}: the figures")
        layout = QVBoxLayout(self)
        summary = QLabel(figures.summary, self)
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                        | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addWidget(summary)
        columns = [Column(f"c{j}", title) for j, title in enumerate(figures.headers)]
        frame = pd.DataFrame(list(figures.rows), columns=[c.key for c in columns])
        self.model = FrameModel(columns, self)
        self.model.set_frame(frame)
        self.table = FrameTable(f"{figures.title}: the figures", self.model, None, self)
        self.table.setSortingEnabled(False)  # the chart's own order (groups, periods)
        self.model.set_frame(frame)  # as drawn, undoing the sort that enabling sorting made
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.table.setFocus()


class _Drawing(QChartView):
    """The drawing itself: takes focus (so Tab reaches the chart and a screen reader reads its
    name and summary); Enter or Space shows the table; the context menu offers it too."""

    def __init__(self, owner: ChartView) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.owner.show_table()
            return
        super().keyPressEvent(event)


class ChartView(QWidget):
    """A chart with its figures in words (accessible description) and as a table: the drawing
    and, in its top right corner, a "Table" button, both reached by Tab."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setMinimumHeight(260)
        self.figures: Figures | None = None
        self.dialog: FiguresDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = _Drawing(self)
        self.view.setAccessibleName(name)
        layout.addWidget(self.view)
        self.table_button = QToolButton(self)
        self.table_button.setText("Table")
        self.table_button.setAccessibleName(f"Show as table: {name}")
        self.table_button.setToolTip("Show the chart's figures as a table (Enter on the chart)")
        self.table_button.clicked.connect(self.show_table)
        self.table_action = QAction("Show as &table", self)
        self.table_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.table_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table_action.triggered.connect(self.show_table)
        self.view.addAction(self.table_action)
        self.addAction(self.table_action)
        self.setChart(FigureChart())

    def chart(self) -> QChart:
        return self.view.chart()

    def setChart(self, chart: QChart) -> None:
        """Show ``chart``; its figures (if it carries them) give the description and table."""
        self.view.setChart(chart)
        self.figures = chart.figures if isinstance(chart, FigureChart) else None
        has = self.figures is not None
        self.table_button.setEnabled(has)
        self.table_action.setEnabled(has)
        summary = self.figures.summary if self.figures is not None else chart.title()
        super().setAccessibleDescription(summary)
        self.view.setAccessibleDescription(summary)
        self.view.setToolTip(summary)
        self.table_button.raise_()

    def setAccessibleDescription(self, description: str) -> None:
        """A bare description (the chart's subject) never replaces the figures' summary,
        which already begins with it."""
        if self.figures is None:
            super().setAccessibleDescription(description)
            self.view.setAccessibleDescription(description)

    def show_table(self) -> None:
        if self.figures is None:
            return
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = FiguresDialog(self.figures, self)
        self.dialog.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        hint = self.table_button.sizeHint()
        self.table_button.setGeometry(self.width() - hint.width() - 6, 6, hint.width(),
                                      hint.height())
