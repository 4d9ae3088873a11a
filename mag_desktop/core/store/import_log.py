"""The import log: every import tried, what it brought, and whether it still stands.

The one module that reads and writes ``import_log``. What an import brought ("contents") is
kept as JSON and read back only here, as :class:`Contents`: indicator → periods, commitment →
quarters, and the earlier imports whose rows this one restated unchanged.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

COMMITMENT_KEY = "commitment:"  # in the JSON: "commitment:ID" → quarters
CONFIRMS = "_confirms"  # in the JSON: imports whose rows this one restated


@dataclass(frozen=True)
class Contents:
    """What one import brought: the periods per indicator, the quarters per commitment, and
    the earlier imports whose rows it restated unchanged (the undo check reads these)."""

    indicators: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    commitments: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    confirms: tuple[int, ...] = ()

    @classmethod
    def of(cls, found: Mapping[str, Sequence[str]], confirms: Iterable[int] = ()) -> Contents:
        """From the importer's mapping (indicator codes, and ``commitment:ID`` keys)."""
        indicators = {k: tuple(v) for k, v in found.items() if not k.startswith(COMMITMENT_KEY)}
        commitments = {k[len(COMMITMENT_KEY):]: tuple(v) for k, v in found.items()
                       if k.startswith(COMMITMENT_KEY)}
        return cls(indicators, commitments, tuple(sorted(int(i) for i in confirms)))

    def to_json(self) -> str:
        data: dict[str, object] = {k: list(v) for k, v in self.indicators.items()}
        data.update({f"{COMMITMENT_KEY}{k}": list(v) for k, v in self.commitments.items()})
        data[CONFIRMS] = list(self.confirms)
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str | None) -> Contents:
        """The log's JSON read back; an empty or unreadable entry holds nothing."""
        try:
            data = json.loads(text or "{}")
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        confirms = data.pop(CONFIRMS, []) or []
        found = {str(k): [str(p) for p in v] for k, v in data.items() if isinstance(v, list)}
        return cls.of(found, (int(i) for i in confirms))


@dataclass(frozen=True)
class ImportRecord:
    id: int
    file_name: str
    kind: str
    sheet: str
    rows_read: int
    inserted: int
    updated: int
    unchanged: int
    started_at: str
    finished_at: str
    os_user: str
    outcome: str
    data_version: int | None
    sha256: str


@dataclass(frozen=True)
class Earlier:
    """A committed import of a file with the same SHA-256."""

    id: int
    finished_at: str
    sheet: str


# -- writing (inside Store.write) -----------------------------------------------------------
def begin(conn: sqlite3.Connection, *, file_name: str, sha256: str, kind: str, sheet: str | None,
          period: str | None, rows_read: int, rows_valid: int, started_at: str, os_user: str,
          backup_path: str) -> int:
    """Log an import being committed; returns its id (the rows it writes carry it)."""
    cur = conn.execute(
        "INSERT INTO import_log(file_name, sha256, kind, sheet, period, rows_read,"
        " rows_valid, started_at, os_user, outcome, backup_path)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'committed', ?)",
        (file_name, sha256, kind, sheet, period, rows_read, rows_valid, started_at, os_user,
         backup_path),
    )
    return int(cur.lastrowid or 0)


def finish(conn: sqlite3.Connection, import_id: int, *, inserted: int, updated: int,
           unchanged: int, finished_at: str, data_version: int, contents: Contents) -> None:
    conn.execute(
        "UPDATE import_log SET inserted = ?, updated = ?, unchanged = ?, finished_at = ?,"
        " data_version = ?, contents = ? WHERE id = ?",
        (inserted, updated, unchanged, finished_at, data_version, contents.to_json(), import_id),
    )


def mark_undone(conn: sqlite3.Connection, import_id: int, message: str) -> None:
    conn.execute("UPDATE import_log SET outcome = 'undone', message = ? WHERE id = ?",
                 (message, import_id))


