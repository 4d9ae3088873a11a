"""Tests for mag_desktop.core.geography: the bundled reference areas."""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter

import pytest

from mag_desktop.core.geography import (
    ENGLAND_CODE,
    REGION_CODE,
    REGION_NAME,
    Authority,
    Geography,
    Ward,
    load_geography,
)
from mag_desktop.paths import resource_path


def _csv(name: str) -> list[dict[str, str]]:
    with resource_path("reference", name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def geo() -> Geography:
    return load_geography()


def test_constants() -> None:
    assert REGION_CODE == "E47000007"
    assert REGION_NAME == "West Midlands Combined Authority"
    assert ENGLAND_CODE == "E92000001"


def test_load_is_cached(geo: Geography) -> None:
    assert load_geography() is geo


def test_authorities_match_the_bundled_file(geo: Geography) -> None:
    rows = _csv("wmca_local_authorities.csv")
    assert len(geo.authorities) == len(rows) == 17
    for row in rows:
        authority = geo.authority(row["lad_code"])
        assert authority.name == row["lad_name"]
        assert authority.membership in ("constituent", "non-constituent")
        assert authority.police_force_area == row["police_force_area_name"]
        assert authority.county == (row["county_name"] or None)


def test_constituent_first_then_alphabetical(geo: Geography) -> None:
    names = [a.name for a in geo.authorities]
    constituent = [a.name for a in geo.authorities if a.constituent]
    others = [a.name for a in geo.authorities if not a.constituent]
    assert constituent == sorted(constituent)
    assert others == sorted(others)
    assert names == constituent + others
    assert constituent == [
        "Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton",
    ]  # fmt: skip


def test_warwickshire_is_a_non_constituent_county_without_wards(geo: Geography) -> None:
    warwickshire = geo.authority("E10000031")
    assert warwickshire.name == "Warwickshire"
    assert warwickshire.membership == "non-constituent"
    assert not warwickshire.constituent
    assert geo.wards_of("E10000031") == ()


def test_wards_match_the_bundled_file(geo: Geography) -> None:
    rows = _csv("wmca_wards_wd22.csv")
    assert len(geo.wards) == len(rows) == 408
    assert {w.code for w in geo.wards} == {r["ward_code"] for r in rows}
    for row in rows:
        ward = geo.ward(row["ward_code"])
        assert (ward.name, ward.authority_code) == (row["ward_name"], row["lad_code"])


def test_ward_counts_per_authority(geo: Geography) -> None:
    for row in _csv("wmca_local_authorities.csv"):
        expected = int(row["ward_count_wd22"]) if row["ward_count_wd22"] else 0
        wards = geo.wards_of(row["lad_code"])
        assert len(wards) == expected, row["lad_name"]
        assert all(w.authority_code == row["lad_code"] for w in wards)


def test_wards_sorted_by_authority_then_name(geo: Geography) -> None:
    order = {a.code: i for i, a in enumerate(geo.authorities)}
    keys = [(order[w.authority_code], w.name.casefold()) for w in geo.wards]
    assert keys == sorted(keys)
    assert geo.wards[0].authority_code == "E08000025"  # Birmingham comes first


def test_other_and_retired_wards(geo: Geography) -> None:
    members = {a.code for a in geo.authorities}
    current = {w.code for w in geo.wards}
    assert len(geo.other_wards) == 7625 - 408
    assert all(w.authority_code not in members for w in geo.other_wards.values())
    assert not current & set(geo.other_wards)
    assert len(geo.retired_wards) == len(_csv("wards_wd19_retired.csv"))
    assert not set(geo.retired_wards) & (current | set(geo.other_wards))
    leeds = next(w for w in geo.other_wards.values() if w.authority_code == "E08000035")
    assert geo.authority_name(leeds.authority_code) == "Leeds"
    assert all(isinstance(w, Ward) for w in geo.retired_wards.values())


def test_retired_names_are_repaired_from_mojibake(geo: Geography) -> None:
    names = {w.name for w in geo.retired_wards.values()}
    assert not any("Ã" in name for name in names)
    assert "Canolbarth Môn" in names


def test_lookups_raise_keyerror_with_message(geo: Geography) -> None:
    with pytest.raises(KeyError, match="E99999999"):
        geo.authority("E99999999")
    with pytest.raises(KeyError, match="E05000001"):
        geo.ward("E05000001")
    with pytest.raises(KeyError, match="E08000035"):
        geo.wards_of("E08000035")


def test_geography_is_immutable(geo: Geography) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        geo.authorities = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        geo.retired_wards["X"] = geo.wards[0]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        geo.authorities[0].membership = "non-constituent"  # type: ignore[misc]
    assert isinstance(hash(geo), int)


def test_with_membership_returns_a_changed_copy(geo: Geography) -> None:
    tamworth = "E07000199"
    changed = geo.with_membership(tamworth, "constituent")
    assert changed is not geo
    assert changed.authority(tamworth).constituent
    assert not geo.authority(tamworth).constituent  # the original is untouched
    constituent = [a.name for a in changed.authorities if a.constituent]
    assert constituent == sorted([*constituent])
    assert "Tamworth" in constituent and len(constituent) == 8
    assert [a.constituent for a in changed.authorities] == sorted(
        [a.constituent for a in changed.authorities], reverse=True
    )
    order = {a.code: i for i, a in enumerate(changed.authorities)}
    keys = [(order[w.authority_code], w.name.casefold()) for w in changed.wards]
    assert keys == sorted(keys)
    assert Counter(changed.wards) == Counter(geo.wards)
    assert changed.retired_wards == geo.retired_wards
    back = changed.with_membership(tamworth, "non-constituent")
    assert back == geo
    assert geo.with_membership(tamworth, "non-constituent") == geo


@pytest.mark.parametrize(
    "code", ["E08000025", "E08000026", "E08000027", "E08000028", "E08000029", "E08000030",
             "E08000031"],
)  # fmt: skip
def test_statutory_constituents_cannot_be_made_non_constituent(geo: Geography, code: str) -> None:
    with pytest.raises(ValueError, match="statute"):
        geo.with_membership(code, "non-constituent")
    assert geo.with_membership(code, "constituent") == geo


def test_with_membership_rejects_bad_input(geo: Geography) -> None:
    with pytest.raises(ValueError, match="membership"):
        geo.with_membership("E07000199", "associate")
    with pytest.raises(KeyError):
        geo.with_membership("E08000035", "constituent")


def test_authority_constituent_property() -> None:
    assert Authority("X", "X", "constituent", None, None).constituent
    assert not Authority("X", "X", "non-constituent", None, None).constituent
