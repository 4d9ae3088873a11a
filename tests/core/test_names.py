"""Tests for mag_desktop.core.names: resolving what partners type to area codes."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mag_desktop.core.geography import ENGLAND_CODE, REGION_CODE, load_geography
from mag_desktop.core.names import AreaResolver, Resolution, normalise
from mag_desktop.paths import resource_path


def _csv(name: str) -> list[dict[str, str]]:
    with resource_path("reference", name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


AUTHORITIES = _csv("wmca_local_authorities.csv")
WARDS = _csv("wmca_wards_wd22.csv")
RETIRED = _csv("wards_wd19_retired.csv")
ALL_WARDS = _csv("wards_wd22_ew.csv")
WARD_NAME_COUNTS = Counter(normalise(r["ward_name"]) for r in WARDS)
DUPLICATED = sorted(
    {r["ward_name"] for r in WARDS if WARD_NAME_COUNTS[normalise(r["ward_name"])] > 1}
)
#: Names of areas above the ward (a ward called "Slough" is also the authority Slough).
OTHER_LEVELS = {normalise(r["name"]) for r in _csv("areas_uk.csv")}


@pytest.fixture(scope="module")
def resolver() -> AreaResolver:
    return AreaResolver(load_geography())


# ------------------------------------------------------------------ every bundled area resolves


@pytest.mark.parametrize("row", AUTHORITIES, ids=lambda r: r["lad_name"])
def test_every_authority_resolves_by_code_and_name(resolver: AreaResolver, row: dict) -> None:
    for text in (row["lad_code"], row["lad_code"].lower(), row["lad_name"]):
        result = resolver.resolve(text)
        assert (result.code, result.kind, result.status) == (row["lad_code"], "authority", "ok")
        assert result.name == row["lad_name"]


def test_every_ward_resolves_by_code(resolver: AreaResolver) -> None:
    for row in WARDS:
        result = resolver.resolve(f" {row['ward_code'].lower()} ")
        assert (result.code, result.kind, result.status) == (row["ward_code"], "ward", "ok")
        assert result.name == row["ward_name"]


def test_every_ward_resolves_by_name(resolver: AreaResolver) -> None:
    for row in WARDS:
        scoped = resolver.resolve(row["ward_name"], authority_code=row["lad_code"])
        qualified = resolver.resolve(f"{row['ward_name']} ({row['lad_name']})")
        assert scoped.code == qualified.code == row["ward_code"], row
        result = resolver.resolve(row["ward_name"])
        if normalise(row["ward_name"]) in OTHER_LEVELS:
            assert result.status == "ambiguous" and row["ward_code"] in result.message
        elif row["ward_name"] not in DUPLICATED:
            assert (result.code, result.status, result.kind) == (row["ward_code"], "ok", "ward")


# ------------------------------------------------------------------------------------ variants


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("birmingham city council", "E08000025"),
        ("BIRMINGHAM", "E08000025"),
        ("City of Wolverhampton Council", "E08000031"),
        ("Wolverhampton City Council", "E08000031"),
        ("Sandwell Metropolitan Borough Council", "E08000028"),
        ("Solihull MBC", "E08000029"),
        ("Dudley Metropolitan Borough Council", "E08000027"),
        ("Nuneaton & Bedworth", "E07000219"),
        ("Nuneaton and Bedworth Borough Council", "E07000219"),
        ("Stratford on Avon", "E07000221"),
        ("Stratford-on-Avon District Council", "E07000221"),
        ("Telford & Wrekin", "E06000020"),
        ("Telford & Wrekin Council", "E06000020"),
        ("Shropshire Council", "E06000051"),
        ("Warwickshire County Council", "E10000031"),
        ("kings norton north", "E05011148"),
        ("King’s Norton North", "E05011148"),
        ("King's  Norton  South", "E05011149"),
        ("Aston (Birmingham)", "E05011121"),
        ("aston", "E05011121"),
        ("Abbey (Redditch)", "E05007868"),
        ("Abbey (E07000236)", "E05007868"),
        ("Bournville and Cotteridge", "E05011129"),
        ("Sóho & Jewellery Quarter", "E05011168"),
    ],
)
def test_variants(resolver: AreaResolver, text: str, code: str) -> None:
    result = resolver.resolve(text)
    assert result.code == code, result
    assert result.status == "ok"


@pytest.mark.parametrize(
    "text",
    ["WMCA", "wmca", "West Midlands Combined Authority", "E47000007",
     "e47 000 007"],
)  # fmt: skip
def test_region(resolver: AreaResolver, text: str) -> None:
    result = resolver.resolve(text)
    assert (result.code, result.kind, result.status) == (REGION_CODE, "region", "ok")
    assert result.name == "West Midlands Combined Authority"


@pytest.mark.parametrize("text", ["England", "ENGLAND", "E92000001"])
def test_england(resolver: AreaResolver, text: str) -> None:
    result = resolver.resolve(text)
    assert (result.code, result.kind, result.status) == (ENGLAND_CODE, "england", "ok")


def test_kings_norton_alone_suggests_both_wards(resolver: AreaResolver) -> None:
    for text in ("kings norton", "King’s Norton"):
        result = resolver.resolve(text)
        assert result.status == "unknown"
        assert set(result.suggestions) == {
            "King's Norton North (Birmingham)",
            "King's Norton South (Birmingham)",
        }


# ------------------------------------------------------------------- retired, outside, unknown


def test_retired_code(resolver: AreaResolver) -> None:
    row = RETIRED[0]  # a Hartlepool ward: retired, and outside the WMCA
    for text in (row["ward_code"], row["ward_code"].lower()):
        result = resolver.resolve(text)
        assert (result.status, result.kind, result.code) == ("outside", "ward", row["ward_code"])
        assert result.name == row["ward_name"]
        assert "retired" in result.message
        assert row["ward_code"] in result.message and row["ward_name"] in result.message


def test_outside_ward_code_and_name(resolver: AreaResolver) -> None:
    counts = Counter(normalise(r["ward_name"]) for r in ALL_WARDS)
    row = next(
        r for r in ALL_WARDS if r["lad_name"] == "Leeds" and counts[normalise(r["ward_name"])] == 1
    )
    by_code = resolver.resolve(row["ward_code"])
    assert (by_code.status, by_code.kind, by_code.code) == ("outside", "ward", row["ward_code"])
    assert "outside" in by_code.message and "Leeds" in by_code.message
    by_name = resolver.resolve(row["ward_name"])
    assert (by_name.status, by_name.code) == ("outside", row["ward_code"])
    leeds = resolver.resolve("Leeds City Council")
    assert (leeds.status, leeds.kind, leeds.code) == ("outside", "authority", "E08000035")


def test_misspelling_suggests(resolver: AreaResolver) -> None:
    result = resolver.resolve("Bimingham")
    assert result.status == "unknown"
    assert result.code is None
    assert result.suggestions[0] == "Birmingham"
    assert result.message == '"Bimingham" is not a known area; did you mean Birmingham?'
    ward = resolver.resolve("Acocks Gren")
    assert ward.suggestions[0] == "Acocks Green (Birmingham)"
    assert len(resolver.resolve("Abey").suggestions) <= 3


def test_unknown_without_suggestions(resolver: AreaResolver) -> None:
    result = resolver.resolve("Atlantis")
    assert (result.status, result.suggestions) == ("unknown", ())
    assert resolver.resolve("E05999999").status == "unknown"
    assert resolver.resolve("   ").message == "no area was given"
    assert resolver.resolve(None).status == "unknown"
    assert resolver.resolve(float("nan")).status == "unknown"


# --------------------------------------------------------------------- ambiguity and scoping


def test_data_has_duplicate_ward_names() -> None:
    assert {"Abbey", "Park", "Quinton"} <= set(DUPLICATED)


@pytest.mark.parametrize("name", DUPLICATED)
def test_duplicates_are_ambiguous(resolver: AreaResolver, name: str) -> None:
    rows = [r for r in WARDS if normalise(r["ward_name"]) == normalise(name)]
    result = resolver.resolve(name)
    assert (result.status, result.code, result.kind) == ("ambiguous", None, "ward")
    assert set(result.suggestions) == {f"{r['ward_name']} ({r['lad_name']})" for r in rows}
    for row in rows:
        assert row["lad_name"] in result.message
        scoped = resolver.resolve(name.upper(), authority_code=row["lad_code"])
        assert (scoped.status, scoped.code) == ("ok", row["ward_code"])


def test_authority_scope(resolver: AreaResolver) -> None:
    assert resolver.resolve("Aston", authority_code="E08000026").status == "unknown"
    assert "Coventry" in resolver.resolve("Aston", authority_code="E08000026").message
    # Warwickshire county council scopes to its member districts.
    result = resolver.resolve("Quinton", authority_code="E10000031")
    assert (result.status, result.code) == ("ok", "E05010197")
    # An authority code the product does not know does not narrow the search.
    assert resolver.resolve("Aston", authority_code="X").code == "E05011121"


def test_kind_restriction(resolver: AreaResolver) -> None:
    assert resolver.resolve("Birmingham", kind="authority").code == "E08000025"
    wrong = resolver.resolve("Aston", kind="authority")
    assert (wrong.status, wrong.code) == ("unknown", None)
    assert "ward" in wrong.message
    assert resolver.resolve("E08000025", kind="ward").status == "unknown"
    assert resolver.resolve("West Midlands", kind="region").code == REGION_CODE
    with pytest.raises(ValueError):
        resolver.resolve("Aston", kind="county")


# ------------------------------------------------------------------------------- properties


@st.composite
def ward_variants(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    row = draw(st.sampled_from(WARDS))
    words = row["ward_name"].split(" ")
    out = []
    for word in words:
        if word in ("&", "and") and draw(st.booleans()):
            word = "and" if word == "&" else "&"
        word = "".join(c.upper() if draw(st.booleans()) else c.lower() for c in word)
        out.append(word)
    separators = [" " * draw(st.integers(1, 3)) for _ in out]
    text = "".join(s + w for s, w in zip(separators, out, strict=True))
    return text + " " * draw(st.integers(0, 2)), row


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ward_variants())
def test_ward_name_variants_resolve_to_the_same_code(
    resolver: AreaResolver, case: tuple[str, dict[str, str]]
) -> None:
    text, row = case
    assert resolver.resolve(text, authority_code=row["lad_code"]).code == row["ward_code"]
    if row["ward_name"] not in DUPLICATED and normalise(row["ward_name"]) not in OTHER_LEVELS:
        assert resolver.resolve(text).code == row["ward_code"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(st.text(), st.integers(), st.floats(), st.none()),
    st.sampled_from([None, "authority", "ward", "region", "england"]),
    st.sampled_from([None, "E08000025", "E10000031", "nonsense"]),
)
def test_never_raises(resolver: AreaResolver, text: object, kind: str | None, scope: str | None):
    result = resolver.resolve(text, kind=kind, authority_code=scope)
    assert isinstance(result, Resolution)
    assert result.status in ("ok", "retired", "outside", "ambiguous", "unknown")
    assert isinstance(result.message, str) and result.message
    assert len(result.suggestions) <= 4


@given(st.text())
def test_normalise_is_idempotent_on_its_output(text: str) -> None:
    key = normalise(text)
    assert " " not in key
    assert normalise(key) == normalise(normalise(key))


# ------------------------------------------------------------------------------- performance


def test_messages_are_single_sentences(resolver: AreaResolver) -> None:
    for text in ("Birmingham", "Abbey", "Bimingham", RETIRED[0]["ward_code"], "E05011384"):
        message = resolver.resolve(text).message
        assert "\n" not in message and message
