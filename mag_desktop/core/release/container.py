"""The release file: a zip of exactly three entries, written and read with limits.

    snapshot.sqlite  the store's snapshot (:mod:`.snapshot`), stored uncompressed
    manifest.json    the manifest (:mod:`.manifest`), UTF-8 JSON, at most 64 KiB
    manifest.sig     its Ed25519 signature of manifest.json's bytes, 64 bytes

A zip because any computer can list one; reading it trusts nothing in it: the whole file must be
under :data:`MAX_RELEASE_BYTES`, every entry is named exactly as above (no other entry, no
folder, no ``../``), none is encrypted, each is read through a cap on what it may inflate to (a
zip bomb stops at the cap), and a file cut short or not a zip is refused in plain words.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from mag_desktop.core.release.manifest import MAX_MANIFEST_BYTES, ReleaseError

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SNAPSHOT = "snapshot.sqlite"
ENTRIES = (MANIFEST, SIGNATURE, SNAPSHOT)
MAX_SIGNATURE_BYTES = 64
#: The largest release opened (and published): two gigabytes.
MAX_RELEASE_BYTES = 2 * 1024**3
CHUNK = 1 << 20

NOTHING = "nothing was changed"


def write_release(target: Path, snapshot: Path,
                  describe: Callable[[str, int], tuple[bytes, bytes]]) -> None:
    """Write the release file to ``target`` atomically (a temporary file beside it, flushed to
    disk, then renamed over it). The snapshot goes first, hashed as it is copied; ``describe``
    then gets its SHA-256 and size and returns the manifest and its signature."""
    temp = target.with_name(f".{target.name}.part")
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_STORED) as archive:
            size = 0
            with snapshot.open("rb") as source, archive.open(
                    SNAPSHOT, "w", force_zip64=snapshot.stat().st_size >= 2**31 - 1) as entry:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    entry.write(chunk)
                    size += len(chunk)
            manifest, signature = describe(digest.hexdigest(), size)
            archive.writestr(MANIFEST, manifest)
            archive.writestr(SIGNATURE, signature)
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


class ReleaseFile:
    """An open release file whose entries were checked; read them with :meth:`read` and
    :meth:`copy_snapshot`."""

    def __init__(self, archive: zipfile.ZipFile, what: str, max_bytes: int) -> None:
        self.archive = archive
        self.what = what
        self.max_bytes = max_bytes
        self.infos = {info.filename: info for info in archive.infolist()}

    @property
    def snapshot_size(self) -> int:
        return self.infos[SNAPSHOT].file_size

    def read(self, name: str) -> bytes:
        cap = MAX_MANIFEST_BYTES if name == MANIFEST else MAX_SIGNATURE_BYTES
        with self._damaged(), self.archive.open(self.infos[name]) as entry:
            data = entry.read(cap + 1)
        if len(data) > cap:
            raise ReleaseError(f"{self.what} holds a {name} larger than a release's; {NOTHING}")
        return data

    def copy_snapshot(self, out: BinaryIO, cap: int, seen: Callable[[bytes], None]) -> int:
        """Copy the snapshot to ``out``, at most ``cap`` bytes; returns the bytes copied."""
        copied = 0
        with self._damaged(), self.archive.open(self.infos[SNAPSHOT]) as entry:
            while chunk := entry.read(min(CHUNK, cap + 1 - copied)):
                copied += len(chunk)
                if copied > cap:
                    raise ReleaseError(
                        f"{self.what} holds more data than its manifest says; {NOTHING}")
                seen(chunk)
                out.write(chunk)
        return copied

    @contextmanager
    def _damaged(self) -> Iterator[None]:
        try:
            yield
        except ReleaseError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
                NotImplementedError, ValueError) as exc:
            raise ReleaseError(f"{self.what} is damaged ({exc}); {NOTHING}") from exc


@contextmanager
def open_release_file(path: Path, what: str,
                      max_bytes: int = MAX_RELEASE_BYTES) -> Iterator[ReleaseFile]:
    """Open a release file and check its entries; refuse in one plain line otherwise."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4)
    except FileNotFoundError as exc:
        raise ReleaseError(f"there is no release file at {path}") from exc
    except OSError as exc:
        raise ReleaseError(f"{what} cannot be read ({exc.strerror or exc})") from exc
    if size > max_bytes:
        raise ReleaseError(f"{what} is larger than a release may be ({_size(size)}; the limit "
                           f"is {_size(max_bytes)}); {NOTHING}")
    if head != b"PK\x03\x04":
        raise ReleaseError(f"{what} is not a MAG Desktop release; {NOTHING}")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ReleaseError(f"{what} is incomplete or damaged (perhaps a copy that did not "
                           f"finish: {exc}); {NOTHING}") from exc
    with archive:
        _check_entries(archive, what, max_bytes)
        yield ReleaseFile(archive, what, max_bytes)


def _check_entries(archive: zipfile.ZipFile, what: str, max_bytes: int) -> None:
    infos = archive.infolist()
    names = [info.filename for info in infos]
    unexpected = [n for n in names if n not in ENTRIES or names.count(n) > 1]
    missing = [n for n in ENTRIES if n not in names]
    if unexpected or missing:
        said = (f"unexpected entries {', '.join(repr(n) for n in sorted(set(unexpected))[:5])}"
                if unexpected else f"no {', '.join(missing)}")
        raise ReleaseError(f"{what} is not a release as MAG Desktop writes them ({said}); "
                           f"{NOTHING}")
    limits = {MANIFEST: MAX_MANIFEST_BYTES, SIGNATURE: MAX_SIGNATURE_BYTES, SNAPSHOT: max_bytes}
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReleaseError(f"{what} has an encrypted {info.filename}; {NOTHING}")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ReleaseError(f"{what} stores {info.filename} in a way MAG Desktop does not "
                               f"write; {NOTHING}")
        if info.file_size > limits[info.filename]:
            raise ReleaseError(f"{what} holds a {info.filename} larger than a release may "
                               f"({_size(info.file_size)}); {NOTHING}")


def _size(n: int) -> str:
    return f"{n / 1024**3:.1f} GB" if n >= 1024**3 else f"{n / 1024**2:.1f} MB"
