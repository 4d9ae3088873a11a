"""The pre-flight finds error cells, booleans, percentages and formula gaps while it streams
each sheet part for its checks: every one of them, whichever chunk boundary cuts a cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from mag_desktop.core.ingest import preflight
from mag_desktop.core.ingest.percent import PercentCells
from mag_desktop.core.ingest.xlsx_cells import SheetCells


def _book(path: Path, formulas: int = 1) -> Path:
    wb = openpyxl.Workbook()
    big = wb.active
    assert big is not None
    big.title = "Observations"
    big.append(["indicator", "value", "flag"])
    for i in range(20_000):
        big.append([f"IND{i % 7}", i / 3, (i % 3 == 0) if i < 300 else None])
    for i in range(formulas):  # saved by openpyxl without a value: formula gaps
        big[f"D{5 + 37 * i}"] = "=1/0"
    small = wb.create_sheet("Indicators")
    small.append(["code", "flag", "rate"])
    small.append(["IND1", True, 0.5])
    small["C2"].number_format = "0%"
    wb.save(path)
    return path


def test_every_sheet_is_scanned_by_the_time_the_pre_flight_returns(tmp_path: Path) -> None:
    pre = preflight.check_file(_book(tmp_path / "two.xlsx"))
    assert pre.cells.formula_gaps() == [("Observations", 5, 3)]
    assert pre.cells.booleans_of("Indicators") == {(2, 1): True}
    assert pre.cells.percents_of("Indicators") == {(2, 2)}
    assert len(pre.cells.booleans_of("Observations")) == 300


def test_cells_cut_across_two_chunks_are_each_found_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 700 bytes cut a cell every few hundred: the seams are searched again."""
    path = _book(tmp_path / "cut.xlsx", formulas=200)
    whole = preflight.check_file(path).cells
    monkeypatch.setattr(preflight, "CHUNK", 700)
    cut = preflight.check_file(path).cells
    assert len(whole.formula_gaps()) == 200
    assert cut.formula_gaps() == whole.formula_gaps()
    assert cut.booleans_of("Observations") == whole.booleans_of("Observations")
    assert len(cut.booleans_of("Observations")) == 300


def test_percent_cells_are_asked_for_only_when_first_needed() -> None:
    asked: list[int] = []

    def source() -> set[tuple[int, int]]:
        asked.append(1)
        return {(3, 1), (2, 1)}

    cells = PercentCells.later(source)
    assert asked == []
    assert cells
    assert asked == [1]
    assert list(cells.by_column[1]) == [2, 3]
    assert not PercentCells.later(set)


def test_the_quick_letter_test_still_finds_every_kind_of_cell() -> None:
    cells = SheetCells(names={"xl/worksheets/sheet1.xml": "S"})
    window = (b'<row r="2"><c r="A2" t="e"><v>#N/A</v></c><c r="B2" t="b"><v>0</v></c>'
              b'<c r="C2"><f>SUM(A1:A2)</f></c></row>')
    cells.scan("xl/worksheets/sheet1.xml", window)
    assert cells.errors_of("S") == {(2, 0): "#N/A"}
    assert cells.booleans_of("S") == {(2, 1): False}
    assert cells.formula_gaps() == [("S", 2, 2)]
