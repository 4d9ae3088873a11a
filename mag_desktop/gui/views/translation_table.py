"""The import wizard's table of values the check did not recognise: for each, the field, the
value found, its rows, and a drop-down of what it may be read as (the store's ethnic groups,
statuses, themes, areas, indicators; a period is typed and checked as typed) or "Skip these
rows". A wide layout's group column whose heading is not recognised is listed as "Column F
heading", chosen from the ethnic groups described for a column, or "Ignore this column"; a
group another column gives is not an answer. It only shows what :func:`unrecognised` found
and collects :class:`Answers`."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.ingest.allowed_values import (
    PERIOD_FORMS,
    Allowed,
    heading_groups,
    of_area_type,
    period_label,
)
from mag_desktop.core.ingest.mapping import group_name
from mag_desktop.core.ingest.unrecognised import KIND_NAMES, SKIP, Answers, Unrecognised

UNSET = "(not translated: the rows stay refused)"
UNSET_HEADING = "(not answered: the file is refused until it is)"
SKIP_TEXT = "Skip these rows"
IGNORE_TEXT = "Ignore this column"  # the "skip" of a group column's heading
MAX_SHOWN = 200  # values listed at once (each has its own drop-down)
COLUMNS = ("Field", "Value found", "Rows", "First rows", "Read as")


class AnswerBox(QComboBox):
    """One value's answer: an allowed value, "Skip these rows", or nothing yet. Searchable:
    typing filters the list (any part of the label); a period is typed and checked."""

    def __init__(self, item: Unrecognised, allowed: list[Allowed],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        heading = item.kind == "heading"
        self.unset = UNSET_HEADING if heading else UNSET
        self.addItem(self.unset, None)
        self.addItem(IGNORE_TEXT if heading else SKIP_TEXT, SKIP)
        for a in allowed:
            self.addItem(a.label, a.value)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        shown = item.value or "an empty cell"
        self.setAccessibleName(f"{item.label} {shown!r}: read as" if heading
                               else f"{KIND_NAMES[item.kind]} {shown!r}: read as")
        hint = (f"Type a period, such as {PERIOD_FORMS}" if item.kind == "period"
                else "Choose the ethnic group this column's figures are for" if heading
                else f"Choose the {KIND_NAMES[item.kind].lower()} this value means")
        other = IGNORE_TEXT if heading else SKIP_TEXT
        self.setToolTip(f"{hint}, or {other}. Why it was not read: {item.message}")
        if (line := self.lineEdit()) is not None:
            line.setPlaceholderText(hint)
            line.setAccessibleName(self.accessibleName())

    def answer(self) -> str | None:
        """The value chosen or typed; None when nothing (or nothing valid) is given."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            data = self.itemData(index)
            return str(data) if data is not None else None
        if not text:
            return None
        if self.item.kind == "period":
            return period_label(text) or None
        for i in range(2, self.count()):  # a code or a value typed as it is written
            if str(self.itemData(i)).casefold() == text.casefold():
                return str(self.itemData(i))
        return None

    def problem(self) -> str:
        """Why the text typed is not an answer ("" when it is one, or when nothing is typed);
        for a column heading, also a group that another column gives."""
        if taken := self.item.taken_problem(self.answer()):
            return taken
        text = self.currentText().strip()
        if not text or text == self.unset or self.answer() is not None:
            return ""
        if self.item.kind == "period":
            return f"{text!r} is not a period: type one such as {PERIOD_FORMS}"
        return f"{text!r} is not in the list: choose one of its entries"

    def show_answer(self, answer: str | None) -> None:
        index = self.findData(answer) if answer is not None else 0
        if index >= 0:
            self.setCurrentIndex(index)
        elif answer is not None:  # a typed period
            self.setEditText(answer)


