"""Constants and PDF-reading helpers shared by the briefing tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from mag_desktop.core.briefing.model import Briefing
from mag_desktop.core.briefing.pdf import RenderResult

BIRMINGHAM = "E08000025"
ACOCKS_GREEN = "E05011118"


@dataclass(frozen=True)
class RenderedPack:
    briefing: Briefing
    result: RenderResult
    path: Path
    reader: PdfReader
    texts: list[str]  # each page's extracted text


def lines(text: str) -> list[str]:
    """The non-empty lines of extracted text, with spaces normalised."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def flat(text: str) -> str:
    return " ".join(text.split())


def outline_pages(reader: PdfReader) -> list[tuple[str, int, int]]:
    """(title, 1-based page, depth) of every outline entry, in document order."""
    found: list[tuple[str, int, int]] = []

    def walk(items: list, depth: int) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((item.title, reader.get_destination_page_number(item) + 1, depth))

    walk(reader.outline, 0)
    return found


def contents_entries(text: str) -> list[tuple[str, int]]:
    """(title, page) pairs from the contents page's text (a title line, then its number)."""
    entries: list[tuple[str, int]] = []
    title: list[str] = []
    for line in lines(text):
        if re.fullmatch(r"\d+", line) and title:
            entries.append((" ".join(title), int(line)))
            title = []
        elif line not in ("Contents", "OFFICIAL") and not line.startswith(
                ("Members Advisory Group briefing", "Data version", "Page ")):
            title.append(line)
    return entries

