"""Readers: xlsx, xlsm (macros never loaded), ods, CSV in Excel's encodings and delimiters;
formulas never evaluated."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from ingest_helpers import (
    COMMIT,
    OBS,
    checksum,
    commitment,
    current_obs,
    imp,
    issue_for,
    obs,
    rewrite_zip,
    set_cached_value,
    write_csv,
    write_ods,
    write_xlsx,
)

from mag_desktop.core.store import Store

ROWS = [OBS[:5], obs(area="E08000025", value=12), obs(area="E08000026", group="Indian", value=7)]
EXPECTED = [("CNT_IND", "E08000025", "2024 Q1", "ASIAN_PAKISTANI", 12.0, None, None, None, None,
             None),
            ("CNT_IND", "E08000026", "2024 Q1", "ASIAN_INDIAN", 7.0, None, None, None, None,
             None)]


def test_xlsx(seeded: Store, tmp_path: Path) -> None:
    result = imp(seeded, write_xlsx(tmp_path / "q.xlsx", {"Data": ROWS}))
    assert result.status == "ok", result.errors
    assert (result.kind, result.sheet, result.inserted) == ("indicators", "Data", 2)
    assert result.warnings == []
    assert current_obs(seeded.conn) == EXPECTED


def test_xlsm_macros_not_loaded_but_import_works(seeded: Store, tmp_path: Path) -> None:
    plain = write_xlsx(tmp_path / "plain.xlsx", {"Data": ROWS})
    macro = rewrite_zip(plain, tmp_path / "q.xlsm",
                        add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not run"})
    result = imp(seeded, macro)
    assert result.status == "ok", result.errors
    assert any("macros" in w.message and "not loaded" in w.message for w in result.warnings)
    assert current_obs(seeded.conn) == EXPECTED


def test_ods_written_by_hand(seeded: Store, tmp_path: Path) -> None:
    rows = [["Title of the table"], [], *ROWS]
    result = imp(seeded, write_ods(tmp_path / "q.ods", rows))
    assert result.status == "ok", result.errors
    assert result.sheet == "Data"
    assert current_obs(seeded.conn) == EXPECTED


@pytest.mark.skipif(importlib.util.find_spec("odf") is None,
                    reason="odfpy is not installed, so pandas cannot write .ods")
def test_ods_written_by_pandas(seeded: Store, tmp_path: Path) -> None:  # pragma: no cover
    import pandas as pd

    path = tmp_path / "q.ods"
    pd.DataFrame(ROWS[1:], columns=ROWS[0]).to_excel(path, engine="odf", index=False,
                                                     sheet_name="Data")
    result = imp(seeded, path)
    assert result.status == "ok", result.errors
    assert current_obs(seeded.conn) == EXPECTED


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-8-sig", ","),  # Excel's "CSV UTF-8"
    ("utf-8", ","),  # strict UTF-8, no BOM
    ("cp1252", ","),  # Excel's plain "CSV" on Windows
    ("utf-8", ";"),  # a European Excel
    ("cp1252", "\t"),  # "Text (tab delimited)"
    ("utf-8-sig", ";"),
])
def test_csv_encodings_and_delimiters(store: Store, tmp_path: Path, encoding: str,
                                      delimiter: str) -> None:
    title = "Café vouchers, worth £5 — for résidents"  # every character exists in cp1252
    rows = [COMMIT, commitment("C-1", title=title), commitment("C-2", authority="Coventry")]
    path = write_csv(tmp_path / "commitments.csv", rows, encoding, delimiter)
    result = imp(store, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert result.rows_read == 2 and result.inserted == 2
    stored = store.conn.execute("SELECT title FROM commitment WHERE id = 'C-1'").fetchone()[0]
    assert stored == title  # no mojibake ("Ã©"), no replacement characters, no BOM in the ID
    ids = [r[0] for r in store.conn.execute("SELECT id FROM commitment ORDER BY id")]
    assert ids == ["C-1", "C-2"]


def test_cp1252_pound_sign_in_a_number(seeded: Store, tmp_path: Path) -> None:
    rows = [OBS[:5], obs(value="£1,234.50")]
    result = imp(seeded, write_csv(tmp_path / "money.csv", rows, "cp1252", ";"))
    assert result.status == "ok", result.errors
    assert current_obs(seeded.conn)[0][4] == 1234.5


def test_formula_with_cached_value_uses_the_value(seeded: Store, tmp_path: Path) -> None:
    raw = write_xlsx(tmp_path / "f.xlsx", {"Data": [*ROWS, obs(area="E08000027", value="=2+3")]})
    cached = set_cached_value(raw, "E4", "5")
    result = imp(seeded, cached)
    assert result.status == "ok", [i.line() for i in result.errors]
    values = {r[1]: r[4] for r in current_obs(seeded.conn)}
    assert values == {"E08000025": 12.0, "E08000026": 7.0, "E08000027": 5.0}


def test_formula_without_cached_value_is_an_error_naming_the_cell(seeded: Store,
                                                                   tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", {"Data": [*ROWS, obs(area="E08000027", value="=2+3")]})
    before = checksum(seeded)
    result = imp(seeded, path)
    assert result.status == "rejected"
    issue = issue_for(result, "formula")
    assert "E4" in issue.message and issue.value == "E4"
    assert "saved value" in issue.message
    assert checksum(seeded) == before


def test_formula_issue_names_sheet_row_and_column(seeded: Store, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", {"Data": [*ROWS, obs(area="E08000027", value="=2+3")]})
    issue = issue_for(imp(seeded, path), "formula")
    assert (issue.sheet, issue.row, issue.column) == ("Data", 4, "E")
