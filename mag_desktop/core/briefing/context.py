"""What every part of a briefing needs, read from the store once per pack.

The builder makes one :class:`BuildContext` and hands it to each section builder, so the
commitments frame, the status vocabulary and the area names are queried once, not per section.
Section builders record the suppression markers and sources they showed, for the notes.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd

from mag_desktop.core import formatting, vocab
from mag_desktop.core.briefing.model import Audience, BulletList, Cell, StatusMark
from mag_desktop.core.domain import Theme
from mag_desktop.core.query import Filter, lookups

T = TypeVar("T")
#: Comparison word -> colour for the words in tables (the symbol carries the meaning too).
COMPARISON_COLOURS = {
    "better": "#1A7F37", "worse": "#B3261E", "higher": "#1B365D", "lower": "#1B365D",
    "similar": "#4D4D4D", "not compared": "#6B6B6B",
}


@dataclass
class BuildContext:
    conn: sqlite3.Connection
    audience: Audience
    flt: Filter
    themes: tuple[Theme, ...]
    commitments: pd.DataFrame  # commitments_frame(conn, flt)
    as_at: str | None
    names: Callable[[str, str], str]  # label_lookup(conn)
    statuses: dict[str, StatusMark] = field(default_factory=dict)
    markers_used: set[str] = field(default_factory=set)
    sources: dict[str, list[str]] = field(default_factory=dict)  # source -> indicator names
    #: each exception's commitments by ID, for a pack without the exception lists to open its
    #: commitments part with (set by the summary); None when the pack has the lists
    attention: BulletList | None = None

    def status(self, code: object) -> StatusMark | None:
        return self.statuses.get(str(code)) if isinstance(code, str) else None

    def note_source(self, source: str, indicator: str) -> None:
        names = self.sources.setdefault(source or "Source not recorded", [])
        if indicator not in names:
            names.append(indicator)


_PER_STORE: dict[tuple[str, int, str], Any] = {}


def per_store(conn: sqlite3.Connection, name: str, read: Callable[[sqlite3.Connection], T]) -> T:
    """``read(conn)`` once per store file and data version (for store-wide facts that every
    pack of a batch shares: the data's status, the area names)."""
    key = (*lookups.store_key(conn), name)
    if key not in _PER_STORE:
        for old in [k for k in _PER_STORE if k[0] == key[0] and k[1] != key[1]]:
            del _PER_STORE[old]
        _PER_STORE[key] = read(conn)
    return _PER_STORE[key]  # type: ignore[no-any-return]


def records(frame: pd.DataFrame, columns: tuple[str, ...] | None = None
            ) -> list[dict[str, Any]]:
    """Rows as dicts, column by column (several times faster than ``to_dict("records")`` on
    the query layer's Arrow-backed frames)."""
    names = tuple(c for c in (columns or tuple(frame.columns)) if c in frame.columns)
    return [dict(zip(names, values, strict=True))
            for values in zip(*(frame[c].tolist() for c in names), strict=True)]


def status_marks() -> dict[str, StatusMark]:
    """Every status as a mark, from the vocabulary (the store holds the same rows)."""
    return {s.code: StatusMark(s.code, s.label, s.glyph, s.colour) for s in vocab.statuses()}


def missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def marker_of(value: object) -> str | None:
    """A suppression marker, or None for no marker (None, NaN or empty)."""
    return None if missing(value) or value == "" else str(value)


def number_cell(value: object, decimals: int, marker: object = None, **extra: object) -> Cell:
    """A number, or the suppression marker when there is one (never a number then)."""
    mark = marker_of(marker)
    if mark is not None:
        return Cell(mark, suppressed=True)
    return Cell(formatting.format_number(value, decimals), **extra)  # type: ignore[arg-type]


def interval_cell(lower: object, upper: object, decimals: int, marker: object = None) -> Cell:
    mark = marker_of(marker)
    if mark is not None:
        return Cell(mark, suppressed=True)
    if missing(lower) or missing(upper):
        return Cell(formatting.MISSING)
    lo, hi = formatting.format_number(lower, decimals), formatting.format_number(upper, decimals)
    return Cell(f"{lo} to {hi}")


def value_text(value: object, unit: str, decimals: int, marker: object = None) -> str:
    """A value with its unit ("7.4 per 1,000"), or its marker ("[c]")."""
    mark = marker_of(marker)
    return mark if mark is not None else formatting.format_value(value, unit, decimals)


def comparison_cell(word: object) -> Cell:
    text = str(word) if isinstance(word, str) else "not compared"
    return Cell(formatting.format_comparison(text), colour=COMPARISON_COLOURS.get(text))


def unit_words(unit: str) -> str:
    return {"%": "per cent", "count": "number", "£": "£"}.get(unit, unit)


def polarity_words(polarity: str) -> str:
    return {"higher": "higher is better", "lower": "lower is better"}.get(
        polarity, "no judgement of better or worse"
    )
