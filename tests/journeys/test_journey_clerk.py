"""The clerk's quarter, on the real command line: import the partners' spreadsheets into a fresh
store, have a faulty file rejected with a report that says where and what, correct it, import it,
find it in the history and undo it."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from journey_helpers import Cli

from mag_desktop.paths import data_dir

SAMPLE = data_dir() / "sample"
#: A partner's small CSV of observations; its first rows are copied for the clerk's file.
PARTNER_CSV = SAMPLE / "indicators_2026-Q3_update.csv"
NEW_QUARTER = "2026 Q4"  # not in the sample workbook, so every corrected row is new data


def report(run: Any) -> dict[str, Any]:
    """The one JSON object ``import --json`` prints."""
    data = json.loads(run.stdout)
    assert isinstance(data, dict)
    return data


def counts(cli: Cli, store: Path) -> tuple[int, int]:
    """The observation count and data version as ``mag-desktop info`` shows them to the clerk."""
    run = cli("info", "--store", store)
    assert run.returncode == 0, run.stderr
    found = [re.search(rf"^{label}:\s+([\d,]+)$", run.stdout, re.MULTILINE)
             for label in ("observations", "data version")]
    assert all(found), run.stdout
    observations, version = (int(m.group(1).replace(",", "")) for m in found if m)
    return observations, version


def history(cli: Cli, store: Path) -> list[dict[str, Any]]:
    run = cli("imports", "--json", "--store", store)
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)
    assert isinstance(rows, list)
    return rows


def partner_rows(*, misspelt: bool) -> list[list[str]]:
    """The header and six Birmingham rows of the partner's CSV, moved to the new quarter.

    With ``misspelt``, the third spreadsheet row names "Bimingham" where the area goes and the
    fifth row gives a quarter that does not exist, as a hurried partner might send it.
    """
    with PARTNER_CSV.open(encoding="utf-8-sig", newline="") as handle:
        header, *body = list(csv.reader(handle))
    code, name, period = (header.index(h) for h in ("Area code", "Area name", "Period"))
    rows = [list(r) for r in body if r[code] == "E08000025"][:6]
    for row in rows:
        row[period] = NEW_QUARTER
    if misspelt:
        rows[1][code] = rows[1][name] = "Bimingham"  # spreadsheet row 3
        rows[3][period] = "2026 Q5"  # spreadsheet row 5
    return [header, *rows]


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_clerk_imports_a_quarter_fixes_a_rejected_file_and_undoes_it(
        cli: Cli, tmp_path: Path) -> None:
    store = tmp_path / "clerk.sqlite"
    assert not store.exists()

    # 1. The quarter's indicators and commitments go into a fresh store (the indicators first:
    # the commitments link them).
    for file, kind in (("indicators_quarterly.xlsx", "indicators"),
                       ("commitments_2025-Q4.xlsx", "commitments")):
        run = cli("import", SAMPLE / file, "--json", "--store", store)
        assert run.returncode == 0, run.stderr
        result = report(run)
        assert (result["status"], result["kind"], result["errors"]) == ("ok", kind, [])
        assert result["inserted"] == result["rows_valid"] == result["rows_read"] > 0
    assert [(r["file_name"], r["outcome"]) for r in history(cli, store)] == [
        ("indicators_quarterly.xlsx", "committed"), ("commitments_2025-Q4.xlsx", "committed")]
    before, version = counts(cli, store)
    assert before > 50_000

    # 2. A partner's file with a misspelt area and an impossible quarter is refused whole.
    partner = tmp_path / "partner_update.csv"
    write_csv(partner, partner_rows(misspelt=True))
    run = cli("import", partner, "--json", "--store", store)
    assert run.returncode == 1, run.stdout + run.stderr
    rejected = report(run)
    assert rejected["status"] == "rejected"
    assert rejected["inserted"] == 0 and rejected["import_id"] is None
    assert rejected["rows_read"] == 6 and rejected["rows_valid"] == 4
    errors = {(e["row"], e["column"], e["header"], e["value"]): e["message"]
              for e in rejected["errors"]}
    assert set(errors) == {(3, "D", "Area code", "Bimingham"), (5, "C", "Period", "2026 Q5")}
    assert "did you mean Birmingham?" in errors[(3, "D", "Area code", "Bimingham")]
    assert "expected" in errors[(5, "C", "Period", "2026 Q5")]
    assert "nothing was imported" in rejected["message"]
    assert counts(cli, store) == (before, version)
    assert len(history(cli, store)) == 2

    # 3. The clerk corrects the two cells and imports the same file again.
    write_csv(partner, partner_rows(misspelt=False))
    run = cli("import", partner, "--json", "--store", store)
    assert run.returncode == 0, run.stderr
    imported = report(run)
    assert imported["status"] == "ok" and imported["errors"] == []
    assert imported["inserted"] == 6 and imported["superseded"] == 0
    import_id = imported["import_id"]
    assert counts(cli, store)[0] == before + 6

    # 4. The history lists it, in plain words and as JSON.
    run = cli("imports", "--store", store)
    assert run.returncode == 0, run.stderr
    line = next(x for x in run.stdout.splitlines() if "partner_update.csv" in x)
    assert line.split()[0] == str(import_id) and "committed" in line and "6 new" in line
    entry = next(r for r in history(cli, store) if r["id"] == import_id)
    assert (entry["file_name"], entry["kind"], entry["outcome"]) == (
        "partner_update.csv", "indicators", "committed")

    # 5. Undoing it takes the store back to the observations it had before.
    run = cli("undo-import", str(import_id), "--store", store)
    assert run.returncode == 0, run.stderr
    assert f"undid import {import_id}" in run.stdout
    observations_now, version_now = counts(cli, store)
    assert observations_now == before
    assert version_now > imported["data_version"]
    outcomes = {r["id"]: r["outcome"] for r in history(cli, store)}
    assert outcomes == {1: "committed", 2: "committed", import_id: "undone"}