# -- reading --------------------------------------------------------------------------------
def history(conn: sqlite3.Connection) -> list[ImportRecord]:
    """Every import logged, oldest first."""
    rows = conn.execute(
        "SELECT id, file_name, kind, coalesce(sheet, ''), rows_read, inserted, updated, unchanged,"
        " started_at, coalesce(finished_at, ''), os_user, outcome, data_version, sha256"
        " FROM import_log ORDER BY id"
    ).fetchall()
    return [ImportRecord(*r) for r in rows]


def committed_with_sha256(conn: sqlite3.Connection, sha256: str) -> list[Earlier]:
    """Committed imports of a file with this SHA-256, oldest first."""
    return [Earlier(int(i), str(f or ""), str(s or "")) for i, f, s in conn.execute(
        "SELECT id, finished_at, sheet FROM import_log WHERE sha256 = ?"
        " AND outcome = 'committed' ORDER BY id", (sha256,))]


def name_and_outcome(conn: sqlite3.Connection, import_id: int) -> tuple[str, str] | None:
    row = conn.execute("SELECT file_name, outcome FROM import_log WHERE id = ?",
                       (import_id,)).fetchone()
    return (str(row[0]), str(row[1])) if row else None


def file_names(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {int(r[0]): str(r[1]) for r in conn.execute(
        f"SELECT id, file_name FROM import_log WHERE id IN ({','.join('?' * len(ids))})",
        list(ids))}


def later_committed(conn: sqlite3.Connection, import_id: int) -> list[tuple[int, Contents]]:
    """Committed imports after ``import_id``, with what each brought."""
    return [(int(other), Contents.from_json(text)) for other, text in conn.execute(
        "SELECT id, contents FROM import_log WHERE id > ? AND outcome = 'committed'",
        (import_id,))]


def committed_since(conn: sqlite3.Connection, after: str) -> list[int]:
    """Ids of imports committed at or after the ISO date-time ``after``."""
    return [int(r[0]) for r in conn.execute(
        "SELECT id FROM import_log WHERE outcome = 'committed' AND finished_at >= ?", (after,))]


def last_committed(conn: sqlite3.Connection, by: Literal["time", "id"] = "time"
                   ) -> tuple[str | None, str] | None:
    """(finished at, file name) of the newest committed import: by when it finished (then
    id), or by id alone."""
    order = "coalesce(finished_at, started_at) DESC, id DESC" if by == "time" else "id DESC"
    row = conn.execute(
        "SELECT finished_at, file_name FROM import_log WHERE outcome = 'committed'"
        f" ORDER BY {order} LIMIT 1").fetchone()
    return (row[0], str(row[1])) if row else None


def count_committed(conn: sqlite3.Connection) -> int:
    return int(conn.execute(
        "SELECT count(*) FROM import_log WHERE outcome = 'committed'").fetchone()[0])


_STILL_CURRENT_SQL = """
SELECT l.file_name FROM import_log l
WHERE l.outcome = 'committed' AND l.sha256 IN ({marks}) AND (
    EXISTS (SELECT 1 FROM observation o WHERE o.import_id = l.id AND o.superseded_by IS NULL)
    OR EXISTS (SELECT 1 FROM commitment_update u
               WHERE u.import_id = l.id AND u.superseded_by IS NULL)
    OR EXISTS (SELECT 1 FROM commitment c WHERE c.import_id = l.id AND c.superseded_by IS NULL)
    OR EXISTS (SELECT 1 FROM indicator i WHERE i.import_id = l.id AND i.superseded_by IS NULL))
ORDER BY l.id
"""


def files_still_current(conn: sqlite3.Connection, sha256s: Sequence[str]) -> list[str]:
    """Names of committed imports of files with these SHA-256s some of whose rows are still
    current, in import order (a name once per import)."""
    if not sha256s:
        return []
    sql = _STILL_CURRENT_SQL.format(marks=", ".join("?" * len(sha256s)))
    return [str(name) for (name,) in conn.execute(sql, list(sha256s))]
