"""Finding the table in a sheet: the header row under any titles (in the first 200 rows), a
two-row header flattened, unheaded columns named by their letter, empty leading columns
ignored; blank rows, notes, placeholders and what follows an END marker left out (layout.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mag_desktop.core.ingest.layout import (
    SCAN_ROWS,
    Layout,
    Span,
    header_like,
    is_placeholder,
    is_text,
    survey,
)
from mag_desktop.core.ingest.leftout import warn_layout
from mag_desktop.core.ingest.preflight import FileRefused
from mag_desktop.core.ingest.readers import Row, Sheet
from mag_desktop.core.ingest.report import Report, column_letter

HEAD_ROWS = 200
_FOOTNOTE = re.compile(r"^\s*(source|sources|note|notes|\*|\d+[.)]\s|\[|©|crown copyright|"
                       r"illustrative|these|this table|figures|data)", re.IGNORECASE)


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    if blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


@dataclass
class Table:
    sheet: Sheet
    header_row: int  # 0-based index of the (lower) header row
    headers: list[str]  # flattened header per column (index within the row)
    first_col: int  # index of the first non-empty column of the header
    end: int | None = None  # 0-based index of the first row after the table (None: sheet end)
    layout: Layout | None = None  # the survey: the tables of the sheet, the rows left out
    #: footnotes left out below the rows the survey read: (Excel row, cell index, text), for
    #: trailing.py to report with the other rows it leaves out there
    notes_below: list[tuple[int, int, str]] = field(default_factory=list)
    #: what the headings make impossible to read as they stand, found when the columns were
    #: mapped (plan.check_group_headings): (rule, cell index, message), one error each
    heading_errors: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def tables(self) -> list[Span]:
        return self.layout.spans if self.layout else []

    @property
    def number(self) -> int:
        """Which of the sheet's tables this is (1-based)."""
        return next((s.number for s in self.tables if s.header_row == self.header_row), 1)

    def excel_column(self, j: int) -> int:
        """0-based Excel column index of cell ``j`` in a row."""
        return self.sheet.col_offset + j

    def excel_letter(self, j: int) -> str:
        """The Excel letter of cell ``j`` in a row: "F"."""
        return column_letter(self.excel_column(j))

    def data_rows(self) -> Iterator[tuple[int, Row]]:
        """(Excel row number, row) for every data row: blanks and footnotes left out."""
        width = len(self.headers)
        dropped = self.layout.dropped if self.layout else {}
        for numbers, cols in self.sheet.columns(self.header_row + 1, self.end, width, 10_000):
            self._overlay_errors(numbers, cols)
            for i, number in enumerate(numbers.tolist()):
                if number - 1 in dropped:
                    continue
                cells = [("" if is_placeholder(c[i]) else c[i]) for c in cols]
                if len(cells) - cells.count("") <= 1:  # the rare short row: look closer
                    filled = [c for c in cells if not blank(c)]
                    if not filled:
                        continue
                    if len(filled) == 1 and isinstance(filled[0], str) and _is_note(
                            cells, filled[0]):
                        self._note_below(number, cells, filled[0])
                        continue
                yield number, cells

    def _overlay_errors(self, numbers: np.ndarray, cols: list[np.ndarray]) -> None:
        """Put back the Excel error values (#N/A …) that the reader returns as empty cells."""
        if not self.sheet.errors or not len(numbers):
            return
        first, last = int(numbers[0]), int(numbers[-1])
        for (row, col), text in self.sheet.errors.items():
            j = col - self.sheet.col_offset
            if first <= row <= last and 0 <= j < len(cols) and cols[j][row - first] == "":
                cols[j][row - first] = text

    def data_chunks(self, size: int) -> Iterator[tuple[np.ndarray, list[np.ndarray]]]:
        """Column-wise chunks of data rows: (Excel row numbers, one object array per column).

        The same rows as :meth:`data_rows`, found with vectorised tests, for large tables.
        """
        width = len(self.headers)
        layout = self.layout or Layout()
        dropped = np.array([i + 1 for i in layout.dropped], dtype=np.int64)
        blanked = {j for _, j in layout.placeholders}
        for numbers, cols in self.sheet.columns(self.header_row + 1, self.end, width, size):
            self._overlay_errors(numbers, cols)
            for j in (j for j in blanked if j < width):  # drop-down prompts read as empty
                cols[j][pd.Series(cols[j], dtype=object).map(is_placeholder).to_numpy(
                    dtype=bool)] = ""
            filled = np.zeros(len(numbers), dtype=np.int32)
            for col in cols[:3]:  # most rows are proven full by their first cells
                filled += col != ""
            unsure = np.flatnonzero(filled < 2)
            if len(unsure):
                for col in cols[3:]:
                    filled[unsure] += col[unsure] != ""
            keep = filled > 1
            if len(dropped) and numbers[0] <= dropped[-1]:
                keep &= ~np.isin(numbers, dropped)
            for i in np.flatnonzero(~keep & ~np.isin(numbers, dropped)):
                cells = [col[i] for col in cols]
                values = [c for c in cells if not blank(c)]
                keep[i] = bool(values) and not (
                    len(values) == 1 and isinstance(values[0], str)
                    and _is_note(cells, values[0]))
                if values and not keep[i]:
                    self._note_below(int(numbers[i]), cells, values[0])
            if keep.all():
                yield numbers, cols
            elif keep.any():
                yield numbers[keep], [col[keep] for col in cols]

    def _note_below(self, number: int, cells: Row, text: object) -> None:
        if self.layout is not None and number > self.layout.surveyed_to:
            self.notes_below.append((number, cells.index(text), str(text)))

    def warn(self, report: Report) -> None:
        """One warning per kind of row left out, saying what and where; an error per heading
        that cannot be read as it stands."""
        if self.layout is not None:
            warn_layout(self, self.layout, report)
        for rule, j, message in self.heading_errors:
            report.error(rule, message, column=self.excel_column(j), header=self.headers[j],
                         value=self.headers[j])


