"""The Notes list: notes grouped by the quarter they were written in, newest quarter first,
with earlier quarters' notes kept and marked as such."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from mag_desktop.core.notes.book import newest_first
from mag_desktop.core.notes.model import Note, calendar_quarter, quarter_key


@dataclass(frozen=True)
class QuarterNotes:
    quarter: str
    earlier: bool  # written in a quarter before the one shown now
    notes: tuple[Note, ...]

    @property
    def heading(self) -> str:
        """"2026 Q3", or "2026 Q2 (an earlier quarter)"."""
        return f"{self.quarter} (an earlier quarter)" if self.earlier else self.quarter


def current_quarter(conn: sqlite3.Connection | None = None) -> str:
    """The quarter a note written now belongs to: the latest quarter of the data shown (the
    store's as-at quarter), or the calendar quarter when there is no data yet."""
    if conn is not None:
        from mag_desktop.core.query.commitments import as_at_quarter

        as_at = as_at_quarter(conn)
        if as_at:
            return as_at
    return calendar_quarter()


def grouped(notes: Iterable[Note], current: str | None = None) -> list[QuarterNotes]:
    """``notes`` by quarter, newest first; a quarter before ``current`` is marked earlier."""
    groups: dict[str, list[Note]] = {}
    for note in newest_first(notes):
        groups.setdefault(note.quarter, []).append(note)
    return [
        QuarterNotes(quarter, current is not None and quarter_key(quarter) < quarter_key(current),
                     tuple(items))
        for quarter, items in groups.items()
    ]
