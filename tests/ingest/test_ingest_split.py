"""A large sheet parsed as two halves on two threads reads exactly as the whole sheet does.

The size threshold is lowered so that small workbooks are cut; each test compares the rows,
bounds and merged cells with the sheet parsed whole.
"""

from __future__ import annotations

import importlib.util
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from ingest_helpers import OBS, current_obs, imp, obs, rewrite_zip, seed_definitions, sheet_xml

from mag_desktop.core.ingest import halfbook, split
from mag_desktop.core.ingest.preflight import check_file
from mag_desktop.core.ingest.readers import Sheet, Workbook
from mag_desktop.core.store import Store

PART = "xl/worksheets/sheet1.xml"


Read = tuple[Sheet, list[list[Any]], Any]  # the sheet, its rows, what parsed it


def _read(path: Path, name: str) -> Read:
    book = Workbook(check_file(path))
    try:
        sheet = book.sheet(name)
        return sheet, [list(r) for r in sheet.iter_rows()], sheet._source
    finally:
        book.close()


def _both(path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Read, Read]:
    monkeypatch.setattr(split, "SPLIT_BYTES", 1 << 40)
    whole = _read(path, name)
    monkeypatch.setattr(split, "SPLIT_BYTES", 0)
    return whole, _read(path, name)


def _assert_same(whole: Read, cut: Read, was_cut: bool = True) -> None:
    (a, rows_a, _), (b, rows_b, source) = whole, cut
    assert isinstance(source, split.SplitSheet) is was_cut
    assert (b.col_offset, b.height, sorted(b.merged)) == (a.col_offset, a.height,
                                                          sorted(a.merged))
    assert rows_b == rows_a


def _workbook(path: Path, rows: int = 1500, first_col: int = 1,
              gap: range = range(0), narrow_after: int | None = None) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Data"
    ws.cell(1, first_col, "Quarterly figures: illustrative")
    ws.merge_cells(start_row=1, start_column=first_col, end_row=1, end_column=first_col + 3)
    for j, header in enumerate(["Code", "Name", "When", "Value", "Flag", "Note"]):
        ws.cell(3, first_col + j, header)
    start = first_col
    for i in range(rows):
        if 4 + i in gap:
            continue
        start = first_col + (1 if narrow_after is not None and i >= narrow_after else 0)
        values = [f"C{i % 40:03d}", f"Area {i % 97}", datetime(2024, 1 + i % 12, 1 + i % 28),
                  i * 1.5 if i % 13 else "[c]", i % 2 == 0, "" if i % 7 else f"note {i}"]
        for j, value in enumerate(values):
            ws.cell(4 + i, start + j, value)
    ws.cell(rows + 6, start, "Source: a footnote below the table")
    book.save(path)
    return path


def test_halves_read_as_the_whole_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "plain.xlsx")
    whole, cut = _both(path, "Data", monkeypatch)
    _assert_same(whole, cut)
    assert any(isinstance(c, date) for row in cut[1][-50:] for c in row)  # via the styles


def test_a_leading_empty_column_and_a_gap_at_the_middle(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "gap.xlsx", rows=1200, first_col=3, gap=range(500, 900))
    _assert_same(*_both(path, "Data", monkeypatch))


