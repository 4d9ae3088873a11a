"""Readers: a workbook or CSV file as named sheets, with Excel's row and column numbers.

An xlsx sheet is read in two parts. Its first rows (where the header, titles and layout are
found) come from python-calamine with each cell's own type, cut from the sheet without parsing
the rest (:mod:`head`); the table's rows come column-wise from fastexcel (:mod:`fastread`).
Both read cached values and never evaluate a formula or load a macro. An OpenDocument sheet is
parsed whole by python-calamine, and CSV files are decoded as Excel writes them
(:mod:`csvtext`); their rows are made into columns here.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice, zip_longest
from pathlib import Path
from typing import Any

import numpy as np
import python_calamine as pc

from mag_desktop.core.ingest import csvtext, fastread, head, pieces
from mag_desktop.core.ingest.ahead import Ahead
from mag_desktop.core.ingest.preflight import FileRefused, Preflight

Cell = Any
Row = list[Cell]
Range = tuple[tuple[int, int], tuple[int, int]]
#: rows of an xlsx sheet read with their types for finding and surveying its tables
HEAD_ROWS = 10_001


@dataclass
class Sheet:
    """One sheet: rows from Excel row 1 down; cell ``j`` of a row is column ``col_offset + j``.

    ``height`` is exact once the rows are read; for a large xlsx sheet it is first estimated
    from its size (it only measures progress)."""

    name: str
    col_offset: int
    height: int
    #: gives the sheet's Excel error cells, (row, col) → "#N/A"; asked for only when the data
    #: is read, so the background scan of the file overlaps the parsing of the sheet
    error_source: Callable[[], dict[tuple[int, int], str]] | None = None
    merged_source: Callable[[], list[Range]] | None = None
    boolean_source: Callable[[], dict[tuple[int, int], bool]] | None = None
    _errors: dict[tuple[int, int], str] | None = None
    _merged: list[Range] | None = None
    _booleans: dict[tuple[int, int], bool] | None = None
    _source: Any = None  # rows from python-calamine: the whole sheet, or its first rows
    _rows: list[Row] | None = None
    _body: fastread.Body | None = None  # the table's rows, column-wise
    _whole: Callable[[], Any] | None = None  # the whole sheet, when more rows are asked for

    @property
    def errors(self) -> dict[tuple[int, int], str]:
        if self._errors is None:
            self._errors = self.error_source() if self.error_source else {}
        return self._errors

    @property
    def merged(self) -> list[Range]:
        """Merged cells, ((first row, first col), (last row, last col)), 0-based."""
        if self._merged is None:
            self._merged = self.merged_source() if self.merged_source else []
        return self._merged

    def iter_rows(self) -> Iterator[Row]:
        if self._rows is not None:
            yield from self._rows
        elif self._source is not None:
            yield from self._source.iter_rows()

    def head(self, n: int) -> list[Row]:
        """The first ``n`` rows (fewer when the sheet ends), each cell with its own type."""
        if n > HEAD_ROWS and self._whole is not None:  # only the first rows were cut out
            self._source, self._whole = self._whole(), None
        out: list[Row] = []
        for row in self.iter_rows():
            out.append(list(row))
            if len(out) >= n:
                break
        return out

    def columns(self, first: int, stop: int | None, width: int, size: int
                ) -> Iterator[tuple[np.ndarray, list[np.ndarray]]]:
        """(Excel row numbers, one object array per column) for the rows from ``first``
        (0-based) up to ``stop``, ``width`` columns from ``col_offset``, ``size`` at a time;
        an empty cell is ``""``."""
        if self._body is not None:
            for numbers, cols in self._body.chunks(first, stop, self.col_offset, width, size,
                                                   self._numeric(first, width)):
                self._put_back_booleans(numbers, cols)
                yield numbers, cols
            return
        rows = islice(self.iter_rows(), first, stop)
        while batch := list(islice(rows, size)):
            yield np.arange(first + 1, first + len(batch) + 1, dtype=np.int64), _columns(
                batch, width)
            first += len(batch)

    def _put_back_booleans(self, numbers: np.ndarray, cols: list[np.ndarray]) -> None:
        """TRUE and FALSE as python-calamine gives them (read column-wise they are 1 and 0 in a
        column of numbers, "true" and "false" in one of text)."""
        if self._booleans is None:
            self._booleans = self.boolean_source() if self.boolean_source else {}
        if not self._booleans or not len(numbers):
            return
        first, last = int(numbers[0]), int(numbers[-1])
        for (row, col), value in self._booleans.items():
            j = col - self.col_offset
            if first <= row <= last and 0 <= j < len(cols):
                cols[j][row - first] = value

    def _numeric(self, first: int, width: int) -> frozenset[int]:
        """The columns read as numbers: those with a number, and no TRUE or FALSE, in the
        first rows from ``first`` on (Excel's 0-based column numbers)."""
        kinds: list[set[type]] = [set() for _ in range(width)]
        for row in self.head(max(HEAD_ROWS, first + 1000))[first:]:  # a table low down: its own
            for j, cell in enumerate(row[:width]):
                kinds[j].add(type(cell))
        return frozenset(self.col_offset + j for j, k in enumerate(kinds)
                         if float in k and bool not in k)


def _columns(batch: list[Row], width: int) -> list[np.ndarray]:
    """The batch as one object array per column (one C-level copy when rows are even)."""
    first = len(batch[0])
    if first >= width and all(len(r) == first for r in batch):
        try:
            grid = np.empty((len(batch), first), dtype=object)
            grid[:] = batch
            return [grid[:, j] for j in range(width)]
        except ValueError:  # rows of different lengths after all
            pass
    cols = [np.array(c, dtype=object) for c in islice(zip_longest(*batch, fillvalue=""), width)]
    return cols + [np.full(len(batch), "", dtype=object) for _ in range(width - len(cols))]


class Workbook:
    """The sheets of one file, opened lazily."""

    def __init__(self, pre: Preflight, *, cut_ahead: bool = False) -> None:
        """``cut_ahead``: start cutting the largest sheet into pieces at once (for an import,
        which reads it all; a preview reads only its first rows)."""
        self.pre = pre
        self.path = pre.path
        self._book: pc.CalamineWorkbook | None = None
        self._csv: Sheet | None = None
        self._sheets: dict[str, Sheet] = {}
        #: the largest sheet's pieces (:mod:`pieces`), cut while the tables are found
        self._cutting: tuple[str, Ahead[pieces.Piece]] | None = None
        if pre.format == "csv":
            self._csv = read_csv(pre.path)
        else:
            try:
                self._book = pc.CalamineWorkbook.from_path(str(pre.path))
            except pc.PasswordError as exc:
                raise FileRefused(
                    f"{pre.path.name}: this file is password-protected: save an unprotected copy"
                ) from exc
            except Exception as exc:  # calamine raises several kinds for damaged files
                raise FileRefused(
                    f"{pre.path.name}: the file cannot be read as {pre.format.upper()}; it may "
                    f"be damaged ({exc})"
                ) from exc
            if cut_ahead and pre.format != "ods":
                self._cutting = _start_cutting(pre)

    @property
    def sheet_names(self) -> list[str]:
        if self._csv is not None:
            return [self._csv.name]
        assert self._book is not None
        return list(self._book.sheet_names)

    def sheet(self, name: str) -> Sheet:
        """A sheet, loaded once (its first rows, or all of it for OpenDocument)."""
        if self._csv is not None:
            return self._csv
        if name not in self._sheets:
            self._sheets[name] = self._load(name)
        return self._sheets[name]

    def _whole(self, name: str) -> Any:
        assert self._book is not None
        try:
            return self._book.get_sheet_by_name(name)
        except Exception as exc:
            raise FileRefused(f"{self.path.name}: sheet {name!r} cannot be read ({exc})") from exc

    def _load(self, name: str) -> Sheet:
        part = self.pre.cells.part_of(name) if self.pre.format != "ods" else None
        cut = head.head_sheet(self.path, part, name, HEAD_ROWS) if part else None
        raw = cut[0] if cut else self._whole(name)
        start = raw.start
        sheet = Sheet(
            name=name,
            col_offset=start[1] if start else 0,
            height=raw.end[0] + 1 if raw.end else 0,
            error_source=lambda: self.pre.cells.errors_of(name),
            _source=raw,
        )
        if part is None:  # OpenDocument: every row from the whole sheet
            sheet._merged = list(raw.merged_cell_ranges or [])
            return sheet
        sheet.merged_source = lambda: self.pre.cells.merged_of(name)  # noted by the pre-flight
        cutting = None
        if self._cutting is not None and self._cutting[0] == part:
            cutting, self._cutting = self._cutting[1], None
        sheet._body = fastread.Body(self.path, name, part, cutting)
        sheet.boolean_source = lambda: self.pre.cells.booleans_of(name)
        if cut is not None:
            sheet._whole = lambda: self._whole(name)
            sheet.height = max(sheet.height, cut[1])
        return sheet

    def read_whole(self) -> None:
        """Read every sheet whole from now on, not in pieces (see :class:`pieces.OutOfOrder`)."""
        if self._cutting is not None:
            self._cutting[1].close()
            self._cutting = None
        for sheet in self._sheets.values():
            if sheet._body is not None:
                sheet._body.read_whole()

    def close(self) -> None:
        """Free the parsed sheets (a large sheet holds hundreds of MB until then)."""
        for sheet in self._sheets.values():
            sheet._source = sheet._whole = None
            if sheet._body is not None:
                sheet._body.close()
        self._sheets.clear()
        if self._cutting is not None:
            self._cutting[1].close()
            self._cutting = None
        if self._book is not None:
            self._book.close()


def _start_cutting(pre: Preflight) -> tuple[str, Ahead[pieces.Piece]] | None:
    """Start cutting the largest sheet into pieces, if it is worth it: it is nearly always the
    one imported, and cutting it while its tables are found puts the second core to use."""
    try:
        with zipfile.ZipFile(pre.path) as archive:
            sizes = {m.filename: m.file_size for m in archive.infolist()
                     if m.filename in pre.cells.names}
    except (OSError, zipfile.BadZipFile):
        return None
    if not sizes:
        return None
    part = max(sizes, key=lambda p: sizes[p])
    size = pieces.piece_size(pre.path, part)
    if size is None:
        return None
    return part, Ahead(lambda: pieces.pieces(pre.path, part, size), pieces.AHEAD)


def read_csv(path: Path) -> Sheet:
    """A CSV file as one sheet (see :mod:`csvtext` for the encoding and delimiter rules)."""
    try:
        text, _encoding = csvtext.decode(path.read_bytes())
        rows = list(csvtext.rows(text, csvtext.sniff(text)))
    except csvtext.CsvRefused as exc:
        raise FileRefused(f"{path.name}: {exc}") from exc
    return Sheet(name=path.stem, col_offset=0, height=len(rows), _rows=rows)
