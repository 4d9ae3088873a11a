"""Hostile files: each one answered (imported or refused) in bounded time and memory.

Builds the hostile cases of the import (a stray far cell, OpenDocument runs that would expand,
a slow sniff, a line of half a million fields, a byte in the wrong encoding, DOCTYPEs hidden
from a quick look, invisible characters) and imports each in a fresh interpreter, which
reports the import's own seconds and its peak memory (``ru_maxrss``: the interpreter and the
application's modules included, about 150 MB before any file is opened).

Target (issue 11): any file under 1 MB answered in under 5 s with under 500 MB.

    python benchmarks/bench_hostile.py [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

IMPORT = """
import json, resource, sys, time
from pathlib import Path
from mag_desktop.core.ingest.service import run_import
from mag_desktop.core.store import Store
with Store.open(Path(sys.argv[2])) as store:
    start = time.perf_counter()
    result = run_import(store, Path(sys.argv[1]))
    seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("BENCH " + json.dumps({"status": result.status, "seconds": seconds, "peak_mb": peak,
                             "message": result.message,
                             "warnings": [w.rule for w in result.warnings]}))
"""
HEADERS = ["Indicator ID", "Period", "Area code", "Ethnic group", "Value"]
COMMIT = ["Commitment ID", "Title", "Theme", "Lead organisation", "Local authority", "Status",
          "Update quarter", "Start date", "Due date", "Narrative update"]
SHEET = "xl/worksheets/sheet1.xml"
ODS_CELL = b'office:value-type="string"><text:p>x</text:p></table:table-cell>'


def _rows() -> list[list[object]]:
    return [HEADERS, *(["CNT_IND", "2024 Q1", "E08000025", g, 12]
                       for g in ("Indian", "Pakistani", "Bangladeshi"))]


def _xlsx(folder: Path) -> Path:
    path = folder / "base.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Data"
    for row in _rows():
        sheet.append(row)
    book.save(path)
    return path


def _rewrite(source: Path, target: Path, replace: dict[str, bytes] | None = None,
             add: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            z.writestr(info, (replace or {}).get(info.filename, zin.read(info)))
        for name, data in (add or {}).items():
            z.writestr(name, data)
    return target


def far_cell(ref: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        base = _xlsx(folder)
        row = "".join(ch for ch in ref if ch.isdigit())
        xml = zipfile.ZipFile(base).read(SHEET).replace(
            b"</sheetData>", f'<row r="{row}"><c r="{ref}"><v>1</v></c></row></sheetData>'.encode())
        return _rewrite(base, folder / f"far-{ref}.xlsx", replace={SHEET: xml})
    return build


def _ods(folder: Path, name: str, tail: bytes) -> Path:
    rows = "".join("<table:table-row>" + "".join(
        f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
        for v in r) + "</table:table-row>" for r in _rows())
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        f'<office:spreadsheet><table:table table:name="Data">{rows}').encode() + tail + (
        b"</table:table></office:spreadsheet></office:body></office:document-content>")
    path = folder / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def ods_far_row(folder: Path) -> Path:
    return _ods(folder, "far-row.ods",
                b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell/>'
                b"</table:table-row><table:table-row><table:table-cell " + ODS_CELL
                + b"</table:table-row>")


def ods_repeated(folder: Path) -> Path:
    return _ods(folder, "repeated.ods",
                b'<table:table-row table:number-rows-repeated="6000"><table:table-cell '
                b'table:number-columns-repeated="16000" ' + ODS_CELL + b"</table:table-row>")


def csv_quotes(folder: Path) -> Path:
    path = folder / "quotes.csv"
    path.write_bytes((b',"' * 100 + b"\r\n") * 325)  # 325 lines of 100 fields
    return path


def csv_wide(fields: int) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / f"wide-{fields}.csv"
        path.write_bytes(b"a,b\r\n" + b"x," * fields + b"x\r\n")
        return path
    return build


def csv_mixed(folder: Path) -> Path:
    text = "\r\n".join([",".join(HEADERS), "CNT_IND,2024 Q1,E08000025,Indian,12",
                        "CNT_IND,2024 Q1,E08000025,Café,12"]).encode()
    path = folder / "mixed.csv"
    path.write_bytes(text + b"\r\nCNT_IND,2024 Q1,E08000025,Caf\xe9,13\r\n")
    return path


def doctype_caps(folder: Path) -> Path:
    base = _xlsx(folder)
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><worksheet/>')
    return _rewrite(base, folder / "caps.xlsx", add={"xl/worksheets/SHEET9.XML": bomb})


def doctype_after_comment(folder: Path) -> Path:
    base = _xlsx(folder)
    noise = random.Random(1).randbytes(600_000).hex().encode()
    part = (b'<?xml version="1.0"?><!-- ' + noise + b' --><!DOCTYPE x [<!ENTITY a "a">]>'
            + zipfile.ZipFile(base).read(SHEET))
    return _rewrite(base, folder / "comment.xlsx", replace={SHEET: part})


def invisible_text(folder: Path) -> Path:
    buf = io.StringIO()
    rows = [COMMIT] + [[f"C-{i}", "\u202eKCATTA" if i % 2 else "Jobs\u200b pathway " * 40,
                        "Housing and homelessness", "Birmingham City Council", "Birmingham",
                        "On track", "2026 Q1", "01/04/2025", "31/03/2027", "n\u0085" * 2400]
                       for i in range(1, 101)]
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path = folder / "invisible.csv"
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    "xlsx: one cell at XFD1048576": far_cell("XFD1048576"),
    "xlsx: one cell at XFD4000": far_cell("XFD4000"),
    "xlsx: one cell at ZZ900000": far_cell("ZZ900000"),
    "xlsx: one cell at M1048576": far_cell("M1048576"),
    "xlsx: a note at Z150000 (read: 3.9 M cells)": far_cell("Z150000"),
    "ods: a value after 1,048,000 empty rows": ods_far_row,
    "ods: a value repeated 96 million times": ods_repeated,
    "csv: 64 KB of quotes and commas (sniffer)": csv_quotes,
    "csv: a 1 MB line of 500,000 fields": csv_wide(500_000),
    "csv: a 10 MB line of 5,000,000 fields": csv_wide(5_000_000),
    "csv: one Windows-1252 byte in UTF-8": csv_mixed,
    "xlsx: DOCTYPE in a part named in capitals": doctype_caps,
    "xlsx: DOCTYPE after a 1.2 MB comment": doctype_after_comment,
    "csv: 100 commitments, invisible characters": invisible_text,
}


def measure(path: Path, store: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", IMPORT, str(path), str(store)],
                          capture_output=True, text=True, timeout=600)
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        return {"status": f"crashed ({done.returncode})", "seconds": float("nan"),
                "peak_mb": float("nan"), "message": done.stderr.strip()[-200:], "warnings": []}
    result: dict[str, object] = json.loads(line[6:])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="build the files in this folder and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        worst_time = worst_memory = 0.0
        for number, (name, build) in enumerate(CASES.items(), 1):
            case_folder = folder / f"case-{number:02d}"
            case_folder.mkdir(parents=True, exist_ok=True)
            path = build(case_folder)
            r = measure(path, case_folder / "store.sqlite")
            seconds, peak = float(str(r["seconds"])), float(str(r["peak_mb"]))
            size = path.stat().st_size
            if size < 1_000_000:
                worst_time, worst_memory = max(worst_time, seconds), max(worst_memory, peak)
            print(f"{name:<45} {size / 1e3:8.1f} kB {seconds:6.2f} s {peak:6.0f} MB  "
                  f"{r['status']}: {str(r['message'])[:110]}")
        print(f"files under 1 MB: slowest {worst_time:.2f} s (target < 5), "
              f"largest peak {worst_memory:.0f} MB (target < 500)")


if __name__ == "__main__":
    main()
