"""The checks a release's snapshot passes before it is installed: a MAG Desktop store of the
manifest's schema with exactly the store's objects (no trigger or view added), intact by
SQLite's integrity check, and holding nothing a release must not (see :mod:`.snapshot`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mag_desktop.core import vocab
from mag_desktop.core.errors import StoreError
from mag_desktop.core.query.shown import WITHHELD_MARKER
from mag_desktop.core.release.container import NOTHING
from mag_desktop.core.release.manifest import Manifest, ReleaseError
from mag_desktop.core.store import shape, snapshot_checks


def check_snapshot(path: Path, manifest: Manifest, what: str, *, full: bool = False) -> None:
    """Refuse a snapshot that is not a store as MAG Desktop writes it.

    The bytes were already matched to the signed manifest's SHA-256, so they are exactly those
    the publisher's ``VACUUM INTO`` wrote, whose indexes SQLite built from the tables. SQLite's
    quick check (every page and b-tree, NOT NULL and CHECK constraints) is therefore run by
    default; ``full`` adds the index-by-index comparison of ``integrity_check``, which takes
    two seconds more on two million observations (see docs/PERFORMANCE.md)."""
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise ReleaseError(f"{what} does not hold a MAG Desktop store; {NOTHING}")
    try:
        with snapshot_checks.opened(path) as conn:
            version = snapshot_checks.user_version(conn)
            if version != manifest.schema_version or version < 1:
                raise ReleaseError(f"{what} holds a store of another schema than its manifest "
                                   f"says; {NOTHING}")
            try:
                shape.check(conn, version, what)
            except StoreError as exc:
                raise ReleaseError(str(exc)) from exc
            result = snapshot_checks.integrity(conn, full=full)
            if result != "ok":
                said = " ".join(result.replace("*** in database main ***", "").split())
                raise ReleaseError(f"{what} holds a damaged store ({said}); {NOTHING}")
            _check_content(conn, manifest, what)
    except snapshot_checks.Unreadable as exc:
        raise ReleaseError(f"{what} holds a store that cannot be read ({exc}); "
                           f"{NOTHING}") from exc


def _check_content(conn: sqlite3.Connection, manifest: Manifest, what: str) -> None:
    meta = snapshot_checks.meta(conn)
    if meta.get("release_id") != manifest.release_id or str(
            meta.get("data_version")) != str(manifest.data_version):
        raise ReleaseError(f"{what} holds a store that is not the one its manifest describes; "
                           f"{NOTHING}")
    exposed = snapshot_checks.exposed(conn, sorted(vocab.confidential_markers()),
                                      WITHHELD_MARKER)
    if exposed or snapshot_checks.local(conn):
        raise ReleaseError(f"{what} holds data a release never carries (confidential figures "
                           f"or a laptop's own records); {NOTHING}")
