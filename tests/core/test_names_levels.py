"""Areas of every level: one level per answer, never a guess across levels."""

from __future__ import annotations

import pytest

from mag_desktop.core.area_levels import level_name, level_of_code, levels_of_type
from mag_desktop.core.geography import REGION_CODE, build_geography, load_geography
from mag_desktop.core.names import AreaResolver


@pytest.fixture(scope="module")
def resolver() -> AreaResolver:
    return AreaResolver(load_geography())


def test_west_midlands_alone_is_an_error_naming_every_level_with_its_code(
        resolver: AreaResolver) -> None:
    for text in ("West Midlands", "west midlands ", "WEST MIDLANDS"):
        result = resolver.resolve(text)
        assert (result.status, result.code) == ("ambiguous", None)
        for part in ("region West Midlands (E12000005)",
                     "metropolitan county West Midlands (E11000005)",
                     "combined authority West Midlands Combined Authority (E47000007)"):
            assert part in result.message
        assert len(result.suggestions) == 3


@pytest.mark.parametrize(("levels", "code", "status"), [
    ({"region"}, "E12000005", "outside"),
    ({"combined authority"}, REGION_CODE, "ok"),
    ({"county", "authority"}, "E11000005", "outside"),
])
def test_an_area_type_decides_between_levels(resolver: AreaResolver, levels: set[str],
                                             code: str, status: str) -> None:
    result = resolver.resolve("West Midlands", levels=levels)
    assert (result.code, result.status) == (code, status)


def test_the_combined_authority_by_its_own_names(resolver: AreaResolver) -> None:
    for text in ("WMCA", "West Midlands Combined Authority", "West Midlands CA",
                 "West Midlands-MCA", REGION_CODE):
        result = resolver.resolve(text)
        assert (result.code, result.kind, result.level) == (REGION_CODE, "region",
                                                            "combined authority")
    assert resolver.resolve("West Midlands region").code == "E12000005"


@pytest.mark.parametrize(("code", "level"), [
    ("E02006789", "msoa"), ("W02000001", "msoa"), ("E01000001", "lsoa"),
    ("E12000005", "region"), ("E47000001", "combined authority"), ("E10000023", "county"),
    ("E11000005", "county"), ("W92000004", "country"), ("K02000001", "country"),
    ("E06000065", "authority"),  # North Yorkshire's unitary council (2023): by prefix
    ("E09000001", "authority"),
])
def test_codes_tell_their_level_and_are_outside(resolver: AreaResolver, code: str,
                                                level: str) -> None:
    assert level_of_code(code) == level
    result = resolver.resolve(code.lower())
    assert (result.status, result.level, result.code) == ("outside", level, code)


def test_codes_the_store_holds_keep_their_level(resolver: AreaResolver) -> None:
    assert resolver.resolve("E10000031").level == "county"  # Warwickshire, a member council
    assert resolver.resolve("E10000031").status == "ok"
    assert resolver.resolve("K04000001").level == "country"
    assert resolver.resolve("E08000025").level == "authority"
    unknown_ward = resolver.resolve("E05999999")  # could be a new WMCA ward: reported
    assert (unknown_ward.status, unknown_ward.code) == ("unknown", None)


def test_north_yorkshire_is_a_county_and_suggestions_stay_within_one_level(
        resolver: AreaResolver) -> None:
    county = resolver.resolve("North Yorkshire")
    assert (county.status, county.level, county.code) == ("outside", "county", "E10000023")
    typo = resolver.resolve("North Yorkshre")
    assert typo.status == "unknown" and "North Yorkshire" in typo.suggestions
    assert "North Warwickshire" not in typo.message
    # within the levels an area type allows, and only one level's names
    assert resolver.resolve("Bimingham", levels={"authority"}).suggestions == ("Birmingham",)
    assert resolver.resolve("Bimingham", levels={"ward"}).suggestions == ()


def test_names_shared_only_by_areas_outside_are_left_out_not_guessed(
        resolver: AreaResolver) -> None:
    north_east = resolver.resolve("North East")  # the region and the 2019 combined authority
    assert (north_east.status, north_east.code) == ("outside", None)
    assert "E12000001" in north_east.message and "E47000010" in north_east.message
    # the exact spelling of one of them decides
    assert resolver.resolve("City of London").code == "E09000001"
    assert resolver.resolve("London").code == "E12000007"
    assert resolver.resolve("Bristol, City of").code == resolver.resolve("City of Bristol").code


def test_a_wmca_ward_sharing_a_name_with_an_authority_is_ambiguous(
        resolver: AreaResolver) -> None:
    result = resolver.resolve("Slough")  # a ward of Nuneaton and Bedworth; the town's council
    assert result.status == "ambiguous"
    assert "E05007487" in result.message and "E06000039" in result.message
    assert resolver.resolve("Slough", levels={"ward"}).code == "E05007487"
    assert resolver.resolve("Slough", authority_code="E07000219").code == "E05007487"


