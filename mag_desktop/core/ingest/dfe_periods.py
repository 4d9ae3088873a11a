"""DfE's six-digit periods ("201617") read with the file's own word on what they are.

Explore Education Statistics files write a year spanning two calendar years as ``201617`` and
say in a ``time_identifier`` column whether it is an "Academic year" (September to August) or a
"Financial year" (April to March). This module rewrites those cells into the unambiguous forms
:func:`mag_desktop.core.periods.parse_period` reads ("2016/17 academic year", "2016/17"). With
no ``time_identifier`` (or one that names neither), the period is read as an academic year, the
DfE's usual meaning, and the clerk is told once with the number of rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from mag_desktop.core.distinct import codes_of
from mag_desktop.core.ingest.cells import Cells
from mag_desktop.core.ingest.mapping import header_key
from mag_desktop.core.ingest.translations import Translations

IDENTIFIER_HEADERS = frozenset({header_key("time_identifier"), header_key("time identifier")})
_DFE = re.compile(r"\s*(\d{4})(\d{2})(?:\.0+)?\s*")
_SPAN = re.compile(r"\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*")  # "2016/17": academic if said


def identifier_column(headers: Sequence[str]) -> int | None:
    """The index of DfE's ``time_identifier`` column, if the table has one."""
    for j, header in enumerate(headers):
        if header_key(str(header)) in IDENTIFIER_HEADERS:
            return j
    return None


def _dfe_years(cell: object, spans: bool = False) -> tuple[int, int] | None:
    """(2016, 17) for "201617" (or, with ``spans``, for "2016/17" and "2016-2017")."""
    if isinstance(cell, bool) or not isinstance(cell, (str, int, float, np.integer, np.floating)):
        return None
    m = _DFE.fullmatch(str(cell)) or (_SPAN.fullmatch(str(cell)) if spans else None)
    if m is None:
        return None
    first, second = int(m[1]), int(m[2]) % 100
    return (first, second) if (first + 1) % 100 == second else None


def _rewrite(cell: object, identifier: str, notes: Translations, rows: int) -> object:
    kind = identifier.strip().lower()
    years = _dfe_years(cell, spans=kind == "academic year")
    if years is None:
        return cell
    first, second = years
    span = f"{first}/{second:02d}"
    if kind == "financial year":
        return span
    if kind and kind != "academic year":  # a term, a tax year, a quarter: not a year, so the
        return f"{cell} ({identifier.strip()})"  # row is reported with what the file says
    if not kind:
        said = (f"its time_identifier is {identifier.strip()!r}" if kind
                else "the file has no time_identifier to say otherwise")
        notes.note("period-dfe", f"read {first}{second:02d} as the academic year {span} "
                   f"(September to August): {said}", rows, header="time_identifier")
    return f"{span} academic year"


def contextual_periods(cells: Cells, identifiers: Cells | None,
                       notes: Translations) -> Cells:
    """The period cells with DfE six-digit periods spelt out; other cells unchanged."""
    idx, uniques = codes_of(cells)
    if identifiers is None and not any(_dfe_years(u) for u in uniques):
        return cells
    given = identifiers if identifiers is not None else [""] * len(cells)
    names = pd.Series(["" if v is None else str(v) for v in given], dtype=object)
    together = pd.Series(list(zip(idx.tolist(), names.tolist(), strict=True)), dtype=object)
    pair_idx, pairs = codes_of(together.to_numpy())
    counts = np.bincount(pair_idx, minlength=len(pairs))
    rewritten = [_rewrite(uniques[i], name, notes, int(counts[k]))
                 for k, (i, name) in enumerate(pairs)]
    return [rewritten[k] for k in pair_idx]
