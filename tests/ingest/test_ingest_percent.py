"""Numbers formatted as percentages (0.563 shown as 56.3%) are read as the per cent shown for
"%" indicators, said once per column with the count; for another unit they are kept and the
clerk is warned. Text such as "56.3%" reads as 56.3."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from ingest_helpers import OBS, imp, obs, rewrite_zip, write_csv, write_ods

from mag_desktop.core.ingest.numfmt import is_percent_format, percent_styles
from mag_desktop.core.ingest.preflight import check_file
from mag_desktop.core.ingest.readers import Workbook
from mag_desktop.core.ingest.xlsx_cells import SheetCells
from mag_desktop.core.store import Store

REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "data" / "realworld"
if not REALWORLD.exists():
    REALWORLD = Path("/work/shared/data/realworld")
NHSD = REALWORLD / "nhsd_adult_social_care_survey_2020-21_annex_tables.xlsx"


def _values(store: Store) -> dict[tuple[str, str], tuple[float | None, ...]]:
    return {(r[0], r[1]): tuple(r[2:]) for r in store.conn.execute(
        "SELECT indicator_code, group_code, value, lower, upper FROM observation"
        " WHERE superseded_by IS NULL")}


@pytest.mark.parametrize(("code", "percent"), [
    ("0%", True), ("0.0%", True), ("#,##0.00%;[Red]-0.00%", True), ('0.0"%"', False),
    ("0.0\\%", False), ("0.0_%", False), ("[<0.5]0.0;0.0", False), ("0.0", False),
    ('"rate %: "0.0', False), ('"%"0.0%', True), ("@", False)])
def test_which_format_codes_show_percentages(code: str, percent: bool) -> None:
    assert is_percent_format(code) is percent


def _workbook(path: Path, formats: dict[str, str], rows: list[list[object]]) -> Path:
    """Observations with the given number format by column letter."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(OBS)
    for row in rows:
        sheet.append(row)
    for letter, fmt in formats.items():
        for cell in sheet[letter][1:]:
            cell.number_format = fmt
    book.save(path)
    return path


def test_percent_cells_of_a_percent_indicator_are_read_as_shown(
        seeded: Store, tmp_path: Path) -> None:
    rows = [obs("PCT_IND", group=g, value=v) for g, v in
            (("Pakistani", 0.563), ("Indian", 0.5), ("Bangladeshi", 1.0))]
    for row, (low, up) in zip(rows, ((0.5, 0.6), (0.45, 0.55), (0.99, 1.0)), strict=True):
        row[7], row[8] = low, up
    path = _workbook(tmp_path / "p.xlsx", {"E": "0.0%", "H": "0.0%", "I": "0%"}, rows)
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert _values(seeded) == {
        ("PCT_IND", "ASIAN_PAKISTANI"): (56.3, 50.0, 60.0),
        ("PCT_IND", "ASIAN_INDIAN"): (50.0, 45.0, 55.0),
        ("PCT_IND", "ASIAN_BANGLADESHI"): (100.0, 99.0, 100.0)}
    lines = {w.column: w.message for w in result.warnings if w.rule == "percent-format"}
    assert lines == {
        "E": "read 3 cells formatted as percentages as the per cent shown: 0.563 → 56.3",
        "H": "read 3 cells formatted as percentages as the per cent shown: 0.5 → 50",
        "I": "read 3 cells formatted as percentages as the per cent shown: 0.6 → 60"}


def test_a_custom_percent_format_and_a_plain_one_side_by_side(
        seeded: Store, tmp_path: Path) -> None:
    """Only the cells formatted as percentages are scaled; a plain 56.3 stays 56.3."""
    rows = [obs("PCT_IND", group="Pakistani", value=0.563),
            obs("PCT_IND", group="Indian", value=41.2)]
    path = _workbook(tmp_path / "p.xlsx", {}, rows)
    book = openpyxl.load_workbook(path)
    book["Data"]["E2"].number_format = '0.0%;[Red]"-"0.0%'
    book.save(path)
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert _values(seeded)[("PCT_IND", "ASIAN_PAKISTANI")][0] == 56.3
    assert _values(seeded)[("PCT_IND", "ASIAN_INDIAN")][0] == 41.2
    line, = [w for w in result.warnings if w.rule == "percent-format"]
    assert line.message.startswith("read 1 cell formatted")


