"""The areas the product knows: WMCA member authorities, their 2022 wards, and reference wards.

Everything comes from the bundled CSVs under ``resources/reference`` (see PROVENANCE.md):

* ``wmca_local_authorities.csv`` - the 7 constituent and the non-constituent member authorities;
* ``wmca_wards_wd22.csv`` - every 2022 ward of the member districts;
* ``wards_wd22_ew.csv`` - every 2022 ward of England and Wales (to recognise "outside" codes);
* ``wards_wd19_retired.csv`` - 2019 ward codes no longer current (to recognise "retired" codes,
  and, where a ``successor_code`` column names one, the ward that replaced each);
* ``areas_uk.csv`` - every country, region, combined authority, county and local authority of
  the UK lists, so that any area above the ward is known with its level (see ``area_levels``).

A :class:`Geography` is an immutable snapshot; :meth:`Geography.with_membership` returns a
changed copy. :func:`load_geography` reads the files once per process.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from mag_desktop.core.area_levels import ReferenceArea, reference_areas
from mag_desktop.paths import resource_path

REGION_CODE = "E47000007"
REGION_NAME = "West Midlands Combined Authority"
ENGLAND_CODE = "E92000001"
ENGLAND_NAME = "England"
#: England and Wales together (an ONS "K04" code): the national figure of the Home Office's
#: police statistics and of other partners that publish for both countries.
ENGLAND_WALES_CODE = "K04000001"
ENGLAND_WALES_NAME = "England and Wales"
#: The national areas (level "england" in the store), as (code, name).
NATIONAL_AREAS = ((ENGLAND_CODE, ENGLAND_NAME), (ENGLAND_WALES_CODE, ENGLAND_WALES_NAME))

CONSTITUENT = "constituent"
NON_CONSTITUENT = "non-constituent"
MEMBERSHIPS = (CONSTITUENT, NON_CONSTITUENT)

#: The seven metropolitan districts that are constituent members by statute
#: (The West Midlands Combined Authority Order 2016).
STATUTORY_CONSTITUENT_CODES = frozenset(
    {"E08000025", "E08000026", "E08000027", "E08000028", "E08000029", "E08000030", "E08000031"}
)


@dataclass(frozen=True)
class Authority:
    """A member local authority (a district, unitary or, for Warwickshire, a county council)."""

    code: str
    name: str
    membership: str  # "constituent" | "non-constituent"
    county: str | None = None
    police_force_area: str | None = None

    @property
    def constituent(self) -> bool:
        return self.membership == CONSTITUENT


@dataclass(frozen=True)
class Ward:
    """An electoral ward (2022 boundaries unless it comes from ``retired_wards``)."""

    code: str
    name: str
    authority_code: str


def _sort_authorities(authorities: Iterable[Authority]) -> tuple[Authority, ...]:
    return tuple(sorted(authorities, key=lambda a: (not a.constituent, a.name.casefold(), a.code)))


def _sort_wards(wards: Iterable[Ward], order: Mapping[str, int]) -> tuple[Ward, ...]:
    return tuple(
        sorted(
            wards,
            key=lambda w: (order.get(w.authority_code, len(order)), w.name.casefold(), w.code),
        )
    )


@dataclass(frozen=True)
class Geography:
    """An immutable snapshot of the areas the product knows.

    ``authorities``: constituent first (alphabetical), then non-constituent (alphabetical).
    ``wards``: the 2022 wards of the member authorities, by authority (in that order) then name.
    ``retired_wards``: code -> 2019 ward whose code is no longer current.
    ``other_wards``: code -> current 2022 ward of England & Wales outside the member districts.
    ``authority_names``: code -> name of every district named in the bundled ward files
    (member, outside and 2019 districts), for messages such as "Headingley, Leeds".
    ``successors``: retired ward code -> the code of the ward that replaced it, where the lookup
    says so. ``reference``: the areas above the ward of every level (countries to districts).
    """

    authorities: tuple[Authority, ...]
    wards: tuple[Ward, ...]
    retired_wards: Mapping[str, Ward] = field(default_factory=dict)
    other_wards: Mapping[str, Ward] = field(default_factory=dict)
    authority_names: Mapping[str, str] = field(default_factory=dict)
    successors: Mapping[str, str] = field(default_factory=dict)
    reference: tuple[ReferenceArea, ...] = ()
    _authority_index: dict[str, Authority] = field(init=False, repr=False, compare=False)
    _ward_index: dict[str, Ward] = field(init=False, repr=False, compare=False)
    _wards_by_authority: dict[str, tuple[Ward, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Freeze the mappings so a snapshot cannot be changed behind a resolver's back.
        for name in ("retired_wards", "other_wards", "authority_names", "successors"):
            value = getattr(self, name)
            if not isinstance(value, MappingProxyType):
                object.__setattr__(self, name, MappingProxyType(dict(value)))
        object.__setattr__(self, "_authority_index", {a.code: a for a in self.authorities})
        object.__setattr__(self, "_ward_index", {w.code: w for w in self.wards})
        by_authority: dict[str, list[Ward]] = {}
        for ward in self.wards:
            by_authority.setdefault(ward.authority_code, []).append(ward)
        object.__setattr__(
            self, "_wards_by_authority", {k: tuple(v) for k, v in by_authority.items()}
        )

    def __hash__(self) -> int:
        return hash((self.authorities, self.wards))

    def authority(self, code: str) -> Authority:
        """The member authority with this code; KeyError when it is not one."""
        try:
            return self._authority_index[code]
        except KeyError:
            raise KeyError(f"{code!r} is not the code of a WMCA member authority") from None

    def ward(self, code: str) -> Ward:
        """The 2022 ward of a member authority with this code; KeyError when it is not one."""
        try:
            return self._ward_index[code]
        except KeyError:
            raise KeyError(
                f"{code!r} is not the code of a 2022 ward in a WMCA member authority"
            ) from None

    def wards_of(self, authority_code: str) -> tuple[Ward, ...]:
        """The wards of one member authority (empty for Warwickshire county council)."""
        self.authority(authority_code)
        return self._wards_by_authority.get(authority_code, ())

    def authority_name(self, code: str) -> str | None:
        """The name of any authority the bundled files know (member or not), else None."""
        if code in self._authority_index:
            return self._authority_index[code].name
        return self.authority_names.get(code)

    def with_membership(self, code: str, membership: str) -> Geography:
        """A copy with one authority's membership changed.

        Clerks may change the membership of non-constituent authorities; the seven constituent
        metropolitan districts are fixed by statute (ValueError if asked to change them).
        """
        if membership not in MEMBERSHIPS:
            raise ValueError(
                f"membership must be one of {', '.join(MEMBERSHIPS)}; got {membership!r}"
            )
        current = self.authority(code)
        if code in STATUTORY_CONSTITUENT_CODES and membership != CONSTITUENT:
            raise ValueError(
                f"{current.name} is a constituent member of the WMCA by statute; "
                "its membership cannot be changed"
            )
        if current.membership == membership:
            return self
        changed = replace(current, membership=membership)
        authorities = _sort_authorities(changed if a.code == code else a for a in self.authorities)
        order = {a.code: i for i, a in enumerate(authorities)}
        return replace(self, authorities=authorities, wards=_sort_wards(self.wards, order))


# ---------------------------------------------------------------------------------------- loading


def _fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was once decoded as Latin-1 ("MÃ´n" -> "Môn"), else return as is."""
    if "Ã" not in text and "Â" not in text:
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            {k.strip(): _fix_mojibake((v or "").strip()) for k, v in row.items() if k}
            for row in csv.DictReader(handle)
        ]


