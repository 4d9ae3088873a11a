"""The Notes panel beside a commitment's detail and an indicator's view: the member's private
notes on that item (for the area chosen), earlier quarters' notes marked, with Add, Edit and
Delete. The panel only shows and asks; the notes file is read and written on the runner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.notes import Note, NoteBook
from mag_desktop.core.notes.model import Kind

if TYPE_CHECKING:
    from mag_desktop.gui.views.notes_service import NotesService

NOTE_ROLE = Qt.ItemDataRole.UserRole


def note_line(note: Note, quarter: str | None) -> str:
    """The note as the panel lists it: its text, and the quarter when it is an earlier one."""
    mark = f"[{note.quarter}, an earlier quarter] " if note.earlier_than(quarter) else ""
    return f"{mark}{note.text}"


class NotesPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("My notes (private to this laptop)", parent)
        self.setAccessibleName("My notes")
        self.service: NotesService | None = None
        self.item: tuple[Kind, str, str | None] | None = None
        self._reloads = 0  # jobs finish in any order: an older answer never hides a newer one
        self.quarter: str | None = None
        self.notes: list[Note] = []
        layout = QVBoxLayout(self)
        self.about = QLabel("Select an item to see your notes on it.", self)
        self.about.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Notes on this item")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add note…", self)
        self.edit_button = QPushButton("Ed&it…", self)
        self.delete_button = QPushButton("Dele&te", self)
        for button, name in ((self.add_button, "Add a note"), (self.edit_button,
                             "Edit the selected note"), (self.delete_button,
                             "Delete the selected note")):
            button.setAccessibleName(name)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.about)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.list.itemDoubleClicked.connect(lambda _i: self.edit())
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        self._enable()

    def bind(self, service: NotesService) -> None:
        self.service = service
        service.changed.append(self.reload)

    def set_item(self, kind: Kind, item_id: str, area_code: str | None, label: str) -> None:
        """The item whose notes are shown (an indicator's notes are the chosen area's)."""
        self.item = (kind, item_id, area_code)
        self.about.setText(f"Your notes on {label}")
        self._enable()  # Add works at once, before the notes already written have loaded
        self.reload()

    def reload(self) -> None:
        if self.service is None or self.item is None:
            return
        kind, item_id, area = asked = self.item
        self._reloads += 1
        ticket = self._reloads

        def done(result: tuple[list[Note], str]) -> None:
            if self.item == asked and ticket == self._reloads:  # only the newest answer shows
                self.show_notes(*result)

        self.service.run(lambda book, quarter: (book.for_item(kind, item_id, area), quarter),
                         done)

    def show_notes(self, notes: list[Note], quarter: str) -> None:
        self.notes, self.quarter = notes, quarter
        self.list.clear()
        for note in notes:
            item = QListWidgetItem(note_line(note, quarter), self.list)
            item.setData(NOTE_ROLE, note.id)
            if note.earlier_than(quarter):  # kept, and shown as older
                item.setForeground(QColor("#555555"))
            item.setToolTip(f"Written in {note.quarter}; last edited "
                            f"{note.edited_at.astimezone():%d %b %Y %H:%M}")
        if not notes:
            QListWidgetItem("No notes yet.", self.list).setFlags(Qt.ItemFlag.NoItemFlags)
        self._enable()

    def selected(self) -> Note | None:
        row = self.list.currentRow()
        return self.notes[row] if 0 <= row < len(self.notes) else None

    def _enable(self) -> None:
        self.add_button.setEnabled(self.item is not None)
        self.edit_button.setEnabled(self.selected() is not None)
        self.delete_button.setEnabled(self.selected() is not None)

    def ask_text(self, title: str, text: str = "") -> str | None:
        """The note's text from the member (a dialog; replaced in tests)."""
        value, ok = QInputDialog.getMultiLineText(self, title, "Your note (only on this "
                                                  "laptop, never in a release):", text)
        return value if ok and value.strip() else None

    def add(self) -> None:
        if self.service is None or self.item is None:
            return
        text = self.ask_text("Add a note")
        if text is None:
            return
        kind, item_id, area = self.item

        def write(book: NoteBook, quarter: str) -> Note:
            return book.add(kind, item_id, text, area_code=area, quarter=quarter)

        self.service.run(write, lambda _n: None, writes=True)

    def edit(self) -> None:
        note = self.selected()
        if self.service is None or note is None:
            return
        text = self.ask_text("Edit the note", note.text)
        if text is not None:
            self.service.run(lambda book, _q: book.edit(note.id, text), lambda _n: None,
                             writes=True)

    def delete(self) -> None:
        note = self.selected()
        if self.service is None or note is None:
            return
        if self.confirm_delete(note):
            self.service.run(lambda book, _q: book.delete(note.id), lambda _n: None,
                             writes=True)

    def confirm_delete(self, note: Note) -> bool:
        answer = QMessageBox.question(self, "Delete the note",
                                      f"Delete this note?\n\n{note.text[:300]}")
        return answer == QMessageBox.StandardButton.Yes
