"""More ways publishers write a period, read by :func:`mag_desktop.core.periods.parse_period`.

- spans of calendar years: "2018 to 2020", "2015 - 17" (three years pooled, as Fingertips and
  ONS write them); a span of consecutive years written with a two-digit end ("2015-16") stays a
  financial year, as in :mod:`mag_desktop.core.periods`;
- spans of financial or academic years: "2017-18 to 2021-22" (April 2017 to March 2022),
  "2017/18 to 2021/22 academic years" (September 2017 to August 2022);
- calendar years said so: "calendar year 2021", "2021 calendar year", "CY2021";
- a month: "June 2020", "Jun 2020" (the range "Jun 2020 to Jun 2020");
- a count taken on a day, said so: "as at 30 June 2020", "as at 30/06/2020": the month holding
  that day. A bare date ("2020-06-30", a date cell) is not read as a period: it is more often
  the day a row was written than the period its figure covers.

Each returns None when the text is not of its form, so the caller reports it as not a period.
"""

from __future__ import annotations

import re
from datetime import date

from mag_desktop.core import periods as p

_YEARS = re.compile(r"(\d{4})\s*(?:-|to)\s*(\d{4}|\d{2})")
_SPAN = r"(\d{4})\s*[/-]\s*(\d{4}|\d{2})"
_YEAR_SPANS = re.compile(_SPAN + r"\s*(?:-|to)\s*" + _SPAN + r"(\s*(?:academic years?|ay))?")
_CALENDAR = re.compile(r"(?:calendar year|cy)\s*(\d{4})|(\d{4})\s*calendar year")
_MONTH = re.compile(r"([a-z]+)\.?\s*(\d{4})")
_AS_AT = r"as (?:at|on)\s*"
_DAY_WORDS = re.compile(_AS_AT + r"(\d{1,2})(?:st|nd|rd|th)?[\s-]*([a-z]+)\.?[\s-]*(\d{4})")
_DAY_UK = re.compile(_AS_AT + r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _month(year: int, month: int) -> p.Period:
    return p._span("range", year, month, 1)


def _day(text: object, year: int, month: int | None, day: int) -> p.Period | None:
    if month is None:
        return None
    try:
        date(p._check_year(text, year), month, day)
    except ValueError:
        return None
    return _month(year, month)


def more_forms(s: str, text: object) -> p.Period | None:
    """The period ``s`` (lower case, spaces and dashes tidied) names in one of these forms."""
    if m := _YEARS.fullmatch(s):
        first = int(m[1])
        last = int(m[2]) if len(m[2]) == 4 else first // 100 * 100 + int(m[2])
        if last > first + (len(m[2]) == 2):  # "2015-16" is the financial year, read before
            p._check_year(text, first)
            p._check_year(text, last)
            return p._span("range", first, 1, 12 * (last - first + 1))
        return None
    if m := _YEAR_SPANS.fullmatch(s):
        first, last = p._fy_first(text, m[1], m[2]), p._fy_first(text, m[3], m[4])
        if last < first:
            return None
        start = 9 if m[5] else 4
        return p._span("range", first, start, 12 * (last - first + 1))
    if m := _CALENDAR.fullmatch(s):
        return p._span("year", p._check_year(text, int(m[1] or m[2])), 1, 12)
    if m := _DAY_UK.fullmatch(s):
        return _day(text, int(m[3]), int(m[2]), int(m[1]))
    if m := _DAY_WORDS.fullmatch(s):
        return _day(text, int(m[3]), p._MONTHS.get(m[2]), int(m[1]))
    if m := _MONTH.fullmatch(s):
        month = p._MONTHS.get(m[1])
        return _month(p._check_year(text, int(m[2])), month) if month else None
    return None
