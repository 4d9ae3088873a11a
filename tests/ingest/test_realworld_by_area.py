"""Real published files of figures by area, each through the profile made for it, checked
against cells read from the file by hand: DfE key stage 4 (a score, Chinese apart from Asian),
ONS births and infant mortality (cells of two codes left out), a Fingertips export and a Nomis
download whose "West Midlands-MCA" is the Combined Authority and whose LSIP and LEP areas are
left out. See ``/work/shared/data/realworld/PROVENANCE.md``."""

from __future__ import annotations

import pytest
from realworld_helpers import REALWORLD, areas, errors, import_with, needs, values

from mag_desktop.core.store import Store

KS4 = REALWORLD / "dfe_ks4_attainment_la_pupil_characteristics_2018-19.xlsx"
BIRTHS = REALWORLD / "ons_birth_characteristics_england_wales_2021.xlsx"
INFANT = REALWORLD / "ons_child_mortality_death_cohort_2020.xlsx"
FINGERTIPS = REALWORLD / "phe_fingertips_campylobacter_incidence_county_ua_2015-2017.csv"
NOMIS = REALWORLD / "ons_nomis_aps_t01_economic_activity_lsip_mca_lep_2017-18_to_2021-22.xlsx"
WMCA_COUNCILS = {"E08000025", "E08000026", "E08000027", "E08000028", "E08000029", "E08000030",
                 "E08000031", "E07000192", "E07000218", "E07000219", "E07000236", "E07000220",
                 "E06000051", "E07000221", "E07000199", "E06000020", "E10000031"}


@needs(KS4)
def test_dfe_key_stage_4_attainment_8_by_major_ethnic_group(store: Store) -> None:
    result = import_with(store, KS4, "dfe_ks4_attainment8_by_ethnicity.json")
    assert result.status == "ok", errors(result)
    got = values(store, "KS4_ATT8", "2018/19 academic year")
    # Sheet1!X3611: Birmingham, breakdown Total, avg_att8_unrounded
    assert got[("E08000025", "ALL")] == pytest.approx(46.6156475372104)
    # Sheet1!X3633: Birmingham, ethnic_major 'Asian' (Chinese apart, in X3635): Asian but Chinese
    assert got[("E08000025", "ASIAN_EXCL_CHINESE")] == pytest.approx(48.4402228198233)
    # Sheet1!X52: the National row, whose code is in country_code (D52), new_la_code blank
    assert got[("E92000001", "ALL")] == pytest.approx(46.8156081518982)
    assert store.conn.execute(
        "SELECT unit FROM indicator WHERE code = 'KS4_ATT8' AND superseded_by IS NULL"
    ).fetchone() == ("score",)
    assert areas(store) <= WMCA_COUNCILS | {"E92000001"}
    assert len(got) == 66  # England and 10 councils, each with All and 5 groups
    read, = [w for w in result.warnings if w.rule == "area-dfe-level"]
    assert read.message.startswith("read the area code from country_code")
    assert read.message.endswith(": 6 rows")


@needs(BIRTHS)
def test_ons_live_births_by_area_of_residence(store: Store) -> None:
    result = import_with(store, BIRTHS, "ons_live_births_by_area_2021.json")
    assert result.status == "ok", errors(result)
    got = values(store, "LIVE_BIRTHS", "2021")
    assert got[("E08000025", "ALL")] == 14477  # sheet 1!D157, Birmingham
    assert got[("E08000031", "ALL")] == 3242  # sheet 1!D163, Wolverhampton
    assert got[("K04000001", "ALL")] == 624729  # sheet 1!D11, ENGLAND AND WALES
    # 'K04000001, J99000001' (row 10: England, Wales and elsewhere) is no one area: left out;
    # the West Midlands region (E12000005) and metropolitan county (E11000005) too
    assert areas(store) == WMCA_COUNCILS | {"E92000001", "K04000001"}
    skipped = next(w for w in result.warnings if w.rule == "area-outside")
    assert "countries" in skipped.message


@needs(INFANT)
def test_ons_infant_mortality_by_area_of_residence(store: Store) -> None:
    result = import_with(store, INFANT, "ons_infant_mortality_by_area_2020.json")
    assert result.status == "ok", errors(result)
    rows = {r[0]: r[1:] for r in store.conn.execute(
        "SELECT area_code, value, numerator, denominator, marker FROM observation WHERE "
        "indicator_code = 'INFANT_MORTALITY' AND period = '2020' AND superseded_by IS NULL")}
    assert rows["E08000025"] == (5.8, 87, 14991, None)  # Table_3!R155, I155, D155: Birmingham
    assert rows["E92000001"] == (3.6, 2100, 585195, None)  # Table_3!R10, I10, D10: England
    # Table_3!R149: North Warwickshire, ':' (rate not calculated): kept as that marker
    assert rows["E07000218"] == (None, None, None, ":")
    assert set(rows) == WMCA_COUNCILS | {"E92000001", "K04000001"}


@needs(FINGERTIPS)
def test_fingertips_campylobacter_incidence(store: Store) -> None:
    result = import_with(store, FINGERTIPS, "phe_campylobacter_incidence.json")
    assert result.status == "ok", errors(result)
    rows = {(r[0], r[1]): r[2:] for r in store.conn.execute(
        "SELECT area_code, period, value, numerator, denominator FROM observation WHERE "
        "indicator_code = 'CAMPYLOBACTER' AND superseded_by IS NULL")}
    # record 111 (Birmingham, 2015, All ages, no category): 65.418..., count 727 of 1,111,307
    assert rows[("E08000025", "2015")] == pytest.approx((65.4184667243165, 727, 1111307))
    assert rows[("E08000027", "2016")][0] == pytest.approx(116.801098119219)  # record 448, Dudley
    assert rows[("E92000001", "2017")][0] == pytest.approx(96.6109417215551)  # record 671, England
    # 3 calendar years for England and the 10 county/UA-level councils of the WMCA; no region,
    # no 0-9 year olds, no deprivation deciles
    assert len(rows) == 33


@needs(NOMIS)
def test_nomis_employment_the_mca_is_the_combined_authority(store: Store) -> None:
    result = import_with(store, NOMIS, "ons_nomis_aps_employment_16_64.json")
    assert result.status == "ok", errors(result)
    got = values(store, "APS_EMPLOYED_16_64", "Oct 2021 to Sep 2022")
    assert got[("E47000007", "ALL")] == 1248200  # Data!H1920, 'West Midlands-MCA'
    assert got[("E08000025", "ALL")] == 518400  # Data!H2051, 'ladu:Birmingham'
    assert got[("E92000001", "ALL")] == 26510800  # Data!H1878, 'country:England'
    # 'West Midlands and Warwickshire-LSIP' (H1919, 1,565,300) and the LEPs are left out
    assert 1565300 not in got.values()
    skipped = next(w for w in result.warnings if w.rule == "area-outside")
    assert "local skills improvement plan areas" in skipped.message
    assert "local enterprise partnerships" in skipped.message
    assert areas(store) == {"E47000007", "E92000001"} | (WMCA_COUNCILS - {"E10000031"})


@needs(NOMIS)
def test_nomis_earlier_block_read_with_its_own_period(store: Store) -> None:
    result = import_with(store, NOMIS, "ons_nomis_aps_employment_16_64.json", table=1,
                         period="Oct 2017-Sep 2018")
    assert result.status == "ok", errors(result)
    got = values(store, "APS_EMPLOYED_16_64", "Oct 2017 to Sep 2018")
    assert got[("E92000001", "ALL")] == 26142200  # Data!H9, 'country:England'
