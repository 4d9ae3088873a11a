"""Statistics periods as they appear in quarterly spreadsheets.

Spreadsheets label their figures with periods written in many ways ("2024 Q3",
"Q3 2024/25", "2023-24", "Apr 2023 to Mar 2024", a bare 2021 ...). This module
reads those texts into :class:`Period` values with a single normalised label, so
that figures can be matched, compared and sorted chronologically.

Financial years follow the UK convention: 1 April to 31 March, so financial
quarter 1 of 2024/25 is April-June 2024 and quarter 4 is January-March 2025.

Academic years (kind ``ayear``) run from 1 September to 31 August and are labelled
"2016/17 academic year", so they never read as the financial year "2016/17". The
Department for Education writes them ``201617``: a bare six-digit period is read as an
academic year unless the file says otherwise (see :mod:`mag_desktop.core.ingest.dfe_periods`,
which reads DfE's ``time_identifier`` column). Labels sort by dates, never as text.
"""

from __future__ import annotations

import calendar
import functools
import math
import numbers
import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "ACCEPTED_FORMS",
    "Period",
    "PeriodError",
    "academic_year",
    "from_label",
    "parse_period",
    "quarter_of",
]

ACCEPTED_FORMS: tuple[str, ...] = (
    "2024 Q3",
    "2024-Q3",
    "Q3 2024",
    "Q3 2024/25",
    "2023/24",
    "2023-24",
    "2021",
    "Apr 2023 to Mar 2024",
    "2016/17 academic year",
    "201617",
)
_FORM_NOTES = {"Q3 2024/25": " (financial quarter)", "201617": " (DfE academic year)"}
_ACCEPTED_TEXT = ", ".join(form + _FORM_NOTES.get(form, "") for form in ACCEPTED_FORMS)

MIN_YEAR = 1900
MAX_YEAR = 2100

_KINDS: tuple[str, ...] = ("fyear", "year", "fquarter", "quarter", "range", "ayear")
_MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_FULL = ("", "january", "february", "march", "april", "may", "june",
               "july", "august", "september", "october", "november", "december")
_MONTHS: dict[str, int] = {name: i for i, name in enumerate(_MONTH_FULL) if name}
_MONTHS.update({abbr.lower(): i for i, abbr in enumerate(_MONTH_ABBR) if abbr})
_MONTHS["sept"] = 9

_FY = r"(?:fy\s*)?(\d{4})\s*[/-]\s*(\d{4}|\d{2})"
_RE_YEAR = re.compile(r"(\d{4})(?:\.0+)?")
_RE_FYEAR = re.compile(_FY)
_RE_QUARTER_YF = re.compile(r"(\d{4})\s*-?\s*q(\d)")
_RE_QUARTER_QF = re.compile(r"q(\d)\s*-?\s*(\d{4})")
_RE_FQUARTER_QF = re.compile(r"q(\d)\s*-?\s*" + _FY)
_RE_FQUARTER_YF = re.compile(_FY + r"\s*-?\s*q(\d)")
_RE_AYEAR = re.compile(r"(?:academic year|ay)\s*(\d{4})\s*[/-]\s*(\d{4}|\d{2})"
                       r"|(\d{4})\s*[/-]\s*(\d{4}|\d{2})\s*(?:academic year|ay)")
_RE_DFE = re.compile(r"(\d{4})(\d{2})")
_RE_RANGE = re.compile(r"([a-z]+)\.?\s*-?\s*(\d{4})\s*(?:-|to)\s*([a-z]+)\.?\s*-?\s*(\d{4})")
_DASHES = str.maketrans({"–": "-", "—": "-", "‒": "-", "−": "-", "‐": "-", "‑": "-"})


class PeriodError(ValueError):
    """A value could not be read as a statistics period."""


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _fy_start_year(d: date) -> int:
    return d.year if d.month >= 4 else d.year - 1


def _label(kind: str, start: date, end: date) -> str:
    if kind == "quarter":
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    if kind == "fquarter":
        fy = _fy_start_year(start)
        return f"{fy}/{(fy + 1) % 100:02d} Q{(start.month - 4) % 12 // 3 + 1}"
    if kind == "year":
        return str(start.year)
    if kind == "fyear":
        return f"{start.year}/{(start.year + 1) % 100:02d}"
    if kind == "ayear":
        return f"{start.year}/{(start.year + 1) % 100:02d} academic year"
    return f"{_MONTH_ABBR[start.month]} {start.year} to {_MONTH_ABBR[end.month]} {end.year}"


def _span(kind: str, year: int, month: int, months: int) -> Period:
    """The period of ``kind`` covering ``months`` whole months from year/month."""
    start = date(year, month, 1)
    end = _last_day(*_add_months(year, month, months - 1))
    if kind == "range":  # normalise ranges that are really a standard period
        if months == 12 and month == 4:
            kind = "fyear"
        elif months == 12 and month == 1:
            kind = "year"
        elif months == 3 and month in (1, 4, 7, 10):
            kind = "quarter"
    return Period(kind, start, end, _label(kind, start, end))


