"""The pack log: every pack produced from the store, with what it was built from.

The one module that reads and writes ``pack_log``; the parameters are kept as JSON and read
back here (an unreadable entry is shown as such, never dropped).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class PackEntry:
    """One pack to record."""

    kind: str
    parameters: Mapping[str, Any]
    data_version: int
    file: str
    sha256: str
    pages: int | None


@dataclass(frozen=True)
class PackRecord:
    id: int
    produced_at: str
    os_user: str
    kind: str
    parameters: dict[str, Any]
    data_version: int
    file: str
    sha256: str
    pages: int | None

    @property
    def themes(self) -> tuple[str, ...]:
        """The theme codes the pack covered (none recorded: an empty tuple)."""
        return tuple(str(t) for t in self.parameters.get("themes") or ())

    @property
    def theme_names(self) -> tuple[str, ...]:
        """The themes by name as the pack printed them (older entries: their codes)."""
        return tuple(str(t) for t in self.parameters.get("theme_names") or self.themes)

    @property
    def meeting(self) -> str:
        """The meeting the pack was for, with its date when given ("MAG, 4 Dec 2026")."""
        name = str(self.parameters.get("meeting") or "").strip()
        when = str(self.parameters.get("meeting_date") or "")
        try:
            day = date.fromisoformat(when)
            when = f"{day.day} {day:%b %Y}"
        except ValueError:
            pass  # kept as recorded
        return ", ".join(part for part in (name, when) if part)


def record(conn: sqlite3.Connection, entries: Sequence[PackEntry], *, produced_at: str,
           os_user: str) -> None:
    """Inside a write: add the packs to the log."""
    conn.executemany(
        "INSERT INTO pack_log(produced_at, os_user, kind, parameters, data_version,"
        " file, sha256, pages) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(produced_at, os_user, e.kind,
          json.dumps(dict(e.parameters), ensure_ascii=False, sort_keys=True),
          e.data_version, e.file, e.sha256, e.pages) for e in entries])


def packs(conn: sqlite3.Connection, limit: int | None = None) -> list[PackRecord]:
    """Packs produced from this store, newest first."""
    sql = ("SELECT id, produced_at, os_user, kind, parameters, data_version, file, sha256,"
           " pages FROM pack_log ORDER BY id DESC")
    rows: Iterable[tuple[Any, ...]] = conn.execute(
        sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
    records = []
    for row in rows:
        try:
            parameters = json.loads(row[4])
        except ValueError:
            parameters = {"unreadable": row[4]}
        records.append(PackRecord(row[0], row[1], row[2], row[3], parameters, *row[5:]))
    return records


def logged_sha256s(conn: sqlite3.Connection) -> set[str]:
    """The SHA-256 of every pack the log holds."""
    return {row[0] for row in conn.execute("SELECT sha256 FROM pack_log")}


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM pack_log").fetchone()[0])
