"""Hostile workbooks answered in bounded time and memory: a stray far cell, DOCTYPEs hidden in
parts named in capitals, behind a long comment or in a part that is not named .xml."""

from __future__ import annotations

import random
import re
import resource
import time
import zipfile
from pathlib import Path

import pytest
from ingest_helpers import (
    OBS,
    checksum,
    cli,
    imp,
    obs,
    rewrite_zip,
    seed_definitions,
    sheet_xml,
    write_ods,
    write_xlsx,
)

from mag_desktop.core.ingest.extent import Extent, far_cells
from mag_desktop.core.store import Store

SHEET = "xl/worksheets/sheet1.xml"


def _book(tmp_path: Path) -> Path:
    rows = [OBS[:5], *(obs(group=g) for g in ("Indian", "Pakistani", "Bangladeshi"))]
    return write_xlsx(tmp_path / "good.xlsx", {"Data": rows})


def with_far_cell(tmp_path: Path, ref: str, empty: bool = False) -> Path:
    """The good workbook plus one cell at ``ref`` (a value, or only a format when ``empty``)."""
    book = _book(tmp_path)
    row = int("".join(ch for ch in ref if ch.isdigit()))
    cell = (f'<c r="{ref}" s="0"/>' if empty
            else f'<c r="{ref}" t="inlineStr"><is><t>stray</t></is></c>')
    xml = sheet_xml(book).replace(b"</sheetData>",
                                  f'<row r="{row}">{cell}</row></sheetData>'.encode())
    path = rewrite_zip(book, tmp_path / f"far-{ref}.xlsx", replace={SHEET: xml})
    assert path.stat().st_size < 10_000
    return path


def _peak_mb_of_import(path: Path, store_path: Path) -> tuple[int, str, float]:
    """Exit code, output and seconds of ``mag_desktop import`` in a fresh process."""
    start = time.perf_counter()
    done = cli("import", str(path), "--store", str(store_path), timeout=120)
    return done.returncode, done.stdout + done.stderr, time.perf_counter() - start


@pytest.mark.parametrize("ref", ["XFD1048576", "XFD4000", "ZZ900000"])
def test_a_stray_far_cell_is_refused_naming_it(store_path: Path, tmp_path: Path,
                                               ref: str) -> None:
    """Today the reader asks for 512 GiB (XFD1048576: the process aborts) or 3 GB (XFD4000)."""
    with Store.open(store_path) as store:
        before = checksum(store)
    path = with_far_cell(tmp_path, ref)
    code, out, seconds = _peak_mb_of_import(path, store_path)
    assert code == 1, out
    assert "Traceback" not in out
    assert f"cell {ref} on sheet Data is far outside the table (A1:E4)" in out, out
    assert "delete it" in out and "save the workbook again" in out
    assert seconds < 20  # the process starts in a few seconds; the refusal itself is instant
    with Store.open(store_path) as store:
        assert checksum(store) == before


def test_far_cell_refusal_in_process_is_quick_and_small(store: Store, tmp_path: Path) -> None:
    path = with_far_cell(tmp_path, "XFD1048576")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = imp(store, path)
    assert time.perf_counter() - start < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 100_000  # KB
    assert result.status == "rejected"
    assert "cell XFD1048576 on sheet Data" in result.message


def test_a_formatted_empty_far_cell_is_harmless_and_imported(store: Store,
                                                             tmp_path: Path) -> None:
    """Readers skip cells without a value, so a far formatted cell is no reason to refuse."""
    seed_definitions(store, tmp_path)
    result = imp(store, with_far_cell(tmp_path, "XFD1048576", empty=True))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert result.inserted == 3


def test_a_sparse_note_a_little_way_off_is_read(store: Store, tmp_path: Path) -> None:
    """A note in column AA below a table is far from 'far': the range stays small."""
    seed_definitions(store, tmp_path)
    result = imp(store, with_far_cell(tmp_path, "AA200"))
    assert result.status == "ok", [i.line() for i in result.errors]


