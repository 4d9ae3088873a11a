"""Opening a release from the window (File › Open release…, a file dropped on the window, a
watched folder): verified and installed as an operation off the GUI thread; an unknown
publisher is shown with its fingerprint to trust once; an older release is confirmed; any
refusal is one plain dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from mag_desktop.core.release import trust
from mag_desktop.core.release.container import MAX_RELEASE_BYTES, open_release_file
from mag_desktop.core.release.installed import current
from mag_desktop.core.release.keys import PublicKey
from mag_desktop.core.release.manifest import Manifest
from mag_desktop.core.release.opening import (
    Opened,
    UnknownPublisher,
    is_older,
    open_release,
    read_verified,
)
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.operation import Operations
from mag_desktop.gui.runner import Progress
from mag_desktop.gui.views.release_dialogs import TrustDialog


@dataclass(frozen=True)
class Older:
    """The release verifies but is older than the one installed: asked before opening."""

    release: Manifest
    installed: Manifest


def open_work(path: Path, *, allow_older: bool = False, trusting: PublicKey | None = None
              ) -> Callable[[Progress, CancelToken], Opened | UnknownPublisher | Older]:
    """The job: trust the key the member accepted, check the release is not older (unless
    allowed), then verify and install it. An unknown publisher or an older release comes back
    as a result for the window to ask about; any other refusal is raised (a plain message)."""

    def work(progress: Progress, _cancel: CancelToken) -> Opened | UnknownPublisher | Older:
        if trusting is not None:
            trust.trust(trusting)
        try:
            if not allow_older:
                with open_release_file(path, f"the release {path.name}",
                                       MAX_RELEASE_BYTES) as release:
                    manifest = read_verified(release)[0]
                now = current()
                if (now is not None and now.manifest.release_id != manifest.release_id
                        and is_older(manifest, now.manifest)):
                    return Older(manifest, now.manifest)
            return open_release(path, allow_older=allow_older, progress=progress)
        except UnknownPublisher as unknown:
            return unknown

    return work


class ReleaseOpener:
    """Opens releases for one window; ``installed`` is called after a release is installed.
    ``unattended`` says when nobody could close a dialog (refusals then go to ``ops.error``,
    which keeps them)."""

    def __init__(self, ops: Operations, parent: QWidget, installed: Callable[[Opened], None],
                 unattended: Callable[[], bool] = lambda: False) -> None:
        self.ops, self.parent = ops, parent
        self.installed = installed
        self.unattended = unattended
        self.last: Opened | str | None = None  # the last outcome (for tests)

    def open_file(self, path: Path, *, allow_older: bool = False,
                  trusting: PublicKey | None = None) -> None:
        work = open_work(Path(path), allow_older=allow_older, trusting=trusting)
        self.ops.query(self.parent, work, success=lambda result: self._done(Path(path), result)) \
            .failure(self.refused).with_progress(f"Opening the release {Path(path).name}") \
            .run_in_background()

    def _done(self, path: Path, result: Opened | UnknownPublisher | Older) -> None:
        if isinstance(result, UnknownPublisher):
            if self.ask_trust(result):
                self.open_file(path, trusting=result.key)
            else:
                self.last = "not trusted"
            return
        if isinstance(result, Older):
            if self.ask_older(result):
                self.open_file(path, allow_older=True)
            else:
                self.last = "older kept"
            return
        self.last = result
        self.installed(result)

    def ask_trust(self, unknown: UnknownPublisher) -> bool:
        """The trust dialog (replaced in tests)."""
        return TrustDialog(unknown.key, self.parent).exec() == TrustDialog.DialogCode.Accepted

    def ask_older(self, older: Older) -> bool:
        answer = QMessageBox.question(
            self.parent, "An older release",
            f"This release ({older.release.headline()}) is older than the one on this laptop "
            f"({older.installed.headline()}).\n\nOpen the older release all the same?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def refused(self, message: str) -> None:
        """Every refusal, in one plain dialog; nothing on the laptop changed."""
        self.last = message
        if self.unattended():
            self.ops.error(message)
            return
        QMessageBox.warning(self.parent, "The release was not opened",
                            message[:1].upper() + message[1:])
