"""Values, counts, markers, dates and comparison words as the screen and the packs show them."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from mag_desktop.core.domain import Unit
from mag_desktop.core.formatting import (
    comparison_words,
    format_comparison,
    format_count,
    format_date,
    format_marker,
    format_value,
)
from mag_desktop.core.stats import COMPARISONS


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        (35.24, "%", 1, "35.2%"),
        (11, "per 1,000", 1, "11.0 per 1,000"),
        (1234.4, "£", 0, "£1,234"),
        (1234.4, "£", 1, "£1,234"),
        (1234.456, "£", 2, "£1,234.46"),
        (-50, "£", None, "-£50"),
        (1234, "count", None, "1,234"),
        (1234, "count", 1, "1,234"),
        (123456.78, "per 100,000", 2, "123,456.78 per 100,000"),
        (2.25, "rate", None, "2.3"),  # halves round up, as published statistics do
        (2.675, "%", 2, "2.68%"),
        (-0.04, "%", 1, "0.0%"),
        (35.2, Unit.PERCENT, None, "35.2%"),
        (None, "%", 1, "–"),
        (float("nan"), "per 1,000", 1, "–"),
        (pd.NA, "count", 0, "–"),
        (np.float64(7.0), "%", 0, "7%"),
        (453100.99, "£ thousand", None, "£453,101 thousand"),  # as MHCLG's outturn gives it
        (46.6156, Unit.SCORE, None, "46.6"),  # an Attainment 8 score
    ],
)
def test_format_value(value: object, unit: str, decimals: int | None, expected: str) -> None:
    assert format_value(value, unit, decimals) == expected


def test_format_count() -> None:
    assert format_count(1234567) == "1,234,567"
    assert format_count(None) == "–"


@pytest.mark.parametrize(
    ("marker", "expected"),
    [("[c]", "[c] suppressed"), ("[x]", "[x] not available"), ("[z]", "[z] not applicable"),
     ("[u]", "[u] low reliability"), ("*", "* suppressed"), ("..", ".. not available"),
     ("#DIV/0!", "#DIV/0! spreadsheet error"), ("??", "?? not available"), (None, ""),
     (float("nan"), "")],
)
def test_format_marker(marker: object, expected: str) -> None:
    assert format_marker(marker) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(date(2025, 3, 31), "31 Mar 2025"), (datetime(2025, 4, 1, 9, 30), "1 Apr 2025"),
     (pd.Timestamp("2024-12-05"), "5 Dec 2024"), ("2025-03-31", "31 Mar 2025"),
     (None, "–"), (pd.NaT, "–"), ("not a date", "–")],
)
def test_format_date(value: object, expected: str) -> None:
    assert format_date(value) == expected


def test_every_comparison_has_a_word_and_a_symbol() -> None:
    assert set(comparison_words) == set(COMPARISONS)
    assert comparison_words["higher"] == ("higher", "▲ higher")
    assert format_comparison("worse") == "✖ worse"
    assert format_comparison("not compared") == "– not compared"
    symbols = [shown.split()[0] for _word, shown in comparison_words.values()]
    assert len(set(symbols)) == len(symbols)  # each readable in greyscale
