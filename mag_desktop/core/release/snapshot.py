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
from mag_desktop.core.errors import StoreError
from mag_desktop.core.periods import parse_period, quarter_of
from mag_desktop.core.query.shown import WITHHELD_MARKER
from mag_desktop.core.release.manifest import ReleaseError
from mag_desktop.core.store import snapshot as copies


def make_snapshot(source: sqlite3.Connection, target: Path, release_id: str) -> None:
    """Write the release's snapshot of the store open on ``source`` to ``target`` (new).

    Every byte the blanking frees or rewrites is overwritten with zeros (see
    :mod:`mag_desktop.core.store.snapshot`; the tests look for a withheld value's bytes in the
    release file)."""
    try:
        copies.copy_blanked(source, target, release_id,
                            secret=sorted(vocab.confidential_markers()),
                            shown_marker=WITHHELD_MARKER)
    except StoreError as exc:
        raise ReleaseError(str(exc)) from exc


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per content table."""
    return copies.counts(conn)


def latest_quarter(conn: sqlite3.Connection) -> str:
    """The calendar quarter of the latest period the store holds data for ("2026 Q3")."""
    row = copies.latest_period(conn)
    if row is None:
        raise ReleaseError("the store holds no data yet: import some before publishing")
    label, kind, end = row
    return label if kind == "quarter" else quarter_of(date.fromisoformat(end)).label


def check_quarter(text: str) -> str:
    """A quarter given by hand ("2026 Q3", "Q3 2026"), as its normal label."""
    try:
        period = parse_period(text)
    except ValueError as exc:
        raise ReleaseError(f"--as-at must be a quarter such as 2026 Q3, not {text!r}") from exc
    if period.kind != "quarter":
        raise ReleaseError(f"--as-at must be a calendar quarter such as 2026 Q3, not {text!r}")
    return period.label
