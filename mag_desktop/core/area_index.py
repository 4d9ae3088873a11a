"""The indexes an :class:`~mag_desktop.core.names.AreaResolver` searches, built once.

Every area the bundled lists know becomes one :class:`Entry`: its code, name, level (see
``area_levels``), the level the store keeps it at when the store holds it, and whether it is a
WMCA area ("ok"), an area elsewhere or above the WMCA ("outside") or a retired 2019 ward
("retired", or "outside" when its district is not a member). Entries are indexed by code and by
the normalised form of each of their names (:func:`normalise`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from mag_desktop.core.area_levels import level_name, level_of_code
from mag_desktop.core.geography import NATIONAL_AREAS, REGION_CODE, REGION_NAME, Geography, Ward

#: Names of the Combined Authority that name nothing else ("West Midlands" alone is also the
#: region E12000005 and the metropolitan county E11000005, so it is not one of them).
CA_ALIASES = (REGION_NAME, "WMCA", "West Midlands CA", "WMCA area",
              "West Midlands Combined Authority area")

#: Other names publishers use for an area of the lists: Nomis writes "Rhondda Cynon Taff", and
#: DfE's data shares the older "Durham" (County Durham) and "Medway Towns" (Medway).
SPELLINGS = (("Rhondda Cynon Taff", "W06000016"), ("Durham", "E06000047"),
             ("Medway Towns", "E06000035"))

_PREFIX = re.compile(r"^(?:metropolitan borough|borough|city) of (?=\S)")
_SUFFIX = re.compile(  # alternatives longest first
    r"(?<=\S) (?:metropolitan (?:borough|district) council|metropolitan borough"
    r"|(?:borough|district|county|city) council|council|mbc|city of|county of)$"
)
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʼʹ′"), None)


@functools.lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The comparison key of a name: "King’s Norton North" and "kings  norton-north" agree."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.translate(_APOSTROPHES).replace("&", " and ")
    words = " ".join("".join(c if c.isalnum() else " " for c in plain).split())
    words = _SUFFIX.sub("", _PREFIX.sub("", words, count=1), count=1)
    return words.replace(" ", "")


@dataclass(frozen=True)
class Entry:
    """One area the resolver can answer with."""

    code: str
    name: str
    level: str  # an area_levels level
    kind: str | None  # the store's level when held ("authority", "ward", "region", "england");
    # "authority" / "ward" for such areas elsewhere; None for other levels not held
    status: str  # "ok" | "outside" | "retired"
    authority_code: str | None = None  # a ward's district
    retired: bool = False  # a 2019 ward code no longer in use

    @property
    def held(self) -> bool:
        return self.status == "ok"


class AreaIndex:
    """Entries of one geography by code and by normalised name."""

    def __init__(self, geography: Geography) -> None:
        g = self.geography = geography
        self.codes: dict[str, Entry] = {}
        member = {a.code for a in g.authorities}
        for area in g.reference:  # later entries win: the held areas come last
            kind = "authority" if area.level == "authority" else None
            self.codes[area.code] = Entry(area.code, area.name, area.level, kind, "outside")
        for code, name in g.authority_names.items():
            if code not in self.codes:
                self.codes[code] = Entry(code, name, "authority", "authority", "outside")
        for ward in g.retired_wards.values():
            status = "retired" if ward.authority_code in member else "outside"
            self.codes[ward.code] = self._ward(ward, status, retired=True)
        self.codes.update({w.code: self._ward(w, "outside") for w in g.other_wards.values()})
        self.codes.update({w.code: self._ward(w, "ok") for w in g.wards})
        for a in g.authorities:
            level = level_of_code(a.code) or "authority"
            self.codes[a.code] = Entry(a.code, a.name, level, "authority", "ok")
        self.codes[REGION_CODE] = Entry(REGION_CODE, REGION_NAME, "combined authority",
                                        "region", "ok")
        for code, name in NATIONAL_AREAS:
            self.codes[code] = Entry(code, name, "country", "england", "ok")

        self.names: dict[str, list[Entry]] = {}
        aliases = [(r.name, r.code) for r in g.reference]  # e.g. "West Midlands" for the CA
        aliases += [(alias, REGION_CODE) for alias in CA_ALIASES]
        aliases += [(text, code) for text, code in SPELLINGS if code in self.codes]
        for text, code in [*((e.name, e.code) for e in self.codes.values()), *aliases]:
            self._add(normalise(text), self.codes[code])
        self.county_districts: dict[str, frozenset[str]] = {}
        for a in g.authorities:
            districts = {b.code for b in g.authorities if b.county == a.name and b.code != a.code}
            if districts and not g.wards_of(a.code):
                self.county_districts[a.code] = frozenset(districts)

    @staticmethod
    def _ward(ward: Ward, status: str, *, retired: bool = False) -> Entry:
        return Entry(ward.code, ward.name, "ward", "ward", status, ward.authority_code, retired)

    def _add(self, key: str, entry: Entry) -> None:
        if not key:
            return
        found = self.names.setdefault(key, [])
        if all(e.code != entry.code for e in found):
            found.append(entry)

    def in_scope(self, entries: Iterable[Entry], scope: str | None) -> list[Entry]:
        """Wards of the scope authority (or of a county council's member districts) only."""
        if scope is None:
            return list(entries)
        allowed = self.county_districts.get(scope, frozenset({scope}))
        return [e for e in entries if e.level != "ward" or e.authority_code in allowed]

    def lad(self, code: str | None) -> str:
        return (self.geography.authority_name(code) or code or "") if code else ""

    def label(self, entry: Entry) -> str:
        """How a candidate is named in a message: "Abbey (Redditch)", "Birmingham"."""
        if entry.level == "ward":
            return f"{entry.name} ({self.lad(entry.authority_code)})"
        return entry.name

    def describe(self, entry: Entry) -> str:
        """"the metropolitan county West Midlands (E11000005)", for a list of candidates."""
        level = "metropolitan county" if entry.code.startswith("E11") else level_name(entry.level)
        return f"the {level} {self.label(entry)} ({entry.code})"


def narrow_wards(entries: list[Entry]) -> list[Entry]:
    """Among wards of one name, the WMCA's first, then those elsewhere, then retired ones.

    A ward elsewhere gives way to an area of another level the store does not hold either
    ("Leeds" the district, not the ward of Maidstone): both would be left out alike.
    """
    wards = [e for e in entries if e.level == "ward"]
    others = [e for e in entries if e.level != "ward"]
    for status in ("ok", "outside", "retired"):
        chosen = [w for w in wards if w.status == status and not (status == "outside" and
                                                                   w.retired)]
        if chosen:
            break
    else:
        chosen = [w for w in wards if w.retired]
    if others and chosen and not chosen[0].held and not any(e.held for e in others):
        return others
    return others + chosen


def by_level(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    levels: dict[str, list[Entry]] = {}
    for entry in entries:
        levels.setdefault(entry.level, []).append(entry)
    return levels
