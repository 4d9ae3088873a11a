"""The window's way to the member's notes file: every read and write is one job on the
window's runner (the notes file is opened inside the job and closed after), so notes never
block the window. The panels and the Notes list ask through this object, which holds the
window's operations (its runner and session), not the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from mag_desktop.core.notes import NoteBook, current_quarter, resolve_notes_path
from mag_desktop.core.notes.transfer import Imported, export_notes, import_notes
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.operation import Operations
from mag_desktop.gui.runner import Progress

T = TypeVar("T")


class NotesService:
    def __init__(self, ops: Operations) -> None:
        self.ops = ops
        self.changed: list[Callable[[], None]] = []  # told after every write

    @property
    def path(self) -> Path:
        """The notes file: never the store (nor the release) the window shows."""
        return resolve_notes_path(None, self.ops.session.path)

    def run(self, fn: Callable[[NoteBook, str], T], done: Callable[[T], None],
            on_error: Callable[[str], None] | None = None, *, writes: bool = False) -> None:
        """``fn(book, quarter)`` on a worker; ``quarter`` is the quarter of the data shown."""
        session = self.ops.session

        def work(_progress: Progress, _cancel: CancelToken) -> T:
            quarter = session.read(lambda conn: current_quarter(conn))()
            with NoteBook.open(resolve_notes_path(None, session.path)) as book:
                return fn(book, quarter)

        def finished(result: T) -> None:
            done(result)
            if writes:
                for tell in list(self.changed):
                    tell()

        self.ops.query(None, work, success=finished).failure(on_error or self.ops.error) \
            .run_in_background()

    def export(self, target: Path, done: Callable[[int], None]) -> None:
        self.run(lambda book, _q: export_notes(book, target), done)

    def import_file(self, source: Path, done: Callable[[Imported], None]) -> None:
        self.run(lambda book, _q: import_notes(book, source), done, writes=True)
