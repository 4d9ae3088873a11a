"""Member mode: the window's session over the installed release, opened read-only.

It offers what :class:`~mag_desktop.gui.session.Session` offers (``read``, ``writing``,
``close``), never takes the writer lock, and knows which release it shows, so the window can
say so and packs made from it record the release's id.
"""

from __future__ import annotations

from pathlib import Path

from mag_desktop.core.release.installed import InstalledRelease
from mag_desktop.core.release.manifest import Manifest
from mag_desktop.core.store import Store
from mag_desktop.gui.session import Session


class ReleaseSession(Session):
    """The installed release, read-only: no import, undo or restore."""

    def __init__(self, release: InstalledRelease) -> None:  # no writer lock: never writes
        self.path = Path(release.path)
        self.manifest: Manifest = release.manifest
        self.read_only_reason = release.manifest.headline()
        self.busy_elsewhere = False
        self.store = Store.open(self.path, readonly=True)


def is_member(session: Session) -> bool:
    """Whether the window shows a release (member mode) rather than a clerk's store."""
    return isinstance(session, ReleaseSession)
