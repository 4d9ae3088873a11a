"""Since my last release: what changed between the installed release and the one before.

Status changes (a commitment's latest status), new commitments, new periods of data (per
period, the indicators that gained it), and corrected figures (a value or marker revised for a
period the previous release already held). Both releases hold only what the window shows, so
the comparison never hints at a confidential figure.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mag_desktop.core.store import Store
from mag_desktop.core.store.reads import compare


@dataclass(frozen=True)
class StatusChange:
    commitment_id: str
    title: str
    before: str  # status label in the previous release
    after: str
    quarter: str  # the quarter of the latest update now


@dataclass(frozen=True)
class NewCommitment:
    commitment_id: str
    title: str


@dataclass(frozen=True)
class NewPeriod:
    period: str
    indicators: tuple[str, ...]  # indicator names


@dataclass(frozen=True)
class Correction:
    indicator: str  # name
    area: str  # name
    period: str
    group: str  # label
    before: float | None
    after: float | None
    before_marker: str | None
    after_marker: str | None


@dataclass
class Changes:
    status_changes: list[StatusChange] = field(default_factory=list)
    new_commitments: list[NewCommitment] = field(default_factory=list)
    new_periods: list[NewPeriod] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)  # the first ``limit``
    corrections_total: int = 0

    @property
    def empty(self) -> bool:
        return not (self.status_changes or self.new_commitments or self.new_periods
                    or self.corrections_total)


def _path(release: Store | Path) -> Path:
    return release.path if isinstance(release, Store) else Path(release)


def changes(current: Store | Path, previous: Store | Path, limit: int = 500) -> Changes:
    """Compare two releases' snapshots (or any two stores), read-only."""
    with compare.attached(_path(current), _path(previous)) as conn:
        found = Changes()
        found.status_changes = _status_changes(conn)
        found.new_commitments = _new_commitments(conn)
        found.new_periods = _new_periods(conn)
        found.corrections, found.corrections_total = _corrections(conn, limit)
        return found


def _latest_status(conn: sqlite3.Connection, db: compare.Side) -> dict[str, tuple[str, str]]:
    latest: dict[str, tuple[str, str, date]] = {}
    for cid, quarter, label, end in compare.current_updates(conn, db):
        when = date.fromisoformat(end)
        if cid not in latest or when > latest[cid][2]:
            latest[cid] = (quarter, label, when)
    return {cid: (q, label) for cid, (q, label, _) in latest.items()}


def _status_changes(conn: sqlite3.Connection) -> list[StatusChange]:
    now, before = _latest_status(conn, "new"), _latest_status(conn, "old")
    titles = compare.titles(conn, "new")
    return [StatusChange(cid, titles.get(cid, cid), before[cid][1], label, quarter)
            for cid, (quarter, label) in sorted(now.items())
            if cid in before and before[cid][1] != label]


def _new_commitments(conn: sqlite3.Connection) -> list[NewCommitment]:
    now, before = compare.titles(conn, "new"), compare.titles(conn, "old")
    return [NewCommitment(cid, title) for cid, title in sorted(now.items()) if cid not in before]


def _new_periods(conn: sqlite3.Connection) -> list[NewPeriod]:
    names = compare.indicator_names(conn)
    ends = compare.period_ends(conn)
    gained: dict[str, list[str]] = {}
    for code, period in compare.held(conn, "new") - compare.held(conn, "old"):
        gained.setdefault(period, []).append(names.get(code, code))
    return [NewPeriod(period, tuple(sorted(gained[period])))
            for period in sorted(gained, key=lambda p: (ends.get(p, ""), p))]


def _corrections(conn: sqlite3.Connection, limit: int) -> tuple[list[Correction], int]:
    kept: list[Correction] = []
    total = 0
    for row in compare.corrections(conn):
        total += 1
        if len(kept) < limit:
            kept.append(Correction(*row))
    return kept, total
