"""An xlsx sheet read in two parts, its first rows cut out and parsed by python-calamine, its
table's rows read column-wise by fastexcel, gives what the whole sheet parsed by python-calamine
gives: the same first rows, merged cells, table rows and stored observations.

The size and row thresholds are lowered so that small workbooks are cut.
"""

from __future__ import annotations

import importlib.util
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pyarrow as pa
import pytest
import python_calamine as pc
from ingest_helpers import (
    SIX_GROUPS,
    current_obs,
    imp,
    obs,
    rewrite_zip,
    seed_definitions,
    sheet_xml,
    ward_observations,
)

from mag_desktop.core.ingest import halfbook, head, readers
from mag_desktop.core.ingest.arrowcells import objects
from mag_desktop.core.ingest.cells import parse_numbers
from mag_desktop.core.ingest.extent import Extent
from mag_desktop.core.ingest.preflight import check_file
from mag_desktop.core.ingest.readers import Sheet, Workbook
from mag_desktop.core.store import Store

PART = "xl/worksheets/sheet1.xml"
ROWS = 300  # rows cut out as the head in these tests


def _whole(path: Path, name: str) -> Any:
    return pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name)


def _read(path: Path, name: str, monkeypatch: pytest.MonkeyPatch, cut: bool = True
          ) -> tuple[Sheet, list[list[Any]]]:
    monkeypatch.setattr(head, "HEAD_BYTES", 0 if cut else 1 << 40)
    monkeypatch.setattr(readers, "HEAD_ROWS", ROWS)
    book = Workbook(check_file(path))
    sheet = book.sheet(name)
    return sheet, sheet.head(ROWS)


def _workbook(path: Path, rows: int = 1000, first_col: int = 1, merged_low: bool = False
              ) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Data"
    ws.cell(1, first_col, "Quarterly figures: illustrative")
    ws.merge_cells(start_row=1, start_column=first_col, end_row=1, end_column=first_col + 3)
    for j, header in enumerate(["Code", "Name", "When", "Value", "Flag", "Note"]):
        ws.cell(3, first_col + j, header)
    for i in range(rows):
        values = [f"C{i % 40:03d}", f"Area {i % 97}", datetime(2024, 1 + i % 12, 1 + i % 28),
                  i * 1.5 if i % 13 else "[c]", "007" if i % 5 else 0.1 * i,
                  "" if i % 7 else f"note {i}"]
        for j, value in enumerate(values):
            ws.cell(4 + i, first_col + j, value)
    if merged_low:
        ws.merge_cells(start_row=rows + 2, start_column=first_col, end_row=rows + 2,
                       end_column=first_col + 2)
    ws.cell(rows + 6, first_col, "Source: a footnote below the table")
    book.save(path)
    return path


def _same_head(path: Path, name: str, monkeypatch: pytest.MonkeyPatch, cut: bool = True
               ) -> Sheet:
    sheet, rows = _read(path, name, monkeypatch)
    whole = _whole(path, name)
    assert (sheet._whole is not None) is cut  # the first rows were cut out, or not
    assert rows == [list(r) for r in whole.to_python()][:ROWS]
    assert sheet.col_offset == whole.start[1]
    assert sorted(sheet.merged) == sorted(whole.merged_cell_ranges or [])
    return sheet


def test_the_first_rows_read_as_from_the_whole_sheet(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "plain.xlsx", first_col=3, merged_low=True)
    sheet = _same_head(path, "Data", monkeypatch)
    assert any(isinstance(c, date) for row in sheet.head(ROWS) for c in row)  # via the styles
    assert 900 < sheet.height < 1100  # estimated from the bytes of the first rows
    more = sheet.head(ROWS + 5)  # more rows than were cut out: the whole sheet is parsed
    assert more == [list(r) for r in _whole(path, "Data").to_python()][:ROWS + 5]


def test_table_rows_read_column_wise_as_python_calamine_gives_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "plain.xlsx", first_col=2)
    sheet, _ = _read(path, "Data", monkeypatch)
    whole = [list(r) for r in _whole(path, "Data").to_python()]
    got = [(numbers, cols) for numbers, cols in sheet.columns(3, None, 6, 128)]
    assert [len(n) for n, _ in got][:2] == [128, 128]
    numbers = np.concatenate([n for n, _ in got])
    rows = [list(r) for _, cols in got for r in zip(*cols, strict=True)]
    assert numbers.tolist() == list(range(4, len(whole) + 1))
    # text in a column of numbers that reads as a number comes as the number (the value
    # validation would read from it), whatever else it holds comes as it is
    expected = [[*r[:4], 7.0 if r[4] == "007" else r[4], *r[5:]] + [""] * (6 - len(r))
                for r in whole[3:]]
    assert rows == expected
    assert sum(1 for r in rows if r[3] == "[c]") > 70


