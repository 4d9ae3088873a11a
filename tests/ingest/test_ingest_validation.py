"""The validation report: where each problem is, what was found, what was expected; the rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import (
    COMMIT,
    OBS,
    checksum,
    commitment,
    current_obs,
    imp,
    issue_for,
    obs,
    write_csv,
    write_xlsx,
)

from mag_desktop.core.ingest.service import ImportResult
from mag_desktop.core.store import Store


def _xlsx_with_title(tmp_path: Path, *rows: list[object]) -> Path:
    """Header on Excel row 3 (a title and a blank row above), so data begins on row 4."""
    return write_xlsx(tmp_path / "return.xlsx",
                      {"Data": [["Quarterly return"], [], OBS, *rows]})


def _rejected(store: Store, path: Path, **options: object) -> ImportResult:
    before = checksum(store)
    result = imp(store, path, **options)
    assert result.status == "rejected", [i.line() for i in result.warnings]
    assert checksum(store) == before
    return result


def test_issue_has_file_sheet_excel_row_column_header_value_and_expectation(
        seeded: Store, tmp_path: Path) -> None:
    path = _xlsx_with_title(tmp_path, obs(), obs(group="Indian", value="twelve"))
    result = _rejected(seeded, path)
    issue = issue_for(result, "number")
    assert issue.file == "return.xlsx"
    assert issue.sheet == "Data"
    assert issue.row == 5  # header on row 3, first data row 4, this is the second
    assert (issue.column, issue.header) == ("E", "Value")
    assert issue.value == "twelve"
    assert "expected a number" in issue.message
    line = issue.line()
    for part in ("return.xlsx", "sheet Data", "row 5", "column E (Value)", "twelve"):
        assert part in line


def test_first_data_row_is_four_when_the_header_is_on_three(seeded: Store,
                                                           tmp_path: Path) -> None:
    result = _rejected(seeded, _xlsx_with_title(tmp_path, obs(indicator="")))
    issue = issue_for(result, "required")
    assert (issue.row, issue.column, issue.header) == (4, "A", "Indicator ID")
    assert "required" in issue.message


def test_retired_ward_code_outside_the_wmca_is_counted_and_left_out(seeded: Store,
                                                                    tmp_path: Path) -> None:
    # E05008942: a 2019 ward of Hartlepool, retired; no WMCA figure can be stored under it
    result = imp(seeded, _xlsx_with_title(tmp_path, obs(), obs(area="E05008942")))
    assert result.status == "ok", [i.line() for i in result.errors]
    warning = issue_for(result, "area-outside", "warning")
    assert "1 ward (e.g. E05008942)" in warning.message and warning.value == "E05008942"
    assert (warning.row, warning.column, warning.header) == (5, "C", "Area code")
    assert (result.rows_read, result.rows_valid, result.inserted) == (2, 1, 1)


def test_misspelt_authority_gets_a_suggestion(seeded: Store, tmp_path: Path) -> None:
    rows = [["Indicator ID", "Period", "Area name", "Ethnic group", "Value"],
            ["CNT_IND", "2024 Q1", "Bimingham", "Pakistani", "3"]]
    result = _rejected(seeded, write_csv(tmp_path / "typo.csv", rows))
    issue = issue_for(result, "area-unknown")
    assert "did you mean Birmingham?" in issue.message
    assert (issue.row, issue.column, issue.value) == (2, "C", "Bimingham")


def test_area_outside_the_wmca_is_a_warning_and_the_row_left_out(seeded: Store,
                                                                 tmp_path: Path) -> None:
    path = _xlsx_with_title(tmp_path, obs(), obs(area="E05011385"), obs(area="Armley"))
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    warning = issue_for(result, "area-outside", "warning")
    assert warning.message.startswith("skipped 2 rows for areas the store does not hold")
    assert "outside the WMCA" in warning.message and "2 wards" in warning.message
    assert [i.rule for i in result.warnings].count("area-outside") == 1  # one, counting both
    assert (warning.row, warning.column) == (None, "C")
    assert (result.rows_read, result.rows_valid, result.inserted) == (3, 1, 1)
    assert [r[1] for r in current_obs(seeded.conn)] == ["E08000025"]


def test_unmappable_ethnic_label_is_flagged(seeded: Store, tmp_path: Path) -> None:
    result = _rejected(seeded, _xlsx_with_title(tmp_path, obs(group="Martian")))
    issue = issue_for(result, "ethnic-group")
    assert issue.value == "Martian" and "2021 Census ethnic group" in issue.message


def test_partner_labels_are_mapped_and_kept(seeded: Store, tmp_path: Path) -> None:
    path = _xlsx_with_title(tmp_path, obs(group="Asian - Pakistani"),
                            obs(group="White Other"), obs(group="Black/Black British"))
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    got = dict(seeded.conn.execute("SELECT group_label, group_code FROM observation"))
    assert got["Asian - Pakistani"] == "ASIAN_PAKISTANI"
    # no Roma, Gypsy or Irish Traveller group apart: "White Other" includes them (2001 style)
    assert got["White Other"] == "WHITE_OTHER_2001"
    assert got["Black/Black British"] == "BLACK"
    assert any(w.rule == "ethnic-any-other" for w in result.warnings)


def test_bad_period_lists_the_accepted_forms(seeded: Store, tmp_path: Path) -> None:
    result = _rejected(seeded, _xlsx_with_title(tmp_path, obs(period="2024 Q5")))
    issue = issue_for(result, "period")
    assert issue.value == "2024 Q5" and (issue.column, issue.header) == ("B", "Period")
    for form in ("2024 Q3", "Q3 2024/25", "2023/24", "2021"):
        assert form in issue.message


@pytest.mark.parametrize(("period", "label"), [
    ("2024 Q3", "2024 Q3"), ("2024-Q3", "2024 Q3"), ("Q3 2024", "2024 Q3"), ("2023/24", None),
    ("2021", "2021"),
])
def test_periods_are_normalised(seeded: Store, tmp_path: Path, period: str,
                                label: str | None) -> None:
    result = imp(seeded, write_csv(tmp_path / "p.csv", [OBS[:5], obs(period=period)[:5]]))
    assert result.status == "ok", [i.line() for i in result.errors]
    stored = current_obs(seeded.conn)[0][2]
    if label:
        assert stored == label
    kind = seeded.conn.execute("SELECT kind FROM period WHERE label = ?", (stored,)).fetchone()
    assert kind is not None


@pytest.mark.parametrize(("text", "indicator", "number"), [
    ("1,234", "CNT_IND", 1234.0), ("1,234,567.5", "CNT_IND", 1234567.5),
    ("45%", "PCT_IND", 45.0), ("45.5 %", "PCT_IND", 45.5), ("£12.50", "CNT_IND", 12.5),
    ("£1,000", "CNT_IND", 1000.0), (" 7 ", "CNT_IND", 7.0),
])
def test_numbers_as_partners_write_them(seeded: Store, tmp_path: Path, text: str,
                                        indicator: str, number: float) -> None:
    path = write_csv(tmp_path / "n.csv", [OBS[:5], obs(indicator=indicator, value=text)[:5]])
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert current_obs(seeded.conn)[0][4] == number


MARKERS = ["[c]", "[x]", "[z]", "[u]", "..", "-", "*", "c", ":", "#N/A", "#DIV/0!"]
GROUPS = ["Pakistani", "Indian", "Bangladeshi", "Chinese", "Black African", "Black Caribbean",
          "White Irish", "White British", "Arab", "Roma", "Mixed"]


def test_suppression_markers_keep_no_value_numerator_denominator_or_limits(
        seeded: Store, tmp_path: Path) -> None:
    rows = [OBS] + [obs("PCT_IND", "2024 Q1", "E08000025", g, m, "5", "10", "1", "60")
                    for g, m in zip(GROUPS, MARKERS, strict=True)]
    result = imp(seeded, write_csv(tmp_path / "suppressed.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert len(result.warnings) == len(MARKERS)
    assert all(w.rule == "suppressed-extras" for w in result.warnings)
    stored = current_obs(seeded.conn)
    assert sorted(r[9] for r in stored) == sorted(MARKERS)
    for row in stored:
        assert row[4:9] == (None, None, None, None, None), row


def test_excel_error_cells_in_xlsx_become_markers(seeded: Store, tmp_path: Path) -> None:
    rows = [OBS[:5], obs(value="#N/A")[:5], obs(group="Indian", value="#DIV/0!")[:5]]
    path = write_xlsx(tmp_path / "errors.xlsx", {"Data": rows})
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert sorted(r[9] for r in current_obs(seeded.conn)) == ["#DIV/0!", "#N/A"]


def test_value_outside_its_limits(seeded: Store, tmp_path: Path) -> None:
    path = _xlsx_with_title(tmp_path, obs("PCT_IND", "2024 Q1", "E08000025", "Pakistani", "60",
                                          "", "", "61", "70"))
    issue = issue_for(_rejected(seeded, path), "limits")
    assert (issue.row, issue.column, issue.value) == (4, "E", "60")
    assert "lower ≤ value ≤ upper" in issue.message


def test_lower_limit_above_upper(seeded: Store, tmp_path: Path) -> None:
    path = _xlsx_with_title(tmp_path, obs("PCT_IND", "2024 Q1", "E08000025", "Pakistani", "60",
                                          "", "", "70", "50"))
    issue = issue_for(_rejected(seeded, path), "limits-order")
    assert (issue.column, issue.header) == ("H", "Lower 95% limit")


def test_numerator_above_denominator_is_an_error_for_a_percentage(seeded: Store,
                                                                  tmp_path: Path) -> None:
    path = _xlsx_with_title(tmp_path, obs("PCT_IND", "2024 Q1", "E08000025", "Pakistani", "60",
                                          "70", "50"))
    issue = issue_for(_rejected(seeded, path), "numerator")
    assert (issue.row, issue.column, issue.header, issue.value) == (4, "F", "Numerator", "70")
    assert "expected numerator ≤ denominator" in issue.message


def test_numerator_above_denominator_is_only_a_warning_for_a_count(seeded: Store,
                                                                   tmp_path: Path) -> None:
    path = _xlsx_with_title(tmp_path, obs("CNT_IND", "2024 Q1", "E08000025", "Pakistani", "60",
                                          "70", "50"))
    result = imp(seeded, path)
    assert result.status == "ok"
    assert issue_for(result, "numerator", "warning").row == 4


@pytest.mark.parametrize("value", ["100.5", "-1", "250%"])
def test_percentages_within_0_to_100(seeded: Store, tmp_path: Path, value: str) -> None:
    path = _xlsx_with_title(tmp_path, obs("PCT_IND", "2024 Q1", "E08000025", "Pakistani", value))
    issue = issue_for(_rejected(seeded, path), "percent")
    assert "between 0 and 100" in issue.message and issue.row == 4


def test_duplicates_within_the_file(seeded: Store, tmp_path: Path) -> None:
    path = _xlsx_with_title(tmp_path, obs(), obs(group="Indian"), obs(value="13"))
    result = _rejected(seeded, path)
    issue = issue_for(result, "duplicate")
    assert issue.row == 6 and "row 4" in issue.message
    assert result.rows_valid == 1  # both copies are left out; the Indian row stays valid


def test_statuses_with_aliases(store: Store, tmp_path: Path) -> None:
    words = {"Green": "ON_TRACK", "Amber": "AT_RISK", "Red": "OFF_TRACK",
             "Completed": "COMPLETE", "Done": "COMPLETE", "on track": "ON_TRACK",
             "Not started": "NOT_STARTED"}
    rows = [COMMIT] + [commitment(f"C-{i}", status=w) for i, w in enumerate(words)]
    result = imp(store, write_csv(tmp_path / "statuses.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    got = dict(store.conn.execute("SELECT commitment_id, status FROM commitment_update"))
    assert got == {f"C-{i}": code for i, code in enumerate(words.values())}


@pytest.mark.parametrize(("row", "rule", "column", "words"), [
    (commitment("D-1", status="Purple"), "status", "F", ("Green, Amber, Red",)),
    (commitment("D-1", start="31/02/2025"), "date", "H", ("expected a date",)),
    (commitment("D-1", due="soon"), "date", "I", ("expected a date",)),
    (commitment("D-1", start="01/01/2027", due="01/01/2026"), "dates", "I", ("before",)),
    (commitment("D 1"), "id", "A", ("letters, digits",)),
    (commitment("D-1", authority="Bimingham"), "area-unknown", "E", ("Birmingham",)),
    (commitment("D-1", quarter="2026 Q5"), "period", "G", ("accepted forms",)),
    (commitment(""), "required", "A", ("required",)),
])
def test_commitment_rules(store: Store, tmp_path: Path, row: list[object], rule: str,
                          column: str, words: tuple[str, ...]) -> None:
    path = write_csv(tmp_path / "c.csv", [COMMIT, commitment("OK-1"), row])
    issue = issue_for(_rejected(store, path), rule)
    assert (issue.row, issue.column) == (3, column)
    for word in words:
        assert word in issue.message


def test_commitment_ids_are_unique_within_the_file(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [COMMIT, commitment("C-1"), commitment("c-2"),
                                          commitment("C-1", status="Red")])
    issue = issue_for(_rejected(store, path), "duplicate")
    assert issue.row == 4 and "row 2" in issue.message and issue.value == "C-1"
