"""View › My notes: every note the member wrote, grouped by the quarter it was written in
(newest first, earlier quarters marked), with the item each note is about."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.notes import NoteBook, QuarterNotes, grouped
from mag_desktop.core.store.reads.labels import Labels, labels
from mag_desktop.gui.screen import fit_dialog

if TYPE_CHECKING:
    from mag_desktop.gui.views.notes_service import NotesService


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}"


class NotesListDialog(QDialog):
    def __init__(self, service: NotesService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.groups: list[QuarterNotes] | None = None
        self.setWindowTitle("My notes")
        fit_dialog(self, 900, 560)
        layout = QVBoxLayout(self)
        self.summary = QLabel("Reading your notes…", self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("My notes by quarter")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Note", "About", "Last edited"])
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        service.changed.append(self.reload)
        self.finished.connect(lambda _r: self._forget())
        self.reload()

    def _forget(self) -> None:
        if self.reload in self.service.changed:
            self.service.changed.remove(self.reload)

    def reload(self) -> None:
        read_labels = self.service.ops.session.read(labels)

        def read(book: NoteBook, quarter: str) -> tuple[list[QuarterNotes], Labels]:
            return grouped(book.all(), quarter), read_labels()

        self.service.run(read, lambda found: self.show_groups(*found))

    def show_groups(self, groups: list[QuarterNotes], names: Labels | None = None) -> None:
        names = names or Labels({}, {}, {})
        self.groups = groups
        self.tree.clear()
        total = sum(len(g.notes) for g in groups)
        self.summary.setText(
            f"{total:,} notes, kept only on this laptop in {self.service.path} (File › Export "
            "notes… copies them to another laptop)." if total else
            "No notes yet: select a commitment or an indicator and press Add note….")
        for group in groups:
            count = len(group.notes)
            top = QTreeWidgetItem(self.tree, [f"{group.heading} — {count} note"
                                              + ("s" if count != 1 else "")])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFirstColumnSpanned(True)
            for note in group.notes:
                row = QTreeWidgetItem(top, [note.text,
                                            names.about(note.kind, note.item_id, note.area_code),
                                            _day(note.edited_at.astimezone())])
                row.setToolTip(0, note.text)  # the whole note, however long
            top.setExpanded(True)
        self.tree.setColumnWidth(0, 400)
        self.tree.setColumnWidth(1, 340)
