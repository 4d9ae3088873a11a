"""A watched folder (a synced SharePoint or OneDrive folder, say): the newest valid release
there is opened when it is newer than the installed one. The window calls
:func:`check_folder` at start and every hour; ``mag-desktop release check-folder`` does too."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mag_desktop.core.release.container import MAX_RELEASE_BYTES, open_release_file
from mag_desktop.core.release.installed import current
from mag_desktop.core.release.locations import RELEASE_SUFFIX
from mag_desktop.core.release.manifest import Manifest, ReleaseError
from mag_desktop.core.release.opening import Opened, is_older, open_release, read_verified


@dataclass
class FolderCheck:
    opened: Opened | None = None
    file: Path | None = None
    #: files passed over, each with the one-line reason
    refused: list[tuple[Path, str]] = field(default_factory=list)


def check_folder(folder: Path, *, releases: Path | None = None,
                 max_bytes: int = MAX_RELEASE_BYTES) -> FolderCheck:
    """Open the newest release in ``folder`` that verifies and is newer than the installed
    one; files that fail are listed with their reason and never stop the others."""
    result = FolderCheck()
    if not folder.is_dir():
        raise ReleaseError(f"there is no folder at {folder}")
    candidates: list[tuple[Manifest, Path]] = []
    for path in sorted(folder.glob(f"*{RELEASE_SUFFIX}")):
        try:
            with open_release_file(path, f"the release {path.name}", max_bytes) as release:
                manifest = read_verified(release)[0]
        except ReleaseError as error:
            result.refused.append((path, str(error)))
            continue
        candidates.append((manifest, path))
    installed = current(releases)
    now = installed.manifest if installed else None
    newer = [(m, p) for m, p in candidates
             if now is None or (m.release_id != now.release_id and not is_older(m, now))]
    for _manifest, path in sorted(newer, key=lambda mp: mp[0].order, reverse=True):
        try:
            result.opened = open_release(path, folder=releases, max_bytes=max_bytes)
        except ReleaseError as error:
            result.refused.append((path, str(error)))
            continue
        result.file = path
        break
    return result
