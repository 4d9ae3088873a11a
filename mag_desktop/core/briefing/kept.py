"""Ward packs already in a batch's folder: checked before they are kept, and described so the
manifest and the pack log list every PDF in the folder.

A file is kept only when it is a complete pack that MAG Desktop wrote (its producer, a PDF end
marker) for the ward it is named after, and, when the earlier manifest lists it, only when its
SHA-256 still matches that row. Packs written by a run that was killed before it could record
them (its workers finished their last wards) are described from the file itself: pages, data
version (from the document's subject) and checksum. Anything else is made again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mag_desktop.core.briefing.pack import PackFile, sha256_of
from mag_desktop.core.briefing.pdf import AUTHOR

_PAGE = re.compile(rb"/Type /Page[\s/>]")
_SUBJECT = re.compile(rb"/Subject \(((?:[^()\\]|\\.)*)\)")
_PRODUCER = re.compile(rb"/Creator \(" + re.escape(AUTHOR.encode()) + rb"[^)]*\)")
_VERSION = re.compile(rb"\\\(data version (\d+)\\\)")
_TAIL = 1024


@dataclass(frozen=True)
class Found:
    """A pack in the folder: kept as it is (``pack``), or made again (``why``)."""

    pack: PackFile | None
    why: str = ""


def _complete_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-_TAIL:]


def describe(path: Path, code: str, name: str, earlier: dict[str, str] | None) -> Found:
    """Check a ward's existing pack and say what it holds, or why it must be made again."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Found(None, f"{path.name} cannot be read ({error.strerror or error})")
    if not _complete_pdf(data) or not _PRODUCER.search(data):
        return Found(None, f"{path.name} is not a complete MAG Desktop pack")
    digest = sha256_of(path)
    if earlier is not None and earlier.get("sha256") not in (None, "", digest):
        return Found(None, f"{path.name} has changed since the manifest was written")
    if earlier is not None and earlier.get("ward_code") == code:
        try:
            pages, version = int(earlier["pages"]), int(earlier["data_version"])
        except (KeyError, ValueError):
            pages, version = -1, -1
        if pages >= 0 and version >= 0:
            return Found(_pack(path, code, name, pages, digest, version))
    subject = _SUBJECT.search(data)
    found = _VERSION.search(subject.group(1)) if subject else None
    if found is None or code.encode() not in data:
        return Found(None, f"{path.name} does not say which ward and data it holds")
    pages = len(_PAGE.findall(data))
    return Found(_pack(path, code, name, pages, digest, int(found.group(1))))


def _pack(path: Path, code: str, name: str, pages: int, digest: str, version: int) -> PackFile:
    return PackFile(path=path, audience_code=code, audience_name=name, kind="ward pack",
                    pages=pages, charts=0, sha256=digest, data_version=version,
                    parameters={"kept": "written by an earlier run"})
