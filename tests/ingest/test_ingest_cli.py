"""The import command's contract, and the two real messy workbooks that must be refused."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from ingest_helpers import (
    DEFINITIONS,
    OBS,
    checksum,
    cli,
    imp,
    obs,
    write_csv,
)

from mag_desktop.cli import main
from mag_desktop.core.store import Store

KEYS = {"status", "kind", "file", "sheet", "rows_read", "rows_valid", "inserted", "updated",
        "unchanged", "errors", "warnings", "data_version"}
ISSUE_KEYS = {"sheet", "row", "column", "value", "message"}
MESSY = Path(__file__).resolve().parents[1] / "fixtures" / "messy"


def _json_run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(argv)
    out = capsys.readouterr().out
    data = json.loads(out)  # the whole of stdout is one JSON object
    assert isinstance(data, dict)
    assert set(data) >= KEYS
    for issue in data["errors"] + data["warnings"]:
        assert set(issue) >= ISSUE_KEYS
    return code, data


def test_json_contract_ok_and_rejected(store_path: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(store_path)]
    definitions = write_csv(tmp_path / "defs.csv", DEFINITIONS)
    code, data = _json_run(["import", str(definitions), "--json", *store], capsys)
    assert (code, data["status"], data["kind"]) == (0, "ok", "indicators")

    good = write_csv(tmp_path / "good.csv", [OBS[:5], obs(), obs(area="Armley")])
    code, data = _json_run(["import", str(good), "--json", *store], capsys)
    assert code == 0 and data["status"] == "ok"
    assert (data["file"], data["sheet"], data["rows_read"], data["rows_valid"]) == (
        "good.csv", "good", 2, 1)
    assert (data["inserted"], data["updated"], data["unchanged"]) == (1, 0, 0)
    assert data["data_version"] == 2
    warning = data["warnings"][0]
    assert (warning["sheet"], warning["row"], warning["column"], warning["value"]) == (
        "good", 3, "C", "Armley")

    bad = write_csv(tmp_path / "bad.csv", [OBS[:5], obs(value="n/a?")])
    code, data = _json_run(["import", str(bad), "--json", *store], capsys)
    assert code == 1 and data["status"] == "rejected"
    error = data["errors"][0]
    assert (error["sheet"], error["row"], error["column"], error["value"]) == (
        "bad", 2, "E", "n/a?")
    assert "expected a number" in error["message"]
    assert data["data_version"] == 2 and data["inserted"] == 0


def test_dry_run_exit_0(store_path: Path, tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    definitions = write_csv(tmp_path / "defs.csv", DEFINITIONS)
    code, data = _json_run(["import", str(definitions), "--json", "--dry-run", "--store",
                            str(store_path)], capsys)
    assert code == 0 and data["status"] == "ok" and data["inserted"] == 2
    with Store.open(store_path) as store:
        assert store.conn.execute("SELECT count(*) FROM indicator").fetchone()[0] == 0


@pytest.mark.parametrize("argv", [
    ["import"],  # no file
    ["import", "x.csv", "--kind", "widgets"],
    ["import", "x.csv", "--no-such-option"],
    ["undo-import", "seven"],
])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_human_output_of_a_rejection(store_path: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    bad = write_csv(tmp_path / "bad.csv", [OBS[:5], obs(indicator="NOPE")])
    assert main(["import", str(bad), "--store", str(store_path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("rejected: bad.csv")
    assert "row 2, column A (Indicator ID)" in out and "'NOPE'" in out


def test_a_refused_file_is_named_once(store_path: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert main(["import", str(empty), "--store", str(store_path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == "rejected: empty.csv: the file is empty"


def test_subprocess_json_ok(store_path: Path, tmp_path: Path) -> None:
    definitions = write_csv(tmp_path / "defs.csv", DEFINITIONS)
    done = cli("import", str(definitions), "--json", "--store", str(store_path))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= KEYS and data["status"] == "ok" and data["inserted"] == 2


@pytest.mark.parametrize(("name", "sheets"), [
    ("EGDI-Local-Authority-profiles.xlsx", ("'Notes'", "'Profiles'")),
    ("police-workforce-sep19-tables.ods", ("'Index'", "'Table_1'", "'Table_13'")),
])
def test_real_messy_workbooks_are_refused_precisely(store: Store, name: str,
                                                    sheets: tuple[str, ...]) -> None:
    before = checksum(store)
    started = time.perf_counter()
    result = imp(store, MESSY / name, kind="indicators")
    assert time.perf_counter() - started < 5
    assert result.status == "rejected"
    message = result.message
    assert "no table of indicators found" in message
    for sheet in sheets:
        assert f"sheet {sheet}" in message
    for column in ("Indicator ID", "Period", "Ethnic group", "Value", "ethnic groups as columns"):
        assert column in message
    assert checksum(store) == before


@pytest.mark.parametrize("name", ["EGDI-Local-Authority-profiles.xlsx",
                                  "police-workforce-sep19-tables.ods"])
def test_real_messy_workbooks_via_the_cli(store_path: Path, name: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(store_path) as store:
        before = checksum(store)
    code, data = _json_run(["import", str(MESSY / name), "--json", "--store", str(store_path)],
                           capsys)
    assert code == 1 and data["status"] == "rejected"
    assert "Commitment ID" in data["errors"][0]["message"]  # both kinds were looked for
    assert "Ethnic group" in data["errors"][0]["message"]
    with Store.open(store_path) as store:
        assert checksum(store) == before


def test_messy_workbook_with_a_sheet_named(store: Store) -> None:
    result = imp(store, MESSY / "police-workforce-sep19-tables.ods", sheet="Table_1")
    assert result.status == "rejected"
    assert "sheet 'Table_1'" in result.message and "sheet 'Index'" not in result.message


def test_the_demo_data_imports_then_is_skipped(store: Store) -> None:
    from mag_desktop.core.demo import STEPS, load_sample

    first = list(load_sample(store))
    assert len(first) == len(STEPS)
    for result in first:
        assert result.status == "ok", (result.file, [i.line() for i in result.errors])
        assert result.errors == []
    assert sum(r.inserted for r in first) > 60_000
    kinds = {r.kind for r in first}
    assert kinds == {"indicators", "commitments"}
    before = checksum(store)
    second = list(load_sample(store))
    assert len(second) == len(STEPS)
    for result in second:
        assert "already imported" in result.message, result.message
        assert result.inserted == 0
    assert checksum(store) == before
