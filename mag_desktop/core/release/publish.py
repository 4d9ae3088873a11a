"""Publishing a release: snapshot the store, describe it in a manifest, sign, write one file."""

from __future__ import annotations

import base64
import dataclasses
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

from mag_desktop.core.release import keys, snapshot
from mag_desktop.core.release.container import MAX_RELEASE_BYTES, write_release
from mag_desktop.core.release.locations import keys_dir
from mag_desktop.core.release.manifest import Manifest, ReleaseError
from mag_desktop.core.store import Store
from mag_desktop.core.store import snapshot as copies
from mag_desktop.core.store.connection import schema_version
from mag_desktop.core.tasks import Progress, no_progress


def publish(store: Store, out: Path, *, as_at: str | None = None,
            publisher: str | None = None, progress: Progress = no_progress,
            max_bytes: int = MAX_RELEASE_BYTES) -> Manifest:
    """Write a signed release of ``store`` to ``out``; returns its manifest."""
    out = Path(out)
    _refuse_keys_folder(out)
    key = keys.load_private_key()
    public = keys.own_public_key()
    state = keys.load_publisher()
    name = (publisher or public.name).strip()
    if not name:
        raise ReleaseError("name the publisher (--publisher \"Taskforce clerk\"): members see "
                           "who published each release")
    quarter = snapshot.check_quarter(as_at) if as_at else None
    release_id = str(uuid.uuid4())
    last = state.get("last_release_id")
    with tempfile.TemporaryDirectory(prefix="mag-release-") as folder:
        snap = Path(folder) / "snapshot.sqlite"
        progress(0.05, "copying the store")
        snapshot.make_snapshot(store.conn, snap, release_id)
        if snap.stat().st_size > max_bytes:
            raise ReleaseError(f"the release would be larger than members may open "
                               f"({snap.stat().st_size / 1024**3:.1f} GB); nothing was "
                               "published")
        progress(0.5, "describing the release")
        with copies.read_only(snap) as conn:
            draft = Manifest(
                release_id=release_id, data_version=store.data_version(conn),
                schema_version=schema_version(conn),
                as_at=quarter or snapshot.latest_quarter(conn), published_at="",
                publisher=name, publisher_key=base64.b64encode(public.raw).decode("ascii"),
                counts=snapshot.counts(conn), snapshot_sha256="", snapshot_size=0,
                previous_release_id=last if isinstance(last, str) else None,
            )
        made: list[Manifest] = []

        def describe(sha256: str, size: int) -> tuple[bytes, bytes]:
            made.append(dataclasses.replace(
                draft, snapshot_sha256=sha256, snapshot_size=size,
                published_at=datetime.now(UTC).isoformat(timespec="seconds")))
            body = made[0].to_bytes()
            return body, key.sign(body)

        progress(0.6, "writing the release")
        out.parent.mkdir(parents=True, exist_ok=True)
        write_release(out, snap, describe)
    manifest = made[0]
    keys.save_publisher({**state, "name": state.get("name") or name,
                         "last_release_id": release_id, "last_release_as_at": manifest.as_at,
                         "last_published_at": manifest.published_at})
    progress(1.0, "published")
    return manifest


def _refuse_keys_folder(out: Path) -> None:
    """A release is never written where the private key lives."""
    folder = keys_dir().resolve()
    where = out.resolve().parent
    if where == folder or folder in where.parents:
        raise ReleaseError(f"a release cannot be written into the key folder {folder}: "
                           "choose another folder")
