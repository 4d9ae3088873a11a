"""The snapshot a release carries: a consistent copy of the store (``VACUUM INTO``) holding
nothing the window would not show.

In the copy, every confidential figure reads exactly as :mod:`mag_desktop.core.query.shown`
masks it: no value, numerator, denominator or limits, the marker ``[c]``; and a figure withheld
to protect another looks the same as one the publisher suppressed (no ``withheld`` flag, no
limits method), since telling them apart would say which hidden figure is the small one. Rows a
later import replaced (which may hold a figure suppressed since) are dropped, and so is what is
local to the clerk's laptop: the pack log, the import log's user names and backup paths.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from mag_desktop.core import vocab
from mag_desktop.core.periods import parse_period, quarter_of
from mag_desktop.core.query.shown import WITHHELD_MARKER
from mag_desktop.core.release.manifest import ReleaseError
from mag_desktop.core.store.schema import CONTENT_TABLES

#: The tables whose rows a later import may supersede.
VERSIONED = ("observation", "indicator", "commitment", "commitment_update")


def sanitise_statements() -> list[tuple[str, tuple[object, ...]]]:
    secret = sorted(vocab.confidential_markers())
    marks = ", ".join("?" for _ in secret)
    return [
        *[(f"DELETE FROM {table} WHERE superseded_by IS NOT NULL", ()) for table in VERSIONED],
        ("UPDATE observation SET value = NULL, numerator = NULL, denominator = NULL,"
         " lower = NULL, upper = NULL, marker = ?, withheld = 0, limits_source = NULL"
         f" WHERE withheld <> 0 OR marker IN ({marks})", (WITHHELD_MARKER, *secret)),
        ("DELETE FROM pack_log", ()),
        ("UPDATE import_log SET os_user = '', backup_path = NULL", ()),
    ]


def make_snapshot(source: sqlite3.Connection, target: Path, release_id: str) -> None:
    """Write the release's snapshot of the store open on ``source`` to ``target`` (new).

    The copy is blanked in place with ``secure_delete`` on, so SQLite overwrites with zeros
    every byte it frees or rewrites: no page keeps a blanked figure or a removed row (the tests
    look for a withheld value's bytes in the release file)."""
    target.unlink(missing_ok=True)
    try:
        source.execute("VACUUM INTO ?", (str(target),))
    except sqlite3.Error as exc:
        raise ReleaseError(f"cannot copy the store for the release: {exc}") from exc
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA journal_mode = OFF")  # a temporary file: no journal to leak into
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        for sql, params in sanitise_statements():
            conn.execute(sql, params)
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('release_id', ?)",
                     (release_id,))
        conn.execute("COMMIT")
        if conn.execute("PRAGMA secure_delete").fetchone()[0] != 1:
            raise ReleaseError("this SQLite cannot overwrite what it deletes; nothing was "
                               "published")
    finally:
        conn.close()


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per content table."""
    return {table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in CONTENT_TABLES}


def latest_quarter(conn: sqlite3.Connection) -> str:
    """The calendar quarter of the latest period the store holds data for ("2026 Q3")."""
    row = conn.execute(
        "SELECT label, kind, end_date FROM period ORDER BY end_date DESC, start_date DESC"
        " LIMIT 1").fetchone()
    if row is None:
        raise ReleaseError("the store holds no data yet: import some before publishing")
    label, kind, end = row
    return str(label) if kind == "quarter" else quarter_of(date.fromisoformat(end)).label


def check_quarter(text: str) -> str:
    """A quarter given by hand ("2026 Q3", "Q3 2026"), as its normal label."""
    try:
        period = parse_period(text)
    except ValueError as exc:
        raise ReleaseError(f"--as-at must be a quarter such as 2026 Q3, not {text!r}") from exc
    if period.kind != "quarter":
        raise ReleaseError(f"--as-at must be a calendar quarter such as 2026 Q3, not {text!r}")
    return period.label
