"""The levels of UK geography partners' files use, told from ONS codes and area-type words.

Every area an import meets is of one level: a ward, a local authority (district, unitary,
metropolitan or London borough), a county (shire or metropolitan), a region (E12), a combined
authority (E47), a country (or a union of countries such as England and Wales), an MSOA or an
LSOA. An ONS (GSS) code tells its level by its first three characters; a name needs the
reference lists, ``areas_uk.csv`` for every level above the ward (see PROVENANCE.md).

>>> level_of_code("E02000001"), level_of_code("e12000005"), level_of_code("Birmingham")
('msoa', 'region', None)
>>> sorted(levels_of_type("County & UA"))
['authority', 'county']
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from mag_desktop.paths import resource_path

LEVELS = ("ward", "authority", "county", "region", "combined authority", "country", "msoa",
          "lsoa", "lsip", "lep", "police force area", "fire authority", "national park",
          "waste authority")
#: Levels of areas drawn for one purpose (skills plans, enterprise partnerships, policing) that
#: the store never holds: a name of one of them is left out, never read as a council or the
#: WMCA that shares its name ("West Midlands and Warwickshire" LSIP, "West Midlands" police).
NEVER_HELD = frozenset({"lsip", "lep", "police force area", "fire authority", "national park",
                        "waste authority"})

_PREFIXES = {
    "ward": ("E05", "W05", "S13", "N08"),
    "authority": ("E06", "E07", "E08", "E09", "W06", "S12", "N09"),
    "county": ("E10", "E11"),
    "region": ("E12", "E13"),  # E13: Inner and Outer London, counted with the regions
    "combined authority": ("E47",),
    "country": ("E92", "W92", "S92", "N92", "K02", "K03", "K04"),
    "msoa": ("E02", "W02"),
    "lsoa": ("E01", "W01"),
    "lep": ("E37",),
    "police force area": ("E23", "W15"),
    "fire authority": ("E31",),
    "national park": ("E26",),
    "waste authority": ("E50",),
}
_LEVEL_OF_PREFIX = {p: level for level, prefixes in _PREFIXES.items() for p in prefixes}
_CODE = re.compile(r"^[EWSNK]\d{8}$")

_NAMES = {  # singular, plural, for reports
    "ward": ("ward", "wards"),
    "authority": ("local authority", "local authorities"),
    "county": ("county", "counties"),
    "region": ("region", "regions"),
    "combined authority": ("combined authority", "combined authorities"),
    "country": ("country", "countries"),
    "msoa": ("MSOA", "MSOAs"),
    "lsoa": ("LSOA", "LSOAs"),
    "lsip": ("local skills improvement plan area", "local skills improvement plan areas"),
    "lep": ("local enterprise partnership", "local enterprise partnerships"),
    "police force area": ("police force area", "police force areas"),
    "fire authority": ("fire and rescue authority", "fire and rescue authorities"),
    "national park": ("national park authority", "national park authorities"),
    "waste authority": ("waste authority", "waste authorities"),
}

#: Words of an "Area type" column or constant (DfE's geographic_level, Fingertips' Area Type,
#: Nomis' geography types), tried in order, and the levels each allows. A county council is an
#: upper-tier local authority, so "local authority" allows counties too.
_TYPE_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("local skills", frozenset({"lsip"})),
    ("lsip", frozenset({"lsip"})),
    ("local enterprise", frozenset({"lep"})),
    ("lep", frozenset({"lep"})),
    ("police", frozenset({"police force area"})),
    ("pfa", frozenset({"police force area"})),
    ("msoa", frozenset({"msoa"})),
    ("middle layer", frozenset({"msoa"})),
    ("lsoa", frozenset({"lsoa"})),
    ("middle super", frozenset({"msoa"})),
    ("lower layer", frozenset({"lsoa"})),
    ("lower super", frozenset({"lsoa"})),
    ("ward", frozenset({"ward"})),
    ("combined authorit", frozenset({"combined authority"})),
    ("mca", frozenset({"combined authority"})),
    ("cauth", frozenset({"combined authority"})),
    ("county", frozenset({"county", "authority"})),
    ("counties", frozenset({"county", "authority"})),
    ("district", frozenset({"authority"})),
    ("lower tier", frozenset({"authority"})),
    ("ltla", frozenset({"authority"})),
    ("lad", frozenset({"authority"})),
    ("unitary", frozenset({"authority"})),
    ("borough", frozenset({"authority"})),
    ("authorit", frozenset({"authority", "county"})),
    ("utla", frozenset({"authority", "county"})),
    ("upper tier", frozenset({"authority", "county"})),
    ("la", frozenset({"authority", "county"})),
    ("region", frozenset({"region"})),
    ("gor", frozenset({"region"})),
    ("rgn", frozenset({"region"})),
    ("country", frozenset({"country"})),
    ("national", frozenset({"country"})),
    ("nation", frozenset({"country"})),
    ("england", frozenset({"country"})),
)


#: Nomis writes an area's type before its name ("ladu:Birmingham", "country:England",
#: "User Defined Geography:West Midlands-MCA - from dn81838").
_NOMIS = re.compile(r"^\s*(country|region|gor|ladu|lad|la|ua|cty|county|ward|wd|msoa|lsoa"
                    r"|lep|user defined geography)\s*:\s*(.+?)(?:\s+-\s+from\s+\w+)?\s*$",
                    re.IGNORECASE)
_NOMIS_LEVELS = {"country": "country", "region": "region", "gor": "region", "ladu": "authority",
                 "lad": "authority", "la": "authority", "ua": "authority", "cty": "county",
                 "county": "county", "ward": "ward", "wd": "ward", "msoa": "msoa",
                 "lsoa": "lsoa", "lep": "lep"}
#: A trailing word naming the level: "North East region", "West Midlands-MCA".
_LEVEL_WORD = re.compile(r"^(.*\S)[\s-]+(region|combined authority|mca|ca)$", re.IGNORECASE)


@dataclass(frozen=True)
class ReferenceArea:
    """An area above the ward from the bundled lists: its ONS code, name and level."""

    code: str
    name: str
    level: str


def level_of_code(text: str) -> str | None:
    """The level an ONS code's prefix names, or None when ``text`` is not such a code."""
    code = "".join(text.split()).upper()
    if not _CODE.match(code):
        return None
    return _LEVEL_OF_PREFIX.get(code[:3])


