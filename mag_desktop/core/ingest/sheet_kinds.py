"""What each sheet of a workbook is: data, or a cover sheet, a contents page or notes.

Official workbooks open with a cover sheet, a contents page and a notes sheet before the
tables (the accessibility guidance of the Government Statistical Service asks for them). The
import wizard marks them and opens the first data sheet. A sheet is recognised by its name
("Cover_sheet", "Contents", "Notes", "Metadata") or, failing that, by what it holds: a few rows
of prose and no table (notes, or the cover when it is the first sheet), or a list of the other
sheets (contents).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mag_desktop.core.ingest.readers import Row, Workbook
from mag_desktop.core.ingest.table import blank, cell_text

SCAN = 60  # rows looked at per sheet
DATA = "data"
REASONS = {"cover": "Cover sheet", "contents": "Contents", "notes": "Notes",
           "empty": "Empty sheet"}
_NAMES = (
    ("cover", ("cover", "cover sheet", "cover page", "front page", "front sheet",
               "title page", "title sheet")),
    ("contents", ("contents", "table of contents", "list of tables", "index")),
    ("notes", ("notes", "note", "notes and definitions", "metadata", "information", "info",
               "about", "about this data", "readme", "read me", "glossary", "methodology",
               "background", "footnotes", "quality", "guidance", "introduction", "sources")),
)
PHRASES = {"cover": "a cover sheet", "contents": "a contents page", "notes": "notes",
            "empty": "empty"}
_TABLE_REF = re.compile(r"^(table|worksheet|sheet|tab)\s*\d+[a-z]?\b", re.IGNORECASE)


@dataclass(frozen=True)
class SheetKind:
    name: str
    kind: str  # DATA or a key of REASONS
    reason: str = ""  # why it is not data: "Cover sheet", "Contents", "Notes"
    by_name: bool = False  # recognised by its name (else by what it holds)

    @property
    def is_data(self) -> bool:
        return self.kind == DATA

    @property
    def phrase(self) -> str:
        """What the sheet is, in a sentence: "a contents page", "notes"."""
        return PHRASES.get(self.kind, "data")


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def kind_by_name(name: str) -> str | None:
    """"cover", "contents" or "notes" when the sheet's name says so ("Cover_sheet",
    "Notes table", "Contents"); None otherwise."""
    key = _key(name)
    for kind, words in _NAMES:
        if any(key == w or key.startswith(w + " ") for w in words):
            return kind
    return None


def kind_by_content(rows: list[Row], others: set[str], first: bool) -> str:
    """DATA, or what a sheet of ``rows`` looks like: a list of the ``others`` sheets or of
    numbered tables (contents), prose without a table (the cover when ``first``, else notes),
    nothing (empty)."""
    filled = [[c for c in row if not blank(c)] for row in rows]
    if not any(filled):
        return "empty"
    numbers = sum(1 for cells in filled for c in cells
                  if isinstance(c, int | float) or cell_text(c).replace(".", "").isdigit())
    references = 0
    for row in rows:
        for cell in row[:3]:
            text = cell_text(cell) if isinstance(cell, str) else ""
            if re.search("[a-z]", text, re.IGNORECASE) and (
                    _key(text) in others or _TABLE_REF.match(text)):
                references += 1
    if references >= 3 and numbers < 6:
        return "contents"
    wide = sum(1 for cells in filled if len(cells) >= 3)
    if wide < 2 and numbers < 6:
        return "cover" if first else "notes"
    return DATA


def sheet_kinds(book: Workbook) -> list[SheetKind]:
    """Every sheet of ``book`` in order, with its kind (a CSV file's one sheet is data)."""
    names = list(book.sheet_names)
    if book.pre.format == "csv":
        return [SheetKind(n, DATA) for n in names]
    out = []
    for i, name in enumerate(names):
        kind = kind_by_name(name)
        by_name = kind is not None
        if kind is None:
            others = {_key(n) for n in names if n != name}
            kind = kind_by_content(book.sheet(name).head(SCAN), others, i == 0)
        out.append(SheetKind(name, kind, REASONS.get(kind, ""), by_name))
    return out


def first_data_sheet(kinds: list[SheetKind]) -> str | None:
    return next((k.name for k in kinds if k.is_data), None)
