"""What the filter panel offers: authorities, wards, themes, statuses, groups and periods."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from mag_desktop.core import ethnicity
from mag_desktop.core.query.lookups import period_order
from mag_desktop.core.store.reads import areas, vocabulary


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    parent: str = ""  # a ward's authority, a group's heading
    detail: str = ""  # e.g. "constituent", a status glyph


@dataclass(frozen=True)
class Choices:
    authorities: tuple[Choice, ...]  # constituent first, then non-constituent, by name
    wards: tuple[Choice, ...]  # by authority then name
    themes: tuple[Choice, ...]
    statuses: tuple[Choice, ...]
    groups: tuple[Choice, ...]  # headings and their groups in publishing order, All first
    periods: tuple[str, ...]  # every period with data, oldest first

    def wards_of(self, authorities: tuple[str, ...]) -> tuple[Choice, ...]:
        wanted = set(authorities)
        return tuple(w for w in self.wards if not wanted or w.parent in wanted)

    def name(self, code: str) -> str:
        for pool in (self.authorities, self.wards, self.themes, self.statuses, self.groups):
            for choice in pool:
                if choice.code == code:
                    return choice.label
        return code


def filter_choices(conn: sqlite3.Connection) -> Choices:
    authorities = tuple(Choice(c, n, "", m) for c, n, m in areas.member_authorities(conn))
    wards = tuple(Choice(c, n, p) for c, n, p in areas.member_wards(conn))
    themes = tuple(Choice(c, n, k, s) for c, n, k, s in vocabulary.themes(conn))
    statuses = tuple(Choice(row[0], row[1], "", row[2]) for row in vocabulary.statuses(conn))
    groups = tuple(
        Choice(g.code, g.label if g.kind != "group" else g.short_label, g.heading_code or "",
               g.kind)
        for g in ethnicity.groups()
    )
    labels = vocabulary.period_labels(conn)
    order = period_order(labels)
    return Choices(authorities, wards, themes, statuses, groups,
                   tuple(sorted(labels, key=lambda p: order[p])))
