"""The ward profile tab: residents by ethnic group (Census 2021), the ward's indicators against
its authority, and the commitments that name the ward or its authority."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from mag_desktop.core.briefing.ward_table import ward_indicator_table
from mag_desktop.core.query import WardProfile
from mag_desktop.gui.charts import ChartView, residents_chart
from mag_desktop.gui.models.frame_model import FrameModel
from mag_desktop.gui.models.table_frame import table_frame as briefing_table
from mag_desktop.gui.naming import buddy_label
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.column_fit import fit_columns, wrap_headings
from mag_desktop.gui.views.commitments import COLUMNS as COMMITMENT_COLUMNS
from mag_desktop.gui.views.commitments import table_frame
from mag_desktop.gui.views.tables import FrameTable


class WardTab(QWidget):
    ward_chosen = Signal(str)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.ward = QComboBox(self)
        self.ward.setEditable(True)
        self.ward.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        typed = self.ward.lineEdit()
        if typed is not None:
            typed.setAccessibleName("Ward")
        form.addRow(buddy_label("&Ward", self.ward, self), self.ward)  # not the ward shown
        layout.addLayout(form)
        self.heading = QLabel("Choose a ward", self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        split = QSplitter(Qt.Orientation.Vertical, self)
        top = QSplitter(Qt.Orientation.Horizontal, split)
        self.chart = ChartView("Residents by ethnic group")
        top.addWidget(self.chart)
        self.indicator_model = FrameModel([], self)
        self.indicators = FrameTable("Ward indicators", self.indicator_model, settings, top)
        wrap_headings(self.indicators)
        self._columns: list[str] = []
        top.addWidget(self.indicators)
        self.commitment_model = FrameModel(COMMITMENT_COLUMNS, self)
        self.commitments = FrameTable("Ward commitments", self.commitment_model, settings, split)
        top.setSizes([500, 700])
        split.addWidget(top)
        split.addWidget(self.commitments)
        layout.addWidget(split)
        self.ward.activated.connect(lambda _i: self.ward_chosen.emit(self.ward.currentData()))

    def set_wards(self, wards: list[tuple[str, str]], current: str | None) -> None:
        self.ward.blockSignals(True)
        self.ward.clear()
        for code, name in wards:
            self.ward.addItem(name, code)
        index = self.ward.findData(current) if current else 0
        self.ward.setCurrentIndex(max(0, index))
        self.ward.blockSignals(False)

    def current_ward(self) -> str | None:
        return self.ward.currentData()

    def show_profile(self, profile: WardProfile) -> None:
        w = profile.ward
        self.heading.setText(f"<h3>{w.name} ward, {w.parent_name}</h3>"
                             f"<p>Residents by ethnic group: Census {profile.census_period or '–'}"
                             f" · {len(profile.commitments)} commitments name the ward or its "
                             "authority</p>")
        if not profile.residents.empty:
            self.chart.setChart(residents_chart(profile.residents,
                                                f"{w.name} and {w.parent_name}"))
        columns, frame = briefing_table(ward_indicator_table(profile))
        self.indicator_model.set_columns(columns, frame)
        heads = [c.title for c in columns]
        if heads != self._columns:  # new columns: names and headings shown whole
            self._columns = heads
            fit_columns(self.indicators, heads)
        self.commitment_model.set_frame(table_frame(profile.commitments))
