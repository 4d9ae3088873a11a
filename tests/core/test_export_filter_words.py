"""Every export records the filter in words, the data version and the as-at quarter: the
commitments export above its table, the indicator export in a line of its own and on its
About sheet, and the indicator file still imports back."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from test_export_indicators import csv_table, import_file, masked

from mag_desktop.core.export import export_frame, export_titles
from mag_desktop.core.export_indicators import Selection, export_indicators
from mag_desktop.core.store import Store

COLUMNS = [("id", "Commitment ID"), ("title", "Title")]
FRAME = pd.DataFrame({"id": ["RET-1", "RET-2"], "title": ["Jobs pathway", "-1 risky"]})
WORDS = "Authorities: Birmingham · Themes: Housing · Period: 2024 Q1 to 2025 Q4"
NOW = datetime(2026, 12, 3, 9, 5)


@pytest.fixture
def sample(sample_store_file: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"{sample_store_file.resolve().as_uri()}?mode=ro", uri=True)
    yield conn
    conn.close()


def test_titles_say_what_filter_version_and_as_at() -> None:
    assert export_titles("commitments shown", WORDS, 12, "2025 Q4", NOW) == [
        "MAG Desktop: commitments shown", f"Filter: {WORDS}",
        "Data version 12 · data as at 2025 Q4 · exported 3 Dec 2026 09:05"]
    assert export_titles("x", "y", 0, None, NOW)[2].startswith("Data version 0 · data as at "
                                                               "not known")


def test_the_commitments_csv_has_its_titles_then_the_table(tmp_path: Path) -> None:
    titles = export_titles("commitments shown", WORDS, 12, "2025 Q4", NOW)
    path = export_frame(FRAME, COLUMNS, tmp_path / "c.csv", "Commitments", titles)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert [r[0] for r in rows[:3]] == titles and rows[3] == []
    assert rows[4] == ["Commitment ID", "Title"]
    assert rows[5] == ["RET-1", "Jobs pathway"] and rows[6] == ["RET-2", "'-1 risky"]


def test_the_commitments_workbook_has_its_titles_then_the_table(tmp_path: Path) -> None:
    titles = export_titles("commitments shown", WORDS, 12, "2025 Q4", NOW)
    path = export_frame(FRAME, COLUMNS, tmp_path / "c.xlsx", "Commitments", titles)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[:3]] == titles and rows[3] == (None, None)
    assert rows[4] == ("Commitment ID", "Title") and rows[6] == ("RET-2", "-1 risky")
    assert sheet.freeze_panes == "A6" and sheet["A5"].font.b


def test_no_titles_keeps_the_plain_table(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(export_frame(FRAME, COLUMNS, tmp_path / "p.xlsx")).active
    assert sheet is not None and sheet.freeze_panes == "A2"
    assert next(sheet.iter_rows(values_only=True)) == ("Commitment ID", "Title")


def test_the_indicator_file_records_the_window_filter_and_imports_back(
        sample: sqlite3.Connection, tmp_path: Path) -> None:
    sel = Selection("TEMP_ACCOM", shown_filter=WORDS)
    made = export_indicators(sample, sel, tmp_path / "temp.xlsx")
    book = openpyxl.load_workbook(made.path)
    sheet = book["Observations"]
    assert sheet["A2"].value.startswith("Filter: indicator TEMP_ACCOM")
    assert sheet["A3"].value == f"Filter in the window: {WORDS}"
    assert sheet["A4"].value.startswith("Data version ")
    about = {r[0]: r[1] for r in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Filter in the window"] == WORDS
    fresh = tmp_path / "fresh.sqlite"
    import_file(fresh, made.path)  # the workbook imports into an empty store as it is
    csv_made = export_indicators(sample, sel, tmp_path / "temp.csv")
    titles, table = csv_table(csv_made.path)
    assert titles[2] == f"Filter in the window: {WORDS}" and len(table) == made.rows
    import_file(fresh, csv_made.path)  # and so does the csv, where the indicator is defined
    where = "indicator_code = 'TEMP_ACCOM'"
    with Store.open(fresh) as store:
        pd.testing.assert_frame_equal(masked(store.conn, where), masked(sample, where),
                                      check_exact=True)
