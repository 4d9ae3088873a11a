"""The used range of each sheet of an OpenDocument spreadsheet, measured from ``content.xml``
before any reader is asked for cells.

OpenDocument writes a run of equal cells or rows once, with a count
(``table:number-columns-repeated``, ``table:number-rows-repeated``): LibreOffice ends every
sheet with a million empty rows written that way, which readers skip. A run that holds a
value, or a value after such a run, is another matter: the reader makes a grid of the whole
range, and 900 bytes can ask it for 16 billion cells. So the rows and columns are counted here
(with expat, as the part streams past) and a sheet is refused when its range of cells with
something in them is larger than :data:`MAX_CELLS`, or far larger than the cells it holds
(the same rule as for xlsx, :mod:`extent`).

The same pass notes the cells whose value type is ``percentage`` (0.563 shown as 56.3%), by
sheet name, Excel row and column, for the validation to read them as shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.parsers import expat

from mag_desktop.core.ingest.extent import FLOOR, SPARSE
from mag_desktop.core.ingest.report import column_letter

#: the most cells a sheet may expand to (about 640 MB in the reader)
MAX_CELLS = 20_000_000
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_MAX_REPEAT = 1 << 40
#: the most percentage cells noted from one repeated run (a run that large is no table)
MAX_PERCENT_RUN = 1_000_000


@dataclass
class _Sheet:
    name: str
    rows: int = 0  # rows passed so far
    cells: int = 0  # cells with something in them, runs counted in full
    last_row: int = 0  # 1-based, of the last row with something in it
    last_col: int = 0  # 1-based
    far: tuple[int, int] = (0, 0)  # (row, 0-based column) of the cell that added the most
    jump: int = 0  # cells it added to the range
    repeated: tuple[int, int, int] = (0, 0, 0)  # (row, column, cells) of the largest run


@dataclass
class OdsExtent:
    """Feed ``content.xml`` chunk by chunk; :meth:`refusal` says why a sheet is refused."""

    sheets: list[_Sheet] = field(default_factory=list)
    #: sheet name → (Excel row, 0-based column) of every cell of value type percentage
    percents: dict[str, set[tuple[int, int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._parser = expat.ParserCreate(namespace_separator=" ")
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._row_repeat = 1
        self._col = 0  # columns passed in the current row
        self._cell: tuple[int, int] | None = None  # (column, repeat) of an open cell
        self._cell_valued = False
        self._cell_percent = False

    def feed(self, chunk: bytes) -> None:
        self._parser.Parse(chunk, False)

    def finish(self) -> None:
        self._parser.Parse(b"", True)

    @staticmethod
    def _count(attrs: dict[str, str], name: str) -> int:
        try:
            return min(max(int(attrs.get(f"{TABLE} {name}", "1")), 1), _MAX_REPEAT)
        except ValueError:
            return 1

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{TABLE} table":
            self.sheets.append(_Sheet(attrs.get(f"{TABLE} name", f"Sheet{len(self.sheets) + 1}")))
        elif not self.sheets:
            return
        elif tag == f"{TABLE} table-row":
            self._row_repeat, self._col = self._count(attrs, "number-rows-repeated"), 0
        elif tag in (f"{TABLE} table-cell", f"{TABLE} covered-table-cell"):
            self._cell = (self._col, self._count(attrs, "number-columns-repeated"))
            kind = attrs.get(f"{OFFICE} value-type")
            self._cell_valued = kind is not None
            self._cell_percent = kind == "percentage"
        elif self._cell is not None:
            self._cell_valued = True  # text, a link, a note: something in the cell

    def _end(self, tag: str) -> None:
        if not self.sheets:
            return
        sheet = self.sheets[-1]
        if tag == f"{TABLE} table-row":
            sheet.rows += self._row_repeat
        elif tag in (f"{TABLE} table-cell", f"{TABLE} covered-table-cell") and self._cell:
            col, repeat = self._cell
            self._col += repeat
            self._cell = None
            if not self._cell_valued:
                return
            if self._cell_percent:
                self._note_percent(sheet, col, repeat)
            first_row, right = sheet.rows + 1, col + repeat
            last = sheet.rows + self._row_repeat
            run = repeat * self._row_repeat
            sheet.cells += run
            if run > sheet.repeated[2]:
                sheet.repeated = (first_row, col, run)
            before = sheet.last_row * sheet.last_col
            far = (last if last > sheet.last_row else first_row,
                   right - 1 if right > sheet.last_col else col)
            sheet.last_col, sheet.last_row = max(sheet.last_col, right), max(sheet.last_row, last)
            if sheet.last_row * sheet.last_col - before > sheet.jump:
                sheet.jump, sheet.far = sheet.last_row * sheet.last_col - before, far

    def _note_percent(self, sheet: _Sheet, col: int, repeat: int) -> None:
        if repeat * self._row_repeat > MAX_PERCENT_RUN:
            return
        found = self.percents.setdefault(sheet.name, set())
        for row in range(sheet.rows + 1, sheet.rows + self._row_repeat + 1):
            found.update((row, c) for c in range(col, col + repeat))

    def refusal(self, file: str) -> str | None:
        """Why the first sheet too large to read is refused, or None."""
        for s in self.sheets:
            area = s.last_row * s.last_col
            if s.repeated[2] > MAX_CELLS or (area > MAX_CELLS and s.cells > area // SPARSE):
                row, col, run = s.repeated
                return (f"{file}: cell {column_letter(col)}{row} on sheet {s.name} is repeated "
                        f"to fill {run:,} cells (the sheet would be {area:,} cells to read); "
                        "delete the rows and columns that are not part of the table and save "
                        "the spreadsheet again")
            if area > max(FLOOR, SPARSE * s.cells):
                row, col = s.far
                return (f"{file}: cell {column_letter(col)}{row} on sheet {s.name} is far "
                        f"outside the rest of the sheet, which would make it {area:,} cells to "
                        "read: delete it (or clear everything beyond the table) and save the "
                        "spreadsheet again")
        return None