def test_the_fast_pass_sees_far_rows_out_of_order_and_cut_across_chunks() -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="M%d"><v>2</v></c></row>'
                    % (i, i, i) for i in range(1, 2001))
    far = b'<row r="3"><c r="C1048576"><v>9</v></c></row>'  # out of order, as a liar writes
    xml = b"<worksheet><sheetData>" + rows[:30_011] + far + rows[30_011:] + b"</sheetData>"
    extent = Extent()
    for at in range(0, len(xml), 4096):  # cut anywhere, even inside the reference
        extent.feed(xml[at:at + 4096])
    assert extent.rows == 1_048_576 and extent.cells == 4001
    found = far_cells(xml[at:at + 777] for at in range(0, len(xml), 777))
    assert found is not None and found.cells == ["C1048576"] and found.table == "A1:M2000"


def test_a_dense_sheet_is_not_far() -> None:
    rows = b"".join(b'<row r="%d">' % i + b"".join(b'<c r="%s%d"><v>1</v></c>' % (c, i)
                                                   for c in (b"A", b"B", b"AB")) + b"</row>"
                    for i in range(1, 5001))
    extent = Extent()
    extent.feed(b"<sheetData>" + rows + b"</sheetData>")
    assert extent.cells == 15_000
    assert far_cells([rows]) is None  # 5,000 × 28 cells: small, whatever the ratio


DOCTYPE = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
           b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')


def _with_part(tmp_path: Path, name: str, part: str, data: bytes) -> Path:
    return rewrite_zip(_book(tmp_path), tmp_path / name, replace={part: data}
                       if part == SHEET else None, add=None if part == SHEET else {part: data})


@pytest.mark.parametrize("case", ["capitals", "long comment", "long declaration", "not .xml",
                                  "utf-16"])
def test_a_doctype_is_refused_in_every_part(store: Store, tmp_path: Path, case: str) -> None:
    body = sheet_xml(_book(tmp_path)).split(b"?>", 1)[-1]
    if case == "capitals":
        path = _with_part(tmp_path, "caps.xlsx", "xl/worksheets/SHEET9.XML", DOCTYPE + body)
    elif case == "long comment":  # the DOCTYPE comes after the first MiB
        noise = random.Random(1).randbytes(800_000).hex().encode()  # no zip bomb: 2 to 1
        padded = (b'<?xml version="1.0"?><!-- <a> ' + noise + b"-->"
                  + DOCTYPE.split(b"?>", 1)[1] + body)
        path = _with_part(tmp_path, "comment.xlsx", SHEET, padded)
    elif case == "long declaration":
        spaces = bytes(random.Random(2).choices(b" \t\r\n", k=3 << 20))
        padded = b'<?xml version="1.0"?>' + spaces + DOCTYPE.split(b"?>", 1)[1] + body
        path = _with_part(tmp_path, "spaces.xlsx", SHEET, padded)
    elif case == "not .xml":
        path = _with_part(tmp_path, "dat.xlsx", "xl/worksheets/sheet9.dat", DOCTYPE + body)
    else:
        path = _with_part(tmp_path, "utf16.xlsx", "xl/styles2.xml",
                          (DOCTYPE + body).decode().encode("utf-16"))
    before = checksum(store)
    result = imp(store, path)
    assert result.status == "rejected"
    assert "declares XML entities (a DOCTYPE)" in result.message, result.message
    assert checksum(store) == before


