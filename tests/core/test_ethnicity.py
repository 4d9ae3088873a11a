"""Tests for mag_desktop.core.ethnicity."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mag_desktop.core.ethnicity import (
    EthnicGroup,
    detailed_groups,
    group,
    groups,
    headings,
    map_label,
    normalise_label,
    sort_key,
)
from mag_desktop.paths import resource_path


def _shared_data() -> Path:
    """shared/data beside the checkout (as CI lays it), else the workspace's own copy."""
    beside = Path(__file__).resolve().parents[3] / "shared" / "data"
    return beside if beside.exists() else Path("/work/shared/data")


SHARED = _shared_data()
NOMIS_VERBATIM = SHARED / "census2021" / "nomis_census2021_ts021_ward2022_wmca7_verbatim.csv"

# The ethnic columns of the Nomis TS021 ward download, verbatim.
NOMIS_HEADERS = [
    "Ethnic group: Total: All usual residents",
    "Ethnic group: Asian, Asian British or Asian Welsh",
    "Ethnic group: Asian, Asian British or Asian Welsh: Bangladeshi",
    "Ethnic group: Asian, Asian British or Asian Welsh: Chinese",
    "Ethnic group: Asian, Asian British or Asian Welsh: Indian",
    "Ethnic group: Asian, Asian British or Asian Welsh: Pakistani",
    "Ethnic group: Asian, Asian British or Asian Welsh: Other Asian",
    "Ethnic group: Black, Black British, Black Welsh, Caribbean or African",
    "Ethnic group: Black, Black British, Black Welsh, Caribbean or African: African",
    "Ethnic group: Black, Black British, Black Welsh, Caribbean or African: Caribbean",
    "Ethnic group: Black, Black British, Black Welsh, Caribbean or African: Other Black",
    "Ethnic group: Mixed or Multiple ethnic groups",
    "Ethnic group: Mixed or Multiple ethnic groups: White and Asian",
    "Ethnic group: Mixed or Multiple ethnic groups: White and Black African",
    "Ethnic group: Mixed or Multiple ethnic groups: White and Black Caribbean",
    "Ethnic group: Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups",
    "Ethnic group: White",
    "Ethnic group: White: English, Welsh, Scottish, Northern Irish or British",
    "Ethnic group: White: Irish",
    "Ethnic group: White: Gypsy or Irish Traveller",
    "Ethnic group: White: Roma",
    "Ethnic group: White: Other White",
    "Ethnic group: Other ethnic group",
    "Ethnic group: Other ethnic group: Arab",
    "Ethnic group: Other ethnic group: Any other ethnic group",
]

PARTNER_ALIASES = {
    "Black/Black British": "BLACK",
    "Black or Black British": "BLACK",
    "Asian - Pakistani": "ASIAN_PAKISTANI",
    "Asian/Asian British: Pakistani": "ASIAN_PAKISTANI",
    "Pakistani": "ASIAN_PAKISTANI",
    "White Other": "WHITE_OTHER",
    "White - Other": "WHITE_OTHER",
    "Any other White background": "WHITE_OTHER",
    "Mixed: White & Black Caribbean": "MIXED_WHITE_BLACK_CARIBBEAN",
    "Not stated": "UNKNOWN",
    "Not known": "UNKNOWN",
    "Refused": "UNKNOWN",
    "Don't know": "UNKNOWN",
    "Don\u2019t know": "UNKNOWN",
    "Unknown": "UNKNOWN",
    "BAME": "MINORITY",
    "BME": "MINORITY",
    "Ethnic minority": "MINORITY",
    "Non-White British": "MINORITY",
    "Other than White British": "MINORITY",
    "Other than White": "NON_WHITE_ALL",
    "Non-White": "NON_WHITE_ALL",
    "Ethnic minority (excl. White minorities)": "NON_WHITE_ALL",
    "Total": "ALL",
    "All": "ALL",
    "All persons": "ALL",
    "All usual residents": "ALL",
    "White British": "WHITE_BRITISH",
    "White: English, Welsh, Scottish, Northern Irish or British": "WHITE_BRITISH",
    "British": "WHITE_BRITISH",
    # West Midlands Police / Home Office use-of-force columns
    "White": "WHITE",
    "Black (or Black British)": "BLACK",
    "Asian (or Asian British)": "ASIAN",
    "Chinese": "ASIAN_CHINESE",
    "Mixed": "MIXED",
    "Other": "OTHER",
    "Not reported": "UNKNOWN",
    # codes and short labels
    "WHITE_BRITISH": "WHITE_BRITISH",
    "Mixed White/Asian": "MIXED_WHITE_ASIAN",
    "Black African": "BLACK_AFRICAN",
}

