"""Helpers for the release tests: the releases folder's state, and release files rebuilt with
one part changed (as an attacker, or a damaged copy, would leave them)."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

from mag_desktop.core.release import keys
from mag_desktop.core.release.container import MANIFEST, SIGNATURE, SNAPSHOT
from mag_desktop.core.release.manifest import Manifest


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file of the releases folder with its bytes (to show that nothing changed)."""
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def entries(release: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(release) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rebuild(release: Path, target: Path, *, replace: dict[str, bytes] | None = None,
            add: list[tuple[str, bytes]] | None = None,
            compression: int = zipfile.ZIP_STORED) -> Path:
    """A copy of ``release`` with some entries replaced or added (a valid zip each time)."""
    parts = {**entries(release), **(replace or {})}
    with zipfile.ZipFile(target, "w", compression) as archive:
        for name, data in [*parts.items(), *(add or [])]:
            archive.writestr(name, data)
    return target


def manifest_of(release: Path) -> Manifest:
    return Manifest.from_bytes(entries(release)[MANIFEST], "test")


def resigned(release: Path, target: Path, change: Callable[[sqlite3.Connection], None]) -> Path:
    """The release with its snapshot changed by ``change`` and the manifest signed again with
    the publisher's own key: only the checks of the snapshot itself can refuse it."""
    snapshot = target.with_suffix(".sqlite")
    snapshot.write_bytes(entries(release)[SNAPSHOT])
    conn = sqlite3.connect(snapshot, isolation_level=None)
    try:
        change(conn)
    finally:
        conn.close()
    return resigned_bytes(release, target, lambda _: snapshot.read_bytes())


def resigned_bytes(release: Path, target: Path, change: Callable[[bytes], bytes]) -> Path:
    """The release with its snapshot's bytes changed, signed again by the publisher."""
    data = change(entries(release)[SNAPSHOT])
    manifest = dataclasses.replace(manifest_of(release),
                                   snapshot_sha256=hashlib.sha256(data).hexdigest(),
                                   snapshot_size=len(data))
    body = manifest.to_bytes()
    return rebuild(release, target, replace={
        MANIFEST: body, SIGNATURE: keys.load_private_key().sign(body), SNAPSHOT: data})
