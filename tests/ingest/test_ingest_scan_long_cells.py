"""A cell cut across two chunks of a sheet part is found whatever its length: a formula of a few
hundred characters saved without a value (or with an error value) is as much a gap as a short
one, and the import must block on it rather than read the cell as empty."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from mag_desktop.core.ingest import preflight


def _book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "Observations"
    sheet.append(["indicator", "value", "check"])
    long = '=IF(A2="x",' + "+".join(["B2"] * 230) + ",0)"  # about 700 bytes, no saved value
    for i in range(2, 400):
        sheet.append([f"IND{i % 7}", i / 3, long])
    wb.save(path)
    return path


def test_long_formula_cells_cut_across_chunks_are_all_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _book(tmp_path / "long.xlsx")
    whole = preflight.check_file(path).cells.formula_gaps()
    assert len(whole) == 398
    monkeypatch.setattr(preflight, "CHUNK", 4096)  # a seam through a long cell every few cells
    cut = preflight.check_file(path).cells.formula_gaps()
    assert sorted(cut) == sorted(whole)
