"""Finding the table: a header anywhere in the first 200 rows and only a row of words, notes,
placeholders and END markers left out with a warning, stacked tables listed and chosen,
unheaded columns mappable, a profile's constants counted, and no silent "Total" denominator."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import (
    OBS,
    cli,
    current_obs,
    define_count_indicator,
    imp,
    issue_for,
    obs,
    write_csv,
    write_xlsx,
)

from mag_desktop.core.ingest.profile import Profile
from mag_desktop.core.ingest.readers import Sheet
from mag_desktop.core.ingest.table import find_table
from mag_desktop.core.store import Store


def _values(store: Store) -> list[tuple[object, ...]]:
    return [(r[1], r[2], r[3], r[4]) for r in current_obs(store.conn)]


def test_a_header_below_row_40_is_found(seeded: Store, tmp_path: Path) -> None:
    notes = [[f"Note {n}: how the figures were gathered in this quarter"] for n in range(1, 71)]
    rows = [["Quarterly return"], *notes, [], OBS[:5], obs(value="12")[:5]]
    result = imp(seeded, write_xlsx(tmp_path / "deep.xlsx", {"Data": rows}))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert result.plan is not None and result.plan.main is not None
    assert result.plan.main.table.header_row + 1 == 73
    assert _values(seeded) == [("E08000025", "2024 Q1", "ASIAN_PAKISTANI", 12.0)]


def test_a_row_of_numbers_is_never_the_header() -> None:
    rows: list[list[object]] = [["Area", "Note"], ["Birmingham", "x"], [2019, 2020, 2021, 2022],
                                ["Coventry", "y"]]
    sheet = Sheet(name="S", col_offset=0, height=len(rows), _rows=rows)

    def score(texts: list[str]) -> float:  # a scorer fooled by years, as a wide layout is
        return sum(2.0 for t in texts if t.isdigit()) + sum(1.0 for t in texts if t == "Area")

    table = find_table(sheet, score)
    assert table is not None and table.header_row == 0


def test_the_first_of_equal_header_rows_wins() -> None:
    rows: list[list[object]] = [["Area", "Value"], ["Area", "Value"], ["Birmingham", "1"]]
    sheet = Sheet(name="S", col_offset=0, height=len(rows), _rows=rows)
    table = find_table(sheet, lambda texts: 2.0 if texts[:2] == ["Area", "Value"] else 0.0)
    assert table is not None and table.header_row == 0


def test_notes_placeholders_and_an_end_marker_are_left_out_with_warnings(
        seeded: Store, tmp_path: Path) -> None:
    rows = [
        OBS[:6],
        obs(value="12")[:6],
        ["< Select >", "< Select >", "", "< Select >", "", ""],  # a template row never filled
        [*obs(area="E08000026", group="Indian", value="7")[:5], "Please select"],
        ["These figures are provisional and may be revised"],
        ["END"],
        ["Total", "", "", "", "19", ""],
        ["Checked by", "J. Smith"],
    ]
    result = imp(seeded, write_xlsx(tmp_path / "template.xlsx", {"Return": rows}))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert result.rows_read == 2
    assert _values(seeded) == [("E08000025", "2024 Q1", "ASIAN_PAKISTANI", 12.0),
                               ("E08000026", "2024 Q1", "ASIAN_INDIAN", 7.0)]
    end = issue_for(result, "layout-end", "warning")
    assert (end.row, end.column, end.value) == (6, "A", "END")
    below = issue_for(result, "layout-after-end", "warning")
    assert "rows 7–8" in below.message
    note = issue_for(result, "layout-note", "warning")
    assert (note.row, note.column) == (5, "A") and "rows 5" in note.message
    prompt = [i for i in result.warnings if i.rule == "placeholder"]
    assert {(i.value, i.column) for i in prompt} == {("< Select >", "A"),
                                                     ("Please select", "F")}
    select = next(i for i in prompt if i.value == "< Select >")
    assert "3 cells" in select.message and "rows 3" in select.message


def _stacked() -> list[list[object]]:
    return [
        ["Quarter 1 figures"], [], OBS[:5], obs(value="12")[:5],
        obs(value="13", area="E08000026")[:5],
        [], ["Source: the council"], [], ["Quarter 2 figures"], [],
        OBS[:5], obs(period="2024 Q2", value="14")[:5],
    ]


def test_stacked_tables_are_listed_and_one_must_be_chosen(seeded: Store, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "stacked.xlsx", {"Data": _stacked()})
    result = imp(seeded, path)
    assert result.status == "rejected"
    assert "holds 2 tables" in result.message and "--table" in result.message
    assert result.plan is not None
    assert [(s.number, s.header_row + 1, s.rows) for s in result.plan.tables] == [
        (1, 3, 2), (2, 11, 1)]
    assert _values(seeded) == []

    second = imp(seeded, path, table=2)
    assert second.status == "ok", [i.line() for i in second.errors]
    assert second.sheet == "Data (table 2)" and second.rows_read == 1
    assert _values(seeded) == [("E08000025", "2024 Q2", "ASIAN_PAKISTANI", 14.0)]
    first = imp(seeded, path, profile=Profile(table=1))  # the other table of the same file
    assert first.status == "ok", [i.line() for i in first.errors]
    assert first.rows_read == 2
    notes = issue_for(first, "layout-note", "warning")
    assert "rows 7:" in notes.message + ":"  # the source note
    between = issue_for(first, "layout-between", "warning")
    assert "rows 9" in between.message and between.value == "Quarter 2 figures"
    tables = issue_for(first, "tables", "warning")
    assert "holds 2 tables; table 1 was read" in tables.message
    assert len(_values(seeded)) == 3
    again = imp(seeded, path, table=2)
    assert again.status == "rejected" and "already imported" in again.message


def test_table_on_the_command_line(store_path: Path, tmp_path: Path) -> None:
    store = ["--store", str(store_path)]
    define_count_indicator(store, tmp_path)
    path = write_xlsx(tmp_path / "stacked.xlsx", {"Data": _stacked()})
    refused = cli("import", str(path), "--dry-run", *store)
    assert refused.returncode == 1 and "--table" in refused.stdout
    chosen = cli("import", str(path), "--table", "2", *store)
    assert chosen.returncode == 0, chosen.stdout
    assert "1 rows read" in chosen.stdout
    missing = cli("import", str(path), "--table", "3", *store)
    assert missing.returncode == 1 and "there is no table 3" in missing.stdout


def test_an_unheaded_column_can_be_mapped_by_its_letter(seeded: Store, tmp_path: Path) -> None:
    rows = [["Return"], ["Indicator ID", "Period", "Area code", "Ethnic group", None],
            ["CNT_IND", "2024 Q1", "E08000025", "Pakistani", 21]]
    path = write_xlsx(tmp_path / "unheaded.xlsx", {"Data": rows})
    unmapped = imp(seeded, path)
    error = issue_for(unmapped, "missing-column")
    assert "E 'Column E'" in error.message and error.column == "A"
    result = imp(seeded, path, profile=Profile(columns={"Column E": "value"}))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert _values(seeded) == [("E08000025", "2024 Q1", "ASIAN_PAKISTANI", 21.0)]


def test_two_mapped_columns_and_constants_are_enough(seeded: Store, tmp_path: Path) -> None:
    rows = [["Borough", "Households"], ["Birmingham", "120"], ["Coventry", "45"]]
    profile = Profile(columns={"Borough": "area_name", "Households": "value"},
                      constants={"indicator_id": "CNT_IND", "period": "2024 Q1",
                                 "ethnic_group": "All"})
    result = imp(seeded, write_csv(tmp_path / "two.csv", rows), profile=profile)
    assert result.status == "ok", result.message
    assert _values(seeded) == [("E08000025", "2024 Q1", "ALL", 120.0),
                               ("E08000026", "2024 Q1", "ALL", 45.0)]


def test_a_total_column_is_not_taken_for_the_denominator(seeded: Store,
                                                         tmp_path: Path) -> None:
    rows = [["Indicator ID", "Period", "Area code", "Ethnic group", "Value", "Total"],
            ["CNT_IND", "2024 Q1", "E08000025", "Pakistani", "12", "900"]]
    result = imp(seeded, write_csv(tmp_path / "total.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert [r[6] for r in current_obs(seeded.conn)] == [None]  # no denominator stored
    hint = issue_for(result, "unmapped-total", "warning")
    assert (hint.column, hint.header) == ("F", "Total")
    assert '"Total": "denominator"' in hint.message


def test_a_trailing_section_is_left_out(seeded: Store, tmp_path: Path) -> None:
    rows = [OBS[:5], obs(value="12")[:5], [], ["Marker", "Meaning"], ["[c]", "confidential"],
            ["[x]", "not available"]]
    result = imp(seeded, write_csv(tmp_path / "legend.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert result.rows_read == 1
    trailing = issue_for(result, "layout-trailing", "warning")
    assert (trailing.row, trailing.column, trailing.value) == (4, "A", "Marker")
    assert "rows 4–6" in trailing.message


def test_a_lone_code_is_still_a_row_with_errors(seeded: Store, tmp_path: Path) -> None:
    for lone in ("CNT_IND", "E08000025"):
        rows = [OBS[:5], obs(value="12")[:5], [lone]]
        result = imp(seeded, write_csv(tmp_path / "lone.csv", rows), dry_run=True)
        assert result.status == "rejected" and result.rows_invalid == 1
        assert {i.row for i in result.errors} == {3}
