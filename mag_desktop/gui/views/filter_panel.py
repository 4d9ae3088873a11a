"""The filter panel: authorities, wards, themes, statuses, ethnic groups, periods and search.

It only collects choices into a core :class:`Filter`; the core does the filtering. Text search
waits for a pause in typing (300 ms) before it asks for new results.
"""

from __future__ import annotations

import itertools

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
from mag_desktop.core.query.filter_words import filter_sentence
from mag_desktop.core.query.period_range import ordered_range
from mag_desktop.gui.announce import announce
from mag_desktop.gui.naming import buddy_label
from mag_desktop.gui.views.checklist import CheckList
from mag_desktop.gui.views.filter_chips import FilterChips
from mag_desktop.gui.views.toggle_access import tick_by_accessibility

DEBOUNCE_MS = 300
MIN_ROWS = 5  # rows each list shows at least


def _title(text: str, buddy: QWidget) -> QLabel:
    """A list's heading, its label for screen readers too (the list is its buddy)."""
    label = QLabel(f"<b>{text}</b>")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setBuddy(buddy)
    return label


class FilterPanel(QScrollArea):
    """Search, the active filter's pieces, the period range, then the lists; the panel scrolls
    as a whole when the screen is too short for every list at five rows or more."""

    filter_changed = Signal(object)  # Filter
    save_mine = Signal(object)  # Filter to keep as "my authority, wards and themes"
    reset = Signal()
    words_changed = Signal(str)  # the filter in words, whenever it changes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self.period_from = QComboBox(body)
        self.period_to = QComboBox(body)
        periods = QFormLayout()
        for combo, words, name in ((self.period_from, "From", "Period from"),
                                   (self.period_to, "To", "Period to")):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            periods.addRow(buddy_label(words, combo, body, name=name), combo)
        self.period_note = QLabel("", body)  # an inverted range, turned round
        self.period_note.setWordWrap(True)
        self.period_note.setAccessibleDescription("About the period range")  # text is read
        self.period_note.hide()
        layout.addWidget(QLabel("<b>Period</b> (indicators)", body))
        layout.addLayout(periods)
        layout.addWidget(self.period_note)
        self.authorities = CheckList("Authorities", rows=7, parent=body)
        self.wards = CheckList("Wards", searchable=True, rows=7, parent=body)
        self.themes = CheckList("Themes", rows=8, parent=body)
        self.statuses = CheckList("Statuses", rows=7, parent=body)
        self.groups = CheckList("Ethnic groups", searchable=True, rows=8, parent=body)
        line = self.authorities.list.fontMetrics().height() + 6
        for title, widget in (("Authorities", self.authorities), ("Wards", self.wards),
                              ("Themes", self.themes), ("Status", self.statuses),
                              ("Ethnic groups", self.groups)):
            layout.addWidget(_title(title, widget.list))
            layout.addWidget(widget)
            widget.list.setMinimumHeight(line * MIN_ROWS + 6)  # never squeezed to a sliver
            tick_by_accessibility(widget.list)  # voice and switch control can tick a box
        layout.addStretch(1)
        self.setWidget(body)
        # never narrower than its content: the panel scrolls up and down, never sideways
        self.setMinimumWidth(body.minimumSizeHint().width() + 2 * self.frameWidth()
                             + self.verticalScrollBar().sizeHint().width())
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
        turned = ordered_range(self.period_from.currentData(), self.period_to.currentData())
        self.period_note.setText(turned.message)
        self.period_note.setVisible(bool(turned.message))
        if turned.message:  # show the range the way round it is applied, and say so
            announce(self.period_note, turned.message)
            self._quiet = True
            self.period_from.setCurrentIndex(max(0, self.period_from.findData(turned[0])))
            self.period_to.setCurrentIndex(max(0, self.period_to.findData(turned[1])))
            self._quiet = False
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

    def _names(self, _key: str, code: str) -> str:
        return self._choices.name(code) if self._choices is not None else code

    def words(self) -> str:
        """The active filter as one line of words ("Showing everything: no filter")."""
        return filter_sentence(self._filter, self._names)

    def _show_chips(self) -> None:
        self.chips.show_parts(self._filter.describe(self._names))
        chain = [self.search, *self.chips.buttons(), self.save_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)  # search, the pieces, then the rest in order
        self.words_changed.emit(self.words())

    def _remove_part(self, key: str, value: str) -> None:
        """A piece removed; when it was removed from the keyboard, focus goes to the piece
        now in its place (or the one before it, or the search box when none is left) rather
        than being lost with the piece."""
        pieces = self.chips.buttons()
        focused = next((i for i, b in enumerate(pieces) if b.hasFocus()), None)
        flt = self._filter.without(key, value or None)
        self.apply(flt)
        self.filter_changed.emit(flt)
        if focused is not None:
            left = self.chips.buttons()
            target: QWidget = left[min(focused, len(left) - 1)] if left else self.search
            target.setFocus(Qt.FocusReason.OtherFocusReason)


def active_filter_words(widget: QWidget) -> str:
    """The active filter of the window ``widget`` is in, in words (what the line above the
    tabs shows); "" when that window has no filter panel."""
    top = widget.window()
    panel = top if isinstance(top, FilterPanel) else top.findChild(FilterPanel)
    return panel.words() if panel is not None else ""
