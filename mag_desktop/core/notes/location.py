"""Where a member's notes live: ``--notes PATH`` beats ``MAG_NOTES``, which beats the user data
folder (beside the store's default place, never inside the store or a release)."""

from __future__ import annotations

import os
from pathlib import Path

from mag_desktop.core.notes.model import NoteError
from mag_desktop.core.store.location import default_store_path

NOTES_FILE = "mag-desktop-notes.sqlite"


def default_notes_path() -> Path:
    return default_store_path().parent / NOTES_FILE


def resolve_notes_path(explicit: str | os.PathLike[str] | None = None,
                       store_path: Path | None = None) -> Path:
    """The notes file to use; refused when it is the store itself."""
    if explicit:
        path = Path(explicit).expanduser()
    elif os.environ.get("MAG_NOTES"):
        path = Path(os.environ["MAG_NOTES"]).expanduser()
    else:
        path = default_notes_path()
    if store_path is not None and _same(path, store_path):
        raise NoteError(f"{path} is the store: notes are kept in a file of their own, "
                        "so that new data never touches them")
    return path


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a.absolute() == b.absolute()
