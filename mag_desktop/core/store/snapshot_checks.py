"""The reads that check a release's snapshot before it is installed (the decisions, and what
is said, are in ``core/release/verify_snapshot.py``).

The snapshot is opened read-only and immutable (its bytes were matched to a signed manifest);
anything SQLite cannot read in it is raised as :class:`Unreadable`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from mag_desktop.core.errors import StoreError


class Unreadable(StoreError):
    """The file cannot be read as an SQLite database (its message is SQLite's)."""


@contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    """The snapshot, read-only and immutable; an SQLite error inside raises :class:`Unreadable`."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                           isolation_level=None)
    try:
        yield conn
    except sqlite3.DatabaseError as exc:
        raise Unreadable(str(exc)) from exc
    finally:
        conn.close()


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def integrity(conn: sqlite3.Connection, *, full: bool) -> str:
    """The first line of SQLite's quick check (``full``: its integrity check); "ok" if sound."""
    check = "integrity_check" if full else "quick_check"
    return str(conn.execute(f"PRAGMA {check}(1)").fetchone()[0])


def meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


def exposed(conn: sqlite3.Connection, secret: Sequence[str], shown_marker: str) -> int:
    """Rows that still tell a confidential figure: withheld, with a ``secret`` marker other
    than ``shown_marker``, or with ``shown_marker`` and a limits method."""
    marks = ", ".join("?" for _ in secret)
    return int(conn.execute(
        "SELECT count(*) FROM observation WHERE withheld <> 0 OR (marker IN"
        f" ({marks}) AND marker <> ?) OR (marker = ? AND limits_source IS NOT NULL)",
        [*secret, shown_marker, shown_marker]).fetchone()[0])


def local(conn: sqlite3.Connection) -> int:
    """Records of a laptop's own: packs logged, imports with a user name or a backup path."""
    return int(conn.execute(
        "SELECT (SELECT count(*) FROM pack_log) + (SELECT count(*) FROM import_log"
        " WHERE os_user <> '' OR backup_path IS NOT NULL)").fetchone()[0])