def test_halves_whose_columns_start_and_end_differently(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Early rows fill columns A to F; late rows B to G: the halves' ranges differ."""
    path = _workbook(tmp_path / "shifted.xlsx", rows=1000, narrow_after=200)
    whole, cut = _both(path, "Data", monkeypatch)
    assert isinstance(cut[2], split.SplitSheet)
    first, second = cut[2].first, cut[2].second
    assert first.start[1] != second.start[1] or first.end[1] != second.end[1]
    _assert_same(whole, cut)


def test_rows_without_numbers_are_not_cut(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    source = _workbook(tmp_path / "numbered.xlsx", rows=600)
    xml = re.sub(rb'(<row[^>]*?) r="\d+"', rb"\1", sheet_xml(source))
    path = rewrite_zip(source, tmp_path / "unnumbered.xlsx", replace={PART: xml})
    _assert_same(*_both(path, "Data", monkeypatch), was_cut=False)


def test_a_prefixed_sheet_is_cut_with_its_prefix(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    source = _workbook(tmp_path / "plain.xlsx", rows=600)
    xml = sheet_xml(source)
    xml = re.sub(rb"<(/?)(?!\?)([A-Za-z])", rb"<\1x:\2", xml)
    xml = xml.replace(b'xmlns="', b'xmlns:x="', 1)
    path = rewrite_zip(source, tmp_path / "prefixed.xlsx", replace={PART: xml})
    whole, cut = _both(path, "Data", monkeypatch)
    assert len(whole[1]) > 600
    _assert_same(whole, cut)


def test_a_damaged_half_falls_back_to_the_whole_sheet(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "plain.xlsx", rows=600)
    monkeypatch.setattr(halfbook, "_archive", lambda members: b"not a zip")
    _assert_same(*_both(path, "Data", monkeypatch), was_cut=False)


def _observations(path: Path, store: Store) -> Path:
    groups = ["Pakistani", "Indian", "Bangladeshi", "Chinese", "African", "Caribbean"]
    wards = [r[0] for r in store.conn.execute(
        "SELECT code FROM area WHERE level = 'ward' ORDER BY code LIMIT 120")]
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Observations"
    ws.append(OBS)
    for i, (w, g) in enumerate((w, g) for w in wards for g in groups):
        ws.append(obs("CNT_IND", "2024 Q1", w, g, str(i)))
    book.save(path)
    assert zipfile.ZipFile(path).getinfo(PART).file_size > 50_000
    return path


def test_an_import_stores_the_same_either_way(tmp_path: Path, store: Store,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = _observations(tmp_path / "obs.xlsx", store)
    rows = [OBS] * 721
    stored = []
    for threshold, target in ((1 << 40, store), (0, Store.open(tmp_path / "other.sqlite"))):
        monkeypatch.setattr(split, "SPLIT_BYTES", threshold)
        seed_definitions(target, tmp_path)
        result = imp(target, path)
        assert result.status == "ok" and result.inserted == len(rows) - 1, result.message
        stored.append(current_obs(target.conn))
    assert stored[0] == stored[1]


def _reordered(source: Path, target: Path, order: Callable[[list[bytes]], list[bytes]]) -> Path:
    """The workbook with its rows written in another order (calamine places them by number)."""
    xml = sheet_xml(source)
    rows = re.findall(rb"<row .*?</row>", xml, re.DOTALL)
    start, end = xml.index(rows[0]), xml.index(rows[-1]) + len(rows[-1])
    xml = xml[:start] + b"".join(order(rows)) + xml[end:]
    return rewrite_zip(source, target, replace={PART: xml})


ORDERS: dict[str, Callable[[list[bytes]], list[bytes]]] = {
    "halves swapped": lambda rows: rows[len(rows) // 2:] + rows[:len(rows) // 2],
    "title last": lambda rows: rows[1:] + rows[:1],
    "a row twice": lambda rows: [*rows, rows[150].replace(b"</row>", b"")
                                 + b'<c r="Z152" t="n"><v>7</v></c></row>'],
    "early rows last": lambda rows: rows[:50] + rows[300:] + rows[50:300],
}


@pytest.mark.parametrize("order", list(ORDERS))
def test_rows_out_of_order_across_the_cut_are_read_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: str) -> None:
    source = _workbook(tmp_path / "ordered.xlsx", rows=600)
    path = _reordered(source, tmp_path / "reordered.xlsx", ORDERS[order])
    monkeypatch.setattr(split, "SPLIT_BYTES", 1 << 40)
    whole = _read(path, "Data")
    assert sum(1 for r in whole[1] if any(c != "" for c in r)) >= 600
    monkeypatch.setattr(split, "SPLIT_BYTES", 0)
    _assert_same(whole, _read(path, "Data"), was_cut=False)


def test_an_import_of_rows_out_of_order_stores_the_same(
        tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _observations(tmp_path / "obs.xlsx", store)
    path = _reordered(source, tmp_path / "reordered.xlsx", ORDERS["halves swapped"])
    stored = []
    for threshold, target in ((1 << 40, store), (0, Store.open(tmp_path / "other.sqlite"))):
        monkeypatch.setattr(split, "SPLIT_BYTES", threshold)
        seed_definitions(target, tmp_path)
        result = imp(target, path)
        assert result.status == "ok", result.message
        stored.append(current_obs(target.conn))
    assert stored[0] == stored[1] and len(stored[0]) == 720


def test_other_sheets_and_images_are_left_out_of_the_halves(
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
    _assert_same(*_both(path, "Data", monkeypatch))
    assert kept and all("xl/worksheets/sheet2.xml" not in k and "xl/media/image1.png" not in k
                        and "xl/styles.xml" in k for k in kept)
    assert _read(path, "Notes")[1][0] == ["Notes", "about", "the data"]


def test_anything_unexpected_while_cutting_falls_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "plain.xlsx", rows=600)

    def broken(*args: object) -> None:
        raise RuntimeError("a surprise")

    monkeypatch.setattr(split, "_cut", broken)
    _assert_same(*_both(path, "Data", monkeypatch), was_cut=False)


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
    whole, cut = _both(path, "Observations", monkeypatch)
    _assert_same(whole, cut)
    assert len(cut[1]) == 3001
