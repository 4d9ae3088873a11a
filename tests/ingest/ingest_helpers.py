"""Builders for the importer tests: small spreadsheets and CSV files written into tmp_path."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl

from mag_desktop.core.ingest.service import ImportOptions, ImportResult, run_import
from mag_desktop.core.store import Store
from mag_desktop.core.store.maintenance import content_checksum

#: Observations headers as the template writes them.
OBS = ["Indicator ID", "Period", "Area code", "Ethnic group", "Value", "Numerator",
       "Denominator", "Lower 95% limit", "Upper 95% limit"]
#: Commitments headers as the template writes them.
COMMIT = ["Commitment ID", "Title", "Theme", "Lead organisation", "Local authority", "Status",
          "Update quarter", "Start date", "Due date"]
DEFINITIONS = [
    ["Indicator ID", "Indicator name", "Theme", "Unit", "Polarity"],
    ["PCT_IND", "A share of residents", "Health and wellbeing", "%", "Higher is better"],
    ["CNT_IND", "A count of residents", "Health and wellbeing", "count", "No judgement"],
]
VERSIONED = ("indicator", "observation", "commitment", "commitment_update")


def obs(indicator: str = "CNT_IND", period: str = "2024 Q1", area: str = "E08000025",
        group: str = "Pakistani", value: object = "12", *extra: object) -> list[object]:
    """One observations row in :data:`OBS` order (numerator, denominator, limits optional)."""
    row = [indicator, period, area, group, value, *extra]
    return row + [""] * (len(OBS) - len(row))


def commitment(cid: str, status: str = "On track", quarter: str = "2026 Q1",
               authority: str = "Birmingham", start: str = "01/04/2025",
               due: str = "31/03/2027", title: str = "Jobs pathway") -> list[object]:
    return [cid, title, "Housing and homelessness", "Birmingham City Council", authority,
            status, quarter, start, due]


def write_csv(path: Path, rows: Iterable[Sequence[object]], encoding: str = "utf-8",
              delimiter: str = ",") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]],
               merges: dict[str, list[str]] | None = None) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
    book.save(path)
    return path


def rewrite_zip(source: Path, target: Path, replace: dict[str, bytes] | None = None,
                add: dict[str, bytes] | None = None) -> Path:
    """Copy a zip member by member, replacing or adding members."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, replace.get(info.filename, zin.read(info)))
        for name, data in add.items():
            zout.writestr(name, data)
    return target


def sheet_xml(path: Path, part: str = "xl/worksheets/sheet1.xml") -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(part)


def set_cached_value(path: Path, cell: str, value: str) -> Path:
    """Give the formula in ``cell`` a saved value, as Excel does when it saves."""
    xml = sheet_xml(path)
    new, n = re.subn(rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?'.encode(),
                     rb"\1<v>" + value.encode() + b"</v>", xml)
    assert n == 1, xml
    out = path.with_name(path.stem + "-cached.xlsx")
    return rewrite_zip(path, out, replace={"xl/worksheets/sheet1.xml": new})


def write_ods(path: Path, rows: list[list[object]], sheet: str = "Data") -> Path:
    """A minimal OpenDocument spreadsheet, written by hand (no odfpy needed)."""
    def cell(v: object) -> str:
        if isinstance(v, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                    f"<text:p>{v}</text:p></table:table-cell>")
        if v in (None, ""):
            return "<table:table-cell/>"
        return (f'<table:table-cell office:value-type="string"><text:p>{v}</text:p>'
                "</table:table-cell>")

    body = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>"
                   for r in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def seed_definitions(store: Store, tmp_path: Path) -> None:
    """Define PCT_IND (%) and CNT_IND (count) through an ordinary import."""
    result = run_import(store, write_csv(tmp_path / "definitions.csv", DEFINITIONS))
    assert result.status == "ok", result.errors


def imp(store: Store, path: Path, **options: Any) -> ImportResult:
    return run_import(store, path, ImportOptions(**options))


def checksum(store: Store) -> str:
    return content_checksum(store.conn)


def rows_of(conn: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


def data_tables(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every row (current and history) of the versioned data tables."""
    return {t: rows_of(conn, t) for t in VERSIONED}


def current_obs(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute(
        "SELECT indicator_code, area_code, period, group_code, value, numerator, denominator,"
        " lower, upper, marker FROM observation WHERE superseded_by IS NULL ORDER BY 1, 2, 3, 4"
    ).fetchall()


def issue_for(result: ImportResult, rule: str, severity: str = "error") -> Any:
    found = [i for i in (result.errors if severity == "error" else result.warnings)
             if i.rule == rule]
    assert found, f"no {severity} {rule!r} in {[i.line() for i in result.errors + result.warnings]}"
    return found[0]


def define_count_indicator(store: list[str], folder: Path) -> None:
    """Import the definition of CNT_IND (a count) through the command line into ``store``."""
    defs = write_csv(folder / "defs.csv", [["Indicator ID", "Indicator name", "Theme", "Unit",
                                            "Polarity"],
                                           ["CNT_IND", "A count", "Health and wellbeing",
                                            "count", "No judgement"]])
    assert cli("import", str(defs), *store).returncode == 0


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mag_desktop", *args], capture_output=True,
                          text=True, timeout=timeout)


def cli_start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "mag_desktop", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


SIX_GROUPS = ["Pakistani", "Indian", "Bangladeshi", "Chinese", "African", "Caribbean"]


def ward_observations(path: Path, store: Store,
                      rows_of_ward: Callable[[int, str], list[list[object]]]) -> Path:
    """An Observations sheet under a title and a blank row, with the rows ``rows_of_ward(k,
    code)`` gives for each of the store's first 120 wards."""
    wards = [r[0] for r in store.conn.execute(
        "SELECT code FROM area WHERE level = 'ward' ORDER BY code LIMIT 120")]
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Observations"
    ws.append(["Figures for the West Midlands (illustrative)"])
    ws.append([])
    ws.append(OBS)
    for k, ward in enumerate(wards):
        for row in rows_of_ward(k, ward):
            ws.append(row)
    book.save(path)
    return path
