"""``manifest.csv`` of a ward batch: one row per pack in the folder, with its SHA-256.

Files kept from an earlier run (not overwritten) are listed too, as checked and described by
:mod:`kept`, so the manifest always describes every pack in the folder; so are the rows of an
earlier run in another format (PDF and web pages may share a folder) whose files are still
there. The ``format`` column names each file's format (a manifest written before formats
existed lists PDFs). It is written atomically.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

from mag_desktop.core.briefing.formats import format_of_file
from mag_desktop.core.briefing.pack import PackFile

MANIFEST = "manifest.csv"
COLUMNS = ("ward_code", "ward_name", "file", "format", "pages", "sha256", "data_version")


def row_format(row: dict[str, str]) -> str:
    """The format of a manifest row's file (from the file's name in an older manifest)."""
    return row.get("format") or format_of_file(Path(row["file"])).key


def read_manifest(path: Path) -> list[dict[str, str]]:
    """The rows of a manifest (none when there is no readable manifest)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [row for row in csv.DictReader(handle) if row.get("file")]
    except (OSError, csv.Error, UnicodeDecodeError):
        return []


def write_manifest(folder: Path, packs: Sequence[PackFile], format: str | None = None
                   ) -> Path:
    """One row per pack (written now or kept), sorted by file name. With ``format`` (the
    run's), the earlier manifest's rows in other formats stay while their files are there."""
    path = folder / MANIFEST
    rows = [
        {"ward_code": p.audience_code, "ward_name": p.audience_name, "file": p.path.name,
         "format": str(p.parameters.get("format") or format_of_file(p.path).key),
         "pages": str(p.pages), "sha256": p.sha256, "data_version": str(p.data_version)}
        for p in packs if p.path.exists()
    ]
    if format is not None:
        listed = {row["file"] for row in rows}
        rows += [{**row, "format": row_format(row)} for row in read_manifest(path)
                 if row_format(row) != format and row["file"] not in listed
                 and (folder / row["file"]).exists()]
    rows.sort(key=lambda row: row["file"])
    temp = path.with_name(f".{MANIFEST}.{os.getpid()}.tmp")
    with temp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(temp, path)
    return path
