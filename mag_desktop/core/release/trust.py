"""The publishers a member's laptop trusts: their public keys, one file per fingerprint."""

from __future__ import annotations

import os
from pathlib import Path

from mag_desktop.core.release.keys import PublicKey, read_public_key
from mag_desktop.core.release.locations import trusted_dir
from mag_desktop.core.release.manifest import ReleaseError


def _file_of(fp: str) -> Path:
    return trusted_dir() / f"{fp}.json"


def trust(key: PublicKey) -> Path:
    """Trust a publisher's key (after its fingerprint was checked with the publisher)."""
    target = _file_of(key.fingerprint)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(target.name + ".tmp")
    temp.write_bytes(key.to_bytes())
    os.replace(temp, target)
    return target


def trust_file(path: Path) -> PublicKey:
    key = read_public_key(path)
    trust(key)
    return key


def trusted() -> list[PublicKey]:
    """Every trusted publisher, by name; an unreadable file in the folder is left out."""
    folder = trusted_dir()
    if not folder.is_dir():
        return []
    keys = []
    for path in sorted(folder.glob("*.json")):
        try:
            key = read_public_key(path)
        except ReleaseError:  # a damaged file trusts nobody
            continue
        if path.stem == key.fingerprint:
            keys.append(key)
    return sorted(keys, key=lambda k: (k.name.lower(), k.fingerprint))


def trusted_key(raw: bytes) -> PublicKey | None:
    """The trusted key with exactly these bytes, or None."""
    return next((k for k in trusted() if k.raw == raw), None)
