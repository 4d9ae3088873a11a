"""What python-calamine cannot tell: which xlsx cells hold an Excel error (#N/A, #DIV/0!), which
formulas were saved without a value, which numbers are formatted as percentages (0.563 that
Excel shows as 56.3%), which cells hold TRUE or FALSE (a column read column-wise as numbers
would hold 1 and 0); and the merged cells, which a sheet lists after its rows (noted by the
pre-flight's pass over each sheet, :mod:`extent`). Found while pre-flight streams the sheet
parts, and keyed by sheet name, Excel row and column so the report and the reader can use them.

A workbook whose styles hold no percent format costs nothing more: the sheets are searched for
percent cells only when ``styles.xml`` gives one of its cell styles a percent number format."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from posixpath import join, normpath

from defusedxml import ElementTree

from mag_desktop.core.ingest.numfmt import percent_styles

_ERROR = re.compile(
    rb'<c r="([A-Z]+)([0-9]+)"[^>]*?\bt="e"[^>]*>\s*(?:<f[^>]*(?:/>|>[^<]*</f>)\s*)?'
    rb"<v>([^<]*)</v>"
)
_FORMULA_NO_VALUE = re.compile(
    rb'<c r="([A-Z]+)([0-9]+)"([^>]*)>\s*<f[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)
_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
_BOOLEAN = re.compile(
    rb'<c r="([A-Z]+)([0-9]+)"[^>]*?\bt="b"[^>]*>\s*(?:<f[^>]*(?:/>|>[^<]*</f>)\s*)?<v>([01])</v>'
)
_MERGED = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*["']"""
                     rb"""\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?["']""")
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def column_index(letters: str) -> int:
    """"A" → 0, "AA" → 26."""
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


Cell = tuple[int, int]  # (Excel row, 0-based column)
Range = tuple[tuple[int, int], tuple[int, int]]  # merged: 0-based (row, column) of two corners


@dataclass
class SheetCells:
    errors: dict[str, dict[Cell, str]] = field(default_factory=dict)  # part → cell → "#N/A"
    formulas: dict[str, set[Cell]] = field(default_factory=dict)  # part → cells with no value
    names: dict[str, str] = field(default_factory=dict)  # part → sheet name
    #: part (or, for OpenDocument, sheet name) → numeric cells formatted as percentages
    percents: dict[str, set[Cell]] = field(default_factory=dict)
    _percent: re.Pattern[bytes] | None = None  # a cell with a percent style (None: no such style)
    merged: dict[str, set[Range]] = field(default_factory=dict)  # part → merged (extent.py)
    #: part → TRUE and FALSE cells (a column of numbers read column-wise would hold 1 and 0)
    booleans: dict[str, dict[Cell, bool]] = field(default_factory=dict)

    def read_styles(self, archive: zipfile.ZipFile) -> None:
        """Learn which cell styles (``s="…"``) show numbers as percentages."""
        try:
            styles = percent_styles(archive.read("xl/styles.xml"))
        except (KeyError, ElementTree.ParseError, ValueError):
            return
        if styles:
            ids = b"|".join(str(i).encode() for i in sorted(styles))
            self._percent = re.compile(
                rb'<c r="([A-Z]+)([0-9]+)"([^>]*?\bs="(?:' + ids + rb')"[^>]*)>\s*'
                rb"(?:<f[^>]*(?:/>|>[^<]*</f>)\s*)?<v>")

    def scan(self, part: str, window: bytes) -> None:
        if self._percent is not None:
            for col, row, attributes in self._percent.findall(window):
                kind = _TYPE.search(attributes)
                if kind is None or kind.group(1) == b"n":  # a number, not text or an error
                    self.percents.setdefault(part, set()).add(
                        (int(row), column_index(col.decode())))
        # each search is first made for one letter (memchr, ~30 times quicker than a search for
        # a few bytes among the sheet's many "<"), which a sheet of numbers and shared strings
        # rarely holds at all
        if b"b" in window and b't="b"' in window:
            for col, row, value in _BOOLEAN.findall(window):
                self.booleans.setdefault(part, {})[(int(row), column_index(col.decode()))] = (
                    value == b"1")
        if b"e" in window and b't="e"' in window:
            found = self.errors.setdefault(part, {})
            for col, row, value in _ERROR.findall(window):
                found[(int(row), column_index(col.decode()))] = value.decode(errors="replace")
        if b"f" in window and b"<f" in window:
            for col, row, attributes in _FORMULA_NO_VALUE.findall(window):
                if b't="str"' in attributes:  # a formula whose result is "" (kept empty)
                    continue
                self.formulas.setdefault(part, set()).add((int(row), column_index(col.decode())))

    def read_names(self, archive: zipfile.ZipFile) -> None:
        """Map worksheet parts to sheet names through workbook.xml and its relationships."""
        try:
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except (KeyError, ElementTree.ParseError):
            return
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{REL}Relationship")}
        for sheet in book.iter(f"{MAIN}sheet"):
            target = targets.get(sheet.get(f"{DOC_REL}id"), "")
            if target:
                part = target.lstrip("/") if target.startswith("/") else normpath(
                    join("xl", target))
                self.names[part] = sheet.get("name", part)

    def part_of(self, sheet: str) -> str | None:
        """The zip part that holds a sheet, if known."""
        return next((part for part, name in self.names.items() if name == sheet), None)

    def percents_of(self, sheet: str) -> set[Cell]:
        """(Excel row, column) of the sheet's numbers formatted as percentages."""
        found = set(self.percents.get(sheet, ()))  # an OpenDocument sheet, by name
        for part, cells in self.percents.items():
            if part != sheet and self.names.get(part) == sheet:
                found |= cells
        return found

    @staticmethod
    def merged_in(xml: bytes) -> set[Range]:
        """The merged cells listed in a piece of a sheet part."""
        found = set()
        for c0, r0, c1, r1 in _MERGED.findall(xml):
            first = (int(r0) - 1, column_index(c0.decode()))
            found.add((first, (int(r1) - 1, column_index(c1.decode())) if c1 else first))
        return found

    def merged_of(self, sheet: str) -> list[Range]:
        """The sheet's merged cells, 0-based, as python-calamine gives them."""
        return sorted(r for part, ranges in self.merged.items() if self.names.get(part) == sheet
                      for r in ranges)

    def booleans_of(self, sheet: str) -> dict[Cell, bool]:
        return {cell: v for part, cells in list(self.booleans.items())
                if self.names.get(part) == sheet for cell, v in cells.items()}

    def errors_of(self, sheet: str) -> dict[Cell, str]:
        return {cell: v for part, cells in list(self.errors.items())
                if self.names.get(part) == sheet for cell, v in cells.items()}

    def formula_gaps(self) -> list[tuple[str, int, int]]:
        """(sheet name, Excel row, column) of every formula saved without a value."""
        return sorted((self.names.get(part, part), row, col)
                      for part, cells in self.formulas.items() for row, col in cells)