def is_gss_code(text: str) -> bool:
    """True for text shaped like an ONS code of any entity ("E13000001" too)."""
    return bool(_CODE.match("".join(text.split()).upper()))


def level_name(level: str, count: int = 1) -> str:
    """"local authority" / "local authorities"; levels joined by "or" are named each."""
    parts = level.split(" or ")
    return " or ".join(_NAMES.get(p, (p, p))[count != 1] for p in parts)


def levels_of_type(text: str) -> frozenset[str] | None:
    """The levels an area-type cell allows ("Regional" -> region), None when it says nothing."""
    words = " ".join(re.sub(r"[^a-z]+", " ", text.casefold()).split())
    if not words:
        return None
    for word, levels in _TYPE_WORDS:
        # short abbreviations only as whole words ("la", not "island"; "wards" is "ward")
        if re.search(rf"\b{word}s?\b", words) if len(word) <= 4 else word in words:
            return levels
    return None


def nomis_name(text: str) -> tuple[frozenset[str] | None, str] | None:
    """(levels, name) of a Nomis "type:name" label; None when ``text`` is not one.

    >>> nomis_name("ladu:Birmingham")
    (frozenset({'authority'}), 'Birmingham')
    """
    match = _NOMIS.match(text)
    if match is None:
        return None
    level = _NOMIS_LEVELS.get(match.group(1).casefold())
    return (frozenset({level}) if level else None), match.group(2)


#: What Nomis' user-defined areas carry after their name, cut at 35 characters: "-MCA", "-LSIP"
#: ("-LSI", "-LS" once cut), or only a dash.
_USER_SUFFIX = re.compile(r"^(.*?\S)?\s*-\s*(mca|lsip|lsi|ls|l)?$", re.IGNORECASE)


def user_defined(text: str) -> tuple[frozenset[str] | None, str] | None:
    """(levels, name) of a Nomis "User Defined Geography:" label, else None.

    >>> user_defined("User Defined Geography:West Midlands and Warwickshire-LSIP - from dn8")
    (frozenset({'lsip'}), 'West Midlands and Warwickshire')
    """
    match = _NOMIS.match(text)
    if match is None or match.group(1).casefold() != "user defined geography":
        return None
    name = match.group(2)
    suffix = _USER_SUFFIX.match(name)
    if suffix is None:
        return None, name
    word = (suffix.group(2) or "").casefold()
    level = "combined authority" if word == "mca" else ("lsip" if word else None)
    return (frozenset({level}) if level else None), suffix.group(1) or name


def trailing_level(text: str) -> tuple[str, str] | None:
    """(level, name) of a name that ends in a word naming its level, else None."""
    match = _LEVEL_WORD.match(text.strip())
    if match is None:
        return None
    level = "region" if match.group(2).casefold() == "region" else "combined authority"
    return level, match.group(1)


def check_levels(levels: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(levels)
    unknown = chosen - set(LEVELS)
    if unknown:
        raise ValueError(f"levels must be among {', '.join(LEVELS)}; got {sorted(unknown)}")
    return chosen


@functools.cache
def reference_areas() -> tuple[ReferenceArea, ...]:
    """Every country, region, combined authority, county and local authority of the UK lists."""
    path = resource_path("reference", "areas_uk.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            ReferenceArea(row["code"].strip().upper(), row["name"].strip(), row["level"].strip())
            for row in csv.DictReader(handle)
        )
