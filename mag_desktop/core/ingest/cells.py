"""Reading single cell values: numbers as partners write them, suppression markers, dates, text.

Numbers, markers and dates are parsed per *distinct* value and cached, and whole columns are
converted at once, so a million cells cost a few vectorised passes, not a million parses.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

import numpy as np
import pandas as pd

from mag_desktop.core.distinct import object_array
from mag_desktop.core.vocab import confidential_markers, match_marker

#: a column's cells: the object array a reader gives, or a list worked out from it
Cells = list[object] | np.ndarray

EXCEL_EPOCH = date(1899, 12, 30)
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y",
                 "%d %B %Y", "%b %Y", "%B %Y", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d")
_TYPE_OF = np.frompyfunc(type, 1, 1)
#: a figure followed by bracketed markers, GSS style: "12.3 [u]", "45 [low]", "12 [c] [u]"
_MARKED = re.compile(r"^(.*?\d.*?)\s*((?:\[[A-Za-z]{1,5}\]\s*)+)$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: removed from imported text: controls (C0 but tab and line breaks, DEL, C1), bidirectional
#: embeddings, overrides and isolates (they make "ATTACK" display as "KCATTA"), zero-width
#: characters and a byte-order mark inside the text
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060"
                       "\u202a-\u202e\u2066-\u2069\ufeff]")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and np.isnan(value)
    )


def clean_text(value: object, limit: int = 5000) -> str:
    """Text for storage: invisible characters removed, spaces trimmed, length capped
    (:mod:`textcheck` says so in the report)."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date().isoformat()
    text = INVISIBLE.sub("", str(value)).strip()
    return text[:limit]


@lru_cache(maxsize=65536)
def parse_number_text(text: str) -> tuple[float | None, str | None, bool]:
    """(number, marker, ok) for a text cell: "1,234", "45%", "£12.50", "[c]"."""
    marker = match_marker(text)
    if marker:
        return None, marker, True
    cleaned = text.strip().replace("£", "").replace("%", "").replace(" ", "").replace("\u00a0", "")
    if cleaned.startswith("(") and cleaned.endswith(")"):
        cleaned = "-" + cleaned[1:-1]
    if cleaned and _NUMBER.match(cleaned) and any(ch.isdigit() for ch in cleaned):
        return float(cleaned.replace(",", "")), None, True
    return None, None, False


@lru_cache(maxsize=65536)
def parse_marked_number(text: str) -> tuple[float | None, str | None, str | None]:
    """(number, marker, caution) for a figure followed by markers ("12.3 [u]"), or
    (None, None, None) when the text is not one. A confidential marker ("12 [c]") wins: the
    figure is not kept (number None, marker "[c]"); any other marker is the caution beside a
    figure that is kept ("[u]" low reliability, "[low]" rounds to zero)."""
    found = _MARKED.match(text.strip())
    if not found:
        return None, None, None
    number, marker, ok = parse_number_text(found.group(1))
    tags = [match_marker(f"[{t}]") for t in re.findall(r"\[([^\]]+)\]", found.group(2))]
    if not ok or number is None or marker is not None or None in tags:
        return None, None, None
    secret = [t for t in tags if t in confidential_markers()]
    if secret:
        return None, secret[0], None
    return number, None, " ".join(t for t in tags if t)


def parse_numbers(cells: list[object] | np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """Convert a column: (values float64 with NaN, markers object array, bad bool array,
    cautions: None, or an object array of the marker after a figure that is kept, "12.3 [u]"
    → "[u]").

    Blank cells give NaN with no marker and are not bad; the caller decides if blank is allowed.
    Cells a spreadsheet already holds as numbers are taken as they are; only the rest (text,
    blanks, anything else) goes through the slower reading below.
    """
    column = object_array(cells)  # not changed here
    values = np.full(len(column), np.nan)
    markers = np.full(len(column), None, dtype=object)
    bad = np.zeros(len(column), dtype=bool)
    cautions = np.full(len(column), None, dtype=object)
    cautioned = False
    floats = (_TYPE_OF(column) == float) if len(column) else bad  # noqa: E721 (not subclasses)
    values[floats] = column[floats].astype("float64")
    rest = np.flatnonzero(~floats)
    if len(rest):
        cautioned = _parse_others(column[rest], rest, values, markers, bad, cautions)
    infinite = np.isinf(values)
    if infinite.any():
        bad |= infinite
        values[infinite] = np.nan
    return values, markers, bad, (cautions if cautioned else None)


def _parse_others(cells: np.ndarray, at: np.ndarray, values: np.ndarray, markers: np.ndarray,
                  bad: np.ndarray, cautions: np.ndarray) -> bool:
    """Fill in the cells that are not plain floats: numeric text in one vectorised pass, then
    markers, formatted numbers and errors one distinct text at a time. True when a figure
    came with a caution beside it."""
    cautioned = False
    numbers = pd.to_numeric(pd.Series(cells, dtype=object), errors="coerce")
    found = np.array(numbers.to_numpy(dtype="float64", na_value=np.nan))
    bools = _TYPE_OF(cells) == bool  # noqa: E721 (True is not 1 here)
    found[bools] = np.nan
    values[at] = found
    for k in np.flatnonzero(np.isnan(found)):
        cell, i = cells[k], at[k]
        if is_blank(cell):
            continue
        if isinstance(cell, str):
            number, marker, ok = parse_number_text(cell)
            if ok:
                if number is not None:
                    values[i] = number
                markers[i] = marker
                continue
            number, marker, caution = parse_marked_number(cell)
            if number is not None or marker is not None:
                if number is not None:
                    values[i] = number
                markers[i], cautions[i] = marker, caution
                cautioned = cautioned or caution is not None
                continue
        bad[i] = True
    return cautioned


def parse_date(value: object) -> date | None:
    """A date from a cell: a real date, an Excel serial number, or text in a UK form.

    Raises ValueError when the cell is not blank and is not a date.
    """
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError("not a date")
    text = str(value).strip()
    if re.fullmatch(r"\d+(\.0+)?", text):
        return parse_date(float(text))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError("not a date")
