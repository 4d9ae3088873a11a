"""Opening a release on a member's laptop: everything is verified before anything is used.

In order: the file (size, a zip of exactly the expected entries), the manifest's signature by a
trusted publisher, the manifest, whether it is older than the installed release, the snapshot
against the manifest's size and SHA-256 (copied with a cap into the releases folder), then the
snapshot itself (exactly the store's objects, SQLite's integrity check, nothing the release must
not hold). Only then does it replace the installed release; any refusal leaves all as it was.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from mag_desktop.core.release import trust
from mag_desktop.core.release.container import (
    MANIFEST,
    MAX_RELEASE_BYTES,
    NOTHING,
    SIGNATURE,
    ReleaseFile,
    open_release_file,
)
from mag_desktop.core.release.installed import PART_SUFFIX, Installed, install, installed
from mag_desktop.core.release.keys import PublicKey, fingerprint
from mag_desktop.core.release.locations import releases_dir
from mag_desktop.core.release.manifest import Manifest, ReleaseError
from mag_desktop.core.release.verify_snapshot import check_snapshot
from mag_desktop.core.store.schema import SCHEMA_VERSION
from mag_desktop.core.tasks import Progress, no_progress


@dataclass(frozen=True)
class Opened:
    manifest: Manifest
    replaced: Manifest | None  # the release that was current before (now the previous one)
    already: bool = False  # this very release was installed already: nothing was done


class UnknownPublisher(ReleaseError):
    """A release signed with a key this laptop does not trust: ``key`` is the key the release
    names, for a dialog that shows its fingerprint and, once the member has checked it with the
    publisher, trusts it (``trust.trust(error.key)``) and opens the release again."""

    def __init__(self, message: str, key: PublicKey) -> None:
        super().__init__(message)
        self.key = key


def read_verified(release: ReleaseFile) -> tuple[Manifest, bytes, bytes]:
    """The manifest, once its signature is found to be a trusted publisher's."""
    body, signature = release.read(MANIFEST), release.read(SIGNATURE)
    signer = next((k for k in trust.trusted() if k.verify(signature, body)), None)
    if signer is None:
        raise _unverified(release.what, body)
    manifest = Manifest.from_bytes(body, release.what)
    if manifest.public_key_bytes() != signer.raw:
        raise ReleaseError(f"{release.what} names another publisher than the one who signed "
                           f"it; {NOTHING}")
    return manifest, body, signature


def _unverified(what: str, body: bytes) -> ReleaseError:
    """Why no trusted key verifies the manifest: an unknown publisher, or a changed file."""
    try:
        claimed = Manifest.from_bytes(body, what)
        raw = claimed.public_key_bytes()
    except ReleaseError:
        return ReleaseError(f"{what} fails its signature check: it was changed after it was "
                            f"published, or it was not published by a publisher you trust; "
                            f"{NOTHING}")
    known: PublicKey | None = trust.trusted_key(raw)
    if known is None:
        name = f" by {claimed.publisher!r}" if claimed.publisher else ""
        return UnknownPublisher(
            f"{what} was published{name} with a key this laptop does not trust yet "
            f"(fingerprint {fingerprint(raw)}): check the fingerprint with the publisher, then "
            f"run 'mag-desktop release trust KEYFILE'; {NOTHING}",
            PublicKey(claimed.publisher, raw))
    return ReleaseError(f"{what} fails its signature check: it was changed after "
                        f"{known.name or 'its publisher'} published it; {NOTHING}")


def is_older(new: Manifest, old: Manifest) -> bool:
    return new.data_version < old.data_version or new.published < old.published


def open_release(path: Path, *, allow_older: bool = False, folder: Path | None = None,
                 max_bytes: int = MAX_RELEASE_BYTES, full_check: bool = False,
                 progress: Progress = no_progress) -> Opened:
    """Verify the release file at ``path`` and make it the installed release (``full_check``:
    SQLite's full integrity check rather than its quick check, see :func:`check_snapshot`)."""
    path = Path(path)
    what = f"the release {path.name}"
    folder = folder or releases_dir()
    before = installed(folder)
    with open_release_file(path, what, max_bytes) as release:
        manifest, body, signature = read_verified(release)
        _check_manifest(manifest, release, what, before, allow_older)
        progress(0.1, "checking the release's data")
        part = folder / f".incoming-{uuid.uuid4().hex}.sqlite{PART_SUFFIX}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _copy_checked(release, manifest, part, what)
            progress(0.6, "checking the snapshot")
            check_snapshot(part, manifest, what, full=full_check)
            if before.current and before.current.manifest.release_id == manifest.release_id:
                return Opened(manifest, before.previous.manifest if before.previous else None,
                              already=True)
            progress(0.9, "installing")
            after = install(folder, part, body, signature, manifest)
        except OSError as exc:  # a full disk, a file held open by another program
            raise ReleaseError(
                f"{what} could not be installed in {folder} ({exc.strerror or exc}): free some "
                f"space or close the program using it, then open it again; {NOTHING}") from exc
        finally:
            part.unlink(missing_ok=True)
    progress(1.0, "opened")
    previous = after.previous.manifest if after.previous else None
    return Opened(manifest, previous)


def _check_manifest(manifest: Manifest, release: ReleaseFile, what: str, before: Installed,
                    allow_older: bool) -> None:
    if manifest.snapshot_size != release.snapshot_size or manifest.snapshot_size > (
            release.max_bytes):
        raise ReleaseError(f"{what}'s data is not the size its manifest says (changed or "
                           f"damaged after it was published); {NOTHING}")
    if manifest.schema_version > SCHEMA_VERSION:
        raise ReleaseError(f"{what} was published by a newer MAG Desktop (schema "
                           f"{manifest.schema_version}): update the application; {NOTHING}")
    current = before.current.manifest if before.current else None
    if (current and current.release_id != manifest.release_id
            and is_older(manifest, current) and not allow_older):
        raise ReleaseError(
            f"{what} is older than the release installed ({manifest.as_at}, published "
            f"{manifest.published_at[:10]}, against {current.as_at}, published "
            f"{current.published_at[:10]}): add --allow-older to open it all the same; "
            f"{NOTHING}")


def _copy_checked(release: ReleaseFile, manifest: Manifest, part: Path, what: str) -> None:
    digest = hashlib.sha256()
    with part.open("xb") as out:
        copied = release.copy_snapshot(out, manifest.snapshot_size, digest.update)
        out.flush()
        os.fsync(out.fileno())
    if copied != manifest.snapshot_size or digest.hexdigest() != manifest.snapshot_sha256:
        raise ReleaseError(f"{what}'s data does not match its signed manifest (changed or "
                           f"damaged after it was published); {NOTHING}")

