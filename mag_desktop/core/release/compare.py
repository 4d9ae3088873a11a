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
    conn = sqlite3.connect("file::memory:", uri=True, isolation_level=None)
    try:
        for alias, release in (("new", current), ("old", previous)):
            uri = _path(release).resolve().as_uri()
            conn.execute(f"ATTACH DATABASE ? AS {alias}", (f"{uri}?mode=ro",))
        found = Changes()
        found.status_changes = _status_changes(conn)
        found.new_commitments = _new_commitments(conn)
        found.new_periods = _new_periods(conn)
        found.corrections, found.corrections_total = _corrections(conn, limit)
        return found
    finally:
        conn.close()


def _latest_status(conn: sqlite3.Connection, db: str) -> dict[str, tuple[str, str]]:
    rows = conn.execute(
        f"SELECT u.commitment_id, u.quarter, s.label, p.end_date FROM {db}.commitment_update u"
        f" JOIN {db}.period p ON p.label = u.quarter JOIN {db}.status s ON s.code = u.status"
        " WHERE u.superseded_by IS NULL").fetchall()
    latest: dict[str, tuple[str, str, date]] = {}
    for cid, quarter, label, end in rows:
        when = date.fromisoformat(end)
        if cid not in latest or when > latest[cid][2]:
            latest[cid] = (quarter, label, when)
    return {cid: (q, label) for cid, (q, label, _) in latest.items()}


def _titles(conn: sqlite3.Connection, db: str) -> dict[str, str]:
    return dict(conn.execute(
        f"SELECT id, title FROM {db}.commitment WHERE superseded_by IS NULL").fetchall())


def _status_changes(conn: sqlite3.Connection) -> list[StatusChange]:
    now, before = _latest_status(conn, "new"), _latest_status(conn, "old")
    titles = _titles(conn, "new")
    return [StatusChange(cid, titles.get(cid, cid), before[cid][1], label, quarter)
            for cid, (quarter, label) in sorted(now.items())
            if cid in before and before[cid][1] != label]


def _new_commitments(conn: sqlite3.Connection) -> list[NewCommitment]:
    now, before = _titles(conn, "new"), _titles(conn, "old")
    return [NewCommitment(cid, title) for cid, title in sorted(now.items()) if cid not in before]


def _new_periods(conn: sqlite3.Connection) -> list[NewPeriod]:
    def held(db: str) -> set[tuple[str, str]]:
        return set(conn.execute(
            f"SELECT DISTINCT indicator_code, period FROM {db}.observation"
            " WHERE superseded_by IS NULL").fetchall())

    names = dict(conn.execute(
        "SELECT code, name FROM new.indicator WHERE superseded_by IS NULL").fetchall())
    ends = dict(conn.execute("SELECT label, end_date FROM new.period").fetchall())
    gained: dict[str, list[str]] = {}
    for code, period in held("new") - held("old"):
        gained.setdefault(period, []).append(names.get(code, code))
    return [NewPeriod(period, tuple(sorted(gained[period])))
            for period in sorted(gained, key=lambda p: (ends.get(p, ""), p))]


def _corrections(conn: sqlite3.Connection, limit: int) -> tuple[list[Correction], int]:
    rows = conn.execute(
        "SELECT i.name, a.name, n.period, g.label, o.value, n.value, o.marker, n.marker"
        " FROM new.observation n"
        " JOIN old.observation o ON o.indicator_code = n.indicator_code"
        "  AND o.area_code = n.area_code AND o.period = n.period"
        "  AND o.group_code = n.group_code AND o.superseded_by IS NULL"
        " LEFT JOIN new.indicator i ON i.code = n.indicator_code AND i.superseded_by IS NULL"
        " LEFT JOIN new.area a ON a.code = n.area_code"
        " LEFT JOIN new.ethnic_group g ON g.code = n.group_code"
        " WHERE n.superseded_by IS NULL"
        "  AND (n.value IS NOT o.value OR n.marker IS NOT o.marker)"
        " ORDER BY i.name, n.period, a.name, g.label")
    kept: list[Correction] = []
    total = 0
    for row in rows:
        total += 1
        if len(kept) < limit:
            kept.append(Correction(*row))
    return kept, total
