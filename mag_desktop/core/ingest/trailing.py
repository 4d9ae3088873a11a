"""Notes, END markers and stacked tables below the rows the survey looked at.

The survey (:mod:`layout`) reads the first :data:`layout.SCAN_ROWS` rows of a sheet; a notes
block, an END marker or a second table further down would otherwise be read as data. This
watch follows the data rows as they stream past in chunks, from the first row the survey did
not see, with the survey's own rules: a single cell of text is a note (footnotes the reader
already leaves out are counted with them, :attr:`Table.notes_below`); an END marker ends the
table; the header row repeated after a gap starts another table, which is not read; short rows
after a gap (a blank row or a note) are held back until a full row shows them to be data, and
left out as a trailing section when the sheet ends first. What it leaves out is told once per
kind.

Rows of a large table are full and follow each other, so a chunk costs three vectorised
comparisons; only short rows and rows after a gap are looked at one by one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from mag_desktop.core.ingest.layout import blank, code_like, is_end_marker, is_text, note_text
from mag_desktop.core.ingest.leftout import WHY, plural, rows_text
from mag_desktop.core.ingest.report import Report
from mag_desktop.core.ingest.table import Table, cell_text

Chunk = tuple[np.ndarray, list[np.ndarray]]
KEEP_ROWS = 200  # rows kept per kind to name in the report (the count is exact)
MESSAGES = {**WHY, "next-table": "{n} of another table below this one (its header repeated) "
            "left out, not read: it starts too far down to be offered in the Table box; move "
            "it to a sheet of its own to import it"}


@dataclass
class _Left:
    count: int = 0
    rows: list[int] = field(default_factory=list)
    first: tuple[int, int, str] = (0, 0, "")  # Excel row, column index in the row, text


@dataclass
class TailWatch:
    table: Table
    start: int | None  # the first Excel row to watch (None: the survey saw the whole sheet)
    header: list[str] = field(default_factory=list)
    left: dict[str, _Left] = field(default_factory=dict)
    _last: int = 0  # the Excel row of the last row seen
    _pending: list[tuple[int, int, int, list[object]]] = field(default_factory=list)
    _carried: list[tuple[int, list[object]]] = field(default_factory=list)
    _gap: bool = False
    _outside: str = ""  # why nothing more is read: "after-end" or "next-table"
    _chunk: int = 0

    @classmethod
    def of(cls, table: Table) -> TailWatch:
        layout = table.layout
        if layout is None or layout.complete:
            return cls(table, None)
        head = table.sheet.head(table.header_row + 1)
        texts = [cell_text(c) for c in head[table.header_row]] if head else []
        while texts and not texts[-1]:
            texts.pop()
        return cls(table, layout.surveyed_to + 1, texts, _last=table.header_row + 1)

    def chunks(self, source: Iterator[Chunk]) -> Iterator[Chunk]:
        """The chunks less the rows left out (rows held back come out later, in order)."""
        for numbers, cols in source:
            if not len(numbers):
                continue
            if self.start is None or numbers[-1] < self.start:
                self._last = int(numbers[-1])
                yield numbers, cols
                continue
            yield from self._watch(numbers, cols)
        self._finish()

    def rows(self, source: Iterator[tuple[int, list[object]]], size: int = 5_000
             ) -> Iterator[tuple[int, list[object]]]:
        """The same for rows one at a time (commitments)."""
        if self.start is None:
            yield from source
            return

        def batches() -> Iterator[Chunk]:
            batch: list[tuple[int, list[object]]] = []
            for item in source:
                batch.append(item)
                if len(batch) >= size:
                    yield _as_chunk(batch)
                    batch = []
            if batch:
                yield _as_chunk(batch)

        for numbers, cols in self.chunks(batches()):
            for i, number in enumerate(numbers.tolist()):
                yield number, [c[i] for c in cols]

    def _watch(self, numbers: np.ndarray, cols: list[np.ndarray]) -> Iterator[Chunk]:
        assert self.start is not None
        self._chunk += 1
        n, keep = len(numbers), np.ones(len(numbers), dtype=bool)
        if self._outside:
            self._leave(self._outside, numbers, cols, 0, n, keep)
            return
        watched = numbers >= self.start
        previous = np.concatenate(([self._last], numbers[:-1]))
        after_gap = watched & (numbers - previous > 1)
        filled = np.zeros(n, dtype=np.int32)
        for col in cols[:3]:
            filled += _filled(col)
        unsure = np.flatnonzero(filled < 3)
        for col in cols[3:]:
            filled[unsure] += _filled(col[unsure])
        # a header repeated with no gap above it is read as a row and refused (its words are
        # not figures), never taken silently: only a row after a gap is compared with it
        look = watched & ((filled <= 2) | after_gap)
        before = -1
        for i in [*np.flatnonzero(look).tolist(), n]:
            full = max(before + 1, int(np.argmax(watched)))  # the first full row since
            if full < i and (self._pending or self._gap) and self._row(
                    full, numbers, cols, filled, keep):  # the header again, or data
                break
            if i == n:
                break
            before = i
            self._gap = self._gap or bool(after_gap[i])
            if self._row(i, numbers, cols, filled, keep):
                break
        self._last = int(numbers[-1])
        if self._carried:
            carried, self._carried = self._carried, []
            yield (np.array([r for r, _ in carried], dtype=np.int64),
                   [_column([cells[k] for _, cells in carried]) for k in range(len(cols))])
        if keep.all():
            yield numbers, cols
        elif keep.any():
            yield numbers[keep], [c[keep] for c in cols]

    def _row(self, i: int, numbers: np.ndarray, cols: list[np.ndarray], filled: np.ndarray,
             keep: np.ndarray) -> bool:
        """Judge one row; True when nothing below it is read."""
        cells = [c[i] for c in cols]
        present = [(k, c) for k, c in enumerate(cells) if not _empty(c)]
        if not present:
            keep[i] = False
            return False
        k, value = present[0]
        texts = [cell_text(c) for c in cells]
        while texts and not texts[-1]:
            texts.pop()
        if len(present) <= 2 and all(is_end_marker(c) for _, c in present):
            self._outside = "after-end"
            self._note("end", int(numbers[i]), k, str(value))
            keep[i] = False
            self._leave("after-end", numbers, cols, i + 1, len(numbers), keep)
            return True
        if self.header and texts == self.header:
            self._outside = "next-table"
            self._leave("next-table", numbers, cols, i, len(numbers), keep)
            return True
        width, lead = len(cols), cell_text(value)
        if len(present) == 1 and is_text(value) and k <= self.table.first_col + 1 and (
                (width >= 3 and not code_like(lead)) or note_text(lead)):
            keep[i] = False
            self._note("note", int(numbers[i]), k, lead)
        elif self._gap and int(filled[i]) <= 2 and 2 * int(filled[i]) < width:
            keep[i] = False
            self._pending.append((self._chunk, i, int(numbers[i]), cells))
        else:
            self._confirm(keep)
        return False

    def _confirm(self, keep: np.ndarray) -> None:
        """The rows held back were data after all: a full row follows them."""
        for chunk, i, row, cells in self._pending:
            if chunk == self._chunk:
                keep[i] = True
            else:
                self._carried.append((row, cells))
        self._pending = []
        self._gap = False

    def _leave(self, why: str, numbers: np.ndarray, cols: list[np.ndarray], start: int,
               stop: int, keep: np.ndarray) -> None:
        if stop <= start:
            return
        keep[start:stop] = False
        left = self.left.setdefault(why, _Left())
        if not left.count:
            cells = [c[start] for c in cols]
            k = next((k for k, c in enumerate(cells) if not _empty(c)), 0)
            left.first = (int(numbers[start]), k, cell_text(cells[k]))
        left.count += stop - start
        room = KEEP_ROWS - len(left.rows)
        if room > 0:
            left.rows += numbers[start:min(stop, start + room)].tolist()

    def _note(self, why: str, row: int, k: int, text: str) -> None:
        left = self.left.setdefault(why, _Left())
        if not left.count:
            left.first = (row, k, text)
        left.count += 1
        if len(left.rows) < KEEP_ROWS:
            left.rows.append(row)

    def _finish(self) -> None:
        """Rows still held back when the sheet ends: a section below the table."""
        for _, _, row, cells in self._pending:
            k = next((k for k, c in enumerate(cells) if not _empty(c)), 0)
            self._note("trailing", row, k, cell_text(cells[k]))
        self._pending = []

    def warn(self, report: Report) -> None:
        """One warning per kind of row left out below the surveyed rows."""
        for row, k, text in sorted(self.table.notes_below):  # footnotes the reader left out
            left = self.left.setdefault("note", _Left())
            if not left.count or row < left.first[0]:
                left.first = (row, k, text)
            left.count += 1
            left.rows.append(row)
        self.table.notes_below.clear()
        for why, left in self.left.items():
            row, k, text = left.first
            message = MESSAGES[why].format(n=plural(left.count))
            if why != "end":
                message += f": rows {rows_text(left.rows)}"
            headers = self.table.headers
            report.warning(f"layout-{why}", message, row=row,
                           column=self.table.excel_column(k),
                           header=headers[k] if k < len(headers) else "", value=text)
        self.left.clear()


def _empty(value: object) -> bool:
    return value is None or blank(value)


def _column(values: list[object]) -> np.ndarray:
    col = np.empty(len(values), dtype=object)
    col[:] = values
    return col


def _filled(col: np.ndarray) -> np.ndarray:
    """1 for a cell with something in it (the reader gives "" for an empty cell)."""
    return np.asarray(col != "", dtype=np.int32)


def _as_chunk(batch: list[tuple[int, list[object]]]) -> Chunk:
    width = max(len(cells) for _, cells in batch)
    numbers = np.array([n for n, _ in batch], dtype=np.int64)
    cols = []
    for k in range(width):
        cols.append(_column([cells[k] if k < len(cells) else "" for _, cells in batch]))
    return numbers, cols
