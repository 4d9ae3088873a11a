"""The packs produced from this store: when, by whom, for what (audience, themes, meeting), in
which format, from which data version, and each file's SHA-256 so a pack on a member's desk
can be checked against the log. A web page has no pages: its Pages cell reads "web page"."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from mag_desktop.core.briefing.formats import DEFAULT_FORMAT, FORMATS, pages_text
from mag_desktop.core.briefing.pack import list_packs
from mag_desktop.gui.models.frame_model import Column, FrameModel
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.views.tables import FrameTable

if TYPE_CHECKING:
    from mag_desktop.gui.views.main_window import MainWindow

#: Theme names are listed up to this many; more read "N themes" (the whole list on hover).
LISTED_THEMES = 3

COLUMNS = [Column("produced_at", "When"), Column("kind", "Pack"),
           Column("audience", "Audience"),
           Column("themes", "Themes", tooltip="all_themes",
                  help="The themes the pack covered; hover for the whole list."),
           Column("meeting", "Meeting", help="The meeting the pack was made for, and its date."),
           Column("format", "Format", help="Standard PDF, accessible (tagged) PDF or web page."),
           Column("pages_text", "Pages", align="right", sort_key="pages"),
           Column("data_version", "Data version", align="right"), Column("os_user", "By"),
           Column("file", "File", tooltip="file"), Column("sha256", "SHA-256")]


def themes_text(names: tuple[str, ...]) -> str:
    """A short list for the table: the names, or how many when there are many."""
    if len(names) <= LISTED_THEMES:
        return ", ".join(names)
    return f"{len(names)} themes"


def packs_frame(conn: sqlite3.Connection) -> pd.DataFrame:
    records = list_packs(conn)
    return pd.DataFrame([{
        "produced_at": r.produced_at.replace("T", " ")[:16], "kind": r.kind,
        "audience": r.parameters.get("audience_name") or r.parameters.get("audience", ""),
        "themes": themes_text(r.theme_names), "all_themes": "\n".join(r.theme_names),
        "meeting": r.meeting,
        "format": _format_name(r.parameters.get("format")),
        "pages": r.pages, "pages_text": _pages(r.pages, r.parameters.get("format")),
        "data_version": r.data_version, "os_user": r.os_user,
        "file": r.file, "sha256": r.sha256} for r in records],
        columns=[c.key for c in COLUMNS] + ["all_themes", "pages"])


def _format_name(key: object) -> str:
    """The format's name for people (a pack logged before formats were recorded: a PDF)."""
    kind = FORMATS.get(str(key or DEFAULT_FORMAT))
    return kind.label if kind is not None else str(key)


def _pages(pages: int | None, key: object) -> str:
    """The Pages cell: "12", or "web page" for a pack without pages, "—" when unknown."""
    text = pages_text(pages, str(key or DEFAULT_FORMAT))
    return text.split()[0] if text[:1].isdigit() else text


class PackLogDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Packs produced")
        self.resize(1200, 480)  # the screen fit narrows it on a small screen
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Every pack made from this store, newest first, with the data "
                                "version it was built from and its SHA-256 fingerprint.", self))
        self.model = FrameModel(COLUMNS, self)
        self.table = FrameTable("Packs produced", self.model, window.settings, self)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        window_operations(window).read(self, packs_frame, success=self.model.set_frame) \
            .run_in_background()
