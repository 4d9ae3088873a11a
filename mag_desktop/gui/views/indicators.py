"""The indicators tab: indicators by theme, and for the chosen area the core's presentation of
the indicator (the same object the pack renders): a chart by ethnic group with 95% whiskers
beside the comparators, a trend chart, the sentences and the table, word for word; beside the
charts, on a page of their own, the commitments linked to the indicator
(:mod:`.linked_commitments`)."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.briefing.presentation import IndicatorPresentation
from mag_desktop.gui.charts import ChartView, groups_chart, groups_chart_empty, trend_chart
from mag_desktop.gui.models.frame_model import FrameModel
from mag_desktop.gui.models.table_frame import table_frame
from mag_desktop.gui.naming import buddy_label
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.column_fit import fit_columns, wrap_headings
from mag_desktop.gui.views.linked_commitments import ChartsOrLinked, LinkedCommitments
from mag_desktop.gui.views.notes_panel import NotesPanel
from mag_desktop.gui.views.tables import FrameTable

CODE_ROLE = Qt.ItemDataRole.UserRole
ROW_HEIGHT = 26  # pixels per ethnic group in the chart, so no label is cut short
TABLE_ROWS = 8  # rows of the table always in view, even at 1366×768 or 150%
CHARTS_MIN_HEIGHT = 150
SENTENCE_LINES = 4  # lines of sentences in view; more scroll


class IndicatorsTab(QWidget):
    """Asks for work through signals; the window runs the core and calls ``show_*`` back."""

    indicator_chosen = Signal(str)
    area_chosen = Signal(str)
    period_chosen = Signal(str)
    export_requested = Signal()
    #: the presentation on screen (its area may be larger than the one chosen)
    shown: IndicatorPresentation | None = None

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        # left: the indicators by theme above the member's notes on the one chosen
        left = QSplitter(Qt.Orientation.Vertical, split)
        finder = QWidget(left)
        left_layout = QVBoxLayout(finder)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(finder)
        self.search.setPlaceholderText("Find an indicator…")
        self.search.setAccessibleName("Find an indicator")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget(finder)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Indicators by theme")
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree)
        self.notes = NotesPanel(left)  # the member's notes on the indicator, for the area
        left.addWidget(finder)
        left.addWidget(self.notes)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        right = QWidget(split)
        layout = QVBoxLayout(right)
        layout.setContentsMargins(4, 0, 0, 0)
        self.area = QComboBox(right)
        self.period = QComboBox(right)
        self.export = QPushButton("E&xport figures…", right)
        self.export.setAccessibleName("Export the indicator's figures")
        self.export.setToolTip("Save these figures (or more) as xlsx or csv")
        self.export.clicked.connect(self.export_requested)
        choose = QHBoxLayout()  # one row: Area, Period and Export
        for combo, words, name, stretch in ((self.area, "&Area", "Area", 3),
                                            (self.period, "&Period", "Period", 2)):
            label = buddy_label(words, combo, right, name=name)  # not by the value shown
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            choose.addWidget(label)
            choose.addWidget(combo, stretch)
        choose.addWidget(self.export)
        layout.addLayout(choose)
        self.title = QLabel("Choose an indicator", right)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.title)
        self.fallback = QLabel("", right)
        self.fallback.setWordWrap(True)
        self.fallback.setAccessibleDescription("About the area shown")  # its text is its name
        self.fallback.setStyleSheet("QLabel { background: #FFF4E5; color: #5C3200;"
                                    " border-left: 4px solid #8A4B00; padding: 6px; }")
        self.fallback.hide()
        layout.addWidget(self.fallback)
        # the charts above the sentences and the table; the member can move the divide
        body = QSplitter(Qt.Orientation.Vertical, right)
        body.setChildrenCollapsible(False)
        charts = QSplitter(Qt.Orientation.Horizontal, body)
        self.groups_view = ChartView("Values by ethnic group with 95% confidence limits")
        self.trend_view = ChartView("Trend over periods")
        self.groups_scroll = QScrollArea(charts)  # a row per group: scrolls when they are many
        self.groups_scroll.setWidgetResizable(True)
        self.groups_scroll.setAccessibleName("Chart by ethnic group")
        self.groups_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.groups_scroll.setWidget(self.groups_view)
        charts.addWidget(self.groups_scroll)
        charts.addWidget(self.trend_view)
        charts.setMinimumHeight(CHARTS_MIN_HEIGHT)
        self.sentences = QLabel("", right)
        self.sentences.setWordWrap(True)
        self.sentences.setAccessibleDescription("Disparities")  # the sentences are read
        self.sentences.setAlignment(Qt.AlignmentFlag.AlignTop)
        # the sentences scroll rather than push the table off a small screen
        self.sentences_scroll = QScrollArea(right)
        self.sentences_scroll.setWidgetResizable(True)
        self.sentences_scroll.setAccessibleName("Disparities")
        self.sentences_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.sentences_scroll.setWidget(self.sentences)
        self.sentences_scroll.setMaximumHeight(SENTENCE_LINES * self.fontMetrics().lineSpacing()
                                               + 6)
        self.caption = QLabel("", right)
        self.caption.setWordWrap(True)
        self.caption.setAccessibleDescription("About the table")  # the caption is read
        self.caption.setMinimumHeight(2 * self.fontMetrics().lineSpacing() + 4)  # never over
        self.sentences_scroll.setMinimumHeight(2 * self.fontMetrics().lineSpacing() + 6)
        self.model = FrameModel([], self)
        self.table = FrameTable("Indicator table", self.model, settings, right)
        wrap_headings(self.table)  # "Against / authority" on two lines, never cut
        self.table.setMinimumHeight(self.table_height(TABLE_ROWS))
        lower = QWidget(body)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.sentences_scroll)
        lower_layout.addWidget(self.table, 1)
        lower_layout.addWidget(self.caption)
        self.linked = LinkedCommitments()  # a page beside the charts; Enter opens one
        self.upper = ChartsOrLinked(charts, self.linked, body)
        QWidget.setTabOrder(self.export, self.upper.tabBar())  # the pages' tabs, as they read
        body.addWidget(self.upper)
        body.addWidget(lower)
        body.setStretchFactor(0, 1)  # the table keeps its eight rows; the charts take the rest
        body.setStretchFactor(1, 0)
        layout.addWidget(body, 1)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        self._split = split  # the indicator list takes a fifth of the width when first shown
        self._split_sized = False
        outer.addWidget(split)
        self.tree.currentItemChanged.connect(self._tree_changed)
        self.area.activated.connect(lambda _i: self.area_chosen.emit(self.area.currentData()))
        self.period.activated.connect(lambda _i: self.period_chosen.emit(self.period.currentData()))
        self._columns: list[str] = []

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._split_sized and self.width() > 0:
            self._split_sized = True
            left = max(200, self.width() // 5)
            self._split.setSizes([left, self.width() - left])

    def table_height(self, rows: int) -> int:
        """The table's height for ``rows`` rows with its header and a horizontal scroll bar."""
        header = max(self.table.horizontalHeader().sizeHint().height(),
                     self.table.fontMetrics().height() + 14)  # before it has columns
        bar = self.table.horizontalScrollBar().sizeHint().height()
        row = self.table.verticalHeader().defaultSectionSize()
        return header + bar + rows * row + 2 * self.table.frameWidth() + 4

    # -- inputs ------------------------------------------------------------------------------
    def current_indicator(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, CODE_ROLE) if item is not None else None

    def show_catalogue(self, catalogue: pd.DataFrame) -> None:
        keep = self.current_indicator()
        self.tree.blockSignals(True)
        self.tree.clear()
        themes: dict[str, QTreeWidgetItem] = {}
        chosen: QTreeWidgetItem | None = None
        for _, r in catalogue.iterrows():
            parent = themes.get(r["theme"])
            if parent is None:
                parent = QTreeWidgetItem(self.tree, [str(r["theme_name"])])
                parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                parent.setExpanded(True)
                themes[r["theme"]] = parent
            item = QTreeWidgetItem(parent, [str(r["name"])])
            item.setData(0, CODE_ROLE, r["code"])
            item.setToolTip(0, f"{r['name']} ({r['unit']}); latest {r['latest_period']}")
            if r["code"] == keep:
                chosen = item
        self.tree.blockSignals(False)
        if chosen is None and themes:
            first = next(iter(themes.values()))
            chosen = first.child(0) if first.childCount() else None
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        elif catalogue.empty:
            self.title.setText("No indicators match the filter.")

    def set_areas(self, areas: list[tuple[str, str]], current: str | None) -> None:
        self.area.blockSignals(True)
        self.area.clear()
        for code, name in areas:
            self.area.addItem(name, code)
        index = self.area.findData(current) if current else 0
        self.area.setCurrentIndex(max(0, index))
        self.area.blockSignals(False)

    def _tree_changed(self, current: QTreeWidgetItem | None, _prev: object) -> None:
        code = current.data(0, CODE_ROLE) if current is not None else None
        if code:
            self.indicator_chosen.emit(code)

    # -- results -----------------------------------------------------------------------------
    def show_presentation(self, shown: IndicatorPresentation) -> None:
        """Render the core's presentation: every word and number comes from it."""
        view = shown.view
        self.shown = shown
        self.period.blockSignals(True)
        self.period.clear()
        for p in reversed(view.periods):
            self.period.addItem(p, p)
        self.period.setCurrentIndex(max(0, self.period.findData(view.period)))
        self.period.blockSignals(False)
        self.title.setText(f"<h3>{_html(shown.title)}</h3><p>{_html(shown.heading)}</p>")
        self.fallback.setText(shown.fallback)
        self.fallback.setVisible(bool(shown.fallback))
        self.groups_view.setChart(groups_chart(shown.groups_chart))
        rows = len(shown.groups_chart.labels)
        self.groups_view.setMinimumHeight(max(260, 110 + ROW_HEIGHT * rows))
        self.groups_view.setAccessibleDescription(shown.groups_chart.description)
        self.trend_view.setChart(trend_chart(shown.trend_chart))
        if shown.trend_chart is not None:
            self.trend_view.setAccessibleDescription(shown.trend_chart.description)
        lines = [f"• {s}" for s in shown.sentences]
        lines += [w for w in (shown.more, shown.verdict, shown.caution) if w]
        self._show_sentences("\n".join(lines))
        columns, frame = table_frame(shown.table)
        self.model.set_columns(columns, frame)
        heads = [c.title for c in columns]
        if heads != self._columns:  # new columns: every heading shown whole
            self._columns = heads
            fit_columns(self.table, heads)
        self.caption.setText(shown.table.caption)
        self._notes_item(shown.title)

    def show_nothing(self, message: str) -> None:
        """No figures for the area or any larger area."""
        self.shown = None
        self.title.setText(f"<p>{_html(message)}</p>")
        self.fallback.hide()
        self._show_sentences("")
        self.caption.setText("")
        self.model.set_columns([], pd.DataFrame())
        self.groups_view.setChart(groups_chart_empty())
        self.trend_view.setChart(trend_chart(None))
        item = self.tree.currentItem()
        self._notes_item(item.text(0) if item is not None else "")

    def _show_sentences(self, text: str) -> None:
        """The sentences, selectable by keyboard (so a screen reader reaches them) when there
        are any; no empty stop in the Tab order when there are none."""
        self.sentences.setText(text)
        selectable = (Qt.TextInteractionFlag.TextSelectableByMouse
                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.sentences.setTextInteractionFlags(
            selectable if text else Qt.TextInteractionFlag.NoTextInteraction)
        self.sentences_scroll.setVisible(bool(text))
        self.sentences_scroll.setFocusPolicy(Qt.FocusPolicy.TabFocus if text
                                             else Qt.FocusPolicy.NoFocus)

    def _notes_item(self, title: str) -> None:
        """The notes panel follows the indicator and the area chosen (not a larger one)."""
        code, area = self.current_indicator(), self.area.currentData()
        if code and area:
            self.notes.set_item("indicator", code, area, f"{title} for {self.area.currentText()}")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