UNMAPPED = [
    "Purple",
    "Pakistani and Bangladeshi",
    "Pakistani/Bangladeshi",
    "Other inc Chinese",
    "Chinese or other ethnic group",
    "White non-British",
    "Mixed White/Black",
    "Number of times tactic reported",
    "",
    "   ",
    None,
    float("nan"),
]


def _alias_rows() -> list[dict[str, str]]:
    with resource_path("reference", "ethnic_aliases.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


ALIASES = [row["alias"] for row in _alias_rows()]


# --- the classification -------------------------------------------------------------------


def test_counts_and_kinds() -> None:
    kinds = Counter(g.kind for g in groups())
    assert kinds == {"all": 1, "heading": 5, "group": 23, "aggregate": 2, "unknown": 1}
    assert len(detailed_groups()) == 19
    others = {g.code: g.classification for g in groups()
              if g.kind == "group" and g.classification != "2021"}
    assert others == {"ASIAN_EXCL_CHINESE": "DfE", "WHITE_GYPSY_ROMA": "DfE",
                      "WHITE_IRISH_TRAVELLER": "DfE", "WHITE_OTHER_2001": "2001"}
    assert [h.code for h in headings()] == ["ASIAN", "BLACK", "MIXED", "WHITE", "OTHER"]
    assert {g.code for g in groups() if g.kind == "aggregate"} == {"MINORITY", "NON_WHITE_ALL"}


def test_groups_name_their_heading() -> None:
    for g in detailed_groups():
        assert g.heading_code is not None
        assert group(g.heading_code).kind == "heading"
        assert g.heading == group(g.heading_code).label
    for g in groups():
        if g.kind != "group":
            assert g.heading_code is None and g.heading is None


def test_group_lookup_and_errors() -> None:
    assert group("OTHER_ARAB") == EthnicGroup(
        "OTHER_ARAB", "Arab", "Arab", "OTHER", "Other ethnic group", "group", 9100, "2021"
    )
    assert group("WHITE_BRITISH").short_label == "White British"
    with pytest.raises(KeyError, match="unknown ethnic group code 'NOPE'"):
        group("NOPE")
    with pytest.raises(KeyError):
        sort_key("NOPE")


def test_publishing_order() -> None:
    rows = groups()
    assert rows[0].code == "ALL"
    assert rows[-1].code == "UNKNOWN"
    assert [g.code for g in rows[-3:]] == ["MINORITY", "NON_WHITE_ALL", "UNKNOWN"]
    assert [g.order for g in rows] == sorted(g.order for g in rows)
    assert sorted(rows, key=lambda g: sort_key(g.code)) == list(rows)
    # each heading is followed by its own groups, the "Other ..." group last
    position = 1
    for heading in headings():
        assert rows[position] == heading
        # groups kept from other classifications sit among the heading's groups
        every = [g for g in groups() if g.heading_code == heading.code]
        members = [g for g in every if g.classification == "2021"]
        assert list(rows[position + 1 : position + 1 + len(every)]) == every
        assert members[-1].label.startswith(("Other", "Any other"))
        rest = [g.label for g in members[:-1]]
        if heading.code != "WHITE":  # White follows the Census order, as EFF publishes it
            assert rest == sorted(rest)
        position += 1 + len(every)


def test_order_matches_rdu_19_plus_1() -> None:
    """The bundled RDU definition of ONS 2021 19+1 gives the same order."""
    path = resource_path("reference", "rdu_ethnicity_classification_definitions.csv")
    with path.open(newline="", encoding="utf-8") as f:
        rdu = [r for r in csv.DictReader(f) if r["Code"] == "19A" and r["Required"] == "TRUE"]
    rdu.sort(key=lambda r: int(r["Order"]))
    codes = [map_label(r["Standard"]).code for r in rdu]
    assert codes == [g.code for g in detailed_groups()]


# --- mapping ----------------------------------------------------------------------------


def test_every_nomis_header_maps_and_covers_the_classification() -> None:
    matches = [map_label(h) for h in NOMIS_HEADERS]
    assert all(m.code is not None for m in matches), [m for m in matches if m.code is None]
    wanted = {g.code for g in groups() if g.kind in ("all", "heading", "group")
              and g.classification in ("2021", "")}
    assert Counter(m.code for m in matches) == Counter(wanted)


@pytest.mark.skipif(not NOMIS_VERBATIM.exists(), reason="shared Census download not present")
def test_nomis_verbatim_file_header() -> None:
    with NOMIS_VERBATIM.open(newline="", encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    ethnic = [h for h in header if h.startswith("Ethnic group")]
    assert ethnic == NOMIS_HEADERS


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Asian, Asian British or Asian Welsh: Bangladeshi (number)", "ASIAN_BANGLADESHI"),
        (
            "Mixed or Multiple ethnic groups: White and Black African  (percent)",
            "MIXED_WHITE_BLACK_AFRICAN",
        ),
        ("Total: All usual residents", "ALL"),
        ("White: Roma", "WHITE_ROMA"),
    ],
)
def test_ons_long_labels(label: str, code: str) -> None:
    assert map_label(label).code == code


