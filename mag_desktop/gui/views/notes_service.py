"""The window's way to the member's notes file: every read and write is one job on the
window's runner (the notes file is opened inside the job and closed after), so notes never
block the window. The panels and the Notes list ask through this object."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mag_desktop.core.notes import NoteBook, current_quarter, resolve_notes_path
from mag_desktop.core.notes.transfer import Imported, export_notes, import_notes

if TYPE_CHECKING:
    from mag_desktop.gui.views.main_window import MainWindow

T = TypeVar("T")


class NotesService:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.changed: list[Callable[[], None]] = []  # told after every write

    @property
    def path(self) -> Path:
        """The notes file: never the store (nor the release) the window shows."""
        return resolve_notes_path(None, self.w.session.path)

    def run(self, fn: Callable[[NoteBook, str], T], done: Callable[[T], None],
            on_error: Callable[[str], None] | None = None, *, writes: bool = False) -> None:
        """``fn(book, quarter)`` on a worker; ``quarter`` is the quarter of the data shown."""
        session = self.w.session

        def work(_progress: Any, _cancel: Any) -> T:
            quarter = session.read(lambda conn: current_quarter(conn))()
            with NoteBook.open(resolve_notes_path(None, session.path)) as book:
                return fn(book, quarter)

        def finished(result: T) -> None:
            done(result)
            if writes:
                for tell in list(self.changed):
                    tell()

        self.w.runner.run(work, finished, on_error or self.w.error)

    def export(self, target: Path, done: Callable[[int], None]) -> None:
        self.run(lambda book, _q: export_notes(book, target), done)

    def import_file(self, source: Path, done: Callable[[Imported], None]) -> None:
        self.run(lambda book, _q: import_notes(book, source), done, writes=True)
