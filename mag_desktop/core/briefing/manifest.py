"""``manifest.csv`` of a ward batch: one row per pack in the folder, with its SHA-256.

Rows for files kept from an earlier run (not overwritten) are carried over from the earlier
manifest, so the manifest always describes the folder. It is written atomically.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from mag_desktop.core.briefing.pack import PackFile

MANIFEST = "manifest.csv"
COLUMNS = ("ward_code", "ward_name", "file", "pages", "sha256", "data_version")


class Kept(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def file(self) -> Path: ...


def read_manifest(path: Path) -> list[dict[str, str]]:
    """The rows of a manifest (none when there is no readable manifest)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [row for row in csv.DictReader(handle) if row.get("file")]
    except (OSError, csv.Error, UnicodeDecodeError):
        return []


def write_manifest(folder: Path, written: Sequence[PackFile], kept: Sequence[Kept]) -> Path:
    path = folder / MANIFEST
    earlier = {row["file"]: row for row in read_manifest(path)}
    rows = [
        {"ward_code": p.audience_code, "ward_name": p.audience_name, "file": p.path.name,
         "pages": str(p.pages), "sha256": p.sha256, "data_version": str(p.data_version)}
        for p in written
    ]
    rows += [earlier[w.file.name] for w in kept
             if w.file.name in earlier and w.file.exists()]
    rows.sort(key=lambda row: row["file"])
    temp = path.with_name(f".{MANIFEST}.{os.getpid()}.tmp")
    with temp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(temp, path)
    return path