@functools.total_ordering
@dataclass(frozen=True, order=False, eq=False)
class Period:
    """A span of whole months: a quarter, year, financial quarter/year or range."""

    kind: str  # "quarter" | "fquarter" | "year" | "fyear" | "ayear" | "range"
    start: date  # first day covered
    end: date  # last day covered
    label: str  # normalised label, e.g. "2024 Q3", "2024/25 Q3", "2023/24",
    # "2016/17 academic year"

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"unknown period kind {self.kind!r}; expected one of {_KINDS}")
        if self.start > self.end:
            raise ValueError(f"period starts ({self.start}) after it ends ({self.end})")

    def sort_key(self) -> tuple[date, date, int]:
        """Chronological key: end date, then start date (longer first), then kind."""
        return (self.end, self.start, _KINDS.index(self.kind))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.kind, self.start, self.end) == (other.kind, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.kind, self.start, self.end))

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        return self.label

    @property
    def months(self) -> int:
        """Number of calendar months covered (part months count as whole)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def previous(self) -> Period:
        """The period of the same kind and length ending just before this one starts."""
        n = self.months
        year, month = _add_months(self.start.year, self.start.month, -n)
        return _span(self.kind, year, month, n)

    def contains(self, other: Period) -> bool:
        """Whether ``other`` lies entirely within this period."""
        return self.start <= other.start and other.end <= self.end


def _error(text: object, reason: str | None = None) -> PeriodError:
    shown = f'"{text}"' if isinstance(text, str) else repr(text)
    why = f" ({reason})" if reason else ""
    return PeriodError(f"cannot read {shown} as a period{why}; accepted forms: {_ACCEPTED_TEXT}")


def _check_year(text: object, year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _error(text, f"year {year} is outside {MIN_YEAR}-{MAX_YEAR}")
    return year


def _check_quarter(text: object, digit: str) -> int:
    q = int(digit)
    if not 1 <= q <= 4:
        raise _error(text, f"quarter must be Q1 to Q4, not Q{q}")
    return q


def _fy_first(text: object, first: str, second: str) -> int:
    """Validate a financial year written as first/second and return its first year."""
    y1 = _check_year(text, int(first))
    y2 = int(second) if len(second) == 4 else (y1 + 1) // 100 * 100 + int(second)
    if y2 != y1 + 1:
        raise _error(text, f"the second year of a financial year must follow {y1}")
    _check_year(text, y2)
    return y1


def _parse_number(value: object) -> Period:
    if isinstance(value, bool):
        raise _error(value)
    if isinstance(value, numbers.Integral):
        year = int(value)
    elif isinstance(value, numbers.Real):
        as_float = float(value)
        if not math.isfinite(as_float) or not as_float.is_integer():
            raise _error(value)
        year = int(as_float)
    else:
        raise _error(value)
    if 100_000 <= year <= 999_999:  # DfE's 201617 read from a number cell
        return _dfe(value, str(year))
    return _span("year", _check_year(value, year), 1, 12)


def _dfe(text: object, digits: str) -> Period:
    """A DfE six-digit period ("201617") as the academic year it names by default."""
    m = _RE_DFE.fullmatch(digits)
    if m is None:
        raise _error(text)
    return _span("ayear", _fy_first(text, m[1], m[2]), 9, 12)


def academic_year(first_year: int) -> Period:
    """The academic year starting in September of ``first_year``."""
    return _span("ayear", _check_year(first_year, first_year), 9, 12)


def parse_period(text: object) -> Period:
    """Read a spreadsheet period (text, or a year as int/float) into a :class:`Period`.

    Raises :class:`PeriodError` (a ``ValueError``) listing the accepted forms.
    """
    if not isinstance(text, str):
        return _parse_number(text)
    s = " ".join(text.translate(_DASHES).split()).lower()
    if m := _RE_YEAR.fullmatch(s):
        return _span("year", _check_year(text, int(m[1])), 1, 12)
    if m := _RE_AYEAR.fullmatch(s):
        first, second = (m[1], m[2]) if m[1] else (m[3], m[4])
        return _span("ayear", _fy_first(text, first, second), 9, 12)
    if _RE_DFE.fullmatch(s):
        return _dfe(text, s)
    if (m := _RE_FYEAR.fullmatch(s)) and int(m[2]) % 100 == (int(m[1]) + 1) % 100:
        return _span("fyear", _fy_first(text, m[1], m[2]), 4, 12)
    if m := _RE_QUARTER_YF.fullmatch(s):
        year, q = _check_year(text, int(m[1])), _check_quarter(text, m[2])
        return _span("quarter", year, 3 * q - 2, 3)
    if m := _RE_QUARTER_QF.fullmatch(s):
        q, year = _check_quarter(text, m[1]), _check_year(text, int(m[2]))
        return _span("quarter", year, 3 * q - 2, 3)
    fq_parts: tuple[str, str, str] | None = None
    if m := _RE_FQUARTER_QF.fullmatch(s):
        fq_parts = (m[1], m[2], m[3])
    elif m := _RE_FQUARTER_YF.fullmatch(s):
        fq_parts = (m[3], m[1], m[2])
    if fq_parts is not None:
        q, fy = _check_quarter(text, fq_parts[0]), _fy_first(text, fq_parts[1], fq_parts[2])
        return _span("fquarter", *_add_months(fy, 4, 3 * (q - 1)), 3)
    if m := _RE_RANGE.fullmatch(s):
        m1, m2 = _MONTHS.get(m[1]), _MONTHS.get(m[3])
        if m1 is None or m2 is None:
            raise _error(text, "unknown month name")
        y1, y2 = _check_year(text, int(m[2])), _check_year(text, int(m[4]))
        months = (y2 - y1) * 12 + m2 - m1 + 1
        if months < 1:
            raise _error(text, "the range starts after it ends")
        return _span("range", y1, m1, months)
    from mag_desktop.core.period_forms import more_forms  # it builds on this module

    if (found := more_forms(s, text)) is not None:
        return found
    raise _error(text)


def from_label(label: str) -> Period:
    """Rebuild a period from a stored label (``parse_period(p.label) == p``)."""
    return parse_period(label)


def quarter_of(d: date) -> Period:
    """The calendar quarter containing ``d``."""
    return _span("quarter", d.year, (d.month - 1) // 3 * 3 + 1, 3)
