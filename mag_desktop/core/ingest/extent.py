"""The used range of a worksheet, measured from its XML before any reader is asked for cells.

A spreadsheet reader holds a sheet as a grid from its first used cell to its last, whatever
lies between. One stray cell at XFD1048576 in a 5 KB workbook makes that grid 17 billion cells:
the reader asks for 512 GiB and the process dies. The sheet's ``<dimension ref>`` cannot be
trusted (any program may write anything there), so the cell references themselves are read,
while the pre-flight inflates each sheet part anyway:

* a fast pass (:class:`Extent`) keeps, per part, the cells that hold something (``</c>``
  closes a cell with a value; an empty formatted cell is ``<c …/>`` and readers skip it) and
  the largest row and column seen, looking only for references with more letters or digits
  than any seen so far, so an ordinary sheet costs one search per chunk;
* when that bound is far larger than the cells held, an exact pass (:func:`far_cells`) reads
  every reference of that one part, finds the cells far outside the rest and names them.

The rule (documented in the clerks' guide): a sheet is refused when its used range exceeds
both :data:`FLOOR` cells and :data:`SPARSE` times the cells it holds. It is refused rather than
read around: the far cell is nearly always a slip (a key pressed at the end of the sheet), and a
clerk who deletes it and saves the workbook again gets the same import as before, with nothing
guessed on their behalf.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from mag_desktop.core.ingest.report import column_letter
from mag_desktop.core.ingest.xlsx_cells import SheetCells, column_index

#: a used range up to this many cells is always read (about 160 MB in the reader at most)
FLOOR = 5_000_000
#: a range more than this many times the cells it holds is "far larger than its cells"
SPARSE = 8
MAX_ROWS = 1_048_576
_TIER_COLUMNS = (0, 26, 702, 16_384)  # the last column with 0, 1, 2, 3 letters
_OVERLAP = 32  # bytes carried from one chunk to the next, where a reference may be cut
_SEAM_TAGS = 256  # bytes of the next chunk searched with them (a cell's tag, whole)
_LAST = re.compile(rb"""(?:<row\s[^>]{0,200}?\b|\s)r=["'][A-Z]{0,3}([0-9]{1,7})["']""")
#: a row or cell start tag: (row or cell, its attributes, its end); the end is "/>" or "></c>"
#: for a cell that holds nothing (openpyxl with lxml writes an empty text as
#: ``<c r="F2" t="inlineStr"></c>``), ">" otherwise
_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c)(\s[^>]*?)?(/>|></(?:[\w.-]+:)?c>|>)")
_ROW_NUMBER = re.compile(rb"""\br=["']([0-9]{1,7})["']""")
_CELL_REF = re.compile(rb"""\br=["']([A-Z]{1,3})([0-9]{1,7})["']""")


#: a part this large is searched for wider columns only (a third of the time), its rows taken
#: from the last row and cell of each chunk (rows come in order) and its cells estimated from
#: its size; smaller parts are searched for both, and their cells counted
FULL_BYTES = 64 * 1024 * 1024


def _tier(letters: int, digits: int | None) -> re.Pattern[bytes]:
    """References with more column letters (or more row digits) than these."""
    more_letters = f"[A-Z]{{{letters + 1},3}}" if letters < 3 else "(?!)"
    if digits is None:
        return re.compile(rf"""r=["']{more_letters}""".encode())
    return re.compile(
        rf"""r=["'](?:{more_letters}[0-9]|[A-Z]{{1,3}}[0-9]{{{digits + 1},}})""".encode())