def test_an_ordinary_comment_before_the_root_is_fine(store: Store, tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    body = sheet_xml(_book(tmp_path))
    path = _with_part(tmp_path, "commented.xlsx", SHEET, b'<?xml version="1.0"?><!-- written'
                      b" by a tool <b>, not by Excel --><?tool x?>" + body)
    assert zipfile.ZipFile(path).read(SHEET).count(b"<!--") == 1
    result = imp(store, path)
    assert result.status == "ok", [i.line() for i in result.errors]


def _ods_with(tmp_path: Path, name: str, tail: bytes) -> Path:
    base = write_ods(tmp_path / "base.ods", [OBS[:5], obs(), obs(group="Indian")])
    with zipfile.ZipFile(base) as z:
        content = z.read("content.xml")
    return rewrite_zip(base, tmp_path / name,
                       replace={"content.xml": content.replace(b"</table:table>",
                                                               tail + b"</table:table>")})


VALUE = b'office:value-type="string"><text:p>x</text:p></table:table-cell>'


@pytest.mark.parametrize(("case", "tail", "expected"), [
    ("a value after a million empty rows",
     b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell/>'
     b"</table:table-row><table:table-row><table:table-cell " + VALUE + b"</table:table-row>",
     "cell A1048004 on sheet Data is far outside"),
    ("a value after 16,000 empty columns, 1,000 rows down",
     b'<table:table-row table:number-rows-repeated="1000"><table:table-cell/></table:table-row>'
     b'<table:table-row><table:table-cell table:number-columns-repeated="16000"/>'
     b"<table:table-cell " + VALUE + b"</table:table-row>",
     "cell WQK1004 on sheet Data is far outside"),
    ("a value repeated 96 million times",
     b'<table:table-row table:number-rows-repeated="6000"><table:table-cell '
     b'table:number-columns-repeated="16000" ' + VALUE + b"</table:table-row>",
     "cell A4 on sheet Data is repeated to fill 96,000,000 cells"),
])
def test_an_ods_that_would_expand_is_refused_naming_the_cell(
        store: Store, tmp_path: Path, case: str, tail: bytes, expected: str) -> None:
    """Today the reader refuses 16 billion cells but tries 96 million (3 GB, then aborts)."""
    path = _ods_with(tmp_path, "far.ods", tail)
    assert path.stat().st_size < 2_000
    before = checksum(store)
    start = time.perf_counter()
    result = imp(store, path)
    assert time.perf_counter() - start < 2
    assert result.status == "rejected"
    assert expected in result.message, result.message
    assert checksum(store) == before


def test_libreoffice_empty_runs_at_the_end_of_a_sheet_are_fine(store: Store,
                                                               tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    tail = (b'<table:table-row><table:table-cell table:number-columns-repeated="1019"/>'
            b'</table:table-row><table:table-row table:number-rows-repeated="1048572">'
            b'<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    result = imp(store, _ods_with(tmp_path, "lo.ods", tail))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert result.inserted == 2


def test_a_far_cell_in_a_sheet_kept_under_another_name_is_found(store: Store,
                                                                tmp_path: Path) -> None:
    """The reader follows the workbook's relationships, so the measure does too."""
    with zipfile.ZipFile(with_far_cell(tmp_path, "XFD4000")) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["xl/odd/data.dat"] = parts.pop(SHEET)
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"worksheets/sheet1.xml", b"odd/data.dat")
    path = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    result = imp(store, path)
    assert result.status == "rejected"
    assert "cell XFD4000 on sheet Data is far outside the table (A1:E4)" in result.message


def test_cells_without_references_take_their_rows_place(store: Store, tmp_path: Path) -> None:
    """A reader places a cell without a reference by its row's number and its position."""
    book = _book(tmp_path)
    far = b'<row r="1048576">' + b"<c><v>1</v></c>" * 3 + b"</row>"
    xml = sheet_xml(book).replace(b"</sheetData>", far + b"</sheetData>")
    result = imp(store, rewrite_zip(book, tmp_path / "noref.xlsx", replace={SHEET: xml}))
    assert result.status == "rejected"
    assert ("cell C1048576 and 2 other cells on sheet Data are far outside the table (A1:E4)"
            in result.message), result.message
    assert "delete them" in result.message


def test_a_dimension_that_lies_is_ignored(store: Store, tmp_path: Path) -> None:
    """``<dimension ref>`` is written by whatever program saved the file: neither trusted nor
    feared; the cells themselves are measured."""
    seed_definitions(store, tmp_path)
    book = _book(tmp_path)
    xml = sheet_xml(book)
    lying, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml)
    assert n == 1
    result = imp(store, rewrite_zip(book, tmp_path / "dim.xlsx", replace={SHEET: lying}))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert result.inserted == 3