def _geography_with_retired(successor: str) -> AreaResolver:
    authorities = [{"lad_code": "E08000025", "lad_name": "Birmingham",
                    "wmca_membership": "constituent"}]
    wards = [{"ward_code": "E05011121", "ward_name": "Aston", "lad_code": "E08000025"}]
    retired = [{"ward_code": "E05001234", "ward_name": "Aston Old", "lad_code": "E08000025",
                "lad_name": "Birmingham", "successor_code": successor}]
    return AreaResolver(build_geography(authorities, wards, (), retired))


def test_a_retired_code_reads_as_its_successor_where_the_lookup_says_so() -> None:
    result = _geography_with_retired("E05011121").resolve("E05001234")
    assert (result.status, result.code, result.replaced) == ("ok", "E05011121", "E05001234")
    assert "retired" in result.message and "E05011121" in result.message
    by_name = _geography_with_retired("E05011121").resolve("Aston Old")
    assert (by_name.code, by_name.replaced) == ("E05011121", "E05001234")


def test_a_retired_wmca_code_without_a_successor_is_reported() -> None:
    result = _geography_with_retired("").resolve("E05001234")
    assert (result.status, result.code, result.replaced) == ("retired", "E05001234", None)


@pytest.mark.parametrize(("text", "levels"), [
    ("County & UA (4/19-3/20)", {"county", "authority"}),
    ("Counties & UAs", {"county", "authority"}),
    ("Local authority", {"authority", "county"}),
    ("Local authority district", {"authority"}),
    ("Regional", {"region"}),
    ("National", {"country"}),
    ("Country", {"country"}),
    ("Combined authority", {"combined authority"}),
    ("Electoral wards", {"ward"}),
    ("MSOA", {"msoa"}),
    ("Lower layer Super Output Area", {"lsoa"}),
])
def test_area_type_words(text: str, levels: set[str]) -> None:
    assert levels_of_type(text) == frozenset(levels)


def test_area_type_words_that_say_nothing() -> None:
    assert levels_of_type("") is None
    assert levels_of_type("Island") is None  # "la" only as a word
    assert levels_of_type("Enterprise zone") is None


@pytest.mark.parametrize(("text", "level"), [
    ("Local Enterprise Partnership", "lep"),
    ("Local skills improvement plan area", "lsip"),
    ("Police force area", "police force area"),
])
def test_area_types_the_store_never_holds(text: str, level: str) -> None:
    assert levels_of_type(text) == frozenset({level})


def test_level_names_for_reports() -> None:
    assert level_name("msoa", 2) == "MSOAs"
    assert level_name("authority", 1) == "local authority"
    assert level_name("county or authority", 3) == "counties or local authorities"


def test_nomis_type_prefixes_and_level_words(resolver: AreaResolver) -> None:
    assert resolver.resolve("ladu:Birmingham").code == "E08000025"
    assert resolver.resolve("country:England").code == "E92000001"
    assert resolver.resolve("region:West Midlands").code == "E12000005"
    mca = resolver.resolve("User Defined Geography:West Midlands-MCA - from dn81838")
    assert (mca.code, mca.level) == (REGION_CODE, "combined authority")
    assert resolver.resolve("North East region").code == "E12000001"
    assert resolver.resolve("ladu:Hartlepool").status == "outside"
    lsip = resolver.resolve("User Defined Geography:West Midlands and Warwickshire-LSIP")
    assert (lsip.status, lsip.code, lsip.level) == ("outside", None, "lsip")  # left out
    cut = resolver.resolve("User Defined Geography:Cornwall and the Isles of Scilly-LS - from x")
    assert (cut.status, cut.level) == ("outside", "lsip")  # the suffix cut at 35 characters
    assert resolver.resolve("lep:Greater Birmingham and Solihull").status == "outside"
    drawn = resolver.resolve("User Defined Geography:Brighton and Hove, East Sussex, Wes")
    assert (drawn.status, drawn.code) == ("outside", None)
    # a name the store holds, with the type that says it is of another kind: never that area
    assert resolver.resolve("Birmingham", levels={"police force area"}).code is None
    assert resolver.resolve("E23000014").status == "outside"  # West Midlands police force area
    several = resolver.resolve("E08000025, E08000026")
    assert (several.status, several.code) == ("outside", None)
    assert "Birmingham (E08000025) and Coventry (E08000026) alone" in several.message
    assert resolver.resolve("J99000001").status == "outside"  # ONS pseudo code: no area
