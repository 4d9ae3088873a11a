"""A member's private notes on commitments and indicators, kept in a file of their own.

Qt-free. The window's notes panel and the command line use the same calls:
:class:`NoteBook` (add, edit, delete, for_item, all), :func:`grouped` for the Notes list,
:mod:`transfer` to move notes to another laptop and :mod:`backups` to keep them with backups.
"""

from mag_desktop.core.notes.book import MergeReport, NoteBook
from mag_desktop.core.notes.listing import QuarterNotes, current_quarter, grouped
from mag_desktop.core.notes.location import default_notes_path, resolve_notes_path
from mag_desktop.core.notes.model import MAX_TEXT, Note, NoteError

__all__ = [
    "MAX_TEXT",
    "MergeReport",
    "Note",
    "NoteBook",
    "NoteError",
    "QuarterNotes",
    "current_quarter",
    "default_notes_path",
    "grouped",
    "resolve_notes_path",
]
