"""The pre-flight's background scan of the sheet parts is waited for sheet by sheet, and only
when its results are needed, so it overlaps the reading of the rows instead of delaying it."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest

from mag_desktop.core.ingest import preflight
from mag_desktop.core.ingest.percent import PercentCells
from mag_desktop.core.ingest.xlsx_cells import SheetCells


def _book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    big = wb.active
    assert big is not None
    big.title = "Observations"
    big.append(["indicator", "value"])
    for i in range(20_000):
        big.append([f"IND{i % 7}", i / 3])
    big["B5"] = "=1/0"  # saved by openpyxl without a value: a formula gap
    small = wb.create_sheet("Indicators")
    small.append(["code", "flag", "rate"])
    small.append(["IND1", True, 0.5])
    small["C2"].number_format = "0%"
    wb.save(path)
    return path


def test_a_small_sheet_is_ready_while_a_large_one_is_still_scanned(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    scan = SheetCells.scan

    def held(self: SheetCells, part: str, window: bytes) -> None:
        if self.names.get(part) == "Observations":
            release.wait(timeout=30)  # the large sheet's scan cannot finish yet
        scan(self, part, window)

    monkeypatch.setattr(SheetCells, "scan", held)
    pre = preflight.check_file(_book(tmp_path / "two.xlsx"))
    try:
        cells = pre.ready_cells("Indicators")  # scanned first, as the smaller part
        assert cells.booleans_of("Indicators") == {(2, 1): True}
        assert cells.percents_of("Indicators") == {(2, 2)}
        assert pre.scanning is not None and pre.scanning.is_alive()
    finally:
        release.set()
    assert pre.ready_cells().formula_gaps() == [("Observations", 5, 1)]  # the whole scan


def test_the_scan_reaches_every_sheet_after_a_sheet_is_asked_for(tmp_path: Path) -> None:
    pre = preflight.check_file(_book(tmp_path / "two.xlsx"))
    assert pre.ready_cells("Observations").formula_gaps() == [("Observations", 5, 1)]
    assert pre.ready_cells("Indicators").booleans_of("Indicators") == {(2, 1): True}


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
