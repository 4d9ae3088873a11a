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
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path

import fastexcel
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from mag_desktop.core.ingest.preflight import FileRefused

EXCEL_EPOCH = datetime(1899, 12, 30)

logging.getLogger("fastexcel").setLevel(logging.ERROR)  # its notes on column types

_WHOLE = r"^-?(0|[1-9][0-9]{0,14})$"  # a whole number, exact in a float
_FRACTION = r"^-?[0-9]+(\.[0-9]+)?[eE][-+]?[0-9]+$|^-?[0-9]*\.[0-9]+$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$"
Chunk = tuple[np.ndarray, list[np.ndarray]]


class Body:
    """The rows of one sheet from a row on, in the columns of one table, read once."""

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.name = path, name
        self._key: tuple[object, ...] | None = None
        self._batch: pa.RecordBatch | None = None
        self._where: dict[int, int] = {}  # Excel column (0-based) → column of the batch
        #: cells a column of numbers could not hold: Excel column → (rows in the batch, cells)
        self._texts: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def _load(self, first: int, stop: int | None, col: int, width: int,
              numeric: frozenset[int]) -> pa.RecordBatch:
        key = (first, stop, col, width, numeric)
        if self._key == key and self._batch is not None:
            return self._batch
        batch = self._read(first, stop, col, width, numeric)
        fractions = self._fractions_in_text(batch, numeric)
        if fractions:  # numbers below the first rows of a text column: read them exactly
            self._batch, self._texts = None, {}
            batch = self._read(first, stop, col, width, numeric | fractions)
        self._key = key
        return batch

    def _fractions_in_text(self, batch: pa.RecordBatch, numeric: frozenset[int]
                           ) -> frozenset[int]:
        """Columns read as text that hold a number with a fraction or an exponent: fastexcel
        wrote those with nine decimals at most, so they are read again as numbers."""
        found = set()
        for c, k in self._where.items():
            if c in numeric:
                continue
            column = batch.column(k)
            text = pa.types.is_string(column.type) or pa.types.is_large_string(column.type)
            # each distinct text once: a column of a million cells holds a few thousand
            if text and pc.any(pc.match_substring_regex(pc.unique(column), _FRACTION)).as_py():
                found.add(c)
        return frozenset(found)

    def _read(self, first: int, stop: int | None, col: int, width: int,
              numeric: frozenset[int]) -> pa.RecordBatch:
        self._batch, self._texts = None, {}  # free the last read before the next
        try:
            reader = fastexcel.read_excel(self.path)
            sheet = reader.load_sheet(  # the types are keyed by Excel's column numbers
                self.name, header_row=None, skip_rows=first,
                n_rows=None if stop is None else max(stop - first, 0),
                dtypes={c: "float" if c in numeric else "string" for c in range(col, col + width)},
                schema_sample_rows=1, use_columns=lambda c: col <= c.absolute_index < col + width)
            batch, errors = sheet.to_arrow_with_errors()
        except fastexcel.InvalidParametersError:  # no rows after ``first``
            self._batch, self._where = pa.record_batch({}), {}
            return self._batch
        except Exception as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise FileRefused(f"{self.path.name}: sheet {self.name!r} cannot be read ({reason})"
                              ) from exc
        self._where = {c.absolute_index: k for k, c in enumerate(sheet.selected_columns)}
        some = sheet.available_columns()[0]
        base = some.absolute_index - some.index  # errors give columns from the sheet's first
        found: dict[int, tuple[list[int], list[object]]] = {}
        for error in errors.errors if errors is not None else []:
            row, index = error.offset_position
            rows, cells = found.setdefault(base + index, ([], []))
            rows.append(row)
            cells.append(_cell_of(error.detail))
        for c, (rows, cells) in found.items():
            order = np.argsort(rows, kind="stable")
            texts = np.empty(len(cells), dtype=object)
            texts[:] = cells
            self._texts[c] = (np.asarray(rows, dtype=np.int64)[order], texts[order])
        self._batch = batch
        return self._batch

    def chunks(self, first: int, stop: int | None, col: int, width: int, size: int,
               numeric: frozenset[int] = frozenset()) -> Iterator[Chunk]:
        """(Excel row numbers, one object array per column) for rows ``first`` (0-based) up
        to ``stop``, columns ``col`` to ``col + width - 1``, ``size`` rows at a time; the
        columns in ``numeric`` (Excel's 0-based numbers) are read as numbers."""
        batch = self._load(first, stop, col, width, numeric)
        where = [self._where.get(col + j) for j in range(width)]
        for lo in range(0, batch.num_rows, size):
            n = min(size, batch.num_rows - lo)
            numbers = np.arange(first + lo + 1, first + lo + n + 1, dtype=np.int64)
            cols = [objects(batch.column(k).slice(lo, n)) if k is not None
                    else np.full(n, "", dtype=object) for k in where]
            for c, (rows, cells) in self._texts.items():  # text in a column of numbers
                a, b = np.searchsorted(rows, [lo, lo + n])
                if a < b and 0 <= c - col < width:
                    cols[c - col][rows[a:b] - lo] = cells[a:b]
            yield numbers, cols

    def close(self) -> None:
        self._batch, self._key, self._texts = None, None, {}


_STRING = re.compile(r"""^Expected \w+ but got '(?:String|DateTimeIso|DurationIso)\("(.*)"\)'$""",
                     re.DOTALL)
_SERIAL = re.compile(r"value: (-?[0-9.e+-]+)")
_ESCAPE = re.compile(r"""\\(u\{([0-9a-fA-F]+)\}|.)""")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0"}


def _cell_of(detail: str) -> object:
    """The cell a column of numbers could not hold, from fastexcel's account of it: the text
    (written as Rust writes a string), or a date from its Excel serial number."""
    if text := _STRING.match(detail):
        return _ESCAPE.sub(lambda m: chr(int(m.group(2), 16)) if m.group(2)
                           else _ESCAPES.get(m.group(1), m.group(1)), text.group(1))
    if "got 'Error(" in detail:
        return ""  # an Excel error: put back from the pre-flight scan
    if "DateTime(" in detail and (serial := _SERIAL.search(detail)):
        moment = EXCEL_EPOCH + timedelta(days=float(serial.group(1)))
        return moment.date() if moment.time() == time() else moment
    return detail  # anything else: reported as found


def objects(column: pa.Array) -> np.ndarray:
    """The cells of a column as python-calamine gives them (see the module's note)."""
    n = len(column)
    if column.null_count == n:
        return np.full(n, "", dtype=object)
    if pa.types.is_floating(column.type):
        values = column.to_numpy(zero_copy_only=False)
        out = values.astype(object)
        out[np.isnan(values)] = ""  # empty: NaN never comes from a cell
        return out
    encoded = column.dictionary_encode(null_encoding="encode")
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    return _typed(encoded.dictionary)[indices]


def _typed(texts: pa.Array) -> np.ndarray:
    """Each distinct text once: a number, a date, the text, or "" for an empty cell."""
    values = texts.to_pylist()
    out = np.empty(len(values), dtype=object)
    out[:] = ["" if v is None else v for v in values]
    whole = pc.match_substring_regex(texts, _WHOLE).fill_null(False)
    for i in np.flatnonzero(whole.to_numpy(zero_copy_only=False)):
        out[i] = float(values[i])
    dated = pc.match_substring_regex(texts, _DATE).fill_null(False)
    for i in np.flatnonzero(dated.to_numpy(zero_copy_only=False)):
        try:
            moment = datetime.strptime(values[i], "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        out[i] = moment.date() if moment == datetime(moment.year, moment.month, moment.day) \
            else moment
    return out
