"""Exporting indicator figures: the import template's headers, a round trip through the real
importer, no withheld figure in any file, no formula, comparisons as the window makes them."""

from __future__ import annotations

import csv
import errno
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from disclosure_attacker import attack

from mag_desktop.core import ethnicity
from mag_desktop.core.errors import MagError
from mag_desktop.core.export_indicators import Selection, export_indicators
from mag_desktop.core.export_writer import plain_os_error
from mag_desktop.core.indicator_figures import COLUMNS, EXTRA, figures
from mag_desktop.core.ingest.mapping import columns, map_headers
from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.query.indicators import indicator_view
from mag_desktop.core.query.lookups import NotFoundError
from mag_desktop.core.query.shown import SHOWN_COLUMNS, withheld_meaning
from mag_desktop.core.store import Store
from mag_desktop.core.tasks import Cancelled, CancelToken

KEY = ["indicator_code", "area_code", "period", "group_code"]
GROUP_OF_LABEL = {g.label: g.code for g in ethnicity.groups()}


@pytest.fixture
def sample(sample_store_file: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"{sample_store_file.resolve().as_uri()}?mode=ro", uri=True)
    yield conn
    conn.close()


def masked(conn: sqlite3.Connection, where: str = "1") -> pd.DataFrame:
    """Current figures as any read may show them, keyed and sorted."""
    frame = pd.read_sql(f"SELECT {', '.join(KEY)}, {SHOWN_COLUMNS} FROM observation"
                        f" WHERE superseded_by IS NULL AND {where}", conn)
    return frame.drop(columns=["withheld", "limits_source"]).set_index(KEY).sort_index()


