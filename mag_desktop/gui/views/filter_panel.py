"""The filter panel: authorities, wards, themes, statuses, ethnic groups, periods and search.

It only collects choices into a core :class:`Filter`; the core does the filtering. Text search
waits for a pause in typing (300 ms) before it asks for new results.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.query import Filter
from mag_desktop.core.query.choices import Choices
from mag_desktop.gui.views.checklist import CheckList
from mag_desktop.gui.views.filter_chips import FilterChips

DEBOUNCE_MS = 300


def _title(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class FilterPanel(QScrollArea):
    filter_changed = Signal(object)  # Filter
    save_mine = Signal(object)  # Filter to keep as "my authority, wards and themes"
    reset = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Filters")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.search = QLineEdit(body)
        self.search.setPlaceholderText("Search commitments and indicators (Ctrl+F)")
        self.search.setAccessibleName("Search")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.chips = FilterChips(body)
        layout.addWidget(self.chips)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Save as &my authority", body)
        self.save_button.setToolTip("Remember the authorities, wards and themes ticked now, "
                                    "and apply them every time the app starts")
        self.reset_button = QPushButton("&Reset filters", body)
        self.reset_button.setToolTip("Go back to my authority, wards and themes")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        layout.addLayout(buttons)
        self.authorities = CheckList("Authorities", rows=7, parent=body)
        self.wards = CheckList("Wards", searchable=True, rows=7, parent=body)
        self.themes = CheckList("Themes", rows=8, parent=body)
        self.statuses = CheckList("Statuses", rows=7, parent=body)
        self.groups = CheckList("Ethnic groups", searchable=True, rows=8, parent=body)
        for title, widget in (("Authorities", self.authorities), ("Wards", self.wards),
                              ("Themes", self.themes), ("Status", self.statuses),
                              ("Ethnic groups", self.groups)):
            layout.addWidget(_title(title))
            layout.addWidget(widget)
        periods = QFormLayout()
        self.period_from = QComboBox(body)
        self.period_to = QComboBox(body)
        self.period_from.setAccessibleName("Period from")
        self.period_to.setAccessibleName("Period to")
        periods.addRow("From", self.period_from)
        periods.addRow("To", self.period_to)
        layout.addWidget(_title("Period"))
        layout.addLayout(periods)
        layout.addStretch(1)
        self.setWidget(body)
        self._choices: Choices | None = None
        self._filter = Filter()
        self._quiet = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._collect)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for widget in (self.wards, self.themes, self.statuses, self.groups):
            widget.changed.connect(lambda _c: self._collect())
        self.authorities.changed.connect(self._authorities_changed)
        self.period_from.currentIndexChanged.connect(lambda _i: self._collect())
        self.period_to.currentIndexChanged.connect(lambda _i: self._collect())
        self.chips.remove.connect(self._remove_part)
        self.save_button.clicked.connect(lambda: self.save_mine.emit(self._filter))
        self.reset_button.clicked.connect(self.reset.emit)

    @property
    def current(self) -> Filter:
        return self._filter

    def set_choices(self, choices: Choices) -> None:
        self._choices = choices
        self._quiet = True
        self.authorities.set_choices(choices.authorities)
        self.themes.set_choices(choices.themes, label="detail")
        self.statuses.set_choices(choices.statuses, label="both")
        self.groups.set_choices(choices.groups)
        for combo, blank in ((self.period_from, "Earliest"), (self.period_to, "Latest")):
            combo.clear()
            combo.addItem(blank, None)
            for period in choices.periods:
                combo.addItem(period, period)
        self._quiet = False
        self.apply(self._filter)

    def apply(self, flt: Filter) -> None:
        """Show a filter in the controls (no signal), e.g. "my authority" at start."""
        self._quiet = True
        self.search.setText(flt.text)
        self.authorities.set_checked(flt.authorities)
        if self._choices is not None:
            self.wards.set_choices(self._choices.wards_of(flt.authorities), flt.wards)
        self.themes.set_checked(flt.themes)
        self.statuses.set_checked(flt.statuses)
        self.groups.set_checked(flt.groups)
        for combo, value in ((self.period_from, flt.period_from), (self.period_to, flt.period_to)):
            index = combo.findData(value) if value else 0
            combo.setCurrentIndex(max(index, 0))
        self._quiet = False
        self._filter = flt
        self._show_chips()

    def _authorities_changed(self, codes: tuple[str, ...]) -> None:
        if self._choices is not None:
            keep = [w for w in self.wards.checked()
                    if any(c.code == w for c in self._choices.wards_of(codes))]
            self.wards.set_choices(self._choices.wards_of(codes), keep)
        self._collect()

    def _collect(self) -> None:
        if self._quiet:
            return
        flt = Filter(
            authorities=self.authorities.checked(), wards=self.wards.checked(),
            themes=self.themes.checked(), statuses=self.statuses.checked(),
            groups=self.groups.checked(), period_from=self.period_from.currentData(),
            period_to=self.period_to.currentData(), text=self.search.text().strip(),
        )
        if flt != self._filter:
            self._filter = flt
            self._show_chips()
            self.filter_changed.emit(flt)

    def _show_chips(self) -> None:
        names = self._choices.name if self._choices else (lambda code: code)
        self.chips.show_parts(self._filter.describe(lambda _key, code: names(code)))

    def _remove_part(self, key: str, value: str) -> None:
        flt = self._filter.without(key, value or None)
        self.apply(flt)
        self.filter_changed.emit(flt)
