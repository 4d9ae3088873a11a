"""An attacker who tries to recover suppressed figures from what MAG Desktop shows.

Written apart from the code under test: it knows only how official tables add up (All is the
sum of the headings and Unknown; a heading the sum of its detailed groups; "Ethnic minorities"
plus White British is All; an authority the sum of its wards, the WMCA area of its seven
constituent authorities) and solves every breakdown at once as simultaneous equations, which
also covers every chain of subtractions. A figure is recovered when the equations fix it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

import numpy as np

from mag_desktop.core import ethnicity

Cell = tuple[str, str]  # (area, group)


def _breakdowns(cells: set[Cell], children: dict[str, list[str]]) -> list[tuple[Cell, list[Cell]]]:
    heading_of = {g.code: g.heading_code for g in ethnicity.groups() if g.kind == "group"}
    headings = [g.code for g in ethnicity.groups() if g.kind == "heading"]
    areas = {a for a, _ in cells}
    found: list[tuple[Cell, list[Cell]]] = []
    for area in areas:
        for h in headings:
            kids = [(area, g) for g, hh in heading_of.items() if hh == h and (area, g) in cells]
            if (area, h) in cells and len(kids) > 1:
                found.append(((area, h), kids))
        if (area, "ALL") in cells:
            tops: list[Cell] = []
            for h in headings:
                if (area, h) in cells:
                    tops.append((area, h))
                else:
                    tops += [(area, g) for g, hh in heading_of.items()
                             if hh == h and (area, g) in cells]
            if (area, "UNKNOWN") in cells:
                tops.append((area, "UNKNOWN"))
            if len(tops) > 1:
                found.append(((area, "ALL"), tops))
            for agg, rest in (("MINORITY", "WHITE_BRITISH"), ("NON_WHITE_ALL", "WHITE")):
                if (area, agg) in cells and (area, rest) in cells:
                    found.append(((area, "ALL"), [(area, agg), (area, rest)]))
    groups = {g for _, g in cells}
    for parent, kids in children.items():
        for g in groups:
            if (parent, g) in cells and all((k, g) in cells for k in kids):
                found.append(((parent, g), [(k, g) for k in kids]))
    return found


def recoverable(shown: dict[Cell, float | None], children: dict[str, list[str]]) -> list[Cell]:
    """The hidden cells (value None) that the breakdowns determine."""
    hidden = sorted(c for c, v in shown.items() if v is None)
    if not hidden:
        return []
    index = {c: i for i, c in enumerate(hidden)}
    rows = []
    for total, parts in _breakdowns(set(shown), children):
        row = np.zeros(len(hidden))
        for cell, sign in [(total, -1.0), *((p, 1.0) for p in parts)]:
            if cell in index:
                row[index[cell]] += sign
        if row.any():
            rows.append(row)
    if not rows:
        return []
    a = np.array(rows)
    _, s, vt = np.linalg.svd(a)
    rank = int((s > 1e-9 * max(1.0, s[0])).sum())
    free = vt[rank:]
    fixed = (np.abs(free) < 1e-7).all(axis=0) if len(free) else np.ones(len(hidden), bool)
    return [hidden[i] for i in np.flatnonzero(fixed)]


def attack(conn: sqlite3.Connection, select: str) -> dict[tuple[str, str], list[Cell]]:
    """Recovered secrets per (indicator, period). ``select`` gives indicator_code, period,
    area_code, group_code, the numerator as shown (NULL when hidden), whether the cell is a
    secret (suppressed by the publisher, or withheld) and, optionally, the denominator as shown,
    for current rows whose breakdowns add up. A cell hidden for another reason ("not
    available") may be derived: it is no secret."""
    children: dict[str, list[str]] = defaultdict(list)
    for code, parent, level, membership in conn.execute(
            "SELECT code, parent_code, level, membership FROM area"):
        if level == "ward" or (level == "authority" and membership == "constituent"):
            children[parent].append(code)
    slices: dict[tuple[str, str], dict[Cell, float | None]] = defaultdict(dict)
    secrets: set[tuple[str, str, str, str]] = set()
    wholes: dict[tuple[str, str, str], set[float]] = defaultdict(set)
    for ind, period, area, group, num, secret, *den in conn.execute(select):
        slices[(ind, period)][(area, group)] = num
        if secret:
            secrets.add((ind, period, area, group))
        if den and den[0] is not None:
            wholes[(ind, period, area)].add(float(den[0]))
    # shares of one whole (every shown denominator alike) reveal that whole as "All"
    for (ind, period, area), dens in wholes.items():
        shown = slices[(ind, period)]
        if len(dens) == 1 and (area, "ALL") not in shown and sum(
                1 for (a, _g) in shown if a == area) >= 2:
            shown[(area, "ALL")] = dens.pop()
    out = {}
    for key, shown in slices.items():
        if all(v is None for v in shown.values()):
            continue  # nothing shown, nothing to subtract
        found = [c for c in recoverable(shown, dict(children)) if (*key, *c) in secrets]
        if found:
            out[key] = found
    return out
