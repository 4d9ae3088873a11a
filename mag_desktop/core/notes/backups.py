"""Notes travel with the store's backups: written beside each backup, merged back on restore.

A backup ``store-20261203-backup.sqlite`` gains ``store-20261203-backup.sqlite.notes.json``,
an ordinary notes export. Restoring the backup merges those notes into the notes file (the
newer edit of a note wins, and no note written since the backup is lost). The store itself
never holds a note, so replacing the store (a restore, a new release, a copied file) leaves the
notes file as it was.
"""

from __future__ import annotations

from pathlib import Path

from mag_desktop.core.notes.book import NoteBook
from mag_desktop.core.notes.transfer import Imported, export_notes, import_notes

SUFFIX = ".notes.json"


def notes_beside(backup: Path) -> Path:
    """Where the notes of a store backup are written."""
    return Path(backup).with_name(Path(backup).name + SUFFIX)


def back_up_notes(notes_path: Path, backup: Path) -> tuple[Path, int] | None:
    """Write the notes beside ``backup`` (path and how many); None when there is no notes file
    yet, so a clerk's laptop without notes gains no empty files."""
    if not Path(notes_path).is_file():
        return None
    target = notes_beside(backup)
    with NoteBook.open(notes_path) as book:
        return target, export_notes(book, target)


def restore_notes(notes_path: Path, backup: Path) -> Imported | None:
    """Merge the notes kept beside ``backup`` into the notes file; None when it has none."""
    source = notes_beside(backup)
    if not source.is_file():
        return None
    with NoteBook.open(notes_path) as book:
        return import_notes(book, source)