def _membership(raw: str) -> str:
    # "non-constituent (county council)" -> "non-constituent"
    value = raw.strip().casefold()
    return NON_CONSTITUENT if value.startswith(NON_CONSTITUENT) else CONSTITUENT


def _ward(row: Mapping[str, str]) -> Ward:
    return Ward(
        code=row["ward_code"].upper(), name=row["ward_name"], authority_code=row["lad_code"].upper()
    )


def build_geography(
    authority_rows: Iterable[Mapping[str, str]],
    ward_rows: Iterable[Mapping[str, str]],
    all_ward_rows: Iterable[Mapping[str, str]] = (),
    retired_rows: Iterable[Mapping[str, str]] = (),
    reference: Iterable[ReferenceArea] = (),
) -> Geography:
    """Build a Geography from rows shaped like the bundled CSVs (used by tests and the loader)."""
    authorities = _sort_authorities(
        Authority(
            code=row["lad_code"].upper(),
            name=row["lad_name"],
            membership=_membership(row.get("wmca_membership", "")),
            county=row.get("county_name") or None,
            police_force_area=row.get("police_force_area_name") or None,
        )
        for row in authority_rows
    )
    member_codes = {a.code for a in authorities}
    order = {a.code: i for i, a in enumerate(authorities)}
    wards = _sort_wards(
        (_ward(r) for r in ward_rows if r["lad_code"].upper() in member_codes), order
    )
    ward_codes = {w.code for w in wards}
    names: dict[str, str] = {}
    other: dict[str, Ward] = {}
    for row in all_ward_rows:
        names.setdefault(row["lad_code"].upper(), row["lad_name"])
        ward = _ward(row)
        if ward.authority_code not in member_codes and ward.code not in ward_codes:
            other[ward.code] = ward
    retired: dict[str, Ward] = {}
    successors: dict[str, str] = {}
    for row in retired_rows:
        names.setdefault(row["lad_code"].upper(), row["lad_name"])
        ward = _ward(row)
        if ward.code not in ward_codes and ward.code not in other:
            retired[ward.code] = ward
            successor = (row.get("successor_code") or "").strip().upper()
            if successor in ward_codes or successor in other:
                successors[ward.code] = successor
    for authority in authorities:
        names[authority.code] = authority.name
    return Geography(
        authorities=authorities,
        wards=wards,
        retired_wards=MappingProxyType(retired),
        other_wards=MappingProxyType(other),
        authority_names=MappingProxyType(names),
        successors=MappingProxyType(successors),
        reference=tuple(reference),
    )


@functools.cache
def load_geography() -> Geography:
    """The geography of the bundled reference files (read once per process)."""
    return build_geography(
        _rows(resource_path("reference", "wmca_local_authorities.csv")),
        _rows(resource_path("reference", "wmca_wards_wd22.csv")),
        _rows(resource_path("reference", "wards_wd22_ew.csv")),
        _rows(resource_path("reference", "wards_wd19_retired.csv")),
        reference_areas(),
    )
