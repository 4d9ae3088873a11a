"""Writing a pack to a file from the window, and saving it: the job a worker runs (the store
checked first, a release's id recorded, a saved pack logged), the name a person would give
the file, the folder it is first offered in, the save dialog showing only the format's files,
the format's extension added to a name typed without it, and the Save button's words."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from mag_desktop.core.briefing.formats import PackFormat
from mag_desktop.core.briefing.pack import (
    PackFile,
    PackOptions,
    log_packs,
    pack_file_name,
    write_pack,
)
from mag_desktop.core.release.member import release_id_of
from mag_desktop.core.store import faults
from mag_desktop.core.tasks import CancelToken, Progress

if TYPE_CHECKING:
    from mag_desktop.gui.session import Session


def pack_job(session: Session, audience: str, options: PackOptions, out: Path,
             log: bool) -> Callable[[Progress, CancelToken], PackFile]:
    """The work of making one pack at ``out``, for a worker thread; ``log`` records it in the
    pack log (a saved pack, not a preview) unless the store is read-only."""
    store = session.store

    def work(_progress: Progress, _cancel: CancelToken) -> PackFile:
        def checked(conn: sqlite3.Connection) -> PackFile:
            faults.quick_check(conn, session.path)  # never a pack from a damaged store
            release = release_id_of(conn)  # a pack made from a release records its id
            return write_pack(conn, audience, out,
                              replace(options, release_id=release) if release else options)

        pack = session.read(checked)()
        if log and not session.read_only:
            log_packs(store, [pack])
        return pack

    return work


def suggested_name(authority: str, ward: str | None, as_at: str | None, key: str) -> str:
    """The file name offered: "Aston (Birmingham) ward pack 2026 Q3.pdf" for a ward,
    "Birmingham briefing pack 2026 Q3 (accessible).pdf" for an authority."""
    if ward:
        return pack_file_name(ward, "ward", as_at, authority, key)
    return pack_file_name(authority, "authority", as_at, format=key)


def suggested_path(name: str) -> Path:
    """The name in the user's Documents folder, or the home folder if there is none."""
    folder = Path.home() / "Documents"
    return (folder if folder.is_dir() else Path.home()) / name


def with_extension(path: Path, kind: PackFormat) -> Path:
    """The format decides the extension: one typed without it (or with another) gets it."""
    if path.suffix.lower() == kind.extension:
        return path
    return path.with_name(path.name + kind.extension)


def ask_save_path(parent: QWidget, name: str, kind: PackFormat) -> Path | None:
    """Where the user chose to save the pack, with the format's extension; None if cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, "Save the briefing pack",
                                          str(suggested_path(name)), kind.file_filter())
    return with_extension(Path(path), kind) if path else None


def save_button_text(kind: PackFormat) -> str:
    return "&Save web page…" if kind.extension == ".html" else "&Save PDF…"
