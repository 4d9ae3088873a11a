"""The releases installed on a laptop: the current one and the one before, for comparison.

    <releases folder>/state.json        {"current": id, "previous": id or null}
    <releases folder>/<id>.sqlite       the snapshot
    <releases folder>/<id>.json, .sig   its manifest and signature, as published

A release's files are written and flushed to disk under its own name first; ``state.json`` is
then replaced in one step (``os.replace``), so the laptop shows the old release or the new one,
never a mix, whatever moment the power goes. Files of older releases are removed afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from mag_desktop.core.release.locations import releases_dir
from mag_desktop.core.release.manifest import Manifest, ReleaseError

STATE_FILE = "state.json"
PART_SUFFIX = ".part"


@dataclass(frozen=True)
class InstalledRelease:
    manifest: Manifest
    path: Path  # the snapshot, opened read-only


@dataclass(frozen=True)
class Installed:
    current: InstalledRelease | None
    previous: InstalledRelease | None


def _state(folder: Path) -> dict[str, str | None]:
    try:
        data = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _release(folder: Path, release_id: object) -> InstalledRelease | None:
    if not isinstance(release_id, str):
        return None
    snapshot = folder / f"{release_id}.sqlite"
    try:
        manifest = Manifest.from_bytes((folder / f"{release_id}.json").read_bytes(),
                                       "the installed release")
    except (OSError, ReleaseError):
        return None
    return InstalledRelease(manifest, snapshot) if snapshot.is_file() else None


def installed(folder: Path | None = None) -> Installed:
    folder = folder or releases_dir()
    state = _state(folder)
    return Installed(_release(folder, state.get("current")),
                     _release(folder, state.get("previous")))


def current(folder: Path | None = None) -> InstalledRelease | None:
    return installed(folder).current


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    if os.name == "posix":  # a folder cannot be opened for syncing on Windows
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def install(folder: Path, part: Path, manifest: bytes, signature: bytes,
            release: Manifest) -> Installed:
    """Make the verified snapshot ``part`` (in ``folder``, flushed) the current release."""
    before = installed(folder)
    rid = release.release_id
    _write_synced(folder / f"{rid}.json{PART_SUFFIX}", manifest)
    _write_synced(folder / f"{rid}.sig{PART_SUFFIX}", signature)
    for suffix in (".json", ".sig"):
        os.replace(folder / f"{rid}{suffix}{PART_SUFFIX}", folder / f"{rid}{suffix}")
    os.replace(part, folder / f"{rid}.sqlite")
    previous = before.current.manifest.release_id if before.current else None
    state = json.dumps({"current": rid, "previous": previous}, indent=1).encode()
    _sync_folder(folder)
    _write_synced(folder / f"{STATE_FILE}{PART_SUFFIX}", state)
    os.replace(folder / f"{STATE_FILE}{PART_SUFFIX}", folder / STATE_FILE)
    with contextlib.suppress(OSError):  # switched already: what follows only tidies
        _sync_folder(folder)
        remove_others(folder, {rid, previous})
    return installed(folder)


def remove_others(folder: Path, keep: set[str | None]) -> None:
    """Remove the files of releases no longer current or previous, and leftovers of an opening
    that was cut short; a file still open elsewhere (Windows) is left for the next time."""
    for path in folder.iterdir():
        if path.name in (STATE_FILE, f"{STATE_FILE}{PART_SUFFIX}"):
            continue
        release_id = path.name.split(".", 1)[0]
        if release_id in keep and not path.name.endswith(PART_SUFFIX):
            continue
        if path.name.startswith(".incoming-") and _recent(path):
            continue  # another opening is under way
        with contextlib.suppress(OSError):
            path.unlink()


def _recent(path: Path, seconds: float = 3600) -> bool:
    try:
        return time.time() - path.stat().st_mtime < seconds
    except OSError:
        return False
