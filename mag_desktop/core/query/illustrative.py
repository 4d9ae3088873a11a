"""Whether a store holds illustrative data: made-up figures, not official statistics.

MAG Desktop's bundled sample (``data/sample/``) is illustrative, and whatever shows it must say
so: the window's status bar and the cover of every pack built from such a store. A store is
known to hold illustrative data when either is true:

* a current indicator definition gives an illustrative source: its source says "Illustrative
  sample" (every sample definition gives :data:`NOTICE` as its source, as a publisher of
  made-up figures should);
* a committed import, some of whose rows are still current, read a file identical byte for
  byte to one of the bundled sample files. This catches the sample commitments, which have no
  source column, when they are imported without the sample indicators, and it cannot be
  fooled by a renamed file; a real partner file never matches.

Both come from what the store holds, so a copy of the store answers the same on any machine
that has the same bundle, and undoing the sample's imports (or replacing every row they
brought) clears the notice. The answer is cached per store file and data version.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mag_desktop.core.query import lookups
from mag_desktop.core.store import import_log
from mag_desktop.core.store.reads import indicators as indicators_table
from mag_desktop.paths import data_dir

NOTICE = "Illustrative sample — not official statistics"
#: One line under the notice, for a pack or a window built from such a store.
DETAIL = ("This holds made-up figures from MAG Desktop's sample data, which say nothing true "
          "about any council, ward or community; the notes name each figure's source.")
#: Words of an indicator's source that mark it as illustrative (compared without case).
MARK = "illustrative sample"

_CACHE_SIZE = 8


@dataclass(frozen=True)
class Illustrative:
    """What in a store is illustrative (empty tuples: nothing known to be)."""

    indicators: tuple[str, ...] = ()  # codes of current indicators with an illustrative source
    files: tuple[str, ...] = ()  # names of imported files that are bundled sample files

    def __bool__(self) -> bool:
        return bool(self.indicators or self.files)

    @property
    def summary(self) -> str:
        """One plain sentence on what is illustrative ("" when nothing is)."""
        parts = []
        if self.indicators:
            parts.append(f"indicators {', '.join(self.indicators)} (their source is "
                         "“Illustrative sample”)")
        if self.files:
            parts.append(f"the sample files {', '.join(self.files)}")
        if not parts:
            return ""
        return ("This store holds made-up figures from MAG Desktop's sample data: "
                f"{' and '.join(parts)}. They are not official statistics.")


_cache: dict[tuple[str, int], Illustrative] = {}


@cache
def _digest(path: Path, size: int, modified: int) -> str:
    """SHA-256 of a file (keyed by its size and time, so a changed file is read again)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sample_digests(folder: Path | None = None) -> frozenset[str]:
    """SHA-256 of every bundled sample file (none when the bundle has no sample folder)."""
    folder = folder if folder is not None else data_dir() / "sample"
    if not folder.is_dir():
        return frozenset()
    files = sorted(p for p in folder.iterdir() if p.is_file())
    return frozenset(_digest(p, p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def illustrative_data(conn: sqlite3.Connection) -> Illustrative:
    """What the store holds that is illustrative (see the module's description)."""
    key = lookups.store_key(conn)
    found = _cache.get(key)
    if found is not None:
        return found
    indicators = tuple(indicators_table.codes_with_source_containing(conn, MARK))
    files = tuple(dict.fromkeys(import_log.files_still_current(conn, sorted(sample_digests()))))
    found = Illustrative(indicators, files)
    while len(_cache) >= _CACHE_SIZE:
        del _cache[next(iter(_cache))]
    _cache[key] = found
    return found


def holds_illustrative(conn: sqlite3.Connection) -> bool:
    """Whether anything in the store is known to be illustrative."""
    return bool(illustrative_data(conn))
