"""The areas of real published files: nothing is ever read as a wrong area.

Each file gives both a code and a name; the name (with the file's own area type) must resolve
to the file's code, or be left out as an area the store does not hold, or be reported; never
another area. See ``/work/shared/data/realworld/PROVENANCE.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from mag_desktop.core.geography import load_geography
from mag_desktop.core.ingest.resolve import Outcome, area_decider
from mag_desktop.core.names import AreaResolver


def _shared_data() -> Path:
    """shared/data beside the checkout (as CI lays it), else the workspace's own copy."""
    beside = Path(__file__).resolve().parents[3] / "shared" / "data"
    return beside if beside.exists() else Path("/work/shared/data")


REALWORLD = _shared_data() / "realworld"
FINGERTIPS = REALWORLD / "phe_fingertips_campylobacter_incidence_county_ua_2015-2017.csv"
EYFSP = REALWORLD / "dfe_eyfsp_headline_measures_la_lad_2021-22.csv"
AP = REALWORLD / "dfe_school_census_alternative_provision_pupils_by_characteristic_la_2022-23.csv"
NOMIS = REALWORLD / "ons_nomis_aps_t01_economic_activity_lsip_mca_lep_2017-18_to_2021-22.xlsx"
Decide = Callable[..., Outcome]
WMCA_MEMBERS = {"E08000025", "E08000026", "E08000027", "E08000028", "E08000029", "E08000030",
                "E08000031", "E07000192", "E07000218", "E07000219", "E07000236", "E07000220",
                "E06000051", "E07000221", "E07000199", "E06000020", "E10000031"}


@pytest.fixture(scope="module")
def decide() -> Decide:
    return area_decider(AreaResolver(load_geography()))


def _check(decide: Decide, code: str, name: str, area_type: str) -> tuple[Outcome, Outcome]:
    by_name, by_code = decide("", name, area_type), decide(code, "", area_type)
    for outcome in (by_name, by_code):
        assert outcome.code in (None, code), (code, name, outcome)  # never another area
    if code in WMCA_MEMBERS:
        assert by_name.code == by_code.code == code, (code, name, by_name)
    if by_name.code is None:
        assert by_name.severity == "error" or by_name.skip, (code, name, by_name)
    return by_name, by_code


def _tally(outcomes: list[Outcome]) -> Counter[str]:
    return Counter("stored" if o.code else ("skipped" if o.skip else o.rule)
                   for o in outcomes)


@pytest.mark.skipif(not FINGERTIPS.exists(), reason="shared real-world files not present")
def test_fingertips_county_and_ua_file(decide: Decide) -> None:
    frame = pd.read_csv(FINGERTIPS, dtype=str).fillna("")
    areas = frame[["Area Code", "Area Name", "Area Type"]].drop_duplicates()
    results = [_check(decide, *row) for row in areas.itertuples(index=False)]
    by_name = _tally([n for n, _ in results])
    by_code = _tally([c for _, c in results])
    # England and the 10 member councils of the county/UA list are stored; regions
    # ("West Midlands region") and other councils are left out, by name too: Bournemouth and
    # Poole (merged in 2019) are in the bundled list of councils abolished that year
    assert by_code == Counter({"stored": 11, "skipped": 151})
    assert by_name == Counter({"stored": 11, "skipped": 151})


@pytest.mark.skipif(not EYFSP.exists(), reason="shared real-world files not present")
def test_dfe_file_with_four_geographic_levels(decide: Decide) -> None:
    frame = pd.read_csv(EYFSP, dtype=str).fillna("")
    columns = {"National": ("country_code", "country_name"),
               "Regional": ("region_code", "region_name"),
               "Local authority": ("new_la_code", "la_name"),
               "Local authority district": ("lad_code", "lad_name")}
    outcomes: dict[str, list[Outcome]] = {}
    for level, (code, name) in columns.items():
        rows = frame[frame["geographic_level"] == level][[code, name]].drop_duplicates()
        for c, n in rows.itertuples(index=False):
            outcomes.setdefault(level, []).append(_check(decide, c, n, level)[0])
    assert _tally(outcomes["National"]) == Counter({"stored": 1})
    assert _tally(outcomes["Regional"]) == Counter({"skipped": 11})  # with Inner/Outer London
    assert _tally(outcomes["Local authority"])["stored"] == 10  # 7 metropolitan, 3 unitary/county
    assert _tally(outcomes["Local authority district"])["stored"] == 16


@pytest.mark.skipif(not AP.exists(), reason="shared real-world files not present")
def test_dfe_regional_west_midlands_is_never_the_combined_authority(decide: Decide) -> None:
    frame = pd.read_csv(AP, dtype=str, encoding="utf-8-sig").fillna("")
    regional = frame[frame["geographic_level"] == "Regional"]
    names = regional[["region_code", "region_name"]].drop_duplicates()
    assert "West Midlands" in set(names["region_name"])
    for code, name in names.itertuples(index=False):
        by_name, _ = _check(decide, code, name, "Regional")
        assert by_name.skip
    assert decide("", "West Midlands").severity == "error"  # no type: named, not chosen


@pytest.mark.skipif(not NOMIS.exists(), reason="shared real-world files not present")
def test_nomis_labels_carry_their_level(decide: Decide) -> None:
    sheet = pd.read_excel(NOMIS, header=None, dtype=str, engine="openpyxl")
    labels = {str(v) for v in sheet[0].dropna() if ":" in str(v)}
    outcomes = {label: decide("", label) for label in labels}
    assert outcomes["country:England"].code == "E92000001"
    mca = "User Defined Geography:West Midlands-MCA - from dn81838"
    assert outcomes[mca].code == "E47000007"
    stored = {label: o.code for label, o in outcomes.items() if o.code}
    assert set(stored.values()) <= {"E92000001", "E47000007", *WMCA_MEMBERS}
    for label, code in stored.items():
        if label.startswith("ladu:"):
            assert code in WMCA_MEMBERS, label


OFFENDING = REALWORLD / "dfe_moj_children_offending_education_demographics_la_2023-03.xlsx"


@pytest.mark.skipif(not OFFENDING.exists(), reason="shared real-world files not present")
def test_dfe_file_of_authority_names_without_codes(decide: Decide) -> None:
    sheet = pd.read_excel(OFFENDING, sheet_name="Ethnicity", dtype=str, engine="openpyxl")
    outcomes = {name: decide("", name) for name in set(sheet["LA"].dropna())}
    stored = {name: o.code for name, o in outcomes.items() if o.code}
    assert stored == {
        "England": "E92000001", "Birmingham": "E08000025", "Coventry": "E08000026",
        "Dudley": "E08000027", "Sandwell": "E08000028", "Solihull": "E08000029",
        "Walsall": "E08000030", "Wolverhampton": "E08000031", "Shropshire": "E06000051",
        "Telford and Wrekin": "E06000020", "Warwickshire": "E10000031"}
    reported = {name for name, o in outcomes.items() if o.severity == "error"}
    # councils abolished in 2019 (Bournemouth, Poole) and older names (Durham, Medway Towns) are
    # left out as areas outside the WMCA; "Slough" is also a ward of Nuneaton and Bedworth, so
    # without an area type it is refused naming both, and with one ("Local authority") left out
    assert reported == {"Slough"}
    assert decide("", "Slough", "Local authority").skip
    assert all(o.skip for name, o in outcomes.items() if name not in set(stored) | reported)
