"""Resolve the name or code of an area, as a partner typed it, to the code the product uses.

>>> from mag_desktop.core.geography import load_geography
>>> resolver = AreaResolver(load_geography())
>>> resolver.resolve("Aston (Birmingham)").code
'E05011121'
>>> resolver.resolve("West Midlands").status
'ambiguous'

Every answer names one level (ward, authority, county, region, combined authority, country,
MSOA, LSOA: see ``area_levels``) or says why it cannot. Codes tell their level by their prefix;
names are compared after :func:`normalise` (case, accents, spacing, punctuation, apostrophes,
"&"/"and", "City of ..." and "... Council" style affixes). Nomis' "ladu:Birmingham" and
"Abbey (Redditch)" name a level and an authority. A name shared by areas of different levels ("West
Midlands": the region, the combined authority and the metropolitan county) is "ambiguous" and
names them all with their codes, unless ``levels`` (an area-type column) or the exact spelling
of one of them decides; never a silent choice. Among wards of one name, the WMCA's are
preferred to those elsewhere, and those to retired 2019 wards. Status "outside" means an area
the store does not hold: elsewhere in the UK, above the WMCA, or below ward level.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import replace

from mag_desktop.core.area_index import AreaIndex, Entry, by_level, narrow_wards, normalise
from mag_desktop.core.area_levels import (
    NEVER_HELD,
    check_levels,
    level_name,
    level_of_code,
    nomis_name,
    trailing_level,
    user_defined,
)
from mag_desktop.core.geography import Geography
from mag_desktop.core.resolution import Resolution, a_or_an, alternatives, unknown

__all__ = ["KINDS", "AreaResolver", "Resolution", "normalise"]

KINDS = ("authority", "ward", "region", "england")

_QUALIFIED = re.compile(r"^(.*\S)\s*\(([^()]*)\)\s*$", re.DOTALL)
_CODE = re.compile(r"^[A-Z]\d{8}$")
_SEVERAL_CODES = re.compile(r"^[A-Z]\d{8}(?:\s*[,;/&+]\s*[A-Z]\d{8})+$")
#: ONS pseudo codes: not areas ("J99000001": usual residence outside England and Wales)
_PSEUDO = ("J99", "L99", "M99", "N99", "S99", "W99", "E99")
_CUTOFF = 0.75


class AreaResolver:
    """Resolves names and codes against one :class:`Geography` (indexes are built once)."""

    def __init__(self, geography: Geography) -> None:
        self.geography = geography
        self._index = AreaIndex(geography)
        self._suggestion_keys: dict[tuple[object, ...], dict[str, list[Entry]]] = {}
        self._cached = functools.lru_cache(maxsize=131072)(self._resolve)

    # ------------------------------------------------------------------------------- public

    def resolve(
        self, text: object, *, kind: str | None = None, authority_code: str | None = None,
        levels: Iterable[str] | None = None,
    ) -> Resolution:
        """Resolve ``text`` (a name or code) to an area; never raises for odd text.

        ``kind`` limits the answer to one of the store's levels "authority", "ward", "region"
        (the Combined Authority), "england"; ``levels`` to some of ``area_levels.LEVELS`` (what
        an "Area type" column says); ``authority_code`` resolves ward names within that
        authority (or, for a county council such as Warwickshire, within its member districts).
        """
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
        allowed = check_levels(levels) if levels is not None else None
        if text is None or (isinstance(text, float) and text != text):
            given = ""
        else:
            given = text if isinstance(text, str) else str(text)
        scope = "".join(authority_code.split()).upper() if authority_code else None
        return self._cached(given, kind, scope, allowed)

    # ------------------------------------------------------------------------------ private

    def _resolve(self, text: str, kind: str | None, scope: str | None,
                 levels: frozenset[str] | None) -> Resolution:
        stripped = text.strip()
        if not stripped:
            return unknown(text, "no area was given")
        if scope is not None and self.geography.authority_name(scope) is None:
            scope = None  # an authority the product does not know cannot narrow the search
        code = "".join(stripped.split()).upper()
        if _SEVERAL_CODES.match(code):
            return self._several(text, re.split(r"[,;/&+]", code))
        result = self._by_code(text, code) if _CODE.match(code) else None
        if result is None:
            result = self._by_name(text, stripped, kind, scope, levels)
        elif not self._fits(result, kind, levels):
            result = unknown(text, "")
        if result.status == "unknown" and (kind is not None or levels is not None):
            loose = self._cached(text, None, scope, None)
            if loose.status not in ("unknown", "ambiguous") and loose.level:
                wanted = " or ".join(map(level_name, sorted(levels))) if levels else str(kind)
                what = f"{a_or_an(level_name(loose.level))} ({loose.name}), not {a_or_an(wanted)}"
                result = unknown(text, f'"{text}" is {what}')
        return result

    @staticmethod
    def _fits(result: Resolution, kind: str | None, levels: frozenset[str] | None) -> bool:
        if kind is not None and result.kind != kind:
            return False
        return levels is None or result.level is None or result.level in levels

    def _several(self, text: str, codes: list[str]) -> Resolution:
        """A cell of several codes ("E06000052, E06000053"): one figure for areas put
        together, which is none of them, so never stored under one of them."""
        parts = [self._by_code(c, c) for c in codes]
        held = [f"{p.name} ({p.code})" for p in parts if p.status == "ok"]
        joined = " and ".join(codes)
        but = f", though it holds {alternatives(held, 'and')} alone" if held else ""
        levels = sorted({p.level for p in parts if p.level})
        message = f"{joined} are areas put together, not one area the store holds{but}"
        return Resolution(text, None, None, "outside", None, (), message,
                          " or ".join(levels) or None)

    def _by_code(self, text: str, code: str) -> Resolution:
        entry = self._index.codes.get(code)
        if entry is None and code.startswith(_PSEUDO):
            message = f"{code} is an ONS pseudo code (no area, such as residents elsewhere)"
            return Resolution(text, None, None, "outside", None, (), message, None)
        if entry is None:
            level = level_of_code(code)
            if level is None or level == "ward":
                return unknown(text, f"{code} is not a known area code")
            what = a_or_an(level_name(level))
            message = f"{code} is {what} code, not one of the WMCA's areas"
            return Resolution(text, code, None, "outside", None, (), message, level)
        where = f", {self._index.lad(entry.authority_code)}" if entry.authority_code else ""
        kind_word = level_name(entry.level)
        if entry.retired:
            successor = self.geography.successors.get(code)
            if successor is not None:
                return self._successor(text, entry, successor)
            message = f'ward code {code} was retired (2019 ward "{entry.name}"{where})'
            if entry.status == "outside":
                message += ", outside the WMCA area"
        elif entry.status == "outside":
            message = f'{kind_word} code {code} is outside the WMCA area ("{entry.name}"{where})'
        else:
            message = f'{kind_word} code {code} is "{entry.name}"{where}'
        return self._answer(text, entry, message, entry.code)

    def _successor(self, text: str, old: Entry, code: str) -> Resolution:
        new = self._index.codes[code]
        message = (f'ward code {old.code} was retired (2019 ward "{old.name}"); read as its '
                   f'successor {new.code} "{new.name}"')
        status = "ok" if new.held else new.status
        return Resolution(text, new.code, new.kind, status, new.name, (), message, "ward",
                          old.code)

    @staticmethod
    def _answer(text: str, entry: Entry, message: str, code: str | None) -> Resolution:
        return Resolution(text, code, entry.kind, entry.status, entry.name, (), message,
                          entry.level)

    def _by_name(self, text: str, stripped: str, kind: str | None, scope: str | None,
                 levels: frozenset[str] | None) -> Resolution:
        if levels is not None and levels <= NEVER_HELD:
            return self._never_held(text, levels)
        user = user_defined(stripped)
        nomis = user or nomis_name(stripped)
        if nomis is not None:  # "ladu:Birmingham": the type narrows the levels
            named = nomis[0] if levels is None or nomis[0] is None else nomis[0] & levels
            if named and named <= NEVER_HELD:
                return self._never_held(text, named)
            read = replace(self._cached(nomis[1], kind, scope, named or levels), text=text)
            if user is not None and read.status == "unknown":  # an area of someone's making
                message = f'"{text}" is an area drawn by the user of Nomis, not one the store holds'
                return Resolution(text, None, None, "outside", None, (), message, None)
            return read
        match = _QUALIFIED.match(stripped)
        if match and scope is None and kind in (None, "ward") and (not levels or "ward" in levels):
            qualifier = self._qualifier(match.group(2))
            if qualifier is not None:  # a Nomis qualifier: "Abbey (Redditch)" is a ward
                found = self._lookup(text, normalise(match.group(1)), "ward", qualifier, levels)
                if found is not None:
                    return found
        key = normalise(stripped)
        found = self._lookup(text, key, kind, scope, levels) if key else None
        if found is not None:
            return found
        worded = trailing_level(stripped)  # "North East region": read only when needed
        if worded and (levels is None or worded[0] in levels):
            found = self._lookup(text, normalise(worded[1]), kind, scope, frozenset(worded[:1]))
            if found is not None:
                return found
        suggestions = self._suggest(key, kind, scope, levels) if key else ()
        message = f'"{text}" is not a known area'
        if scope is not None:
            message += f" of {self._index.lad(scope)}"
        if suggestions:
            message += f"; did you mean {alternatives(suggestions)}?"
        return unknown(text, message, suggestions)

    @staticmethod
    def _never_held(text: str, levels: frozenset[str]) -> Resolution:
        level = " or ".join(sorted(levels))
        message = f'"{text}" is {a_or_an(level_name(level))}: the store holds none'
        return Resolution(text, None, None, "outside", None, (), message, level)

    def _qualifier(self, text: str) -> str | None:
        code = "".join(text.split()).upper()
        if self.geography.authority_name(code) is not None:
            return code
        found = [e for e in self._index.names.get(normalise(text), []) if e.level == "authority"]
        held = [e for e in found if e.held]
        return (held or found)[0].code if len(held or found) == 1 else None

    def _candidates(self, key: str, kind: str | None, scope: str | None,
                    levels: frozenset[str] | None) -> list[Entry]:
        found = [e for e in self._index.in_scope(self._index.names.get(key, []), scope)
                 if (kind is None or e.kind == kind) and (levels is None or e.level in levels)]
        if scope is not None and any(e.level == "ward" for e in found):
            return [e for e in found if e.level == "ward"]  # a ward of that authority is meant
        return found

    def _lookup(self, text: str, key: str, kind: str | None, scope: str | None,
                levels: frozenset[str] | None) -> Resolution | None:
        found = narrow_wards(self._candidates(key, kind, scope, levels))
        if not found:
            return None
        groups = by_level(found)
        if len(groups) > 1:  # the exact spelling of one level decides ("City of London")
            exact = " ".join(text.split()).casefold()
            spelt = [e for e in found if e.name.casefold() == exact]
            if len(by_level(spelt)) == 1:
                groups = by_level(spelt)
        if len(groups) > 1:
            return self._across_levels(text, found)
        (level, entries), = groups.items()
        if level == "ward":
            return self._wards(text, entries)
        held = [e for e in entries if e.held]
        entry = (held or entries)[0]
        code = entry.code if len(held or entries) == 1 else None
        what = level_name(level)
        message = (f'"{text}" is the {what} {entry.name} ({entry.code})' if entry.held else
                   f'"{text}" is {entry.name}, {a_or_an(what)} outside the WMCA area')
        return self._answer(text, entry, message, code)

    def _across_levels(self, text: str, found: list[Entry]) -> Resolution:
        labels = tuple(self._index.describe(e) for e in found)
        if not any(e.held for e in found):  # nothing the store could hold: no choice to make
            level = " or ".join(sorted(by_level(found)))
            message = f'"{text}" is outside the WMCA area ({alternatives(labels)})'
            return Resolution(text, None, None, "outside", found[0].name, (), message, level)
        message = (f'"{text}" names areas of different levels: {alternatives(labels, "and")}; '
                   "give the code, or the level in an area type column")
        return Resolution(text, None, None, "ambiguous", None, labels, message)

    def _wards(self, text: str, wards: list[Entry]) -> Resolution:
        ward, status = wards[0], wards[0].status
        places = alternatives(list(dict.fromkeys(self._index.lad(w.authority_code)
                                                  for w in wards))[:5], "and")
        if len(wards) > 1 and status == "ok":
            labels = tuple(self._index.label(w) for w in wards)
            message = f'"{text}" is ambiguous: there are wards of that name in {places}'
            return Resolution(text, None, "ward", "ambiguous", ward.name, labels, message,
                              "ward")
        code = ward.code if len(wards) == 1 else None
        if ward.retired and code is not None and code in self.geography.successors:
            return self._successor(text, ward, self.geography.successors[code])
        if status == "ok":
            message = f'"{text}" is the ward {ward.name} ({ward.code}), {places}'
        elif ward.retired:
            message = f'"{text}" is a 2019 ward that no longer exists ({places})'
        else:
            message = f'"{text}" is a ward outside the WMCA area ({places})'
        return Resolution(text, code, "ward", status, ward.name, (), message, "ward")

    def _suggestion_pool(self, kind: str | None, scope: str | None,
                         levels: frozenset[str] | None) -> dict[str, list[Entry]]:
        cached = self._suggestion_keys.get((kind, scope, levels))
        if cached is not None:
            return cached
        pool: dict[str, list[Entry]] = {}
        for key in self._index.names:
            chosen = [e for e in self._candidates(key, kind, scope, levels)
                      if (e.held or e.level != "ward") and not (scope and e.level != "ward")]
            if chosen:
                pool[key] = chosen
        self._suggestion_keys[(kind, scope, levels)] = pool
        return pool

    def _suggest(self, key: str, kind: str | None, scope: str | None,
                 levels: frozenset[str] | None) -> tuple[str, ...]:
        """Close names of one level only: that of the closest name."""
        pool = self._suggestion_pool(kind, scope, levels)
        close = difflib.get_close_matches(key, list(pool), n=6, cutoff=_CUTOFF)
        entries = [e for match in close for e in pool[match]]
        same = [e for e in entries if entries and e.level == entries[0].level]
        return tuple(dict.fromkeys(self._index.label(e) for e in same))[:3]
