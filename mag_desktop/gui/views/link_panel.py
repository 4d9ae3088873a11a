""""Is it working?" in a commitment's detail: for each indicator the commitment aims to move,
in each of its areas (its authority, or the region for a regional one, then each ward it
names), the core's :class:`~mag_desktop.core.links.progress_model.LinkProgress` rendered as it
is, word for word: a heading naming the indicator and the area, the aim, the movement in shape
and word, the sentence with its honesty clause, the latest value by group as a real table and
the trend of the two groups compared.

The panel only renders: every word and number comes from the core object, so the window and
the packs cannot disagree. The progress is read on a worker thread after the rest of the
detail is on screen; until it arrives the panel says it is being read.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from mag_desktop.core.links.progress_model import GroupFigure, LinkProgress
from mag_desktop.core.links.words import READING_RULE
from mag_desktop.gui.charts import ChartView, trend_chart
from mag_desktop.gui.headings import heading
from mag_desktop.gui.views.count_widgets import HeaderTable, Row

TITLE = "Is it working?"
NO_LINKS = "No indicator is linked to this commitment."
WAITING = "Reading the figures of the linked indicators…"
TARGETED = "(targeted)"  # after the focus group's name in the table
COMPARED = "(compared with)"  # after the comparator group's name
CHART_HEIGHT = 240


def aim_words(progress: LinkProgress) -> str:
    """"Aim: narrow the gap between …": the core's target as a sentence, without the
    indicator's name that leads it (the heading above names the indicator)."""
    target = progress.target.strip().removeprefix(f"{progress.indicator.name}: ").rstrip(".")
    return f"Aim: {target}." if target else ""


def group_name(figure: GroupFigure, progress: LinkProgress) -> str:
    """The group's name, with the role it plays in the link in words (not by colour alone)."""
    if figure.group == progress.focus_group:
        return f"{figure.label} {TARGETED}"
    if figure.group == progress.comparator_group:
        return f"{figure.label} {COMPARED}"
    return figure.label


def compared_heading(progress: LinkProgress) -> str:
    """The comparison column's heading: "Compared with White British"."""
    names = [f.label for f in progress.latest_by_group if f.group == progress.comparator_group]
    return f"Compared with {names[0]}" if names else "Compared with"


def table_title(progress: LinkProgress) -> str:
    """"Latest value by group (2026 Q3)"."""
    period = progress.latest.period if progress.latest is not None else ""
    return f"Latest value by group ({period})" if period else "Latest value by group"


def _text(text: str, parent: QWidget, *, reachable: bool = False) -> QLabel:
    """A wrapped plain-text label; ``reachable`` ones take keyboard focus (Tab), so a screen
    reader user meets the statement itself, not only the table beside it."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    flags = Qt.TextInteractionFlag.TextSelectableByMouse
    if reachable:
        flags |= Qt.TextInteractionFlag.TextSelectableByKeyboard
        label.setAccessibleName(text)
    label.setTextInteractionFlags(flags)
    if reachable:  # after the flags, which set a focus policy of their own
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return label


class LinkPanel(QWidget):
    """The "Is it working?" section's body, rebuilt for each commitment shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(TITLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.progress: tuple[LinkProgress, ...] = ()
        self.tables: list[HeaderTable] = []
        self.charts: list[ChartView] = []
        self.marks: list[QLabel] = []
        self._pieces: list[str] = []

    def _clear(self) -> None:
        while (item := self._layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.progress, self.tables, self.charts, self.marks = (), [], [], []
        self._pieces = []

    def _say(self, text: str) -> None:
        self._clear()
        self._layout.addWidget(_text(text, self))
        self._pieces = [text]

    def show_waiting(self) -> None:
        """The progress is being read."""
        self._say(WAITING)

    def show_none(self) -> None:
        """The commitment names no indicator."""
        self._say(NO_LINKS)

    def show_progress(self, progress: Sequence[LinkProgress]) -> None:
        """Each link for each area, in the core's order (none: the no-link sentence)."""
        if not progress:
            self.show_none()
            return
        self._clear()
        self.progress = tuple(progress)
        self._layout.addWidget(_text(READING_RULE, self))  # how to read what follows
        for item in self.progress:
            self._one(item)

    def _one(self, p: LinkProgress) -> None:
        if self._pieces:  # a rule between one link's figures and the next heading
            rule = QFrame(self)
            rule.setFrameShape(QFrame.Shape.HLine)
            rule.setFrameShadow(QFrame.Shadow.Sunken)
            self._layout.addSpacing(6)
            self._layout.addWidget(rule)
        title = f"{p.indicator.name}: {p.area_name}"
        self._add(heading(title, 4), title)  # no parent yet: made a heading before shown
        aim = aim_words(p)
        if aim:
            self._add(_text(aim, self), aim)
        mark = _text(p.mark_and_aim, self, reachable=True)
        aim = f", {p.aim_words}" if p.aim_words else ""  # words only: no glyph read aloud
        mark.setAccessibleName(f"Movement: {p.word}{aim}")
        mark.setStyleSheet("font-weight: bold;")
        self.marks.append(mark)
        self._add(mark, p.mark_and_aim)
        self._add(_text(p.sentence, self, reachable=True), p.sentence)
        if p.latest_by_group:
            self._table(p)
        if p.chart is not None:
            view = ChartView(f"Trend: {p.indicator.name}, {p.area_name}")
            view.setParent(self)
            view.setChart(trend_chart(p.chart))
            view.setMinimumHeight(CHART_HEIGHT)
            view.setMaximumHeight(CHART_HEIGHT + 60)
            if p.chart.description:
                view.setAccessibleDescription(p.chart.description)
            self.charts.append(view)
            self._layout.addWidget(view)
            self._pieces.append(view.accessibleDescription())

    def _table(self, p: LinkProgress) -> None:
        title = table_title(p)
        table = HeaderTable(f"{title}: {p.indicator.name}, {p.area_name}", "ethnic group",
                            "Ethnic group", self)
        rows = [Row(group_name(f, p), [f.value, f.interval, f.comparison])
                for f in p.latest_by_group]
        table.fill(("Value", "95% interval", compared_heading(p)), rows)
        self._add(_text(title, self), title)
        self._layout.addWidget(table)
        self.tables.append(table)
        self._pieces += table.reading()

    def _add(self, widget: QWidget, text: str) -> None:
        self._layout.addWidget(widget)
        self._pieces.append(text)

    def reading(self) -> list[str]:
        """What the panel reads, piece by piece, in order."""
        return list(self._pieces)