@pytest.mark.parametrize(("label", "code"), sorted(PARTNER_ALIASES.items()))
def test_partner_aliases(label: str, code: str) -> None:
    match = map_label(label)
    assert match.code == code
    assert match.kind == group(code).kind
    assert match.original == label


@pytest.mark.parametrize("label", ["BAME", "BME", "bame", "Black, Asian and minority ethnic"])
def test_bame_is_an_aggregate_never_a_group(label: str) -> None:
    match = map_label(label)
    assert match.code == "MINORITY"
    assert match.kind == "aggregate"
    assert "vary" in match.note


@pytest.mark.parametrize("label", UNMAPPED)
def test_unmapped_labels_are_flagged(label: object) -> None:
    match = map_label(label)
    assert match.code is None
    assert match.kind is None
    assert match.note


def test_unmapped_notes() -> None:
    assert "combines groups" in map_label("Pakistani and Bangladeshi").note
    assert map_label("Purple").note == "not a recognised ethnic group label"
    assert map_label(None).original == ""


def test_aliases_are_consistent_with_the_classification() -> None:
    codes = {g.code for g in groups()}
    aggregates = {g.code for g in groups() if g.kind == "aggregate"}
    for row in _alias_rows():
        assert row["code"] == "" or row["code"] in codes, row
        assert map_label(row["alias"]).code == (row["code"] or None), row
        if any(w in row["alias"].lower() for w in ("minorit", "bame", "bme", "non-white")):
            assert row["code"] in aggregates, row


def test_normalise_label() -> None:
    assert normalise_label("  Mixed:White  &  Black\tCaribbean ") == (
        "mixed: white and black caribbean"
    )
    assert normalise_label("White \u2013 Other") == normalise_label("white-other")
    assert normalise_label("Asian / Asian British") == "asian/asian british"
    assert normalise_label("Ethnic group: White: Irish") == "white: irish"
    assert normalise_label("Ethnic minority ( excl. White minorities )") == (
        "ethnic minority (excl. white minorities)"
    )


def _vary(text: str, flips: list[bool], gaps: list[str], pad: tuple[str, str]) -> str:
    cased = "".join(
        c.swapcase() if flip else c
        for c, flip in zip(text, flips + [False] * len(text), strict=False)
    )
    words = cased.split(" ")
    joined = words[0] + "".join(
        g + w for g, w in zip(gaps + [" "] * len(words), words[1:], strict=False)
    )
    return pad[0] + joined + pad[1]


SPACES = st.sampled_from([" ", "  ", "   ", "\t", " \t ", "\u00a0"])


@given(
    alias=st.sampled_from(ALIASES),
    flips=st.lists(st.booleans(), max_size=80),
    gaps=st.lists(SPACES, max_size=12),
    pad=st.tuples(st.sampled_from(["", " ", "  ", "\t", "\n "]), st.sampled_from(["", " ", "\n"])),
)
def test_map_label_ignores_case_and_spacing(
    alias: str, flips: list[bool], gaps: list[str], pad: tuple[str, str]
) -> None:
    variant = _vary(alias, flips, gaps, pad)
    expected = map_label(alias)
    got = map_label(variant)
    assert got.code == expected.code
    assert got.kind == expected.kind
    assert got.original == variant


ONS_LONG = SHARED / "census2021" / "ons_census2021_ethnic_group_ltla21_long_all_EW.csv"


@pytest.mark.skipif(not ONS_LONG.exists(), reason="shared Census download not present")
def test_every_ons_long_label_maps_to_a_group() -> None:
    with ONS_LONG.open(newline="", encoding="utf-8-sig") as f:
        labels = {row["ethnic_group"] for row in csv.DictReader(f)}
    codes = {map_label(label).code for label in labels}
    assert codes == {g.code for g in detailed_groups()}
