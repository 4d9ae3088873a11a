"""The layout under a header row: where each table of a sheet starts and ends, and which rows
are not data (notes and labels, drop-down placeholders, an END marker, a trailing section).

A sheet is surveyed once, down to :data:`SCAN_ROWS`, before any row is validated; the survey
lists every table the sheet holds (a header repeated lower down, or another header row that
fits as well, starts a new one) so the caller can choose, and says which rows to leave out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from mag_desktop.core.ingest.readers import Row

SCAN_ROWS = 10_000  # rows of a sheet surveyed for tables, notes and markers
_NUMBER = re.compile(r"^[+-]?(\d[\d,]*)?\.?\d+%?$")
_PLACEHOLDERS = {"select", "pleaseselect", "selectone", "selectfromlist", "selectfromthelist",
                 "pleaseselectfromthelist", "pleaseselectfromlist", "selectanoption",
                 "pleaseselectanoption", "choose", "pleasechoose", "chooseone", "selectvalue",
                 "pleasechooseanoption", "selectanitem", "pleaseselectavalue"}
_END = {"end", "endoftable", "endofdata", "endofsheet", "endoffile", "endofreport",
        "endoflist", "endoftables", "endofdocument"}


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_placeholder(value: object) -> bool:
    """A drop-down's prompt left in a cell: "< Select >", "Please select", "-- Choose --"."""
    if not isinstance(value, str) or len(value) >= 40:
        return False
    low = value.lower()  # a cheap test first: most cells are neither
    return ("select" in low or "choose" in low) and _key(value) in _PLACEHOLDERS


def is_end_marker(value: object) -> bool:
    return isinstance(value, str) and len(value) < 30 and _key(value) in _END


def _is_year(number: float) -> bool:
    return float(number).is_integer() and 1900 <= number <= 2100


def is_text(value: object) -> bool:
    """Words, not a number: a header is made of these (a date heads a column too)."""
    if isinstance(value, (datetime, date)):
        return True
    if not isinstance(value, str) or blank(value) or is_placeholder(value):
        return False
    return not _NUMBER.match(value.strip().replace(" ", ""))


