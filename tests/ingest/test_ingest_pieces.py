"""A large sheet read in pieces (cut from the sheet part, parsed two at a time) gives exactly
the rows, numbers and stored observations that the sheet read whole gives.

The piece size is lowered so that small workbooks are cut into many pieces.
"""

from __future__ import annotations

import io
import itertools
import re
import threading
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
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

from mag_desktop.core.ingest import pieces
from mag_desktop.core.ingest.ahead import Ahead
from mag_desktop.core.ingest.fastread import Body
from mag_desktop.core.ingest.preflight import FileRefused, check_file
from mag_desktop.core.ingest.readers import Workbook
from mag_desktop.core.store import Store

PART = "xl/worksheets/sheet1.xml"
SMALL = 6_000  # bytes of rows a piece takes in these tests: dozens of pieces a sheet


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pieces, "PIECE_BYTES", SMALL)


def _workbook(path: Path, rows: int = 1500, first_col: int = 2) -> Path:
    """Numbers, texts, markers, dates, TRUE/FALSE, empty cells and runs of blank rows."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Data"
    ws.cell(1, first_col, "Figures (illustrative)")
    for j, header in enumerate(["Code", "Name", "When", "Value", "Flag", "Note"]):
        ws.cell(3, first_col + j, header)
    row = 4
    for i in range(rows):
        if i % 211 == 0:
            row += 1 + i % 7  # a run of blank rows, which a cut may fall in or beside
        values = [f"C{i % 40:03d}", f"Area {i % 97}", datetime(2024, 1 + i % 12, 1 + i % 28),
                  i * 1.5 if i % 13 else "[c]", (i % 3 == 0) if i % 17 == 0 else 0.1 * i,
                  "" if i % 7 else f"note {i}"]
        for j, value in enumerate(values):
            ws.cell(row, first_col + j, value)
        row += 1
    ws.cell(row + 3, first_col, "Source: a footnote below the table")
    book.save(path)
    return path


def _rows(body: Body, first: int, stop: int | None, col: int = 1, width: int = 6,
          numeric: frozenset[int] = frozenset({4})) -> tuple[list[int], list[list[Any]]]:
    numbers: list[int] = []
    rows: list[list[Any]] = []
    for n, cols in body.chunks(first, stop, col, width, 100, numeric):
        numbers += n.tolist()
        rows += [list(r) for r in zip(*cols, strict=True)]
    return numbers, rows


def _same(path: Path, first: int, stop: int | None, **kw: Any) -> list[int]:
    whole = _rows(Body(path, "Data"), first, stop, **kw)
    cut = _rows(Body(path, "Data", PART), first, stop, **kw)
    assert cut[0] == whole[0]
    assert cut[1] == whole[1]
    return cut[0]


def _cutters() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith(("cut-pieces",
                                                                         "read-piece"))]


def test_pieces_give_the_rows_of_the_whole_sheet(tmp_path: Path, small_pieces: None) -> None:
    path = _workbook(tmp_path / "data.xlsx")
    made = list(pieces.pieces(path, PART, SMALL))
    assert len(made) > 10
    assert made[0].start == 1 and made[-1].last and not any(m.last for m in made[:-1])
    assert all(a.end == b.start for a, b in itertools.pairwise(made))
    numbers = _same(path, 3, None)
    assert numbers[0] == 4 and numbers[-1] > 1500
    # every row of the table is given once, blank rows with the rest, in order
    assert numbers == list(range(4, numbers[-1] + 1))


def test_a_table_that_starts_and_ends_inside_pieces(tmp_path: Path, small_pieces: None) -> None:
    path = _workbook(tmp_path / "data.xlsx")
    for first, stop in ((3, 40), (700, 1234), (1000, None), (5000, None)):
        numbers = _same(path, first, stop)
        assert numbers == list(range(first + 1, first + 1 + len(numbers)))
        if stop is not None:
            assert numbers[-1] == stop


def test_each_piece_is_a_workbook_of_its_own_rows(tmp_path: Path, small_pieces: None) -> None:
    path = _workbook(tmp_path / "data.xlsx")
    assert b"<dimension" in sheet_xml(path)
    for piece in list(pieces.pieces(path, PART, SMALL))[1:4]:
        with zipfile.ZipFile(io.BytesIO(piece.book)) as book:
            xml = book.read(PART)
            assert "xl/sharedStrings.xml" in book.namelist() or b"inlineStr" in xml
        assert b"<dimension" not in xml  # the reader would reserve room for the whole sheet
        sheet = pc.CalamineWorkbook.from_filelike(io.BytesIO(piece.book)
                                                   ).get_sheet_by_name("Data")
        assert sheet.start is not None and sheet.start[0] == piece.origin - 1  # the extra cells
        assert sheet.end is not None and sheet.end[0] == piece.end - 1
        assert sheet.height == piece.height


def test_a_sheet_with_a_namespace_prefix_is_cut(tmp_path: Path, small_pieces: None) -> None:
    source = _workbook(tmp_path / "data.xlsx")
    xml = sheet_xml(source)
    xml = re.sub(rb"<(/?)(?!\?)(\w)", rb"<\1x:\2", xml).replace(b"xmlns=", b"xmlns:x=")
    path = rewrite_zip(source, tmp_path / "prefixed.xlsx", replace={PART: xml})
    assert len(list(pieces.pieces(path, PART, SMALL))) > 10
    _same(path, 3, None)


def test_a_row_without_its_number_stops_the_cutting(tmp_path: Path, small_pieces: None) -> None:
    source = _workbook(tmp_path / "data.xlsx")
    xml = sheet_xml(source)
    middle = xml.index(b"<row ", len(xml) // 2)
    xml = xml[:middle] + re.sub(rb'<row r="\d+"', b"<row", xml[middle:])  # numbered by count
    path = rewrite_zip(source, tmp_path / "unnumbered.xlsx", replace={PART: xml})
    given = []
    with pytest.raises(pieces.CannotCut):
        for piece in pieces.pieces(path, PART, SMALL):
            given.append(piece)
    assert len(given) > 3
    _same(path, 3, None)  # the pieces before it, then the rest of the sheet read whole


def _strings(count: int) -> bytes:
    items = "".join(f"<si><t>text {i}</t></si>" for i in range(count))
    return (f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{count}" uniqueCount="{count}">{items}</sst>').encode()


def test_a_small_sheet_or_one_with_many_shared_strings_is_not_cut(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "data.xlsx")
    assert pieces.piece_size(path, PART) is None  # far below two pieces of 32 MB
    sheet = zipfile.ZipFile(path).getinfo(PART).file_size
    monkeypatch.setattr(pieces, "PIECE_BYTES", 1000)
    assert pieces.piece_size(path, PART) == 1000
    few = rewrite_zip(path, tmp_path / "few.xlsx", add={"xl/sharedStrings.xml": _strings(10)})
    assert pieces.piece_size(few, PART) == pieces.STRINGS_FACTOR * len(_strings(10))
    # each piece parses the shared strings again: with as many as here, the sheet is read whole
    count = sheet // (2 * pieces.STRINGS_FACTOR * 20) + 1
    many = rewrite_zip(path, tmp_path / "many.xlsx",
                       add={"xl/sharedStrings.xml": _strings(count)})
    assert pieces.piece_size(many, PART) is None


def test_leaving_early_stops_every_thread(tmp_path: Path, small_pieces: None) -> None:
    path = _workbook(tmp_path / "data.xlsx")
    chunks = Body(path, "Data", PART).chunks(3, None, 1, 6, 50)
    next(chunks)
    chunks.close()
    alive = [t.name for t in threading.enumerate()
             if t.name.startswith(("cut-pieces", "read-piece"))]
    assert alive == []


def test_a_piece_the_reader_refuses_is_read_with_the_rest_whole(
        tmp_path: Path, small_pieces: None, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "data.xlsx")
    real = pieces._Cutter._finish

    def broken(self: Any, piece: Any, start: int, end: int, letter: bytes,
               last: bool = False) -> pieces.Piece:
        made = real(self, piece, start, end, letter, last)
        return pieces.Piece(made.book[:200] if start > 700 else made.book, made.start,
                            made.end, made.last)

    monkeypatch.setattr(pieces._Cutter, "_finish", broken)
    _same(path, 3, None)
    assert _cutters() == []


def test_a_damaged_sheet_is_refused_with_the_file_named(tmp_path: Path,
                                                        small_pieces: None) -> None:
    source = _workbook(tmp_path / "data.xlsx")
    xml = sheet_xml(source)
    middle = xml.index(b"<row ", len(xml) // 2)
    xml = xml[:middle + 20]  # the part ends inside a row's tag
    path = rewrite_zip(source, tmp_path / "damaged.xlsx", replace={PART: xml})
    with pytest.raises(FileRefused, match=r"damaged\.xlsx: sheet 'Data' cannot be read"):
        _rows(Body(path, "Data", PART), 3, None)
    assert _cutters() == []


def _unordered(source: Path, target: Path, order: Any) -> Path:
    xml = sheet_xml(source)
    opening, rest = xml.split(b"<sheetData>", 1)
    rows, closing = rest.split(b"</sheetData>", 1)
    tags = re.findall(rb"<row .*?</row>", rows, re.DOTALL)
    moved = opening + b"<sheetData>" + b"".join(order(tags)) + b"</sheetData>" + closing
    return rewrite_zip(source, target, replace={PART: moved})


ORDERS = {  # the second half first; rows 300-599 after 600-899; the first row last
    "halves": lambda t: t[len(t) // 2:] + t[:len(t) // 2],
    "swapped": lambda t: t[:300] + t[600:900] + t[300:600] + t[900:],
    "first-last": lambda t: t[1:] + t[:1],
}


@pytest.mark.parametrize("order", ORDERS)
def test_rows_out_of_order_are_never_given_from_pieces(tmp_path: Path, small_pieces: None,
                                                       order: str) -> None:
    path = _unordered(_workbook(tmp_path / "data.xlsx"), tmp_path / "unordered.xlsx",
                      ORDERS[order])
    body = Body(path, "Data", PART)
    try:
        got = _rows(body, 3, None)
    except pieces.OutOfOrder:  # found after rows were given: the caller reads it again whole
        body.read_whole()
        got = _rows(body, 3, None)
    assert got == _rows(Body(path, "Data"), 3, None)
    assert _cutters() == []


def test_an_import_of_rows_out_of_order_stores_what_the_whole_sheet_gives(
        tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _observations(tmp_path / "obs.xlsx", store)
    path = _unordered(source, tmp_path / "unordered.xlsx", ORDERS["halves"])
    again: list[Workbook] = []
    real = Workbook.read_whole
    monkeypatch.setattr(Workbook, "read_whole", lambda book: again.append(book) or real(book))
    stored = _both_ways(path, store, tmp_path, monkeypatch)
    assert stored[0] == stored[1]
    assert len(again) == 1  # found out of order after rows were given: read again, whole


def test_comments_in_the_rows_are_never_cut_through(tmp_path: Path, small_pieces: None
                                                    ) -> None:
    source = _workbook(tmp_path / "data.xlsx")
    xml = sheet_xml(source)
    middle = xml.index(b"<row ", len(xml) // 3)
    xml = xml[:middle] + b'<!-- <row r="2"><c r="A2"><v>9</v></c></row> -->' + xml[middle:]
    path = rewrite_zip(source, tmp_path / "commented.xlsx", replace={PART: xml})
    with pytest.raises(pieces.CannotCut):
        list(pieces.pieces(path, PART, SMALL))
    _same(path, 3, None)


def test_an_iterator_that_fails_to_start_is_reported_not_waited_for() -> None:
    def make() -> Iterator[int]:
        raise ValueError("no start")

    ahead = Ahead(make)
    with pytest.raises(ValueError, match="no start"):
        next(ahead)
    ahead.close()
    assert next(ahead, None) is None  # after close: at its end, not waiting


def _both_ways(path: Path, store: Store, tmp_path: Path,
               monkeypatch: pytest.MonkeyPatch) -> list[list[tuple[object, ...]]]:
    """The file imported into ``store`` read whole, then into a new store read in pieces: each
    store's current rows with their withheld flags."""
    stored = []
    for size, target in ((1 << 40, store), (SMALL, Store.open(tmp_path / "other.sqlite"))):
        monkeypatch.setattr(pieces, "PIECE_BYTES", size)
        seed_definitions(target, tmp_path)
        result = imp(target, path)
        assert result.status == "ok" and result.inserted == 840, result.message
        flags = dict(((r[0], r[1], r[2], r[3]), r[4]) for r in target.conn.execute(
            "SELECT indicator_code, area_code, period, group_code, withheld FROM observation"))
        stored.append([(*row, flags[tuple(row[:4])]) for row in current_obs(target.conn)])
    return stored