def test_a_table_that_ends_early_is_read_to_its_end(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "plain.xlsx")
    sheet, _ = _read(path, "Data", monkeypatch)
    numbers = np.concatenate([n for n, _ in sheet.columns(3, 40, 6, 10)])
    assert numbers.tolist() == list(range(4, 41))
    assert list(sheet.columns(5000, None, 6, 10)) == []  # past the sheet's end: no rows


def test_cells_are_read_back_exactly() -> None:
    texts = ["0.1", "12", "007", "1.50", "[c]", None, "", "-4", "2024-01-02 00:00:00",
             "2024-01-02 13:05:00", "1234567890123456"]
    assert objects(pa.array(texts, pa.string())).tolist() == [
        "0.1", 12.0, "007", "1.50", "[c]", "", "", -4.0, date(2024, 1, 2),
        datetime(2024, 1, 2, 13, 5), "1234567890123456"]
    assert objects(pa.array([0.1, None, 2.0])).tolist() == [0.1, "", 2.0]


def test_numbers_stay_exact_floats_beside_markers(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    numbers = [0.1, 1 / 3, 123456789012345.67, 1e-7, 2.0 ** 53 + 2, 1e300, -0.5, 5e-324]
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Data"
    ws.append(["Code", "Value"])
    for i, x in enumerate([*numbers, "[c]"]):
        ws.append([f"C{i}", x])
    book.save(tmp_path / "exact.xlsx")
    sheet, _ = _read(tmp_path / "exact.xlsx", "Data", monkeypatch, cut=False)
    (_, (_, cells)), = list(sheet.columns(1, None, 2, 100))
    values, markers, bad = parse_numbers(cells)[:3]
    saved = [r[1] for r in _whole(tmp_path / "exact.xlsx", "Data").to_python()[1:-1]]
    assert values[:-1].tolist() == saved and np.isnan(values[-1])
    assert saved[:2] == numbers[:2] and saved[3:] == numbers[3:]  # as written (16 digits)
    assert markers[-1] == "[c]" and not bad.any()


def test_a_table_below_the_first_rows_is_typed_from_its_own_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "plain.xlsx", rows=600)
    book = openpyxl.load_workbook(path)
    ws = book["Data"]
    ws.cell(ROWS + 50, 1, "Code")
    ws.cell(ROWS + 50, 2, "Rate")
    for i in range(1, 30):
        ws.cell(ROWS + 50 + i, 1, f"R{i}")
        ws.cell(ROWS + 50 + i, 2, i / 3 if i % 4 else "[c]")
    book.save(path)
    sheet, _ = _read(path, "Data", monkeypatch)
    assert sheet._numeric(ROWS + 50, 2) == frozenset({1})
    cells = np.concatenate([c[1] for _, c in sheet.columns(ROWS + 50, ROWS + 79, 2, 100)])
    saved = [r[1] for r in _whole(path, "Data").to_python()[ROWS + 50:ROWS + 79]]
    assert cells.tolist() == saved and saved[0] == 1 / 3 and saved[3] == "[c]"


def test_true_and_false_below_the_first_rows_are_not_read_as_numbers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: Store) -> None:
    path = _observations(tmp_path / "obs.xlsx", store)
    book = openpyxl.load_workbook(path)
    ws = book["Observations"]
    ws.cell(ROWS + 40, 5, True)  # the Value column, numbers in the first rows
    ws.cell(ROWS + 41, 5, False)
    book.save(path)
    sheet, _ = _read(path, "Observations", monkeypatch)
    cells = [c for _, cols in sheet.columns(3, None, 5, 1000) for c in cols[4]]
    assert cells[ROWS + 40 - 4:ROWS + 42 - 4] == [True, False]
    assert [type(c) for c in cells].count(bool) == 2
    seed_definitions(store, tmp_path)
    result = imp(store, path)
    assert result.status == "rejected"
    assert {(i.row, i.value) for i in result.errors} == {(ROWS + 40, "True"), (ROWS + 41, "False")}


def test_text_and_dates_in_a_column_of_numbers_come_back_as_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cells = [1.5, 'a "quoted" text', "it's", "café ünï", "two\nlines\ttab", "back\\slash",
             "emoji 😀", datetime(2024, 1, 2), datetime(2024, 1, 2, 13, 5), "[c]", " spaced ",
             "\u202eturned", "(5)", "1,234"]
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Data"
    ws.append(["Code", "Value"])
    for i, x in enumerate(cells):
        ws.append([f"C{i}", x])
    book.save(tmp_path / "mixed.xlsx")
    sheet, _ = _read(tmp_path / "mixed.xlsx", "Data", monkeypatch, cut=False)
    assert sheet._numeric(1, 2) == frozenset({1})  # read as numbers, the rest as fastexcel says
    (_, (_, got)), = list(sheet.columns(1, None, 2, 100))
    whole = [r[1] for r in _whole(tmp_path / "mixed.xlsx", "Data").to_python()[1:]]
    assert got.tolist() == whole
    assert whole[7] == date(2024, 1, 2)


