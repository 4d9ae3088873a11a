"""``manifest.csv`` of a ward batch: one row per pack in the folder, with its SHA-256.

Files kept from an earlier run (not overwritten) are listed too, as checked and described by
:mod:`kept`, so the manifest always describes every pack in the folder. It is written atomically.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

from mag_desktop.core.briefing.pack import PackFile

MANIFEST = "manifest.csv"
COLUMNS = ("ward_code", "ward_name", "file", "pages", "sha256", "data_version")


def read_manifest(path: Path) -> list[dict[str, str]]:
    """The rows of a manifest (none when there is no readable manifest)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [row for row in csv.DictReader(handle) if row.get("file")]
    except (OSError, csv.Error, UnicodeDecodeError):
        return []


def write_manifest(folder: Path, packs: Sequence[PackFile]) -> Path:
    """One row per pack (written now or kept), sorted by file name."""
    path = folder / MANIFEST
    rows = [
        {"ward_code": p.audience_code, "ward_name": p.audience_name, "file": p.path.name,
         "pages": str(p.pages), "sha256": p.sha256, "data_version": str(p.data_version)}
        for p in packs if p.path.exists()
    ]
    rows.sort(key=lambda row: row["file"])
    temp = path.with_name(f".{MANIFEST}.{os.getpid()}.tmp")
    with temp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(temp, path)
    return path
