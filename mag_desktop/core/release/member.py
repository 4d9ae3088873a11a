"""Member mode: a laptop that reads releases rather than keeping a clerk's store.

A laptop reads releases when a release is installed and no clerk's store was chosen (no
``--store``, no ``MAG_STORE``, and no store with imported data in the usual place). It then
opens the installed release read-only, and packs made from it record the release's id.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from mag_desktop.core.release.installed import InstalledRelease, current
from mag_desktop.core.release.manifest import ReleaseError
from mag_desktop.core.store import Store, default_store_path, snapshot


def clerk_store_chosen(explicit: str | os.PathLike[str] | None = None) -> bool:
    """A store was named (``--store``, ``MAG_STORE``), or the usual store holds imported data
    (an empty one, left by a window opened before any release, does not count)."""
    if explicit or os.environ.get("MAG_STORE"):
        return True
    path = default_store_path()
    if not path.exists():
        return False
    found = snapshot.committed_imports(path)
    if found is None:
        return True  # not readable as a store: the store's own opening says why
    return bool(found)


def reads_releases(explicit_store: str | os.PathLike[str] | None = None,
                   releases: Path | None = None) -> bool:
    """Whether this laptop shows the installed release (member mode)."""
    return current(releases) is not None and not clerk_store_chosen(explicit_store)


def installed_release(releases: Path | None = None) -> InstalledRelease:
    found = current(releases)
    if found is None:
        raise ReleaseError("no release is installed on this laptop: open one with 'mag-desktop "
                           "release open FILE'")
    return found


def open_installed(releases: Path | None = None) -> Store:
    """The installed release as a read-only store (no import, undo or restore)."""
    return Store.open(installed_release(releases).path, readonly=True)


def release_id_of(conn: sqlite3.Connection) -> str | None:
    """The id of the release a store was opened from, or None for a clerk's own store (packs
    made from a release record it: ``PackOptions(release_id=...)``)."""
    return snapshot.release_id(conn)
