"""Opening a release from the window (File › Open release…, a file dropped on the window, a
watched folder): verified and installed on the runner; an unknown publisher is shown with its
fingerprint to trust once; an older release is confirmed; any refusal is one plain dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

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
from mag_desktop.gui.views.release_dialogs import TrustDialog

if TYPE_CHECKING:
    from mag_desktop.gui.views.main_window import MainWindow


@dataclass(frozen=True)
class Older:
    """The release verifies but is older than the one installed: asked before opening."""

    release: Manifest
    installed: Manifest


def open_work(path: Path, *, allow_older: bool = False, trusting: PublicKey | None = None
              ) -> Callable[[Any, Any], Opened | UnknownPublisher | Older]:
    """The job: trust the key the member accepted, check the release is not older (unless
    allowed), then verify and install it. An unknown publisher or an older release comes back
    as a result for the window to ask about; any other refusal is raised (a plain message)."""

    def work(progress: Any, _cancel: Any) -> Opened | UnknownPublisher | Older:
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
    """Opens releases for one window; ``installed`` is called after a release is installed."""

    def __init__(self, window: MainWindow, installed: Callable[[Opened], None]) -> None:
        self.w = window
        self.installed = installed
        self.last: Opened | str | None = None  # the last outcome (for tests)

    def open_file(self, path: Path, *, allow_older: bool = False,
                  trusting: PublicKey | None = None) -> None:
        self.w.runner.run(open_work(Path(path), allow_older=allow_older, trusting=trusting),
                          lambda result: self._done(Path(path), result), self.refused,
                          progress_label=f"Opening the release {Path(path).name}")

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
        return TrustDialog(unknown.key, self.w).exec() == TrustDialog.DialogCode.Accepted

    def ask_older(self, older: Older) -> bool:
        answer = QMessageBox.question(
            self.w, "An older release",
            f"This release ({older.release.headline()}) is older than the one on this laptop "
            f"({older.installed.headline()}).\n\nOpen the older release all the same?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def refused(self, message: str) -> None:
        """Every refusal, in one plain dialog; nothing on the laptop changed."""
        self.last = message
        if self.w.unattended:
            self.w.failures.append(message)
            return
        QMessageBox.warning(self.w, "The release was not opened",
                            message[:1].upper() + message[1:])
