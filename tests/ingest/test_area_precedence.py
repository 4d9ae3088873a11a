"""A row's area code wins over its name and its area type; a name or a type that contradicts
the code is reported, never silent, and DfE's ``geographic_level`` column is read as the type."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import imp, write_csv

from mag_desktop.core.ingest.profile import Profile
from mag_desktop.core.store import Store

HEADERS = ["Indicator ID", "Period", "Area code", "Area name", "geographic_level",
           "Ethnic group", "Value"]


def test_the_code_wins_and_contradictions_are_reported(seeded: Store, tmp_path: Path) -> None:
    rows = [
        ["CNT_IND", "2024 Q1", "E08000025", "Birmingham", "Local authority", "All", 10],
        ["CNT_IND", "2024 Q1", "E08000026", "Birmingham", "Local authority", "All", 11],
        ["CNT_IND", "2024 Q1", "E08000027", "Dudley", "Regional", "All", 12],
        ["CNT_IND", "2024 Q1", "E12000005", "West Midlands", "Regional", "All", 13],
        ["CNT_IND", "2024 Q1", "", "West Midlands", "Regional", "All", 14],
        ["CNT_IND", "2024 Q1", "", "England", "National", "All", 15],
    ]
    result = imp(seeded, write_csv(tmp_path / "dfe.csv", [HEADERS, *rows]))
    assert result.status == "ok", [i.line() for i in result.errors]
    stored = dict(seeded.conn.execute(
        "SELECT area_code, value FROM observation WHERE superseded_by IS NULL"))
    # the West Midlands region (by code, or by name with its level) is never the WMCA
    assert stored == {"E08000025": 10, "E08000026": 11, "E08000027": 12, "E92000001": 15}
    by_rule = {w.rule: w for w in result.warnings}
    name = by_rule["area-name-mismatch"]
    assert (name.row, name.value) == (3, "E08000026")
    assert "the name 'Birmingham' is not the name of E08000026 (Coventry)" in name.message
    level = by_rule["area-level-mismatch"]
    assert (level.row, level.value) == (4, "E08000027")
    assert level.message == ("the area type 'Regional' does not fit E08000027, a local "
                             "authority (Dudley); the code was used")
    skipped = by_rule["area-outside"]
    assert skipped.message.startswith("skipped 2 rows for areas the store does not hold")
    assert "2 regions" in skipped.message


def test_dfe_rows_take_the_code_of_their_own_level(seeded: Store, tmp_path: Path) -> None:
    headers = ["time_period", "time_identifier", "geographic_level", "country_code",
               "region_code", "new_la_code", "pcon_code", "indicator", "characteristic",
               "value"]
    rows = [
        ["202324", "Academic year", "National", "E92000001", "", "", "", "CNT_IND", "Total", 1],
        ["202324", "Academic year", "Regional", "E92000001", "E12000005", "", "", "CNT_IND",
         "Total", 2],
        ["202324", "Academic year", "Local authority", "E92000001", "E12000005", "E08000025", "",
         "CNT_IND", "Total", 3],
        ["202324", "Academic year", "Parliamentary constituency", "E92000001", "E12000005", "",
         "E14000560", "CNT_IND", "Total", 4],
    ]
    result = imp(seeded, write_csv(tmp_path / "ees.csv", [headers, *rows]),
                 profile=_profile({"new_la_code": "area_code", "characteristic": "ethnic_group",
                                   "indicator": "indicator_id"}))
    # the constituency's level names no code column this reader knows: its blank is reported
    assert result.status == "rejected"
    error, = result.errors
    assert (error.row, error.rule) == (5, "required")
    rows.pop()
    result = imp(seeded, write_csv(tmp_path / "ees2.csv", [headers, *rows]),
                 profile=_profile({"new_la_code": "area_code", "characteristic": "ethnic_group",
                                   "indicator": "indicator_id"}))
    assert result.status == "ok", [i.line() for i in result.errors]
    stored = dict(seeded.conn.execute(
        "SELECT area_code, value FROM observation WHERE superseded_by IS NULL"))
    assert stored == {"E92000001": 1, "E08000025": 3}  # the region's row: E12000005, left out
    said = sorted(w.message for w in result.warnings if w.rule == "area-dfe-level")
    assert said == [
        "read the area code from country_code, the column of the row's geographic_level, "
        "where the area code column was blank: 1 row",
        "read the area code from region_code, the column of the row's geographic_level, "
        "where the area code column was blank: 1 row"]


def _profile(columns: dict[str, str]) -> Profile:
    return Profile(kind="indicators", columns=columns)
