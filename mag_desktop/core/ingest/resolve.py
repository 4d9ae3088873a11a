"""Resolving text fields column by column: each distinct value is looked at once.

A resolver turns a column of raw cells into an array of codes (or None) and reports every row
whose value cannot be resolved, with the value found and what was expected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mag_desktop.core.area_levels import level_name, levels_of_type
from mag_desktop.core.distinct import codes_of
from mag_desktop.core.ethnicity import group, map_label
from mag_desktop.core.ingest.area_tally import AreaTally, outside_key, successor_key
from mag_desktop.core.ingest.cells import INVISIBLE, Cells, clean_text, is_blank
from mag_desktop.core.ingest.report import Report
from mag_desktop.core.ingest.textcheck import note_invisible
from mag_desktop.core.names import AreaResolver
from mag_desktop.core.periods import ACCEPTED_FORMS, PeriodError, parse_period


def _a(words: str) -> str:
    return f"{'an' if words[:1].lower() in 'aeiou' else 'a'} {words}"


@dataclass(frozen=True)
class Outcome:
    """What one distinct value resolves to: a code, or an error/warning sentence."""

    code: str | None
    severity: str = ""  # "" when fine, "error", or "warning" (code kept or row skipped)
    rule: str = ""
    message: str = ""
    skip: bool = False  # drop the row (with a warning) rather than block the import
    tally: str = ""  # counted under this key in an AreaTally rather than reported row by row


@dataclass
class Where:
    """The place of a column in the sheet, for the report."""

    column: int | None
    header: str


def remembered(decide: Callable[..., Outcome]) -> Callable[..., Outcome]:
    """``decide``, each distinct set of cells decided once (a chunk of a large file holds the
    same few hundred areas as the one before). Cells are told apart by type as well as value,
    which a dictionary alone would not do (TRUE == 1 == 1.0)."""
    seen: dict[tuple[object, ...], Outcome] = {}

    def once(*cells: object) -> Outcome:
        key = tuple((type(c), c) for c in cells)
        found = seen.get(key)
        if found is None:
            found = seen[key] = decide(*cells)
        return found

    return once


def _factorize(columns: list[Cells]) -> tuple[np.ndarray, list[tuple[object, ...]]]:
    """Integer keys for rows of one or more columns, and the distinct value tuples."""
    parts = [codes_of(c) for c in columns]
    if len(parts) == 1:
        idx, uniques = parts[0]
        return idx, [(u,) for u in uniques]
    combined = np.zeros(len(columns[0]), dtype=np.int64)
    for idx, uniques in parts:
        combined = combined * max(len(uniques), 1) + idx
    keys, inverse = np.unique(combined, return_inverse=True)
    values: list[tuple[object, ...]] = []
    for key in keys.tolist():
        tup: list[object] = []
        for _idx, uniques in reversed(parts):
            key, rem = divmod(key, max(len(uniques), 1))
            tup.append(uniques[rem])
        values.append(tuple(reversed(tup)))
    return inverse.reshape(-1), values


def resolve_column(
    columns: list[Cells],
    rows: np.ndarray,
    decide: Callable[..., Outcome],
    report: Report,
    where: Where | list[Where],
    tally: AreaTally | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(codes object array, bad mask, skip mask) for one field of one chunk.

    ``columns`` holds the cells of the column(s) the field is read from (an area may come from
    a code, a name and a type column); ``decide`` gets one value per column. With one
    ``where`` per column, a problem is reported against the first column that holds a value.
    Outcomes with a ``tally`` key are counted in ``tally`` (when given), not reported per row.
    """
    codes_idx, uniques = _factorize(columns)
    outcomes = [decide(*u) for u in uniques]
    for k, values in enumerate(uniques):  # invisible characters: cleaned, and said so
        for j, value in enumerate(values):
            if isinstance(value, str) and INVISIBLE.search(value):
                at = where[j] if isinstance(where, list) else where
                note_invisible(report, value, rows[codes_idx == k], at.column, at.header)
    lookup = np.array([o.code for o in outcomes] + [None], dtype=object)[:-1]
    codes = lookup[codes_idx]
    if tally is not None:
        tally.keep([o.code for o in outcomes if o.code])
    n = len(columns[0])
    bad = np.zeros(n, dtype=bool)
    skip = np.zeros(n, dtype=bool)
    for k, outcome in enumerate(outcomes):
        if not outcome.severity:
            continue
        hit = np.flatnonzero(codes_idx == k)
        if outcome.severity == "error":
            bad[hit] = True
        elif outcome.skip:
            skip[hit] = True
        given = [j for j, v in enumerate(uniques[k]) if not is_blank(v)]
        shown = uniques[k][given[0]] if given else ""
        place = where[given[0] if given else 0] if isinstance(where, list) else where
        if outcome.tally and tally is not None:
            tally.add(outcome.tally, clean_text(shown, 100), rows[hit], place.column,
                      place.header)
            continue
        for i in hit:
            report.add(outcome.severity, outcome.rule, outcome.message, row=int(rows[i]),
                       column=place.column, header=place.header, value=shown)
    return codes, bad, skip


