"""The manifest: what a release is, as signed JSON (the one part of a release that is signed;
the snapshot is bound to it by its SHA-256 and size)."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime

from mag_desktop.core.errors import MagError

FORMAT = "mag-desktop-release"
FORMAT_VERSION = 1
#: The largest manifest read (it lists a few dozen counts: a few kilobytes at most).
MAX_MANIFEST_BYTES = 64 * 1024


class ReleaseError(MagError):
    """A release cannot be published, or is refused on opening; nothing was changed."""


@dataclass(frozen=True)
class Manifest:
    release_id: str
    data_version: int
    schema_version: int
    as_at: str  # a quarter label, "2026 Q3"
    published_at: str  # ISO 8601 in UTC, "2026-12-03T18:57:00+00:00"
    publisher: str
    publisher_key: str  # the raw Ed25519 public key, base64
    counts: dict[str, int]
    snapshot_sha256: str
    snapshot_size: int
    previous_release_id: str | None = None
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_bytes(self) -> bytes:
        """The exact bytes that are signed: sorted keys, UTF-8, one trailing newline."""
        data = asdict(self)
        return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()

    @property
    def published(self) -> datetime:
        return datetime.fromisoformat(self.published_at)

    @property
    def order(self) -> tuple[int, str]:
        """How releases of one publisher follow each other: data version, then time."""
        return (self.data_version, self.published.isoformat())

    def public_key_bytes(self) -> bytes:
        return base64.b64decode(self.publisher_key)

    def headline(self) -> str:
        """"Release 2026 Q3, published 3 December 2026 by the Taskforce clerk"."""
        day = self.published.astimezone()
        return (f"Release {self.as_at}, published {day.day} {day:%B %Y} by "
                f"{self.publisher or 'an unnamed publisher'}")

    @classmethod
    def from_bytes(cls, raw: bytes, what: str) -> Manifest:
        """Parse and check every field; anything missing or of the wrong type is refused."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReleaseError(f"{what} has a manifest that cannot be read ({exc}); "
                               "nothing was changed") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ReleaseError(f"{what} is not a MAG Desktop release; nothing was changed")
        if data.get("format_version") != FORMAT_VERSION:
            raise ReleaseError(
                f"{what} is a release of format {data.get('format_version')!r}, which this "
                f"MAG Desktop does not read (it reads format {FORMAT_VERSION}): update the "
                "application; nothing was changed")
        try:
            manifest = cls(**data)
            _check_types(manifest)
        except (TypeError, ValueError, binascii.Error) as exc:
            raise ReleaseError(f"{what} has a manifest that is not as MAG Desktop writes it "
                               f"({exc}); nothing was changed") from exc
        return manifest


def _uuid(text: object) -> None:
    """Only the plain form ("1b4e28ba-2fa1-…"): the id becomes a file name when installed."""
    if not isinstance(text, str) or str(uuid.UUID(text)) != text:
        raise ValueError(f"{text!r} is not a release id")


def _check_types(m: Manifest) -> None:
    _uuid(m.release_id)
    if m.previous_release_id is not None:
        _uuid(m.previous_release_id)
    for name in ("data_version", "schema_version", "snapshot_size"):
        value = getattr(m, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{name} is not a whole number")
    for name in ("as_at", "published_at", "publisher", "publisher_key", "snapshot_sha256"):
        if not isinstance(getattr(m, name), str):
            raise ValueError(f"{name} is not text")
    if len(m.snapshot_sha256) != 64 or set(m.snapshot_sha256) - set("0123456789abcdef"):
        raise ValueError("snapshot_sha256 is not a SHA-256")
    if not isinstance(m.counts, dict) or not all(
            isinstance(k, str) and isinstance(v, int) for k, v in m.counts.items()):
        raise ValueError("counts are not table names with numbers")
    if len(base64.b64decode(m.publisher_key, validate=True)) != 32:
        raise ValueError("publisher_key is not an Ed25519 key")
    if m.published.tzinfo is None:
        raise ValueError("published_at has no time zone")