def _observations(path: Path, store: Store) -> Path:
    def rows(k: int, ward: str) -> list[list[object]]:  # a total and its groups
        values = [k * 10 + g if (k + g) % 9 else "[c]" for g in range(len(SIX_GROUPS))]
        total = str(sum(k * 10 + g for g in range(len(SIX_GROUPS))))
        return [obs("CNT_IND", "2024 Q1", ward, "All", total)] + [
            obs("CNT_IND", "2024 Q1", ward, g, str(v))
            for g, v in zip(SIX_GROUPS, values, strict=True)]

    return ward_observations(path, store, rows)


def test_an_import_stores_the_same_either_way(tmp_path: Path, store: Store,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = _observations(tmp_path / "obs.xlsx", store)
    cuts: list[int] = []
    real = pieces.pieces

    def counted(*args: Any) -> Any:
        for piece in real(*args):
            cuts.append(piece.start)
            yield piece

    monkeypatch.setattr(pieces, "pieces", counted)
    stored = _both_ways(path, store, tmp_path, monkeypatch)
    assert len(cuts) > 5  # the second import was read in pieces
    assert stored[0] == stored[1]  # every value, marker and withheld flag
    marked = sum(1 for k in range(120) for g in range(6) if (k + g) % 9 == 0)
    assert sum(1 for r in stored[0] if r[-2] == "[c]") == marked
    assert any(r[-1] for r in stored[0])  # secondary suppression was written either way
    assert np.all(np.diff([c for c in cuts if c > 1]) > 0)


def test_an_import_cuts_the_largest_sheet_while_its_tables_are_found(
        tmp_path: Path, store: Store, small_pieces: None) -> None:
    path = _observations(tmp_path / "obs.xlsx", store)
    book = Workbook(check_file(path), cut_ahead=True)
    assert book._cutting is not None and book._cutting[0] == PART
    body = book.sheet("Observations")._body
    assert body is not None and body._cutting is not None  # handed to the sheet's reader
    book.close()
    assert _cutters() == []
    preview = Workbook(check_file(path))  # a preview reads the first rows only: no cutting
    assert preview._cutting is None
    preview.close()


def test_a_rejected_import_leaves_no_thread_behind(tmp_path: Path, store: Store,
                                                   small_pieces: None) -> None:
    path = _observations(tmp_path / "obs.xlsx", store)
    result = imp(store, path)  # no indicator definitions: every row is refused
    assert result.status == "rejected" and result.errors
    assert _cutters() == []


def test_a_sheet_larger_than_a_chunk_of_the_reader_is_cut_all_through(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pieces, "PIECE_BYTES", 40_000)
    path = _workbook(tmp_path / "data.xlsx", rows=8000)
    assert zipfile.ZipFile(path).getinfo(PART).file_size > 2 * (1 << 20) // 3
    made = list(pieces.pieces(path, PART, 40_000))  # the first chunk inflated is 1 MiB
    assert len(made) > 10 and made[-1].last
    _same(path, 3, None)
