"""Ward packs already in a batch's folder: checked before they are kept, and described so the
manifest and the pack log list every pack in the folder.

A file is kept only when it is a complete pack that MAG Desktop wrote (a PDF: its creator or
author and its end marker; a web page: its generator and its closing tag) for the ward it is
named after, and, when the earlier manifest lists it, only when its SHA-256 still matches that
row. Packs written by a run that was killed before it could record them (its workers finished
their last wards) are described from the file itself: pages, data version (a PDF's subject or
metadata; a web page's ``<meta name="mag:data-version">`` and ``mag:audience-code``) and
checksum. Anything else is made again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mag_desktop.core.briefing.formats import format_of_file
from mag_desktop.core.briefing.pack import PackFile, sha256_of
from mag_desktop.core.briefing.pack_words import AUTHOR  # the creator (reportlab), author (Typst)

_PAGE = re.compile(rb"/Type\s*/Page[\s/>]")
_SUBJECT = re.compile(rb"/Subject \(((?:[^()\\]|\\.)*)\)")
_PRODUCER = re.compile(rb"/(?:Creator|Author)\s*\(" + re.escape(AUTHOR.encode()) + rb"[^)]*\)"
                       rb"|<dc:creator>\s*<rdf:Seq>\s*<rdf:li>" + re.escape(AUTHOR.encode()))
_VERSION = re.compile(rb"\\\(data version (\d+)\\\)")
_ANY_VERSION = re.compile(rb"data version (\d+)")
_HTML_GENERATOR = re.compile(rb'<meta name="generator" content="' + re.escape(AUTHOR.encode()))
_HTML_VERSION = re.compile(rb'<meta name="mag:data-version" content="(\d+)"')
_HTML_AUDIENCE = re.compile(rb'<meta name="mag:audience-code" content="([^"]*)"')
_TAIL = 1024


@dataclass(frozen=True)
class Found:
    """A pack in the folder: kept as it is (``pack``), or made again (``why``)."""

    pack: PackFile | None
    why: str = ""


def _complete_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-_TAIL:]


def _complete_html(data: bytes) -> bool:
    return data.lstrip().lower().startswith(b"<!doctype html") and \
        b"</html>" in data[-_TAIL:].lower()


def _ours(path: Path, data: bytes) -> bool:
    """A complete file that MAG Desktop wrote, in the format its name says."""
    if format_of_file(path).key == "html":
        return _complete_html(data) and bool(_HTML_GENERATOR.search(data))
    return _complete_pdf(data) and bool(_PRODUCER.search(data))


def _from_file(path: Path, data: bytes, code: str) -> tuple[int, int] | None:
    """(pages, data version) as the file itself says, or None when it does not say."""
    if format_of_file(path).key == "html":
        audience, version = _HTML_AUDIENCE.search(data), _HTML_VERSION.search(data)
        if audience is None or version is None or audience.group(1) != code.encode():
            return None
        return 0, int(version.group(1))
    subject = _SUBJECT.search(data)
    found = _VERSION.search(subject.group(1)) if subject else None
    if found is None and format_of_file(path).key == "accessible-pdf":
        found = _ANY_VERSION.search(data)  # Typst keeps the description in its metadata
    if found is None or code.encode() not in data:
        return None
    return len(_PAGE.findall(data)), int(found.group(1))


def describe(path: Path, code: str, name: str, earlier: dict[str, str] | None) -> Found:
    """Check a ward's existing pack and say what it holds, or why it must be made again."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Found(None, f"{path.name} cannot be read ({error.strerror or error})")
    if not _ours(path, data):
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
            return Found(_pack(path, code, name, pages, version, digest))
    said = _from_file(path, data, code)
    if said is None:
        return Found(None, f"{path.name} does not say which ward and data it holds")
    return Found(_pack(path, code, name, *said, digest))


def _pack(path: Path, code: str, name: str, pages: int, version: int, digest: str) -> PackFile:
    return PackFile(path=path, audience_code=code, audience_name=name, kind="ward pack",
                    pages=pages, charts=0, sha256=digest, data_version=version,
                    parameters={"kept": "written by an earlier run",
                                "format": format_of_file(path).key})
