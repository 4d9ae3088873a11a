"""Reports a clerk can act on: a missing column said once, problems grouped by rule, column and
value, a column on every row's message, counts that add up, and the report saved as xlsx."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from ingest_helpers import OBS, cli, define_count_indicator, imp, issue_for, obs, write_csv

from mag_desktop.core.ingest.report_xlsx import write_report
from mag_desktop.core.store import Store


def test_a_missing_column_is_one_message_listing_the_columns_found(seeded: Store,
                                                                   tmp_path: Path) -> None:
    header = ["Indicator ID", "Period", "Area code", "Value"]
    rows = [header, *[["CNT_IND", "2024 Q1", "E08000025", str(n)] for n in range(40)]]
    result = imp(seeded, write_csv(tmp_path / "nogroup.csv", rows), dry_run=True)
    assert result.status == "rejected"
    assert [i.rule for i in result.errors] == ["missing-column"]
    error = result.errors[0]
    assert "'Ethnic group'" in error.message
    assert "A 'Indicator ID'; B 'Period'; C 'Area code'; D 'Value'" in error.message
    assert error.column == "A" and error.header == "Ethnic group"
    assert len(result.groups) == 1


def test_repeated_problems_are_grouped_by_rule_column_and_value(seeded: Store,
                                                                tmp_path: Path) -> None:
    rows = [OBS[:5]]
    for n in range(30):
        area = "Sandwel" if n % 2 else "E08000025"
        rows.append(obs(area=area, period=f"{2000 + n} Q1", value="nine" if n == 3 else "4")[:5])
    result = imp(seeded, write_csv(tmp_path / "typos.csv", rows), dry_run=True)
    assert result.status == "rejected"
    sandwel = [g for g in result.groups if g.value == "Sandwel"]
    assert len(sandwel) == 1
    group = sandwel[0]
    assert (group.count, group.column, group.header) == (15, "C", "Area code")
    assert group.rows[:3] == [3, 5, 7]
    assert "found 'Sandwel' — 15 rows: 3, 5, 7, 9, 11, 13, 15, 17 …" in group.line()
    nine = next(g for g in result.groups if g.value == "nine")
    assert (nine.count, nine.column) == (1, "E") and "row 5" in nine.line()
    assert all(i.column for i in result.errors + result.warnings if i.row is not None)


def test_duplicates_name_a_column(seeded: Store, tmp_path: Path) -> None:
    rows = [OBS[:5], obs(value="1")[:5], obs(value="2")[:5]]
    result = imp(seeded, write_csv(tmp_path / "dup.csv", rows), dry_run=True)
    duplicate = issue_for(result, "duplicate")
    assert (duplicate.row, duplicate.column, duplicate.header) == (3, "C", "Area code")


def test_rows_read_valid_and_inserted_agree(seeded: Store, tmp_path: Path) -> None:
    rows = [OBS[:5], obs(value="1")[:5], obs(area="Armley", value="2")[:5],
            obs(area="E08000026", value="3")[:5], [], ["Source: the council"]]
    result = imp(seeded, write_csv(tmp_path / "skips.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert (result.rows_read, result.rows_valid, result.rows_invalid, result.rows_skipped) == (
        3, 2, 0, 1)
    assert result.records == result.inserted + result.updated + result.unchanged == 2
    bad = [OBS[:5], obs(value="1", period="2024 Q2")[:5], obs(value="lots", period="2024 Q3")[:5],
           obs(area="Armley", period="2024 Q2")[:5]]
    rejected = imp(seeded, write_csv(tmp_path / "bad.csv", bad), dry_run=True)
    assert (rejected.rows_read, rejected.rows_valid, rejected.rows_invalid,
            rejected.rows_skipped) == (3, 1, 1, 1)


def test_a_wide_row_gives_several_records(seeded: Store, tmp_path: Path) -> None:
    rows = [["Indicator ID", "Area name", "Ethnic group", "2024 Q1", "2024 Q2"],
            ["CNT_IND", "Birmingham", "Pakistani", "1", "2"],
            ["CNT_IND", "Coventry", "Indian", "4", "5"]]
    result = imp(seeded, write_csv(tmp_path / "wide.csv", rows))
    assert (result.rows_read, result.rows_valid, result.records, result.inserted) == (2, 2, 4, 4)


def test_a_wide_row_counts_once_in_its_group(seeded: Store, tmp_path: Path) -> None:
    rows = [["Indicator ID", "Area name", "Period", "Pakistani", "Indian", "Bangladeshi"],
            *[["CNT_IND", "Birmingham", "2018 to the end", "1", "2", "3"] for _ in range(4)]]
    result = imp(seeded, write_csv(tmp_path / "wide.csv", rows), dry_run=True)
    group = next(g for g in result.groups if g.value == "2018 to the end")
    assert (group.count, group.rows, group.column) == (4, [2, 3, 4, 5], "C")
    assert "— 4 rows: 2, 3, 4, 5:" in group.line()


def _rejected(seeded: Store, tmp_path: Path):  # type: ignore[no-untyped-def]
    rows = [OBS[:5], obs(area="=HYPERLINK(\"http://x\")")[:5], obs(area="Sandwel")[:5],
            obs(area="Sandwel", period="2024 Q2")[:5]]
    return imp(seeded, write_csv(tmp_path / "partner.csv", rows), dry_run=True)


def test_the_report_is_saved_as_xlsx_safe_from_formulas(seeded: Store, tmp_path: Path) -> None:
    result = _rejected(seeded, tmp_path)
    path = write_report(result, tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "Problems", "Rows"]
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True)}
    assert summary["File"] == "partner.csv" and summary["Rows read"] == 3
    assert summary["Rows with errors"] == 3
    problems = list(book["Problems"].iter_rows(values_only=True))
    assert problems[0][:6] == ("Kind", "Sheet", "Column", "Header", "Value found", "Rows")
    sandwel = next(r for r in problems if r[4] == "Sandwel")
    assert (sandwel[2], sandwel[5], sandwel[6]) == ("C", 2, "3, 4")
    cell = next(c for row in book["Problems"].iter_rows() for c in row
                if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"  # text, never a formula
    assert not (tmp_path / "report.xlsx.part").exists()


def test_report_option_and_json_fields(store_path: Path, tmp_path: Path) -> None:
    store = ["--store", str(store_path)]
    define_count_indicator(store, tmp_path)
    rows = [OBS[:5], *[obs(area="Sandwel", period=f"{2000 + n} Q1")[:5] for n in range(30)]]
    path = write_csv(tmp_path / "partner.csv", rows)
    report = tmp_path / "back-to-partner.xlsx"
    done = cli("import", str(path), "--report", str(report), *store)
    assert done.returncode == 1
    assert "found 'Sandwel' — 30 rows: 2, 3, 4, 5, 6, 7, 8, 9 …" in done.stdout
    assert sum(1 for line in done.stdout.splitlines() if "Sandwel" in line) == 1
    assert report.exists()
    data = json.loads(cli("import", str(path), "--json", "--dry-run", *store).stdout)
    assert (data["rows_read"], data["rows_valid"], data["rows_invalid"], data["rows_skipped"],
            data["records"]) == (30, 0, 30, 0, 0)
    assert [(g["value"], g["count"], g["column"]) for g in data["groups"]] == [
        ("Sandwel", 30, "C")]
    assert data["tables"] == [{"table": 1, "header_row": 1, "rows": 30, "headers": OBS[:5]}]
