"""A sheet's table rows read column-wise: fastexcel (calamine into Arrow, no Python object per
cell), then one object array per column, in chunks, for the validation.

Each column's type is chosen from the sheet's first rows (read by python-calamine, :mod:`head`).
A column that holds numbers there is read as float64, so every number stays the exact float
Excel saved; text in it that reads as a number comes as that number (``"007"`` as 7.0, as the
validation reads it anyway), and a cell such a column cannot hold (a marker like ``[c]``, other
text, a date) comes back from fastexcel's account of it, as python-calamine gives it. Any other
column is read as text, and each distinct text is turned back, once, into a whole number
(``"12"`` → 12.0, never ``"007"``) or a date (``"2024-01-02 00:00:00"``), as python-calamine
gives those cells. Empty cells, and Excel errors (put back from the pre-flight scan by
:mod:`table`), are ``""``.

Why the first rows choose: fastexcel writes a fraction it turns into text with nine decimals
(1/3 as ``"0.333333333"``), and reads TRUE as 1 in a column of numbers. A column whose first
rows hold TRUE or FALSE is therefore read as text, and the reader puts every TRUE and FALSE back
from the pre-flight's scan (:mod:`xlsx_cells`). A column whose first rows hold no number at all
is read as text at first; when a number with a fraction or an exponent turns up in it, the
column is read again as numbers, so no figure is ever cut to nine decimals.

A large sheet is read in pieces (:mod:`pieces`), two at a time on threads of their own, and
each piece's rows are given as soon as the pieces before it are: the rows are checked while the
next are parsed, and the two cores share the parsing (fastexcel works without Python's lock).
When a sheet cannot be cut, or a piece is refused, the rows not yet given are read whole; when
a piece shows rows out of order after rows were given, :class:`pieces.OutOfOrder` reaches the
caller, which reads the sheet again whole (:meth:`Body.read_whole`).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from mag_desktop.core.ingest import pieces
from mag_desktop.core.ingest.ahead import Ahead
from mag_desktop.core.ingest.arrowcells import FRACTION, cell_of, objects
from mag_desktop.core.ingest.preflight import FileRefused

logging.getLogger("fastexcel").setLevel(logging.ERROR)  # its notes on column types

Chunk = tuple[np.ndarray, list[np.ndarray]]
#: pieces read at once, beside the one whose rows are being checked
READ_AHEAD = 2


@dataclass
class Read:
    """Rows read in one go: the batch, the Excel row (1-based) of its first row, where each
    Excel column (0-based) is in it, and the cells a column of numbers could not hold."""

    batch: pa.RecordBatch
    origin: int
    where: dict[int, int] = field(default_factory=dict)
    #: Excel column → (rows of the batch, the cells), in the order of the rows
    texts: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)


class Body:
    """The rows of one sheet from a row on, in the columns of one table.

    A sheet worth cutting (its part named, and large: :mod:`pieces`) is read in pieces; any
    other is read whole, once, and kept until :meth:`close`, as it may be asked for again."""

    def __init__(self, path: Path, name: str, part: str | None = None,
                 cutting: Ahead[pieces.Piece] | None = None) -> None:
        self.path, self.name, self.part = path, name, part
        self._key: tuple[object, ...] | None = None
        self._whole: Read | None = None
        self._cutting = cutting  # the sheet's pieces, cut from the start, taken once

    def chunks(self, first: int, stop: int | None, col: int, width: int, size: int,
               numeric: frozenset[int] = frozenset()) -> Iterator[Chunk]:
        """(Excel row numbers, one object array per column) for rows ``first`` (0-based) up
        to ``stop``, columns ``col`` to ``col + width - 1``, ``size`` rows at a time; the
        columns in ``numeric`` (Excel's 0-based numbers) are read as numbers."""
        source, self._cutting = self._cutting, None
        piece = pieces.piece_size(self.path, self.part) if self.part and not source else None
        if source is None and piece is not None:
            part = self.part or ""
            source = Ahead(lambda: pieces.pieces(self.path, part, piece, stop))
        if source is not None:
            done = yield from self._in_pieces(source, first, stop, col, width, size, numeric)
            if done is None:
                return
            first = done  # the sheet could not be cut further: the rest is read whole
        read = self._load(first, stop, col, width, numeric)
        yield from chunks_of(read, first + 1, stop, col, width, size)

    def _load(self, first: int, stop: int | None, col: int, width: int,
              numeric: frozenset[int]) -> Read:
        key = (first, stop, col, width, numeric)
        if self._key != key or self._whole is None:
            self._whole = None  # free the last read before the next
            rows = None if stop is None else max(stop - first, 0)
            self._whole = read_exactly(self.path, self.name, first, rows, col, width, numeric)
            self._key = key
        return self._whole

    def _in_pieces(self, source: Ahead[pieces.Piece], first: int, stop: int | None,
                   col: int, width: int, size: int, numeric: frozenset[int]
                   ) -> Generator[Chunk, None, int | None]:
        """The chunks, piece by piece, each piece read ahead on a pool of threads; returns
        None when every row was given, or the row (0-based) from which the sheet could not be
        cut, every row above it given."""
        pending: deque[tuple[Future[Read], pieces.Piece]] = deque()
        given, cut = first, True  # rows above ``given`` (0-based) have been given
        pool = ThreadPoolExecutor(READ_AHEAD, thread_name_prefix="read-piece")
        try:
            ended = False
            while True:
                piece = None
                if not ended:
                    try:
                        piece = next(source, None)
                    except pieces.OutOfOrder:
                        if given > first:  # rows given already may lack some: start again
                            raise
                        cut = False
                    except Exception:  # CannotCut, or anything else the cutter met
                        cut = False  # the rows after the last piece given are read whole
                    if piece is None or (stop is not None and piece.start > stop):
                        ended, piece = True, None  # the sheet's end, or the table's
                    elif piece.end - 1 <= first:
                        continue  # every row of it is above the table
                if piece is not None:
                    pending.append((pool.submit(read_piece, piece, self.name, col, width,
                                                numeric), piece))
                if pending and (ended or len(pending) > READ_AHEAD):
                    future, done = pending.popleft()
                    try:
                        read = future.result()
                    except pieces.OutOfOrder:
                        if given > first:  # rows given already may lack some: start again
                            raise
                        ended, cut = True, False
                        pending.clear()
                        continue
                    except pieces.CannotCut:  # this piece and those after it: read whole
                        ended, cut = True, False
                        pending.clear()
                        continue
                    last = done.end - 1 if stop is None else min(done.end - 1, stop)
                    yield from chunks_of(read, max(given + 1, done.start), last, col, width,
                                         size)
                    given = last
                if ended and not pending:
                    break
        finally:
            source.close()
            pool.shutdown(wait=True, cancel_futures=True)
        if cut:
            return None
        return given

    def read_whole(self) -> None:
        """Read the sheet whole from now on (its rows were found out of order in pieces)."""
        self.part = None
        if self._cutting is not None:
            self._cutting.close()
            self._cutting = None

    def close(self) -> None:
        self._whole, self._key = None, None
        if self._cutting is not None:
            self._cutting.close()
            self._cutting = None


def read_piece(piece: pieces.Piece, name: str, col: int, width: int,
               numeric: frozenset[int]) -> Read:
    """A piece's rows: the first piece read from the sheet's top, any other from the row above
    its first, which holds its extra cell. Raises :class:`pieces.CannotCut` when the reader
    refuses the piece, or reads it as other than the rows it spans (rows out of order): the
    sheet read whole then gives the rows, or says what is wrong with it."""
    try:
        read = read_exactly(piece.book, name, 0 if piece.start == 1 else None, None, col,
                            width, numeric, origin=piece.origin)
    except FileRefused as exc:
        raise pieces.CannotCut(str(exc)) from exc
    if read.batch.num_rows != piece.height:  # a row numbered outside the piece's own rows
        raise pieces.OutOfOrder(f"rows {piece.start} to {piece.end - 1} read as "
                                f"{read.batch.num_rows} rows, not {piece.height}")
    return read


def read_exactly(source: Path | bytes, name: str, skip: int | None, rows: int | None, col: int,
                 width: int, numeric: frozenset[int], origin: int | None = None) -> Read:
    """Rows of sheet ``name`` read with fastexcel: from row ``skip`` (0-based; None: from the
    first row that holds a cell, which is Excel row ``origin``), ``rows`` of them (None: all);
    a text column that holds a number with a fraction is read again as numbers."""
    label = source.name if isinstance(source, Path) else "a piece of the file"
    read = _read(source, name, skip, rows, col, width, numeric, origin, label)
    fractions = _fractions_in_text(read, numeric)
    if fractions:  # numbers below the first rows of a text column: read them exactly
        del read  # freed before the next read
        read = _read(source, name, skip, rows, col, width, numeric | fractions, origin, label)
    return read


def _fractions_in_text(read: Read, numeric: frozenset[int]) -> frozenset[int]:
    """Columns read as text that hold a number with a fraction or an exponent: fastexcel
    wrote those with nine decimals at most, so they are read again as numbers."""
    found = set()
    for c, k in read.where.items():
        if c in numeric:
            continue
        column = read.batch.column(k)
        text = pa.types.is_string(column.type) or pa.types.is_large_string(column.type)
        # each distinct text once: a column of a million cells holds a few thousand
        if text and pc.any(pc.match_substring_regex(pc.unique(column), FRACTION)).as_py():
            found.add(c)
    return frozenset(found)


def _read(source: Path | bytes, name: str, skip: int | None, rows: int | None, col: int,
          width: int, numeric: frozenset[int], origin: int | None, label: str) -> Read:
    start = origin if origin is not None else (skip or 0) + 1
    try:
        reader = fastexcel.read_excel(str(source) if isinstance(source, Path) else source)
        sheet = reader.load_sheet(  # the types are keyed by Excel's column numbers
            name, header_row=None, skip_rows=skip, n_rows=rows,
            dtypes={c: "float" if c in numeric else "string" for c in range(col, col + width)},
            schema_sample_rows=1, use_columns=lambda c: col <= c.absolute_index < col + width)
        batch, errors = sheet.to_arrow_with_errors()
    except fastexcel.InvalidParametersError:  # no rows after ``skip``
        return Read(pa.record_batch({}), start)
    except Exception as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FileRefused(f"{label}: sheet {name!r} cannot be read ({reason})") from exc
    read = Read(batch, start, {c.absolute_index: k for k, c in enumerate(sheet.selected_columns)})
    some = sheet.available_columns()[0]
    base = some.absolute_index - some.index  # errors give columns from the sheet's first
    found: dict[int, tuple[list[int], list[object]]] = {}
    for error in errors.errors if errors is not None else []:
        row, index = error.offset_position
        at, cells = found.setdefault(base + index, ([], []))
        at.append(row)
        cells.append(cell_of(error.detail))
    for c, (at, cells) in found.items():
        order = np.argsort(at, kind="stable")
        texts = np.empty(len(cells), dtype=object)
        texts[:] = cells
        read.texts[c] = (np.asarray(at, dtype=np.int64)[order], texts[order])
    return read


def chunks_of(read: Read, top: int, bottom: int | None, col: int, width: int, size: int
              ) -> Iterator[Chunk]:
    """The read's rows from Excel row ``top`` to ``bottom`` (None: its last), in chunks."""
    lo = max(0, top - read.origin)
    hi = read.batch.num_rows if bottom is None else min(read.batch.num_rows,
                                                        bottom - read.origin + 1)
    where = [read.where.get(col + j) for j in range(width)]
    for at in range(lo, hi, size):
        n = min(size, hi - at)
        numbers = np.arange(read.origin + at, read.origin + at + n, dtype=np.int64)
        cols = [objects(read.batch.column(k).slice(at, n)) if k is not None
                else np.full(n, "", dtype=object) for k in where]
        for c, (rows, cells) in read.texts.items():  # text in a column of numbers
            a, b = np.searchsorted(rows, [at, at + n])
            if a < b and 0 <= c - col < width:
                cols[c - col][rows[a:b] - at] = cells[a:b]
        yield numbers, cols
