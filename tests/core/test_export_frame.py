"""The commitments export: xlsx and csv, text never evaluated, written whole or not at all."""

from __future__ import annotations

import csv
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from mag_desktop.core.errors import MagError
from mag_desktop.core.export import export_frame

COLUMNS = [("id", "Commitment ID"), ("title", "Title"), ("due", "Due date")]
FRAME = pd.DataFrame({"id": ["RET-1", "RET-2"],
                      "title": ["=HYPERLINK(\"http://x\")", "Jobs pathway"],
                      "due": [pd.Timestamp(2026, 3, 31), pd.NaT]})


def test_xlsx_holds_the_rows_as_text_and_dates(tmp_path: Path) -> None:
    path = export_frame(FRAME, COLUMNS, tmp_path / "c.xlsx", title="Commitments")
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None and sheet.title == "Commitments"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Commitment ID", "Title", "Due date")
    assert rows[1][1] == '=HYPERLINK("http://x")'  # stored as text, not as a formula
    assert rows[1][2].date() == date(2026, 3, 31) and rows[2][2] is None
    with zipfile.ZipFile(path) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")


def test_csv_neutralises_formulas(tmp_path: Path) -> None:
    path = export_frame(FRAME, COLUMNS, tmp_path / "c.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1][1] == "'=HYPERLINK(\"http://x\")" and rows[2][1] == "Jobs pathway"


def test_a_failed_write_leaves_nothing_and_says_why(tmp_path: Path) -> None:
    folder = tmp_path / "no-such-folder"
    with pytest.raises(MagError, match="cannot write"):
        export_frame(FRAME, COLUMNS, folder / "c.xlsx")
    assert not list(tmp_path.rglob("*.part"))
    with pytest.raises(MagError, match="choose a name ending in"):
        export_frame(FRAME, COLUMNS, tmp_path / "c.txt")
