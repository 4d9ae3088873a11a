"""Generate a realistic observations workbook of N rows × 13 columns, as Excel saves it.

Strings go to a shared-strings table (as Excel writes them), numbers are inline, and about 3%
of cells are suppressed with "[c]". Written as raw SpreadsheetML through zipfile so that a
million rows take seconds rather than the minutes openpyxl needs.

    python benchmarks/make_workbook.py OUT.xlsx --rows 1000000
"""

from __future__ import annotations

import argparse
import csv
import random
import zipfile
from itertools import product
from pathlib import Path
from xml.sax.saxutils import escape

from mag_desktop.core import ethnicity
from mag_desktop.paths import resource_path

HEADERS = [
    "Indicator ID", "Indicator name", "Period", "Area code", "Area name", "Area type",
    "Ethnic group", "Value", "Numerator", "Denominator", "Lower 95% limit",
    "Upper 95% limit", "Note",
]
PERIODS = [f"{y} Q{q}" for y in (2023, 2024, 2025, 2026) for q in (1, 2, 3, 4)]

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Indicators" sheetId="2" r:id="rId3"/>'
    '<sheet name="Observations" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
    "</Relationships>"
)
COLS = "ABCDEFGHIJKLM"
DEF_HEADERS = ["Indicator ID", "Indicator name", "Theme", "Unit", "Polarity", "Source"]
N_INDICATORS = 199


def areas() -> list[tuple[str, str, str]]:
    with resource_path("reference", "wmca_wards_wd22.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = [("E92000001", "England", "Country"), ("E47000007", "West Midlands", "Region")]
    seen: set[str] = set()
    for r in rows:
        if r["lad_code"] not in seen:
            seen.add(r["lad_code"])
            out.append((r["lad_code"], r["lad_name"], "Local authority"))
    out += [(r["ward_code"], r["ward_name"], "Ward") for r in rows]
    return out


def rows(n: int, seed: int = 7) -> list[list[object]]:
    rng = random.Random(seed)
    groups = [g.label for g in ethnicity.groups() if g.kind in ("all", "heading", "group")]
    indicators = [(f"IND{i:03d}", f"Illustrative indicator {i}")
                  for i in range(1, N_INDICATORS + 1)]
    out: list[list[object]] = []
    for (code, name), period, (acode, aname, atype), group in product(
        indicators, PERIODS, areas(), groups
    ):
        if len(out) >= n:
            break
        den = rng.randint(20, 5000)
        num = rng.randint(0, den)
        if num < 5:
            out.append([code, name, period, acode, aname, atype, group, "[c]", None, None,
                        None, None, "suppressed"])
            continue
        value = round(100 * num / den, 1)
        half = round(1.96 * (value * (100 - value) / den) ** 0.5, 1)
        out.append([code, name, period, acode, aname, atype, group, value, num, den,
                    max(0.0, round(value - half, 1)), min(100.0, round(value + half, 1)), None])
    return out


def write(path: Path, data: list[list[object]]) -> None:
    strings: dict[str, int] = {}

    def cell(col: str, r: int, v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, str):
            idx = strings.setdefault(v, len(strings))
            return f'<c r="{col}{r}" t="s"><v>{idx}</v></c>'
        return f'<c r="{col}{r}"><v>{v}</v></c>'

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b"<sheetData>"
            )
            all_rows = [HEADERS, *data]
            for start in range(0, len(all_rows), 10_000):
                chunk = []
                for i, values in enumerate(all_rows[start : start + 10_000], start + 1):
                    cells = "".join(cell(c, i, v) for c, v in zip(COLS, values, strict=True))
                    chunk.append(f'<row r="{i}">{cells}</row>')
                f.write("".join(chunk).encode())
            f.write(b"</sheetData></worksheet>")
        definitions = [DEF_HEADERS] + [
            [f"IND{i:03d}", f"Illustrative indicator {i}", "Health and wellbeing", "%",
             "Higher is better", "Benchmark data"] for i in range(1, N_INDICATORS + 1)
        ]
        body_rows = "".join(
            f'<row r="{i}">' + "".join(cell(c, i, v) for c, v in zip(COLS, values, strict=False))
            + "</row>"
            for i, values in enumerate(definitions, 1)
        )
        z.writestr(
            "xl/worksheets/sheet2.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{body_rows}</sheetData></worksheet>",
        )
        body = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        z.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{body}</sst>',
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    write(args.out, rows(args.rows))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {args.rows:,} rows)")


if __name__ == "__main__":
    main()