def test_percent_cells_of_another_unit_are_kept_and_warned(
        seeded: Store, tmp_path: Path) -> None:
    rows = [obs("CNT_IND", group=g, value=0.25) for g in ("Pakistani", "Indian")]
    result = imp(seeded, _workbook(tmp_path / "c.xlsx", {"E": "0%"}, rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert {v[0] for v in _values(seeded).values()} == {0.25}
    warning, = [w for w in result.warnings if w.rule == "percent-format-unit"]
    assert (warning.column, warning.header) == ("E", "Value")
    assert warning.message.startswith("2 cells are formatted as percentages (Excel shows 0.25 "
                                      "as 25%) but the indicator's unit is 'count'")


def test_a_workbook_without_percent_styles_scans_for_none(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "plain.xlsx", {"E": "0.0"}, [obs("PCT_IND", value=56.3)])
    pre = check_file(path)
    assert pre.cells._percent is None
    assert pre.cells.percents_of("Data") == set()


def test_an_ods_percentage_cell_is_read_as_shown(seeded: Store, tmp_path: Path) -> None:
    plain = write_ods(tmp_path / "plain.ods", [OBS[:5], obs("PCT_IND", value=1)[:5],
                                               obs("PCT_IND", group="Indian", value=41.5)[:5]])
    with zipfile.ZipFile(plain) as z:
        content = z.read("content.xml").decode()
    content = content.replace(
        '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p>',
        '<table:table-cell office:value-type="percentage" office:value="0.563">'
        "<text:p>56.3%</text:p>", 1)
    path = rewrite_zip(plain, tmp_path / "p.ods", replace={"content.xml": content.encode()})
    assert check_file(path).cells.percents_of("Data") == {(2, 4)}
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert _values(seeded)[("PCT_IND", "ASIAN_PAKISTANI")][0] == 56.3
    assert _values(seeded)[("PCT_IND", "ASIAN_INDIAN")][0] == 41.5


def test_text_with_a_per_cent_sign_reads_as_the_per_cent(seeded: Store, tmp_path: Path) -> None:
    rows = [OBS[:5], obs("PCT_IND", value="56.3%")[:5],
            obs("PCT_IND", group="Indian", value=" 7 % ")[:5]]
    result = imp(seeded, write_csv(tmp_path / "p.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert _values(seeded)[("PCT_IND", "ASIAN_PAKISTANI")][0] == 56.3
    assert _values(seeded)[("PCT_IND", "ASIAN_INDIAN")][0] == 7.0
    assert not [w for w in result.warnings if w.rule.startswith("percent-format")]


@pytest.mark.skipif(not NHSD.exists(), reason="the shared real-world files are not present")
def test_nhs_digital_percentages_are_numbers_shown_as_they_are() -> None:
    """NHS Digital's annex tables keep percentages as 0–100 numbers with the format 0.0 (its
    percent styles sit on empty cells only): nothing is scaled, Kirklees's 31.9% reads 31.9."""
    pre = check_file(NHSD)
    with zipfile.ZipFile(NHSD) as z:
        assert percent_styles(z.read("xl/styles.xml"))  # percent styles exist …
    cells = pre.cells
    assert all(not cells.percents_of(name) for name in cells.names.values())  # … on no number
    book = Workbook(pre)
    try:
        rows = book.sheet("T1a - Answers by Council").head(6)
    finally:
        book.close()
    assert rows[5][2] == "Kirklees" and round(rows[5][3], 6) == 31.9


def test_percent_cells_of_a_wide_table_away_from_a1(seeded: Store, tmp_path: Path) -> None:
    """A title above the table and an empty first column: the cells are found by their own
    row and column; each period column is told apart."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet["B1"] = "Residents satisfied, by quarter"
    rows = [["Indicator ID", "Area name", "Ethnic group", "2024 Q1", "2024 Q2"],
            ["PCT_IND", "Birmingham", "Pakistani", 0.563, 0.571],
            ["PCT_IND", "Coventry", "Indian", 0.402, 41.0]]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=2):
            sheet.cell(r, c, value)
    for cell in ("E4", "E5", "F4"):
        sheet[cell].number_format = "0.0%"
    path = tmp_path / "wide.xlsx"
    book.save(path)
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    stored = {(a, p): v for a, p, v in seeded.conn.execute(
        "SELECT area_code, period, value FROM observation")}
    assert stored == {("E08000025", "2024 Q1"): 56.3, ("E08000025", "2024 Q2"): 57.1,
                      ("E08000026", "2024 Q1"): 40.2, ("E08000026", "2024 Q2"): 41.0}
    lines = {w.column: w.message for w in result.warnings if w.rule == "percent-format"}
    assert lines == {
        "E": "read 2 cells formatted as percentages as the per cent shown: 0.563 → 56.3",
        "F": "read 1 cell formatted as percentages as the per cent shown: 0.571 → 57.1"}


def test_the_scan_finds_numbers_and_formulas_not_text_or_errors() -> None:
    cells = SheetCells()
    styles = (b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b'<numFmts><numFmt numFmtId="164" formatCode="0.0%"/>'
              b'<numFmt numFmtId="165" formatCode="0.0&quot;%&quot;"/></numFmts><cellXfs>'
              b'<xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="9"/>'
              b"</cellXfs></styleSheet>")
    assert percent_styles(styles) == {1, 3}
    with zipfile.ZipFile(io.BytesIO(), "w") as z:
        z.writestr("xl/styles.xml", styles)
        cells.read_styles(z)
    cells.names["xl/worksheets/sheet1.xml"] = "Data"
    cells.scan("xl/worksheets/sheet1.xml", (
        b'<row r="2"><c r="A2" s="1"><v>0.5</v></c><c r="B2" s="1" t="n"><v>0.25</v></c>'
        b'<c r="C2" s="1"><f>A2/2</f><v>0.25</v></c><c r="D2" s="3"><f t="shared" si="0"/>'
        b'<v>0.1</v></c><c r="E2" s="1" t="s"><v>4</v></c><c r="F2" s="1" t="e"><v>#N/A</v>'
        b'</c><c r="G2" s="2"><v>56.3</v></c><c r="H2" s="1"/><c r="AA2" s="11"><v>1</v></c>'
        b"</row>"))
    assert cells.percents_of("Data") == {(2, 0), (2, 1), (2, 2), (2, 3)}
