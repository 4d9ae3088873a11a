"""Imported text changed on the way in, said so: invisible characters removed and text cut at
its limit, one warning per column and kind, naming the cells.

Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) make text display other
than it reads ("ATTACK" shows as "KCATTA" in a PDF), zero-width characters (U+200B–U+200D,
U+2060, U+FEFF) make two equal-looking titles differ, and control characters (C0, DEL, C1) have
no place in a title or a narrative: all are removed (as :func:`cells.clean_text` does) and the
cells that held them are listed. Text longer than its field's limit (a title 500 characters, a
narrative 5,000) is cut, and the cells cut are listed too, never cut in silence.

The checks gathered for one report are written to it by :func:`finish` when validation ends.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from mag_desktop.core.ingest.cells import INVISIBLE, clean_text, is_blank
from mag_desktop.core.ingest.report import Report, column_letter

SHOWN_CELLS = 10
_ATTRIBUTE = "_text_checks"


@dataclass
class _Found:
    rows: set[int] = field(default_factory=set)
    characters: dict[str, int] = field(default_factory=dict)  # "U+202E" → how many
    longest: int = 0
    limit: int = 0


def _checks(report: Report) -> dict[tuple[str, int | None, str], _Found]:
    found: dict[tuple[str, int | None, str], _Found] | None = getattr(report, _ATTRIBUTE, None)
    if found is None:
        found = {}
        setattr(report, _ATTRIBUTE, found)
    return found


def checked_text(report: Report, value: object, limit: int, *, row: int | None,
                 column: int | None, header: str) -> str:
    """:func:`clean_text`, noting in ``report`` what was removed or cut, and where."""
    text = clean_text(value, limit)
    if is_blank(value) or not isinstance(value, str):
        return text
    checks = _checks(report)
    removed = INVISIBLE.findall(value)
    if removed:
        _note(checks, removed, [row or 0], column, header)
    whole = len(INVISIBLE.sub("", value).strip())
    if whole > limit:
        found = checks.setdefault(("text-long", column, header), _Found(limit=limit))
        if row not in found.rows:
            found.rows.add(row or 0)
            found.longest = max(found.longest, whole)
    return text


def _note(checks: dict[tuple[str, int | None, str], _Found], removed: list[str],
          rows: Iterable[int], column: int | None, header: str) -> None:
    found = checks.setdefault(("text-invisible", column, header), _Found())
    for row in rows:
        if row in found.rows:
            continue
        found.rows.add(row)
        for ch in removed:
            name = f"U+{ord(ch):04X}"
            found.characters[name] = found.characters.get(name, 0) + 1


def note_invisible(report: Report, value: str, rows: Iterable[int], column: int | None,
                   header: str) -> None:
    """Note the invisible characters of one distinct ``value`` found in ``rows`` of a column
    (for columns read a distinct value at a time, whose text is cleaned where it is read)."""
    removed = INVISIBLE.findall(value)
    if removed:
        _note(_checks(report), removed, (int(r) for r in rows), column, header)


def _cells(rows: set[int], column: int | None) -> str:
    letter = column_letter(column) if column is not None else ""
    names = [f"{letter}{r}" if letter else f"row {r}" for r in sorted(rows)[:SHOWN_CELLS]]
    more = len(rows) - len(names)
    return ", ".join(names) + (f" and {more:,} more" if more else "")


def _describe(code: str) -> str:
    ch = chr(int(code[2:], 16))
    return f"{code} {unicodedata.name(ch, 'control character').lower()}"


def finish(report: Report) -> None:
    """Write the gathered checks to the report, one warning per column and kind."""
    checks: dict[tuple[str, int | None, str], _Found] = getattr(report, _ATTRIBUTE, {})
    for (rule, column, header), found in checks.items():
        cells = len(found.rows)
        noun = "cell" if cells == 1 else "cells"
        if rule == "text-invisible":
            total = sum(found.characters.values())
            kinds = ", ".join(f"{_describe(c)} ×{n}" if n > 1 else _describe(c)
                              for c, n in sorted(found.characters.items()))
            message = (f"removed {total:,} invisible or control character"
                       f"{'s' if total > 1 else ''} ({kinds}) from {cells:,} {noun}: "
                       f"{_cells(found.rows, column)}; they can make text display other than "
                       "it reads")
        else:
            message = (f"{cells:,} {noun} longer than the {found.limit:,} characters this "
                       f"field keeps (the longest {found.longest:,}) cut to "
                       f"{found.limit:,}: {_cells(found.rows, column)}; shorten "
                       f"{'it' if cells == 1 else 'them'} to keep every word")
        report.warning(rule, message, row=min(found.rows) or None, column=column,
                       header=header)
    checks.clear()
