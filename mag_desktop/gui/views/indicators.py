"""The indicators tab: indicators by theme, and for the chosen area a chart by ethnic group with
95% whiskers beside the comparators, a trend chart, the disparity table and neutral sentences."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.query import IndicatorView
from mag_desktop.core.query.display import indicator_table
from mag_desktop.gui.charts import ChartView, groups_chart, trend_chart
from mag_desktop.gui.models.frame_model import Column, FrameModel
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.tables import FrameTable

CODE_ROLE = Qt.ItemDataRole.UserRole
TABLE = [
    Column("group", "Ethnic group", tooltip="group_long"),
    Column("value", "Value", align="right", sort_key="value_raw", tooltip="note"),
    Column("limits", "95% limits", align="right"),
    Column("numerator", "Numerator", align="right"),
    Column("denominator", "Denominator", align="right"),
    Column("comparison", "Against comparator"),
    Column("vs_authority", "Against authority"),
    Column("vs_region", "Against WMCA"),
    Column("vs_england", "Against England"),
]


class IndicatorsTab(QWidget):
    """Asks for work through signals; the window runs the core and calls ``show_*`` back."""

    indicator_chosen = Signal(str)
    area_chosen = Signal(str)
    period_chosen = Signal(str)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(left)
        self.search.setPlaceholderText("Find an indicator…")
        self.search.setAccessibleName("Find an indicator")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget(left)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Indicators by theme")
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree)
        right = QWidget(split)
        layout = QVBoxLayout(right)
        form = QFormLayout()
        self.area = QComboBox(right)
        self.area.setAccessibleName("Area")
        self.period = QComboBox(right)
        self.period.setAccessibleName("Period")
        form.addRow("&Area", self.area)
        form.addRow("&Period", self.period)
        layout.addLayout(form)
        self.title = QLabel("Choose an indicator", right)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.title)
        charts = QSplitter(Qt.Orientation.Horizontal, right)
        self.groups_view = ChartView("Values by ethnic group with 95% confidence limits")
        self.trend_view = ChartView("Trend over periods")
        charts.addWidget(self.groups_view)
        charts.addWidget(self.trend_view)
        charts.setMinimumHeight(320)
        layout.addWidget(charts, 3)
        self.sentences = QLabel("", right)
        self.sentences.setWordWrap(True)
        self.sentences.setAccessibleName("Disparities")
        layout.addWidget(self.sentences)
        self.model = FrameModel(TABLE, self)
        self.table = FrameTable("Indicator table", self.model, settings, right)
        layout.addWidget(self.table, 2)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([260, 900])
        outer.addWidget(split)
        self.tree.currentItemChanged.connect(self._tree_changed)
        self.area.activated.connect(lambda _i: self.area_chosen.emit(self.area.currentData()))
        self.period.activated.connect(lambda _i: self.period_chosen.emit(self.period.currentData()))

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
    def show_view(self, view: IndicatorView, trend: pd.DataFrame) -> None:
        d = view.indicator
        self.period.blockSignals(True)
        self.period.clear()
        for p in reversed(view.periods):
            self.period.addItem(p, p)
        self.period.setCurrentIndex(max(0, self.period.findData(view.period)))
        self.period.blockSignals(False)
        polarity = {"higher": " · higher is better", "lower": " · lower is better"}.get(
            str(d.polarity), " · no judgement of better or worse")
        comparator = view.rows.loc[view.rows["group_code"] == view.comparator_group, "short_label"]
        against = f" · groups compared with {comparator.iloc[0]}" if len(comparator) else ""
        self.title.setText(f"<h3>{d.name}</h3><p>{view.area.name}, {view.period or 'no data'}"
                           f" · {d.unit}{polarity}{against}</p>")
        rows = view.rows
        series = [(view.area.name, "value", "lower", "upper")]
        for key, name in (("authority", view.area.parent_name or "Authority"),
                          ("region", "WMCA"), ("england", "England")):
            if f"{key}_value" in rows and rows[f"{key}_value"].notna().any():
                series.append((name, f"{key}_value", f"{key}_lower", f"{key}_upper"))
        unit = str(d.unit)
        self.groups_view.setChart(groups_chart(rows, series, unit, "By ethnic group (95% limits)"))
        self.trend_view.setChart(trend_chart(trend, unit, "Trend"))
        self.sentences.setText("\n".join(view.sentences) if view.sentences else
                               "No differences between groups here are statistically "
                               "significant (their 95% confidence intervals overlap).")
        self.model.set_frame(indicator_table(view))
        self.table.setColumnHidden(6, view.area.level != "ward")
