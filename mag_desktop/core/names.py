"""Resolve the name or code of an area, as a partner typed it, to the code the product uses.

>>> from mag_desktop.core.geography import load_geography
>>> resolver = AreaResolver(load_geography())
>>> resolver.resolve("Aston (Birmingham)").code
'E05011121'

Names are compared after :func:`normalise` (case, accents, spacing, punctuation, apostrophes,
"&"/"and", "City of ..." and "... Council" style affixes). A Nomis qualifier in parentheses
("Abbey (Redditch)") names the authority. Codes are compared case-insensitively without spaces.

Order of preference for a name: the region and the nations (England; England and Wales), the
member authorities, their wards, then (reported as ``"outside"``) authorities and wards
elsewhere in England and Wales, then (reported as ``"retired"``) 2019 wards no longer in use.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from mag_desktop.core.geography import NATIONAL_AREAS, REGION_CODE, REGION_NAME, Geography, Ward

KINDS = ("authority", "ward", "region", "england")

_PREFIX = re.compile(r"^(?:metropolitan borough|borough|city) of (?=\S)")
_SUFFIX = re.compile(  # alternatives longest first
    r"(?<=\S) (?:metropolitan (?:borough|district) council|metropolitan borough"
    r"|(?:borough|district|county|city) council|council|mbc)$"
)
_REGION_ALIASES = (REGION_NAME, "West Midlands", "WMCA", "West Midlands CA", "WMCA area")
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʼʹ′"), None)
_QUALIFIED = re.compile(r"^(.*\S)\s*\(([^()]*)\)\s*$", re.DOTALL)
_CODE = re.compile(r"^[A-Z]\d{8}$")
_CUTOFF = 0.75


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
class Resolution:
    """The outcome of resolving one piece of text."""

    text: str  # what was given
    code: str | None  # resolved code, None when not resolved
    kind: str | None  # "authority" | "ward" | "region" | "england"
    status: str  # "ok" | "retired" | "outside" | "ambiguous" | "unknown"
    name: str | None  # canonical name
    suggestions: tuple[str, ...]  # "did you mean" names, or the candidates when ambiguous
    message: str  # one plain sentence for reports

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _listing(items: Iterable[str], limit: int = 4) -> str:
    items = list(dict.fromkeys(items))
    if len(items) > limit:
        return f"{', '.join(items[:limit])} and {len(items) - limit} others"
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _a(kind: str | None) -> str:
    return f"{'an' if (kind or 'x')[0] in 'aeiou' else 'a'} {kind}"


def _unknown(text: str, message: str, suggestions: tuple[str, ...] = ()) -> Resolution:
    return Resolution(text, None, None, "unknown", None, suggestions, message)


def _alternatives(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


class AreaResolver:
    """Resolves names and codes against one :class:`Geography` (indexes are built once)."""

    def __init__(self, geography: Geography) -> None:
        g = self.geography = geography
        self._authority_name = {a.code: a.name for a in g.authorities}
        self._county_districts: dict[str, frozenset[str]] = {}
        for a in g.authorities:
            districts = {b.code for b in g.authorities if b.county == a.name and b.code != a.code}
            if districts and not g.wards_of(a.code):
                self._county_districts[a.code] = frozenset(districts)
        # code -> (kind, status, name, authority code or None); later entries win
        self._codes: dict[str, tuple[str, str, str, str | None]] = {
            c: ("authority", "outside", n, None) for c, n in g.authority_names.items()
        }
        for status, wards in (("retired", g.retired_wards), ("outside", g.other_wards)):
            self._codes.update(
                {c: ("ward", status, w.name, w.authority_code) for c, w in wards.items()}
            )
        self._codes.update({w.code: ("ward", "ok", w.name, w.authority_code) for w in g.wards})
        self._codes.update({a.code: ("authority", "ok", a.name, None) for a in g.authorities})
        self._codes[REGION_CODE] = ("region", "ok", REGION_NAME, None)
        self._codes.update({code: ("england", "ok", name, None) for code, name in NATIONAL_AREAS})
        # normalised name -> candidates, by category
        self._special: dict[str, tuple[str, str, str]] = {
            normalise(name): ("england", code, name) for code, name in NATIONAL_AREAS
        }
        for alias in _REGION_ALIASES:
            self._special[normalise(alias)] = ("region", REGION_CODE, REGION_NAME)
        self._authorities = {normalise(a.name): a.code for a in g.authorities}
        self._outside_authorities: dict[str, list[str]] = {}
        for code, lad_name in g.authority_names.items():
            if code not in self._authority_name:
                self._outside_authorities.setdefault(normalise(lad_name), []).append(code)
        self._wards = self._ward_index(g.wards)
        self._outside_wards = self._ward_index(g.other_wards.values())
        self._retired_wards = self._ward_index(g.retired_wards.values())
        self._suggestion_keys: dict[tuple[str | None, str | None], dict[str, list[str]]] = {}
        self._cached = functools.lru_cache(maxsize=131072)(self._resolve)

    @staticmethod
    def _ward_index(wards: Iterable[Ward]) -> dict[str, list[Ward]]:
        index: dict[str, list[Ward]] = {}
        for ward in wards:
            index.setdefault(normalise(ward.name), []).append(ward)
        return index

    def _lad(self, code: str | None) -> str:
        return (self.geography.authority_name(code) or code or "") if code else ""

    def _label(self, ward: Ward) -> str:
        return f"{ward.name} ({self._lad(ward.authority_code)})"

    # ------------------------------------------------------------------------------- public

    def resolve(
        self, text: object, *, kind: str | None = None, authority_code: str | None = None
    ) -> Resolution:
        """Resolve ``text`` (a name or code) to an area; never raises for odd text.

        ``kind`` limits the answer to one of "authority", "ward", "region", "england";
        ``authority_code`` resolves ward names within that authority (or, for a county council
        such as Warwickshire, within its member districts).
        """
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
        if text is None or (isinstance(text, float) and text != text):
            given = ""
        else:
            given = text if isinstance(text, str) else str(text)
        scope = "".join(authority_code.split()).upper() if authority_code else None
        return self._cached(given, kind, scope)

    # ------------------------------------------------------------------------------ private

    def _resolve(self, text: str, kind: str | None, scope: str | None) -> Resolution:
        stripped = text.strip()
        if not stripped:
            return _unknown(text, "no area was given")
        if scope is not None and self.geography.authority_name(scope) is None:
            scope = None  # an authority the product does not know cannot narrow the search
        result = self._by_code(text, "".join(stripped.split()).upper(), kind)
        if result is None:
            result = self._by_name(text, stripped, kind, scope)
        if result.status == "unknown" and kind is not None:
            loose = self._cached(text, None, scope)
            if loose.kind not in (None, kind) and loose.status != "unknown":
                what = f"{_a(loose.kind)} ({loose.name}), not {_a(kind)}"
                result = _unknown(text, f'"{text}" is {what}')
        return result

    def _by_code(self, text: str, code: str, kind: str | None) -> Resolution | None:
        entry = self._codes.get(code)
        if entry is None:
            return _unknown(text, f"{code} is not a known area code") if _CODE.match(code) else None
        found_kind, status, name, lad = entry
        if kind not in (None, found_kind):
            return _unknown(text, "")  # explained by _resolve
        where = f", {self._lad(lad)}" if lad else ""
        if status == "retired":
            message = f'ward code {code} was retired (2019 ward "{name}"{where})'
        elif status == "outside":
            message = f'{found_kind} code {code} is outside the WMCA area ("{name}"{where})'
        else:
            message = f'{found_kind} code {code} is "{name}"{where}'
        return Resolution(text, code, found_kind, status, name, (), message)

    def _by_name(self, text: str, stripped: str, kind: str | None, scope: str | None) -> Resolution:
        match = _QUALIFIED.match(stripped)
        if match and scope is None and kind in (None, "ward"):
            qualifier = self._qualifier(match.group(2))
            if qualifier is not None:  # a Nomis qualifier: "Abbey (Redditch)" is a ward
                found = self._lookup(text, normalise(match.group(1)), "ward", qualifier)
                if found is not None:
                    return found
        key = normalise(stripped)
        found = self._lookup(text, key, kind, scope) if key else None
        if found is not None:
            return found
        suggestions = self._suggest(key, kind, scope) if key else ()
        message = f'"{text}" is not a known area'
        if scope is not None:
            message += f" of {self._lad(scope)}"
        if suggestions:
            message += f"; did you mean {_alternatives(suggestions)}?"
        return _unknown(text, message, suggestions)

    def _qualifier(self, text: str) -> str | None:
        code = "".join(text.split()).upper()
        if self.geography.authority_name(code) is not None:
            return code
        key = normalise(text)
        if key in self._authorities:
            return self._authorities[key]
        outside = self._outside_authorities.get(key, [])
        return outside[0] if len(outside) == 1 else None

    def _in_scope(self, wards: list[Ward], scope: str | None) -> list[Ward]:
        if scope is None:
            return wards
        allowed = self._county_districts.get(scope, frozenset({scope}))
        return [w for w in wards if w.authority_code in allowed]

    def _lookup(
        self, text: str, key: str, kind: str | None, scope: str | None
    ) -> Resolution | None:
        if key in self._special and kind in (None, self._special[key][0]):
            found_kind, code, name = self._special[key]
            return Resolution(text, code, found_kind, "ok", name, (), f'"{text}" is {name}')
        if kind in (None, "authority") and key in self._authorities:
            code = self._authorities[key]
            name = self._authority_name[code]
            message = f'"{text}" is the authority {name} ({code})'
            return Resolution(text, code, "authority", "ok", name, (), message)
        wards = self._in_scope(self._wards.get(key, []), scope) if kind != "authority" else []
        if kind in (None, "ward") and wards:
            return self._ward_result(text, wards, "ok")
        if kind in (None, "authority") and key in self._outside_authorities:
            codes = self._outside_authorities[key]
            name = self._lad(codes[0])
            message = f'"{text}" is {name}, an authority outside the WMCA area'
            unique = codes[0] if len(codes) == 1 else None
            return Resolution(text, unique, "authority", "outside", name, (), message)
        if kind not in (None, "ward"):
            return None
        for index, status in ((self._outside_wards, "outside"), (self._retired_wards, "retired")):
            wards = self._in_scope(index.get(key, []), scope)
            if wards:
                return self._ward_result(text, wards, status)
        return None

    def _ward_result(self, text: str, wards: list[Ward], status: str) -> Resolution:
        ward = wards[0]
        places = _listing(self._lad(w.authority_code) for w in wards)
        if len(wards) > 1 and status == "ok":
            labels = tuple(self._label(w) for w in wards)
            message = f'"{text}" is ambiguous: there are wards of that name in {places}'
            return Resolution(text, None, "ward", "ambiguous", ward.name, labels, message)
        code = ward.code if len(wards) == 1 else None
        if status == "ok":
            message = f'"{text}" is the ward {ward.name} ({ward.code}), {places}'
        elif status == "outside":
            message = f'"{text}" is a ward outside the WMCA area ({places})'
        else:
            message = f'"{text}" is a 2019 ward that no longer exists ({places})'
        return Resolution(text, code, "ward", status, ward.name, (), message)

    def _candidates(self, kind: str | None, scope: str | None) -> dict[str, list[str]]:
        cached = self._suggestion_keys.get((kind, scope))
        if cached is not None:
            return cached
        keys: dict[str, list[str]] = {}
        for key, (found_kind, _code, name) in self._special.items():
            if scope is None and kind in (None, found_kind):
                keys.setdefault(key, []).append(name)
        if kind in (None, "authority") and scope is None:
            for key, code in self._authorities.items():
                keys.setdefault(key, []).append(self._authority_name[code])
        if kind in (None, "ward"):
            for key, wards in self._wards.items():
                for ward in self._in_scope(wards, scope):
                    keys.setdefault(key, []).append(self._label(ward))
        self._suggestion_keys[(kind, scope)] = keys
        return keys

    def _suggest(self, key: str, kind: str | None, scope: str | None) -> tuple[str, ...]:
        candidates = self._candidates(kind, scope)
        close = difflib.get_close_matches(key, list(candidates), n=3, cutoff=_CUTOFF)
        labels = (label for match in close for label in candidates[match])
        return tuple(dict.fromkeys(labels))[:3]