class TranslationTable(QWidget):
    changed = Signal()  # an answer changed: the last check no longer holds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vocabulary: dict[str, list[Allowed]] = {}
        self.items: list[Unrecognised] = []
        self.boxes: dict[tuple[str, str], AnswerBox] = {}
        self.kept: dict[tuple[str, str], str] = {}  # answers, kept across checks
        self.hidden = 0  # values found beyond MAX_SHOWN
        self.read = True  # whether the last check read the rows
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel("Press Check: values the check cannot read are listed here, to "
                           "say what each one means.", self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Values not recognised")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.problems = QLabel("", self)
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)

    def clear(self) -> None:
        """A new file: nothing found, nothing answered."""
        self.items, self.kept, self.hidden, self.read = [], {}, 0, True
        self._fill()

    def show_items(self, found: list[Unrecognised], read: bool = True) -> None:
        """The values of the last check, after those already answered (kept, to be changed);
        ``read`` is False when the check stopped before reading the rows."""
        self.kept = self.answers_by_key()
        fresh = {u.key for u in found}
        self.items = [u for u in self.items if u.key in self.kept and u.key not in fresh]
        self.items += found
        self.hidden = max(0, len(self.items) - MAX_SHOWN)
        self.items = self.items[:MAX_SHOWN]
        self.read = read
        self._fill()

    def answers_by_key(self) -> dict[tuple[str, str], str]:
        out = dict(self.kept)
        for key, box in self.boxes.items():
            answer = box.answer()
            if answer is None:
                out.pop(key, None)
            else:
                out[key] = answer
        return out

    def answers(self) -> Answers:
        out = Answers()
        chosen = self.answers_by_key()
        for item in self.items:
            out.set(item, chosen.get(item.key))
        return out

    def open_count(self) -> int:
        """Values still without an answer."""
        chosen = self.answers_by_key()
        return sum(1 for u in self.items if u.key not in chosen)

    def _fill(self) -> None:
        self.boxes = {}
        self.table.setRowCount(len(self.items))
        for r, item in enumerate(self.items):
            texts = ((item.label, item.value, "the column", item.rows_text()) if
                     item.kind == "heading" else (item.label, item.value or "(empty)",
                                                  f"{item.count:,}", item.rows_text()))
            for c, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setToolTip(item.message if c == 1 else text)
                self.table.setItem(r, c, cell)
            allowed = self.vocabulary.get(item.kind) or (
                heading_groups() if item.kind == "heading" else [])  # no store needed
            if item.kind == "area" and item.area_type:
                allowed = of_area_type(allowed, item.area_type)
            box = AnswerBox(item, allowed, self.table)
            box.show_answer(self.kept.get(item.key))
            box.currentIndexChanged.connect(self._edited)
            box.editTextChanged.connect(self._edited)
            self.table.setCellWidget(r, 4, box)
            self.boxes[item.key] = box
        self.table.resizeColumnToContents(1)
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 260))
        self.table.resizeColumnToContents(3)
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), 200))
        self.table.resizeRowsToContents()
        self._say()

    def _say(self) -> None:
        waiting = self.open_count()
        if not self.items:
            self.note.setText("Every value was recognised: there is nothing to translate."
                              if self.read else "The check stopped before reading the rows "
                              "(the report says why): there is nothing to translate yet.")
        else:
            self.note.setText(
                f"{len(self.items)} value(s) were not recognised; {waiting} still to answer. "
                "For each, choose what it means (type to search the list), or Skip these "
                "rows (for a column heading: the ethnic group of its figures, or Ignore this "
                "column); then press Check again. Your answers are saved with the profile."
                + (f" {self.hidden:,} more are not shown: answer these first, or check the "
                   "column's field in step 1." if self.hidden else ""))
        problems = [p for b in self.boxes.values() if (p := b.problem())]
        problems += self._same_group()
        self.problems.setText("<b>Not an answer yet:</b> " + "; ".join(problems) + "."
                              if problems else "")

    def refusals(self) -> list[str]:
        """Answers that cannot be checked: a column heading read as a group that another
        column gives (a group is read from one column only)."""
        return [p for b in self.boxes.values() if (p := b.item.taken_problem(b.answer()))] \
            + self._same_group()

    def _same_group(self) -> list[str]:
        by_group: dict[str, list[str]] = {}
        chosen = self.answers_by_key()
        for item in self.items:
            answer = chosen.get(item.key)
            if item.kind == "heading" and answer not in (None, SKIP):
                by_group.setdefault(str(answer), []).append(f"{item.column} ({item.value!r})")
        return [f"columns {' and '.join(cols)} are all read as {group_name(code)}: a group "
                "is read from one column only" for code, cols in by_group.items()
                if len(cols) > 1]

    def _edited(self, *_args: object) -> None:
        self._say()
        self.changed.emit()
