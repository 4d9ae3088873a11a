"""The publisher's Ed25519 key pair, made once, and the fingerprint read aloud to check it.

The private key lives in the user's data folder (:func:`locations.keys_dir`), readable by its
owner only (mode 0600), and is never written anywhere else: not into a release, a backup or the
project. The public key is exported as a small JSON file that members trust once.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from mag_desktop.core.release.locations import keys_dir
from mag_desktop.core.release.manifest import ReleaseError

PRIVATE_KEY_FILE = "publisher.key"
PUBLISHER_FILE = "publisher.json"  # the publisher's name and the last release published
KEY_FORMAT = "mag-desktop-publisher-key"
MAX_KEY_FILE_BYTES = 4096


@dataclass(frozen=True)
class PublicKey:
    name: str
    raw: bytes  # 32 bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.raw)

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, message)
        except InvalidSignature:
            return False
        return True

    def to_bytes(self) -> bytes:
        return (json.dumps({
            "format": KEY_FORMAT, "name": self.name,
            "public_key": base64.b64encode(self.raw).decode("ascii"),
            "fingerprint": self.fingerprint,
        }, indent=1, ensure_ascii=False) + "\n").encode()


def fingerprint(raw: bytes) -> str:
    """Four groups of four characters (base32 of the key's SHA-256), e.g. ``KQ4T-…``: enough
    to read aloud on the telephone and hard to forge (80 bits)."""
    text = base64.b32encode(hashlib.sha256(raw).digest()).decode("ascii")[:16]
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def private_key_path() -> Path:
    return keys_dir() / PRIVATE_KEY_FILE


def keygen(name: str) -> PublicKey:
    """Make the publisher's key pair once; a second call is refused (a new key would make every
    member trust the clerk again)."""
    path = private_key_path()
    if path.exists():
        raise ReleaseError(
            f"a publisher key already exists ({path}); it is kept, since members trust it: "
            "use 'mag-desktop release keygen --export FILE' to export its public key")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o600)  # whatever the umask
    save_publisher({"name": name})
    return own_public_key()


def load_private_key() -> Ed25519PrivateKey:
    path = private_key_path()
    if not path.exists():
        raise ReleaseError("this laptop has no publisher key yet: run 'mag-desktop release "
                           "keygen --name \"Taskforce clerk\"' once")
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError) as exc:
        raise ReleaseError(f"the publisher key {path} cannot be read ({exc})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ReleaseError(f"the publisher key {path} is not an Ed25519 key")
    return key


def own_public_key() -> PublicKey:
    raw = load_private_key().public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PublicKey(str(load_publisher().get("name", "")), raw)


def export_public_key(target: Path) -> PublicKey:
    key = own_public_key()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(key.to_bytes())
    return key


def read_public_key(path: Path) -> PublicKey:
    """A public key file as exported by :func:`export_public_key`, checked."""
    try:
        if path.stat().st_size > MAX_KEY_FILE_BYTES:
            raise ValueError("too large for a key file")
        data = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != KEY_FORMAT:
            raise ValueError("not a MAG Desktop publisher key")
        raw = base64.b64decode(str(data["public_key"]), validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
    except FileNotFoundError as exc:
        raise ReleaseError(f"there is no key file at {path}") from exc
    except (OSError, ValueError, KeyError, UnicodeDecodeError) as exc:
        raise ReleaseError(f"{path} is not a MAG Desktop publisher key ({exc})") from exc
    return PublicKey(str(data.get("name", "")), raw)


def load_publisher() -> dict[str, object]:
    """The publisher's name and the last release published from this laptop."""
    try:
        data = json.loads((keys_dir() / PUBLISHER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_publisher(data: dict[str, object]) -> None:
    path = keys_dir() / PUBLISHER_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temp, path)