def csv_table(path: Path) -> tuple[list[str], pd.DataFrame]:
    """(title lines, table) of an exported csv."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    head = next(i for i, row in enumerate(lines) if row[:1] == ["Indicator ID"])
    titles = [row[0] for row in lines[:head] if row]
    return titles, pd.DataFrame(lines[head + 1:], columns=lines[head], dtype=object)


def import_file(store_path: Path, path: Path) -> None:
    with Store.open(store_path) as store:
        result = run_import(store, path, ImportOptions(kind="indicators"))
    assert result.status == "ok", [i.message for i in result.errors[:5]]


# -- layout ----------------------------------------------------------------------------------
def test_the_template_headers_come_first_and_the_importer_ignores_the_rest() -> None:
    template = [c.header for c in columns("observations")]
    headers = [h for _, h in COLUMNS]
    assert headers[:len(template)] == template
    mapping = map_headers("observations", headers)
    assert set(mapping.fields) == {c.field for c in columns("observations")}
    assert mapping.wide is None
    assert sorted(h for _, h in mapping.ignored) == sorted(h for _, h in EXTRA)
    assert map_headers("definitions", headers).missing()  # never taken for a definitions table


def test_the_file_states_filter_data_version_and_as_at(sample: sqlite3.Connection,
                                                       tmp_path: Path) -> None:
    sel = Selection("CLAIMANT_RATE", "E08000025", "2026-Q3")  # the period is normalised
    made = export_indicators(sample, sel, tmp_path / "b.csv")
    titles, table = csv_table(made.path)
    version = sample.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0]
    assert titles[1] == ("Filter: indicator CLAIMANT_RATE (Claimant rate, aged 16 to 64) · "
                         "area Birmingham (E08000025) · period 2026 Q3")
    assert titles[2].startswith(f"Data version {version} · data as at 2026 Q3 · exported ")
    assert set(table["Indicator ID"]) == {"CLAIMANT_RATE"}
    assert set(table["Area code"]) == {"E08000025"} and set(table["Period"]) == {"2026 Q3"}
    assert len(table) == made.rows == sample.execute(
        "SELECT count(*) FROM observation WHERE superseded_by IS NULL AND indicator_code ="
        " 'CLAIMANT_RATE' AND area_code = 'E08000025' AND period = '2026 Q3'").fetchone()[0]
    book = openpyxl.load_workbook(export_indicators(sample, sel, tmp_path / "b.xlsx").path)
    assert book.sheetnames == ["Observations", "Indicators", "About"]
    sheet = book["Observations"]
    assert sheet["A2"].value == titles[1] and sheet.freeze_panes == "A7"
    assert [c.value for c in sheet[6]] == [h for _, h in COLUMNS]
    about = {r[0]: r[1] for r in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Data version"] == int(version) and about["Data as at"] == "2026 Q3"
    assert [r[0] for r in book["Indicators"].iter_rows(min_row=2, values_only=True)] == [
        "CLAIMANT_RATE"]


# -- round trip -----------------------------------------------------------------------------
def test_an_exported_workbook_imports_into_an_empty_store_with_the_same_figures(
        sample: sqlite3.Connection, tmp_path: Path) -> None:
    made = export_indicators(sample, Selection(), tmp_path / "all.xlsx")
    source = masked(sample)
    assert made.rows == len(source) and made.suppressed == int(source["marker"].notna().sum())
    fresh = tmp_path / "fresh.sqlite"
    import_file(fresh, made.path)
    with Store.open(fresh) as store:
        again = masked(store.conn)
        defined = pd.read_sql("SELECT code, name, unit, polarity, decimals, min_count"
                              " FROM indicator ORDER BY code", store.conn)
    pd.testing.assert_frame_equal(again, source, check_exact=True)
    assert (again["marker"] == "[c]").sum() >= 1000  # suppressed cells come back suppressed
    pd.testing.assert_frame_equal(defined, pd.read_sql(
        "SELECT code, name, unit, polarity, decimals, min_count FROM indicator"
        " WHERE superseded_by IS NULL ORDER BY code", sample))


def test_an_exported_csv_imports_where_the_indicator_is_defined(sample: sqlite3.Connection,
                                                                tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite"  # the definition comes in with one small workbook
    import_file(fresh, export_indicators(sample, Selection("TEMP_ACCOM", "E08000026", "2025 Q1"),
                                         tmp_path / "one.xlsx").path)
    made = export_indicators(sample, Selection("TEMP_ACCOM"), tmp_path / "temp.csv")
    import_file(fresh, made.path)
    where = "indicator_code = 'TEMP_ACCOM'"
    with Store.open(fresh) as store:
        pd.testing.assert_frame_equal(masked(store.conn, where), masked(sample, where),
                                      check_exact=True)


# -- disclosure control ---------------------------------------------------------------------
SECRET = 987654.25  # a value no real figure has: its digits must appear in no file


def test_withheld_figures_are_in_no_file_and_compare_with_nothing(sample_store: Path,
                                                                  tmp_path: Path) -> None:
    with Store.open(sample_store) as store, store.write() as conn:
        rows = conn.execute(
            "SELECT row_id FROM observation WHERE superseded_by IS NULL AND value IS NOT NULL"
            " AND numerator IS NOT NULL AND indicator_code = 'CLAIMANT_RATE' AND period ="
            " '2026 Q2' AND (area_code = 'E47000007' OR (area_code = 'E08000025' AND"
            " group_code = 'WHITE_BRITISH') OR (area_code = 'E05011174' AND group_code ="
            " 'ALL'))").fetchall()
        for i, (row_id,) in enumerate(rows):
            conn.execute("UPDATE observation SET withheld = 1, value = ?, numerator = ?,"
                         " denominator = ?, lower = ?, upper = ? WHERE row_id = ?",
                         (SECRET + i, 7_654_321 + i, 8_765_432 + i, SECRET - 1, SECRET + 99,
                          row_id))
    assert len(rows) > 20
    secrets = [str(n) for i in range(len(rows))
               for n in (SECRET + i, 7_654_321 + i, 8_765_432 + i, SECRET - 1, SECRET + 99)]
    with Store.open(sample_store) as store:
        for name in ("w.csv", "w.xlsx"):
            export_indicators(store.conn, Selection("CLAIMANT_RATE"), tmp_path / name)
        rows_out = figures(store.conn, Selection("CLAIMANT_RATE", period="2026 Q2")).rows
    text = (tmp_path / "w.csv").read_text(encoding="utf-8-sig")
    with zipfile.ZipFile(tmp_path / "w.xlsx") as book:
        text += "".join(book.read(n).decode() for n in book.namelist())
    assert "Birmingham" in text and not [s for s in secrets if s in text]
    hidden = rows_out[rows_out["area_code"].eq("E47000007")]
    assert set(hidden["value"]) == {"[c]"} and set(hidden["note"]) == {withheld_meaning()}
    assert hidden[["numerator", "denominator", "lower", "upper"]].isna().all().all()
    others = rows_out[rows_out["area_type"].isin(["ward", "local authority"])]
    assert set(others["vs_region"]) == {"not compared"}  # the WMCA's figures are withheld
    birmingham = rows_out[rows_out["area_code"].eq("E08000025")]
    assert set(birmingham["comparator_group"]) == {"White"}  # White British withheld: next one


def test_the_attacker_recovers_nothing_from_the_whole_export(sample: sqlite3.Connection,
                                                             tmp_path: Path) -> None:
    _, table = csv_table(export_indicators(sample, Selection(), tmp_path / "all.csv").path)
    secret = pd.read_sql(
        "SELECT indicator_code, area_code, period, group_code, marker IN ('[c]', 'c', '*')"
        " OR withheld AS secret FROM observation WHERE superseded_by IS NULL", sample)
    shown = pd.DataFrame({
        "indicator_code": table["Indicator ID"], "period": table["Period"],
        "area_code": table["Area code"], "group_code": table["Ethnic group"].map(GROUP_OF_LABEL),
        "numerator": pd.to_numeric(table["Numerator"].replace("", None)),
        "denominator": table["Denominator"].replace("", None),
        "marker": table["Value"].where(table["Value"].str.startswith("["), None),
    }).merge(secret, on=KEY, how="left")
    assert len(shown) == len(secret) and shown["group_code"].notna().all()
    attacker = sqlite3.connect(":memory:")
    shown.to_sql("shown", attacker)
    pd.read_sql("SELECT code, parent_code, level, membership FROM area", sample).to_sql(
        "area", attacker)
    found = attack(attacker, "SELECT indicator_code, period, area_code, group_code, numerator,"
                   " secret FROM shown WHERE numerator IS NOT NULL OR denominator IS NOT NULL"
                   " OR marker IS NOT NULL")
    assert found == {}


def test_low_reliability_is_noted_where_the_numerator_is_below_the_threshold(
        sample: sqlite3.Connection) -> None:
    rows = figures(sample, Selection("CLAIMANT_RATE", "E05011174")).rows
    small = pd.to_numeric(rows["numerator"]) < 10
    assert small.sum() >= 3
    assert (rows["note"].str.startswith("[u] low reliability") == small).all()
    assert rows.loc[small, "value"].map(lambda v: isinstance(v, float)).all()  # still shown


# -- formula injection ------------------------------------------------------------------------
HOSTILE = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+1", "-2+3", "@SUM(A1)",
           "\tTabbed", "\rReturn"]


def test_no_cell_can_run_as_a_formula(sample_store: Path, tmp_path: Path) -> None:
    with Store.open(sample_store) as store, store.write() as conn:
        conn.execute("UPDATE indicator SET name = ? WHERE code = 'TEMP_ACCOM'", (HOSTILE[0],))
        for text, ward in zip(HOSTILE[1:], ("E05011174", "E05011175", "E05011176",
                                            "E05011177", "E05011178"), strict=True):
            conn.execute("UPDATE area SET name = ? WHERE code = ?", (text, ward))
        conn.execute("UPDATE observation SET marker = '-', value = NULL, numerator = NULL,"
                     " denominator = NULL, lower = NULL, upper = NULL WHERE row_id = (SELECT"
                     " min(row_id) FROM observation WHERE indicator_code = 'TEMP_ACCOM' AND"
                     " superseded_by IS NULL)")
    with Store.open(sample_store) as store:
        csv_made = export_indicators(store.conn, Selection("TEMP_ACCOM"), tmp_path / "h.csv")
        xlsx_made = export_indicators(store.conn, Selection("TEMP_ACCOM"), tmp_path / "h.xlsx")
    _, table = csv_table(csv_made.path)
    texts = table.drop(columns=["Value", "Numerator", "Denominator", "Lower 95% limit",
                                "Upper 95% limit"]).to_numpy().ravel()
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert {"'" + h for h in HOSTILE} <= set(texts)
    assert not [v for v in table["Value"] if v.startswith(("=", "+", "@", "\t", "\r"))
                or (v.startswith("-") and not v[1:].replace(".", "").isdigit())]
    assert "[x]" in set(table["Value"])  # the older "-" marker, written as text
    with zipfile.ZipFile(xlsx_made.path) as book:
        sheets = "".join(book.read(n).decode() for n in book.namelist() if "worksheets" in n)
    assert "<f>" not in sheets and "<f " not in sheets
    cells = [c for row in openpyxl.load_workbook(xlsx_made.path)["Observations"].iter_rows()
             for c in row if isinstance(c.value, str)]
    assert HOSTILE[0] in {c.value for c in cells} and {c.data_type for c in cells} == {"s"}


# -- agreement with the window ---------------------------------------------------------------
def test_comparisons_agree_with_the_indicator_view(sample: sqlite3.Connection) -> None:
    rows = figures(sample, Selection()).rows
    rows = rows.assign(group_code=rows["ethnic_group"].map(GROUP_OF_LABEL))
    cells = rows[["indicator_id", "area_code", "period"]].drop_duplicates()
    for ind, area, period in cells.sample(40, random_state=7).itertuples(index=False):
        view = indicator_view(sample, ind, area, period).rows.set_index("group_code")
        mine = rows[rows["indicator_id"].eq(ind) & rows["area_code"].eq(area)
                    & rows["period"].eq(period)].set_index("group_code")
        for theirs, ours in (("comparison", "vs_group"), ("vs_region", "vs_region"),
                             ("vs_england", "vs_england"), ("vs_authority", "vs_authority")):
            if theirs in view:
                said = mine[ours][mine[ours] != ""]  # empty: an area against itself
                assert (said == view[theirs].reindex(said.index)).all(), (ind, area, period)


def test_the_national_figure_is_england_and_wales_where_england_has_none(
        sample_store: Path) -> None:
    with Store.open(sample_store) as store, store.write() as conn:
        conn.execute("INSERT OR IGNORE INTO area(code, name, level)"
                     " VALUES ('K04000001', 'England and Wales', 'england')")
        conn.execute("UPDATE observation SET area_code = 'K04000001' WHERE area_code ="
                     " 'E92000001' AND indicator_code = 'USE_OF_FORCE_PCT'")
    with Store.open(sample_store) as store:
        rows = figures(store.conn, Selection("USE_OF_FORCE_PCT")).rows
        wmca = rows[rows["area_code"].eq("E47000007")]
        period = wmca["period"].iloc[-1]
        view = indicator_view(store.conn, "USE_OF_FORCE_PCT", "E47000007", period).rows
    assert set(rows.loc[rows["area_code"].eq("K04000001"), "vs_england"]) == {""}
    wmca = wmca[wmca["period"].eq(period)].assign(
        group_code=lambda f: f["ethnic_group"].map(GROUP_OF_LABEL)).set_index("group_code")
    assert set(wmca["vs_england"]) - {"not compared"}  # compared with England and Wales
    assert (wmca["vs_england"] == view.set_index("group_code")["vs_england"]
            .reindex(wmca.index)).all()


# -- refusals and failures --------------------------------------------------------------------
def test_unknown_selections_and_empty_exports_are_refused(sample: sqlite3.Connection,
                                                          tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        figures(sample, Selection("NO_SUCH"))
    with pytest.raises(MagError, match="nothing to export"):
        export_indicators(sample, Selection(period="1999"), tmp_path / "x.csv")
    with pytest.raises(MagError, match=r"\.xlsx or \.csv"):
        export_indicators(sample, Selection(), tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def test_cancelling_leaves_no_file(sample: sqlite3.Connection, tmp_path: Path) -> None:
    token = CancelToken()

    def progress(fraction: float, _message: str) -> None:
        if fraction > 0.3:  # while writing rows
            token.cancel()

    with pytest.raises(Cancelled, match="no file was written"):
        export_indicators(sample, Selection(), tmp_path / "all.xlsx", progress, token)
    assert list(tmp_path.iterdir()) == []


def test_write_failures_are_told_in_plain_words(sample: sqlite3.Connection, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "figures.xlsx"
    with pytest.raises(MagError, match=r"the folder .* does not exist"):
        export_indicators(sample, Selection("EMP_RATE"), tmp_path / "nowhere" / "f.csv")

    def locked(_src: object, _dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("mag_desktop.core.export_writer.os.replace", locked)
    with pytest.raises(MagError) as caught:
        export_indicators(sample, Selection("EMP_RATE"), target)
    assert "open in another program" in str(caught.value) and "Errno" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []  # no half-written file left behind
    full = plain_os_error(target, OSError(errno.ENOSPC, "No space left on device"),
                          creating=True)
    assert full == "cannot save figures.xlsx: the disk is full; free some space or choose " \
                   "another place"
    assert "read-only" in plain_os_error(target, PermissionError(errno.EACCES, "x"),
                                         creating=True)
    assert "read-only disk" in plain_os_error(target, OSError(errno.EROFS, "x"), creating=True)
