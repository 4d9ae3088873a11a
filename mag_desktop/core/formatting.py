"""Numbers, dates, markers and comparisons as words: one place, so screen, CLI and PDF agree.

Missing values are shown as an en dash ("–"). Every comparison has a symbol as well as a word,
so a pack printed in greyscale (or read by someone who cannot tell red from green) still says
what colour alone would.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

import pandas as pd

from mag_desktop.core import vocab

MISSING = "–"

#: Decimal places used when a caller gives none.
DEFAULT_DECIMALS: Mapping[str, int] = MappingProxyType(
    {"%": 1, "per 1,000": 1, "per 100,000": 1, "rate": 1, "score": 1, "count": 0, "£": 0,
     "£ thousand": 0}
)

#: comparison -> (word, symbol and word for greyscale print).
comparison_words: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "higher": ("higher", "▲ higher"),
        "lower": ("lower", "▼ lower"),
        "similar": ("similar", "● similar"),
        "better": ("better", "✔ better"),
        "worse": ("worse", "✖ worse"),
        "not compared": ("not compared", "– not compared"),
    }
)

_SHORT_MEANINGS = (  # first matching fragment of a marker's meaning -> short words
    ("confidential", "suppressed"),
    ("suppressed", "suppressed"),
    ("spreadsheet error", "spreadsheet error"),
    ("low reliability", "low reliability"),
    ("not applicable", "not applicable"),
    ("not available", "not available"),
)


def _number(value: object) -> float | None:
    """A finite float, or None for None, NaN, NA and anything that is not a number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def format_number(value: object, decimals: int = 0) -> str:
    """Thousands separators and fixed decimals, halves rounded up: 1234.56 -> "1,234.6" (1
    decimal); missing -> "–"."""
    number = _number(value)
    if number is None:
        return MISSING
    places = max(0, int(decimals))
    # Round half up on the shortest decimal form ("75.25" -> "75.3"), as official statistics
    # do, not half to even on the binary value.
    rounded = Decimal(repr(number)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}"
    return text[1:] if text.startswith("-") and rounded == 0 else text


def format_value(value: object, unit: str, decimals: int | None = None) -> str:
    """A value with its unit: "35.2%", "11.0 per 1,000", "£1,234", "£1,234 thousand", "1,234";
    missing -> "–".

    ``decimals`` defaults by unit (1 for percentages and rates, 0 for counts and £). Counts are
    always whole numbers; amounts in £ show pence only when ``decimals`` is 2 or more.
    """
    unit = str(unit)
    places = DEFAULT_DECIMALS.get(unit, 1) if decimals is None else int(decimals)
    number = _number(value)
    if number is None:
        return MISSING
    if unit == "count":
        return format_count(number)
    if unit in ("£", "£ thousand"):  # "£453,101 thousand", as finance returns are published
        text = format_number(abs(number), 2 if places >= 2 else 0)
        after = " thousand" if unit == "£ thousand" else ""
        return (f"-£{text}" if number < 0 and text.strip("0.,") else f"£{text}") + after
    text = format_number(number, places)
    if unit == "%":
        return f"{text}%"
    if unit.startswith("per "):
        return f"{text} {unit}"
    return text


def format_count(value: object) -> str:
    """A whole number with thousands separators: 1234 -> "1,234"; missing -> "–"."""
    return format_number(value, 0)


def format_marker(marker: object) -> str:
    """A suppression marker with short words: "[c]" -> "[c] suppressed"; no marker -> ""."""
    if marker is None or (isinstance(marker, float) and math.isnan(marker)) or marker == "":
        return ""
    text = str(marker)
    meaning = vocab.suppression_markers().get(text, "not available").lower()
    short = next((words for key, words in _SHORT_MEANINGS if key in meaning), "not available")
    return f"{text} {short}"


def format_date(value: object) -> str:
    """A date as "31 Mar 2025" (day without a leading zero); missing or unreadable -> "–"."""
    if value is None or value is pd.NaT:
        return MISSING
    if isinstance(value, datetime | date):
        day = value
    else:
        try:
            stamp = pd.Timestamp(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return MISSING
        if pd.isna(stamp):
            return MISSING
        day = stamp.date()
    return f"{day.day} {day.strftime('%b')} {day.year}"


def format_comparison(comparison: str) -> str:
    """The comparison with its symbol, e.g. "▲ higher" (unknown words are shown as given)."""
    return comparison_words.get(comparison, (comparison, comparison))[1]