def required(label: str) -> Outcome:
    return Outcome(None, "error", "required", f"{label} is required here; the cell is empty")


def indicator_decider(known: set[str]) -> Callable[[object], Outcome]:
    def decide(value: object) -> Outcome:
        if is_blank(value):
            return required("an indicator ID")
        code = clean_text(value, 64).upper()
        if code in known:
            return Outcome(code)
        return Outcome(
            None, "error", "indicator-unknown",
            "unknown indicator: expected an indicator ID defined in this file's Indicators "
            "sheet or already in the store",
        )
    return decide


def period_decider(kinds: tuple[str, ...] | None = None) -> Callable[[object], Outcome]:
    def decide(value: object) -> Outcome:
        if is_blank(value):
            return required("a period")
        try:
            period = parse_period(value)
        except PeriodError:
            forms = ", ".join(ACCEPTED_FORMS)
            return Outcome(None, "error", "period", f"not a period; expected one of: {forms}")
        if kinds and period.kind not in kinds:
            return Outcome(None, "error", "period-kind",
                           f"expected a quarter such as 2026 Q3, not a {period.kind} period")
        return Outcome(period.label)
    return decide


def group_decider(extra: dict[str, str]) -> Callable[[object], Outcome]:
    extra_keys = {clean_text(k).lower(): v for k, v in extra.items()}

    def decide(value: object) -> Outcome:
        if is_blank(value):
            return required("an ethnic group")
        text = clean_text(value, 200)
        if text.lower() in extra_keys:
            return Outcome(extra_keys[text.lower()])
        match = map_label(text, nhs_letters=True)  # a cell of a group column: "A" is NHS code A
        if match.code and match.footnote:
            return Outcome(match.code, "warning", "ethnic-footnote",
                           f"read as {group(match.code).label}: the footnote mark "
                           f"{match.footnote!r} was removed from the label")
        if match.code:
            return Outcome(match.code)
        return Outcome(
            None, "error", "ethnic-group",
            f"{match.note}: expected a 2021 Census ethnic group (e.g. 'Pakistani', "
            "'Black Caribbean', 'White British'), a heading, 'All' or 'Unknown'",
        )
    return decide


def area_decider(resolver: AreaResolver) -> Callable[..., Outcome]:
    """Decide from (code, name, type) cells; the code wins when both are given.

    The type cell (an "Area type" column or constant: "Region", "County & UA", "MSOA"...)
    limits a name to the levels it names. Areas the store does not hold are skipped and
    counted; a name that fits areas of several levels is an error that names them all.
    """

    def decide(code_cell: object, name_cell: object = "", type_cell: object = "") -> Outcome:
        code_text, name_text = clean_text(code_cell, 100), clean_text(name_cell, 200)
        levels = levels_of_type(clean_text(type_cell, 100))
        text = code_text or name_text
        if not text:
            return required("an area code or name")
        res = resolver.resolve(text, levels=None if code_text else levels)
        if res.status == "ok":
            if code_text and levels and res.level and res.level not in levels:
                said = clean_text(type_cell, 100)
                return Outcome(res.code, "warning", "area-level-mismatch",
                               f"the area type {said!r} does not fit {res.code}, "
                               f"{_a(level_name(res.level))} ({res.name}); the code was used")
            if code_text and name_text:
                check = resolver.resolve(name_text, levels=levels)
                if check.code != res.code and check.status in ("ok", "outside"):
                    return Outcome(res.code, "warning", "area-name-mismatch",
                                   f"the name {name_text!r} is not the name of {res.code} "
                                   f"({res.name}); the code was used")
            if res.replaced and res.code:
                return Outcome(res.code, "warning", "area-retired", res.message,
                               tally=successor_key(res.replaced, res.code))
            return Outcome(res.code)
        if res.status == "outside":
            return Outcome(None, "warning", "area-outside",
                           f"{res.message}; the store does not hold it, so the row was left out",
                           skip=True, tally=outside_key(res.level))
        if res.status == "ambiguous":
            return Outcome(None, "error", "area-ambiguous", res.message)
        expected = "expected an ONS code or the name of a WMCA authority or ward"
        return Outcome(None, "error", f"area-{res.status}", f"{res.message}; {expected}")
    return decide
