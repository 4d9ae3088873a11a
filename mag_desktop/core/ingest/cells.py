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

from mag_desktop.core.vocab import match_marker

EXCEL_EPOCH = date(1899, 12, 30)
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y",
                 "%d %B %Y", "%b %Y", "%B %Y", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d")
_TYPE_OF = np.frompyfunc(type, 1, 1)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and np.isnan(value)
    )


def clean_text(value: object, limit: int = 5000) -> str:
    """Text for storage: control characters removed, spaces trimmed, length capped."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date().isoformat()
    text = CONTROL.sub("", str(value)).strip()
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


def parse_numbers(cells: list[object]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Convert a column: (values float64 with NaN, markers object array, bad bool array).

    Blank cells give NaN with no marker and are not bad; the caller decides if blank is allowed.
    """
    n = len(cells)
    series = pd.Series(cells, dtype=object)
    values = np.array(
        pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    )
    markers = np.full(n, None, dtype=object)
    bad = np.zeros(n, dtype=bool)
    need = np.flatnonzero(np.isnan(values))
    bools = np.flatnonzero(_TYPE_OF(np.asarray(cells, dtype=object)) == bool) if n else []  # noqa: E721
    if len(bools):
        need = np.union1d(need, bools).astype(int)
        values[bools] = np.nan
    for i in need:
        cell = cells[i]
        if is_blank(cell):
            continue
        if isinstance(cell, str):
            number, marker, ok = parse_number_text(cell)
            if ok:
                if number is not None:
                    values[i] = number
                markers[i] = marker
                continue
        bad[i] = True
    infinite = np.isinf(values)
    if infinite.any():
        bad |= infinite
        values[infinite] = np.nan
    return values, markers, bad


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
