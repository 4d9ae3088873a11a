"""Real published files that cannot serve MAG Desktop, refused with the reason: a data share
with no period, a survey none of whose taking-part councils is in the WMCA, a transposed
tracker with a byte no code page defines, and prison tables of England and Wales by date.
Nothing is stored. See ``/work/shared/data/realworld/PROVENANCE.md``."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import imp
from realworld_helpers import REALWORLD, import_with, needs

from mag_desktop.core.store import Store

OFFENDING = REALWORLD / "dfe_moj_children_offending_education_demographics_la_2023-03.xlsx"
ASCS = REALWORLD / "nhsd_adult_social_care_survey_2020-21_annex_tables.xlsx"
GMPP = REALWORLD / "ipa_gmpp_major_projects_portfolio_2019-20_projects_in_columns.csv"
PRISON = REALWORLD / "moj_prison_population_30june2020_annual_tables_extract.xlsx"


def _nothing_stored(store: Store) -> None:
    for table in ("observation", "commitment", "indicator"):
        assert store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,)


@needs(OFFENDING)
def test_offending_data_share_names_no_period(store: Store) -> None:
    """The dashboard's data (dated 16 March 2023) says nowhere which cohort or years its
    shares cover, so no period can be given for it without guessing."""
    result = import_with(store, OFFENDING, "dfe_moj_offending_by_ethnicity.json")
    assert result.status == "rejected"
    error, = result.errors
    assert "no column for 'Period'" in error.message
    assert "'LA'; B 'indicator'; C 'EthnicGroupMajor'; D 'group'; E 'perc'" in error.message
    _nothing_stored(store)


@needs(ASCS)
def test_social_care_survey_took_part_in_no_wmca_council(store: Store) -> None:
    """The 18 councils with answers are outside the WMCA; the WMCA's councils are among those
    marked [x] (did not take part), left out by the profile."""
    result = import_with(store, ASCS, "nhsd_ascs_satisfaction_by_council.json")
    assert result.status == "rejected"
    error, = result.errors
    assert error.message == (
        "none of the 18 areas in column B (ONS area code [note 5]) is in the West Midlands "
        "Combined Authority: 16 local authorities (e.g. E08000034, E08000036); 2 counties "
        "(e.g. E10000020, E10000025)")
    left = [w.message for w in result.warnings if "skip_values" in w.message]
    assert any("'[x]'" in m and m.endswith(": 133 rows") for m in left), left
    _nothing_stored(store)


@needs(GMPP)
def test_transposed_tracker_with_an_undefined_byte(store: Store, tmp_path: Path) -> None:
    result = imp(store, GMPP, kind="commitments")
    assert result.status == "rejected"
    assert "row 11, column C: byte 0x9D cannot be read" in result.message
    # with that byte mended, the projects still run across the columns: no header row
    mended = tmp_path / "gmpp.csv"
    mended.write_bytes(GMPP.read_bytes().replace(b"\x9d", b" "))
    result = imp(store, mended, kind="commitments")
    assert result.status == "rejected"
    assert "no table of commitments found" in result.message
    assert ("its records run across the columns: column A holds field names ('GMPP ID "
            "Number', 'Project Name', 'Department' …) with one record per column; turn the "
            "table round") in result.message
    _nothing_stored(store)


@needs(PRISON)
def test_prison_tables_of_england_and_wales_by_date(store: Store) -> None:
    """Sheets A1_7 and A1_11 count England and Wales on 30 June of each year, by age, sex and
    nationality; the ethnic group tables (A1.9) are not in the extract and no area is named."""
    result = imp(store, PRISON, kind="indicators", sheet="A1_7")
    assert result.status == "rejected"
    assert "no table of indicators found" in result.message
    assert ("sheet 'A1_7': row 3 holds periods across the columns ('2002-06-30', '2003-06-30',"
            " '2004-06-30' …) and the rows below are 'Males and females', '15-17', '18-20' …: "
            "neither areas nor ethnic groups") in result.message
    whole = imp(store, PRISON, kind="indicators")  # every sheet: the contents page named too
    assert "sheet 'Contents' is a contents page" in whole.message
    assert "sheet 'A1_11': row 3 holds periods across the columns" in whole.message
    _nothing_stored(store)