@dataclass
class Extent:
    """The fast pass over one sheet part, fed chunk by chunk."""

    cells: int = 0
    rows: int = 0  # the largest row seen (exact for the reference that raised it)
    letters: int = 0  # letters of the widest column seen
    digits: int = 0
    full: bool = True  # search for longer row numbers too (see FULL_BYTES)
    #: the merged cells the part lists (after its rows), noted on the way for the reader
    merged: set[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=set)
    _tail: bytes = b""
    _merge_tail: bytes = b""

    def feed(self, chunk: bytes) -> None:
        # the chunk is searched as it is, and the few bytes around its start (where a tag may
        # be cut) on their own: joining it to the last chunk's end would copy a megabyte
        start = chunk[:_OVERLAP]
        seam = self._tail + start
        if b"mergeCell" in chunk or b"mergeCell" in self._merge_tail + chunk[:16]:
            self.merged |= SheetCells.merged_in(self._merge_tail + chunk)
        self._merge_tail = chunk[-256:]  # a mergeCell element cut off at the end
        if self.full:  # those across the seam once, those in the chunk once
            self.cells += chunk.count(b"</c>") + (
                seam.count(b"</c>") - self._tail.count(b"</c>") - start.count(b"</c>"))
        else:  # a large part: at least one cell held in every 48 bytes (an ordinary sheet has
            self.cells += len(chunk) // 48  # one in 20 to 35), at no cost
        self._search(self._tail + chunk[:_SEAM_TAGS])  # a reference cut at the join, with
        self._tail = chunk[-_OVERLAP:]  # enough after it to see whether its cell is empty
        self._search(chunk)

    def _search(self, text: bytes) -> None:
        pattern = _tier(self.letters, self.digits if self.full else None)
        at = 0
        while found := pattern.search(text, at):
            at = found.end()
            ref = re.match(rb"""r=["']([A-Z]+)([0-9]+)""", text[found.start():found.end() + 8])
            if ref is None or not self._valued(text, found.end()):
                continue
            letters, row = ref.group(1), int(ref.group(2))
            self.letters = max(self.letters, len(letters))
            self.rows = max(self.rows, row)
            self.digits = max(self.digits, len(ref.group(2)))
            pattern = _tier(self.letters, self.digits if self.full else None)
        for tag in (b"<row ", b' r="'):  # the last row, and the last cell, of the text
            last = text.rfind(tag)
            if last >= 0 and (number := _LAST.match(text, last)):
                self.rows = max(self.rows, int(number.group(1)))

    @staticmethod
    def _valued(window: bytes, at: int) -> bool:
        """Whether the cell whose reference ends at ``at`` holds something (is not ``<c/>``);
        a tag cut off at the chunk's end counts as holding something."""
        end = window.find(b">", at)
        return end < 0 or window[end - 1:end] != b"/"

    @property
    def bound(self) -> int:
        """An estimate of the used range, in cells (columns counted to the end of their tier)."""
        return min(self.rows, MAX_ROWS) * _TIER_COLUMNS[max(self.letters, 1)]

    def suspicious(self) -> bool:
        return too_large(self.bound, self.cells)


def too_large(area: int, cells: int) -> bool:
    return area > max(FLOOR, SPARSE * cells)


@dataclass
class Far:
    """A sheet whose used range is far larger than its cells."""

    cells: list[str]  # the far cells, farthest first ("XFD1048576")
    table: str  # the range of the other cells ("A1:M40")
    area: int


def far_cells(chunks: Iterable[bytes]) -> Far | None:
    """Read every cell reference of a part; the cells far outside the rest, or None when the
    used range is not too large after all."""
    rows: list[int] = []
    cols: list[int] = []
    cells = row = 0
    col = -1
    tail = b""
    for chunk in chunks:
        window = tail + chunk
        cut = window.rfind(b"<")
        if window[cut + 1:cut + 2] == b"/":  # keep a closing tag with the tag it closes
            cut = window.rfind(b"<", 0, cut)
        body, tail = (window[:cut], window[cut:]) if cut > 0 else (window, b"")
        cells += body.count(b"</c>")
        for kind, attributes, end in _TAG.findall(body):
            empty = end != b">"
            if kind == b"row":  # a cell without a reference takes its row's, and its place
                number = _ROW_NUMBER.search(attributes or b"")
                row, col = int(number.group(1)) if number else row + 1, -1
                continue
            ref = _CELL_REF.search(attributes or b"")
            row, col = (int(ref.group(2)), column_index(ref.group(1).decode())) if ref else (
                row, col + 1)
            if not empty:
                rows.append(row)
                cols.append(col)
    if not rows:
        return None
    r, c = np.array(rows), np.array(cols)
    keep = np.ones(len(r), dtype=bool)
    far: list[int] = []

    def area(mask: np.ndarray) -> int:
        return int((r[mask].max() - r[mask].min() + 1) * (c[mask].max() - c[mask].min() + 1))

    whole = area(keep)
    if not too_large(whole, cells):
        return None
    while keep.sum() > 1 and too_large(area(keep), cells) and len(far) < 1000:
        by_col = keep & (c < c[keep].max())
        by_row = keep & (r < r[keep].max())
        options = [m for m in (by_col, by_row) if m.any()]
        best = min(options, key=area)
        far.extend(np.flatnonzero(keep & ~best).tolist())
        keep = best
    far.sort(key=lambda i: (-int(r[i]) * int(c[i] + 1), int(r[i]), int(c[i])))
    names = [f"{column_letter(int(c[i]))}{int(r[i])}" for i in far]
    top = f"{column_letter(int(c[keep].min()))}{int(r[keep].min())}"
    bottom = f"{column_letter(int(c[keep].max()))}{int(r[keep].max())}"
    return Far(names, f"{top}:{bottom}", whole)


def far_message(file: str, sheet: str, far: Far) -> str:
    first = far.cells[0]
    if len(far.cells) == 1:
        what, verb, pronoun = f"cell {first}", "is", "it"
    else:
        others = len(far.cells) - 1
        what = f"cell {first} and {others:,} other cell{'s' if others > 1 else ''}"
        verb, pronoun = "are", "them"
    return (f"{file}: {what} on sheet {sheet} {verb} far outside the table ({far.table}), which "
            f"would make the sheet {far.area:,} cells to read: delete {pronoun} (or clear "
            "everything beyond the table) and save the workbook again")
