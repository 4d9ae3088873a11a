"""Real published files through profiles made for them: DfE's academic-year periods, minor
ethnic groups (Gypsy/Roma and Irish traveller kept as their own groups) and the IPA's RAG
tracker read as commitments with values, keep_rows and the status map. Each test checks
values against the file. See ``/work/shared/data/realworld/PROVENANCE.md``."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import imp

from mag_desktop.core.ingest.profile import load_profile
from mag_desktop.core.store import Store


def _shared_data() -> Path:
    """shared/data beside the checkout (as CI lays it), else the workspace's own copy."""
    beside = Path(__file__).resolve().parents[3] / "shared" / "data"
    return beside if beside.exists() else Path("/work/shared/data")


REALWORLD = _shared_data() / "realworld"
PROFILES = Path(__file__).parents[1] / "fixtures" / "realworld"
AP = REALWORLD / "dfe_school_census_alternative_provision_pupils_by_characteristic_la_2022-23.csv"
GMPP = REALWORLD / "ipa_gmpp_major_projects_portfolio_2023-24.csv"
EYFSP = REALWORLD / "dfe_eyfsp_headline_measures_la_lad_2021-22.csv"


@pytest.mark.skipif(not AP.exists(), reason="the shared real-world files are not present")
def test_dfe_alternative_provision_by_minor_ethnic_group(store: Store) -> None:
    result = imp(store, AP, profile=load_profile(PROFILES / "dfe_ap_pupils_by_ethnicity.json"))
    assert result.status == "ok", [i.line() for i in result.errors]
    value = dict(store.conn.execute(
        "SELECT group_code, value FROM observation WHERE area_code = 'E08000025' "
        "AND period = '2022/23 academic year' AND superseded_by IS NULL"))
    # Birmingham, January 2023 census, all settings (the file's rows 'Total', 'Pakistani',
    # 'Gypsy/Roma', 'Irish traveller')
    assert (value["ALL"], value["ASIAN_PAKISTANI"]) == (551, 85)
    assert (value["WHITE_GYPSY_ROMA"], value["WHITE_IRISH_TRAVELLER"]) == (2, 1)
    kind, = store.conn.execute(
        "SELECT kind FROM period WHERE label = '2022/23 academic year'").fetchone()
    assert kind == "ayear"


@pytest.mark.skipif(not GMPP.exists(), reason="the shared real-world files are not present")
def test_ipa_major_projects_as_commitments(store: Store) -> None:
    profile = load_profile(PROFILES / "ipa_gmpp_2023_24_commitments.json")
    result = imp(store, GMPP, profile=profile)
    assert result.status == "ok", [i.line() for i in result.errors]
    rows = {r[0]: r[1:] for r in store.conn.execute(
        "SELECT c.id, c.lead, c.due_date, u.status FROM commitment c JOIN commitment_update u"
        " ON u.commitment_id = c.id WHERE c.superseded_by IS NULL AND u.superseded_by IS NULL")}
    assert rows["DCMS_0254_2324-Q1"] == ("DCMS", "2029-12-31", "AT_RISK")  # Amber
    assert rows["BEIS_0007_2021-Q3"] == ("DESNZ", "2028-07-10", "OFF_TRACK")  # Red
    assert rows["BEIS_0008_2021-Q3"] == ("DESNZ", "2029-10-09", "ON_TRACK")  # Green
    assert len(rows) == 115  # the projects with an IPA rating; the others left out, and said
    left, = [w for w in result.warnings if w.rule == "keep-rows"]
    assert left.message.endswith(": 112 rows")


@pytest.mark.skipif(not EYFSP.exists(), reason="the shared real-world files are not present")
def test_dfe_early_years_by_major_ethnic_group(store: Store) -> None:
    profile = load_profile(PROFILES / "dfe_eyfsp_good_level_of_development.json")
    result = imp(store, EYFSP, profile=profile)
    assert result.status == "ok", [i.line() for i in result.errors]
    rows = {r[0]: tuple(r[1:]) for r in store.conn.execute(
        "SELECT group_code, value, numerator, denominator FROM observation "
        "WHERE area_code = 'E08000025' AND period = '2021/22 academic year' "
        "AND superseded_by IS NULL")}
    # Birmingham, 2021/22: Total, Asian/Asian British, Black/African/Caribbean/Black British
    assert rows["ALL"] == (62.7, 9453, 15083)
    assert rows["ASIAN"] == (64.8, 3459, 5336)
    assert rows["BLACK"] == (60.3, 1101, 1827)