def _is_note(cells: Row, text: str) -> bool:
    first = next(i for i, c in enumerate(cells) if not blank(c))
    return first <= 1 and (bool(_FOOTNOTE.match(text)) or len(text) > 40)


def find_table(sheet: Sheet, score: Callable[[list[str]], float]) -> Table | None:
    """The header is the row in the sheet's first 200 rows whose cells best match known column
    names (the first of equals); only a row of words can be a header, never a row of numbers.

    A row above it whose labels span several columns (a merged "Ethnic group" over the groups,
    or an "As at:" over dates) is joined on: "Ethnic group: Bangladeshi".
    """
    head = sheet.head(HEAD_ROWS)
    best: tuple[float, int] = (0.0, -1)
    for i, row in enumerate(head):
        if not header_like(row):
            continue
        texts = [cell_text(c) for c in row]
        candidates = [score(texts)]
        if i > 0 and _words(head[i - 1]):
            flat = flatten(head[i - 1], row, sheet, i - 1)
            if flat != texts:
                candidates.append(score(flat) - 0.01)
        if max(candidates) > best[0]:
            best = (max(candidates), i)
    if best[1] < 0 or best[0] <= 0:
        return None
    i = best[1]
    texts = [cell_text(c) for c in head[i]]
    flat = flatten(head[i - 1], head[i], sheet, i - 1) if i > 0 and _words(head[i - 1]) \
        else texts
    headers = flat if flat != texts and score(flat) - 0.01 >= score(texts) else texts
    while headers and not headers[-1]:
        headers.pop()
    first = next((j for j, h in enumerate(headers) if h), 0)
    return Table(sheet=sheet, header_row=i, headers=headers, first_col=first)


def table_at(sheet: Sheet, row: int) -> Table | None:
    """The table whose header the clerk chose: row ``row`` (0-based), read as it stands."""
    head = sheet.head(row + 1)
    if row >= len(head):
        return None
    headers = _trim([cell_text(c) for c in head[row]])
    first = next((j for j, h in enumerate(headers) if h), 0)
    return Table(sheet=sheet, header_row=row, headers=headers, first_col=first)


def settle(table: Table, score: Callable[[list[str]], float], choose: int | None = None
           ) -> Table:
    """Survey the sheet under ``table``'s header: the tables it holds (``choose`` picks one,
    1-based; else the first), the rows to leave out, and the unheaded columns that hold data
    (named "Column F" so that a profile can map them)."""
    sheet = table.sheet
    rows = sheet.head(SCAN_ROWS)
    complete = len(rows) < SCAN_ROWS
    i = table.header_row
    lower = [cell_text(c) for c in rows[i]]
    upper = [cell_text(c) for c in rows[i - 1]] if i > 0 and table.headers != _trim(lower) \
        else None
    floor = max(3.0, 0.75 * score(table.headers))
    layout = survey(rows, Span(1, i, table.headers), (lower, upper), len(table.headers),
                    table.first_col, lambda texts: score(texts) >= floor, cell_text, complete)
    if choose is not None and not 1 <= choose <= len(layout.spans):
        raise FileRefused(f"{sheet.name}: there is no table {choose}; the sheet holds "
                          f"{len(layout.spans)}: "
                          + "; ".join(s.describe() for s in layout.spans))
    span = layout.spans[(choose or 1) - 1]
    stop = span.end if span.end is not None else len(rows)
    headers = list(span.headers)
    body = [rows[r] for r in range(span.header_row + 1, min(stop, len(rows)))
            if r not in layout.dropped]
    width = max((len(r) for r in body), default=0)
    for j in [j for j in range(width) if j >= len(headers) or not headers[j]]:
        if any(j < len(r) and not blank(r[j]) and not is_placeholder(r[j]) for r in body):
            headers += [""] * (j + 1 - len(headers))
            headers[j] = f"Column {column_letter(sheet.col_offset + j)}"
    return Table(sheet=sheet, header_row=span.header_row, headers=headers,
                 first_col=table.first_col, end=span.end, layout=layout)


def _words(row: Row) -> bool:
    """Whether a row above a header can be its upper half: words, never numbers alone."""
    return any(is_text(c) for c in row)


def _trim(texts: list[str]) -> list[str]:
    end = len(texts)
    while end and not texts[end - 1]:
        end -= 1
    return texts[:end]


def flatten(upper: Row, lower: Row, sheet: Sheet, upper_index: int) -> list[str]:
    """Join an upper header row onto the lower one, spreading merged or trailing labels."""
    width = max(len(upper), len(lower))
    spread = [cell_text(upper[j]) if j < len(upper) else "" for j in range(width)]
    merged_cols = set()
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 <= upper_index <= r1:
            label = spread[c0 - sheet.col_offset] if 0 <= c0 - sheet.col_offset < width else ""
            for c in range(c0, c1 + 1):
                j = c - sheet.col_offset
                if 0 <= j < width:
                    spread[j] = label
                    merged_cols.add(j)
    if not merged_cols:  # no merge recorded: carry a label right over empty cells
        current = ""
        for j in range(width):
            if spread[j]:
                current = spread[j]
            elif current and j < len(lower) and not blank(lower[j]):
                spread[j] = current
    out = []
    for j in range(width):
        low = cell_text(lower[j]) if j < len(lower) else ""
        up = spread[j]
        out.append(f"{up}: {low}" if up and low and up != low else (low or up))
    return out