def test_merged_cells_of_a_prefixed_sheet(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    source = _workbook(tmp_path / "plain.xlsx", rows=600, merged_low=True)
    xml = sheet_xml(source)
    xml = re.sub(rb"<(/?)(?!\?)([A-Za-z])", rb"<\1x:\2", xml)
    xml = xml.replace(b'xmlns="', b'xmlns:x="', 1)
    path = rewrite_zip(source, tmp_path / "prefixed.xlsx", replace={PART: xml})
    sheet = _same_head(path, "Data", monkeypatch)
    assert len(sheet.merged) == 2


def test_merged_cells_are_noted_however_the_part_is_cut_into_chunks() -> None:
    xml = (b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="2">'
           b'<mergeCell ref="A1:D1"/><mergeCell ref="AA100000:AB100001"/></mergeCells>')
    expected = {((0, 0), (0, 3)), ((99_999, 26), (100_000, 27))}
    for cut in range(1, len(xml)):
        extent = Extent()
        extent.feed(xml[:cut])
        extent.feed(xml[cut:])
        assert extent.merged == expected, cut


def test_rows_without_numbers_are_cut_by_counting(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    source = _workbook(tmp_path / "numbered.xlsx", rows=600)
    xml = re.sub(rb'(<row[^>]*?) r="\d+"', rb"\1", sheet_xml(source))
    xml = re.sub(rb'(<c[^>]*?) r="[A-Z]+\d+"', rb"\1", xml)
    path = rewrite_zip(source, tmp_path / "unnumbered.xlsx", replace={PART: xml})
    _same_head(path, "Data", monkeypatch)


def test_a_damaged_head_falls_back_to_the_whole_sheet(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "plain.xlsx", rows=600)
    monkeypatch.setattr(halfbook, "_archive", lambda members: b"not a zip")
    _same_head(path, "Data", monkeypatch, cut=False)


def test_other_sheets_and_images_are_left_out_of_the_head(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _workbook(tmp_path / "one.xlsx", rows=800)
    book = openpyxl.load_workbook(source)
    book.create_sheet("Notes").append(["Notes", "about", "the data"])
    book.save(tmp_path / "two.xlsx")
    path = rewrite_zip(tmp_path / "two.xlsx", tmp_path / "media.xlsx",
                       add={"xl/media/image1.png": b"\x89PNG" + bytes(5000)})
    kept: list[list[str]] = []
    real = halfbook._archive
    monkeypatch.setattr(halfbook, "_archive", lambda members: kept.append(
        [m.name.decode() for m in members]) or real(members))
    _same_head(path, "Data", monkeypatch)
    assert kept and all("xl/worksheets/sheet2.xml" not in k and "xl/media/image1.png" not in k
                        and "xl/styles.xml" in k for k in kept)
    assert _read(path, "Notes", monkeypatch)[1][0] == ["Notes", "about", "the data"]


def _observations(path: Path, store: Store) -> Path:
    def rows(k: int, ward: str) -> list[list[object]]:
        return [obs("CNT_IND", "2024 Q1", ward, g, str(i) if i % 9 else "[c]")
                for i, g in ((k * 6 + j, g) for j, g in enumerate(SIX_GROUPS))]

    ward_observations(path, store, rows)
    assert zipfile.ZipFile(path).getinfo(PART).file_size > 50_000
    return path


def test_an_import_stores_the_same_either_way(tmp_path: Path, store: Store,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = _observations(tmp_path / "obs.xlsx", store)
    monkeypatch.setattr(readers, "HEAD_ROWS", ROWS)
    stored = []
    for threshold, target in ((1 << 40, store), (0, Store.open(tmp_path / "other.sqlite"))):
        monkeypatch.setattr(head, "HEAD_BYTES", threshold)
        seed_definitions(target, tmp_path)
        result = imp(target, path)
        assert result.status == "ok" and result.inserted == 720, result.message
        stored.append(current_obs(target.conn))
    assert stored[0] == stored[1]
    assert sum(1 for r in stored[0] if r[-1] == "[c]") == 80


def test_a_workbook_as_excel_writes_it_with_shared_strings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_workbook", Path(__file__).parents[2] / "benchmarks" / "make_workbook.py")
    assert spec and spec.loader
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    path = tmp_path / "excel-like.xlsx"
    maker.write(path, maker.rows(3000))
    assert "xl/sharedStrings.xml" in zipfile.ZipFile(path).namelist()
    sheet = _same_head(path, "Observations", monkeypatch)
    whole = [list(r) for r in _whole(path, "Observations").to_python()]
    rows = [list(r) for _, cols in sheet.columns(1, None, 13, 1000) for r in zip(*cols,
                                                                                   strict=True)]
    assert rows == whole[1:]