def is_label(value: object) -> bool:
    """A cell that can head a column: text, a date, or a year (periods head columns)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return _is_year(value)
    if isinstance(value, str) and _NUMBER.match(value.strip().replace(" ", "")):
        try:
            return _is_year(float(value.replace(",", "")))
        except ValueError:
            return False
    return is_text(value)


def header_like(row: Row) -> bool:
    """A header row holds labels in most of its filled cells and some words: a row of numbers
    (or of years alone) is never a header."""
    filled = [c for c in row if not blank(c) and not is_placeholder(c)]
    if len(filled) < 2 or not any(is_text(c) for c in filled):
        return False
    return 2 * sum(1 for c in filled if is_label(c)) > len(filled)


@dataclass
class Span:
    """One table of a sheet. Indexes are 0-based rows of the sheet."""

    number: int  # 1-based, in the order the tables come
    header_row: int
    headers: list[str]
    end: int | None = None  # the first row after the table (None: the sheet's end)
    rows: int = 0  # data rows found in it (down to the surveyed depth)
    last_data: int = -1

    def describe(self) -> str:
        end = f"to row {self.last_data + 1}" if self.last_data >= 0 else "no data rows"
        shown = ", ".join(h for h in self.headers if h and not h.startswith("Column "))[:80]
        rows = f"{self.rows:,} row" + ("" if self.rows == 1 else "s")
        return f"table {self.number}: header in row {self.header_row + 1}, {rows} {end} ({shown})"


@dataclass
class Layout:
    """What the survey found: the tables, and the rows (0-based) to leave out of each."""

    spans: list[Span] = field(default_factory=list)
    dropped: dict[int, tuple[str, int, str]] = field(default_factory=dict)  # row → why, col, text
    placeholders: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → text
    surveyed_to: int = 0  # rows below this were not surveyed
    complete: bool = True  # the survey reached the sheet's end


def survey(rows: list[Row], first: Span, raw: tuple[list[str], list[str] | None], width: int,
           first_col: int, new_header: Callable[[list[str]], bool],
           text: Callable[[object], str], complete: bool) -> Layout:
    """Walk the rows under ``first``'s header. ``rows`` are the sheet's rows from row 0;
    ``raw`` is the header row's text (and the row above it, for a two-row header): the same
    row lower down starts another table."""
    out = Layout(spans=[first], surveyed_to=len(rows), complete=complete)
    lower, upper = _trim(raw[0]), _trim(raw[1]) if raw[1] else None
    span, gap, outside = first, False, False
    pending: list[int] = []  # short rows after a blank row: data, or a trailing section
    for i in range(first.header_row + 1, len(rows)):
        cells = list(rows[i])
        for j, c in enumerate(cells):
            if is_placeholder(c):
                out.placeholders[(i, j)] = str(c)
                cells[j] = ""
        filled = [(j, c) for j, c in enumerate(cells) if not blank(c)]
        if not filled:
            gap = True
            continue
        j, value = filled[0]
        lead = text(value)
        maybe = (j < len(lower) and lead == lower[j]) or (
            upper is not None and j < len(upper) and lead == upper[j]) or gap
        texts = _trim([text(c) for c in cells]) if maybe else []  # only where it may matter
        if maybe and upper is not None and texts == upper:
            out.dropped[i] = ("between", j, lead)
            continue
        if maybe and (texts == lower or (gap and header_like(cells) and new_header(texts))):
            _close(span, out, rows, i, "between")
            span = Span(len(out.spans) + 1, i, first.headers if texts == lower else texts)
            out.spans.append(span)
            gap, outside, pending = False, False, []
            continue
        if outside:
            out.dropped[i] = ("after-end", j, lead)
        elif len(filled) <= 2 and all(is_end_marker(c) for _, c in filled):
            out.dropped[i] = ("end", j, lead)
            _close(span, out, rows, i, "trailing")
            span.end, outside, pending = i, True, []
        elif len(filled) == 1 and is_text(value) and j <= first_col + 1 and (
                (width >= 3 and not code_like(lead)) or note_text(lead)):
            # a label or a note; a lone code ("C-014", "CNT_IND") stays a row, reported as one
            out.dropped[i] = ("note", j, lead)
        elif gap and len(filled) <= 2 and 2 * len(filled) < width:
            pending.append(i)
        else:  # a data row: short rows before it were data after all
            span.rows += 1 + len(pending)
            span.last_data, pending, gap = i, [], False
    if complete:
        _close(span, out, rows, len(rows), "trailing")
    return out


def _trim(texts: list[str]) -> list[str]:
    end = len(texts)
    while end and not texts[end - 1]:
        end -= 1
    return texts[:end]


def _close(span: Span, out: Layout, rows: list[Row], stop: int, why: str) -> None:
    """A table ends after its last data row: what follows up to ``stop`` (notes, the titles
    of the next table, a trailing section) is left out."""
    end = span.last_data + 1 if span.last_data >= 0 else span.header_row + 1
    if span.end is None:
        span.end = end
    for i in range(end, stop):
        if i not in out.dropped and _filled(rows[i]):
            j = next(k for k, c in enumerate(rows[i]) if not blank(c))
            out.dropped[i] = (why, j, str(rows[i][j]))


def _filled(row: Row) -> bool:
    return any(not blank(c) and not is_placeholder(c) for c in row)


_FOOTNOTE = re.compile(r"^\s*(source|sources|note|notes|\*|\d+[.)]\s|\[|©|crown copyright|"
                       r"illustrative|these|this table|figures|data)", re.IGNORECASE)


def code_like(text: str) -> bool:
    """An identifier rather than words: a digit, an underscore, or capitals without a space."""
    return any(ch.isdigit() for ch in text) or "_" in text or (
        text.isupper() and " " not in text.strip())


def note_text(text: str) -> bool:
    return bool(_FOOTNOTE.match(text)) or len(text) > 40
