"""The declared status map: how a partner's status word is read as one of our statuses.

The default map ships as data (``resources/import/status_map.json``); a profile's
``status_map`` adds words or changes what they are read as. A word that says the status itself
("Green", "On track") is read silently; a word read by rule ("In progress" as On track,
"Amber/Green" as At risk) is a translation the clerk is told about, once with its count; a word
the map does not know is an error naming it and listing the accepted words. Nothing is guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from mag_desktop.core.domain import Status
from mag_desktop.core.errors import MagError
from mag_desktop.core.vocab import statuses
from mag_desktop.paths import resource_path

_COLOURS = ("Green", "Amber", "Red", "Blue")
_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.):\-]?\s+(?=\D)")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", _NUMBERED.sub("", text).lower()).strip()


@dataclass(frozen=True)
class StatusReading:
    """A status word read: the status, and whether the word said something else."""

    status: Status
    translated: bool


def _status_named(text: str, where: str) -> Status:
    wanted = _key(text)
    for s in statuses():
        if wanted in (_key(s.code), _key(s.label)):
            return s
    labels = ", ".join(s.label for s in statuses())
    raise MagError(f"{where}: {text!r} is not a status; expected one of {labels}")


class StatusMap:
    """Words (keys matched ignoring case, punctuation and a leading number) → statuses."""

    def __init__(self, same: dict[str, str], read_as: dict[str, str], where: str) -> None:
        self._words: dict[str, tuple[Status, bool, str]] = {}
        for s in statuses():
            for word in (s.label, s.code):
                self._words[_key(word)] = (s, False, s.label)
        for word, name in same.items():
            self._words[_key(word)] = (_status_named(name, where), False, word)
        for word, name in read_as.items():
            status = _status_named(name, where)
            same_word = _key(word) in (_key(status.label), _key(status.code))
            self._words[_key(word)] = (status, not same_word, word)

    def read(self, text: str) -> StatusReading | None:
        """The status ``text`` is read as, or None when the map does not know it."""
        found = self._words.get(_key(text))
        return StatusReading(found[0], found[1]) if found else None

    def accepted(self) -> list[str]:
        """The statuses, then every other word the map reads, as written in the map."""
        labels = [s.label for s in statuses()]
        words = sorted({w for _, _, w in self._words.values() if w not in labels}, key=str.lower)
        return labels + words

    def unknown_message(self) -> str:
        labels = [s.label for s in statuses()]
        others = [w for w in self.accepted() if w not in labels and w not in _COLOURS]
        return (f"not a status the status map knows; expected {', '.join(labels[:-1])} or "
                f"{labels[-1]} (Green, Amber, Red, Blue also accepted), or one of the status "
                f"map's words: {', '.join(others)}; add the word to the profile's status_map "
                "to read it")


@cache
def _default_entries() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    raw = json.loads(resource_path("import", "status_map.json").read_text(encoding="utf-8"))
    return tuple(raw["same"].items()), tuple(raw["read_as"].items())


def status_map(profile_entries: dict[str, str] | None = None) -> StatusMap:
    """The default map, with a profile's ``status_map`` entries added (they win)."""
    same, read_as = _default_entries()
    extra = dict(profile_entries or {})
    for word, name in extra.items():
        if not isinstance(word, str) or not isinstance(name, str):
            raise MagError(f"the profile's status_map must map words to statuses, "
                           f"not {word!r} to {name!r}")
    return StatusMap(dict(same), {**dict(read_as), **extra}, "the profile's status_map")
