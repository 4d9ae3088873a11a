"""Writing packs to files, and the store's log of the packs produced.

A pack is rendered to a temporary file in the destination folder and renamed over the final
name only when complete (``os.replace``), so a reader never sees half a PDF. Each pack is
recorded in ``pack_log`` with what it was built from: parameters, data version, file, SHA-256
and pages. A read-only store cannot be written, so its packs are not logged (and the caller is
told so).
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mag_desktop.core.briefing.builder import DEFAULT_MARKING, build_briefing
from mag_desktop.core.briefing.formats import DEFAULT_FORMAT, pack_format
from mag_desktop.core.errors import StoreError
from mag_desktop.core.store import Store, pack_log
from mag_desktop.core.store.lock import os_user
from mag_desktop.core.store.pack_log import PackRecord

TEMP_PREFIX = ".mag-pack-"
READ_ONLY_NOTE = "the store is open read-only, so these packs were not recorded in its pack log"


@dataclass(frozen=True)
class PackOptions:
    """What every pack of a run shares."""

    themes: tuple[str, ...] = ()
    meeting: str = ""
    meeting_date: date | None = None
    marking: str = DEFAULT_MARKING
    sections: tuple[str, ...] | None = None
    release_id: str | None = None  # the release the store was opened from (member mode)
    format: str = DEFAULT_FORMAT  # a key of formats.FORMATS: "pdf", "accessible-pdf", "html"


DEFAULT_OPTIONS = PackOptions()


@dataclass(frozen=True)
class PackFile:
    path: Path
    audience_code: str
    audience_name: str
    kind: str  # "authority pack" | "ward pack"
    pages: int  # 0 for a web page
    charts: int
    sha256: str
    data_version: int
    parameters: dict[str, Any] = field(default_factory=dict)
    as_at: str | None = None  # the quarter the commitment updates are as at


#: Names Windows keeps for devices, refused as file names whatever their extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
             *(f"LPT{n}" for n in range(1, 10))}


def pack_file_name(audience_name: str, level: str, as_at: str | None = None,
                   authority_name: str | None = None, format: str = DEFAULT_FORMAT) -> str:
    """The name a pack is suggested to be saved under, as a person would write it:
    "Birmingham briefing pack 2026 Q3.pdf", "Aston (Birmingham) ward pack 2026 Q3.pdf",
    "Birmingham briefing pack 2026 Q3 (accessible).pdf", "… 2026 Q3.html"."""
    kind = pack_format(format)
    if level == "ward":
        stem = f"{audience_name} ({authority_name}) ward pack" if authority_name \
            else f"{audience_name} ward pack"
    else:
        stem = f"{audience_name} briefing pack"
    stem = safe_file_stem(f"{stem} {as_at}" if as_at else stem,
                          limit=120 - len(kind.suffix))
    return f"{stem}{kind.suffix}{kind.extension}"


def safe_file_stem(text: str, limit: int = 120) -> str:
    """``text`` as a file name every system accepts (Windows is the strictest): characters it
    refuses become spaces, no trailing dots or spaces, no device name, not over ``limit``."""
    plain = re.sub(r'[<>:"/\\|?*\x00-\x1f]', " ", unicodedata.normalize("NFC", text))
    plain = " ".join(plain.split())[:limit].strip(" .")
    if plain.split(".")[0].strip().upper() in _RESERVED:
        plain = f"{plain} pack"
    return plain or "briefing pack"


def sanitise(name: str) -> str:
    """A file-name-safe form of an area name: "King's Norton North" -> "Kings_Norton_North"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"['’`]", "", plain)
    return re.sub(r"[^A-Za-z0-9]+", "_", plain).strip("_") or "area"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_pack(conn: sqlite3.Connection, audience_code: str, out: Path,
               options: PackOptions = DEFAULT_OPTIONS) -> PackFile:
    """Build and render one pack to ``out`` (replacing any file there), atomically, in the
    format ``options.format`` names."""
    render = pack_format(options.format).renderer()
    briefing = build_briefing(
        conn, audience_code, themes=options.themes, meeting=options.meeting,
        meeting_date=options.meeting_date, marking=options.marking, sections=options.sections,
    )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_name(f"{TEMP_PREFIX}{os.getpid()}-{out.name}.tmp")
    try:
        result = render(briefing, temp)
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    audience = briefing.meta.audience
    return PackFile(
        path=out, audience_code=audience.code, audience_name=audience.name,
        kind=f"{audience.level} pack", pages=result.pages, charts=result.charts,
        sha256=sha256_of(out), data_version=briefing.meta.data_version,
        parameters={**briefing.meta.parameters, "theme_names": list(briefing.meta.theme_names),
                    "as_at": briefing.meta.as_at, "format": options.format,
                    **({"release_id": options.release_id} if options.release_id else {})},
        as_at=briefing.meta.as_at,
    )


def remove_temporaries(folder: Path) -> None:
    """Delete temporary files a pack run left in ``folder`` (after a crash or a cancel)."""
    for leftover in Path(folder).glob(f"{TEMP_PREFIX}*.tmp"):
        leftover.unlink(missing_ok=True)


def log_packs(store: Store, packs: Sequence[PackFile], extra: dict[str, Any] | None = None
              ) -> str | None:
    """Record packs in the store's pack log; returns a note when they could not be."""
    if not packs:
        return None
    if store.readonly:
        return READ_ONLY_NOTE
    entries = [
        pack_log.PackEntry(p.kind, {**p.parameters, **(extra or {})}, p.data_version,
                           str(p.path.resolve()), p.sha256, p.pages)
        for p in packs
    ]
    try:
        with store.write("recording packs") as conn:
            pack_log.record(conn, entries, produced_at=datetime.now().isoformat(
                timespec="seconds"), os_user=os_user())
    except StoreError as error:  # busy (another writer) or read-only: the packs still stand
        return f"these packs were written but not recorded in the pack log: {error}"
    return None


def list_packs(conn: sqlite3.Connection, limit: int | None = None) -> list[PackRecord]:
    """Packs produced from this store, newest first."""
    return pack_log.packs(conn, limit)
