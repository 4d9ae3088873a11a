"""``mag-desktop export indicators``: the file, the one-line summary, and exit codes 0 / 1 / 2
with one plain line for every mistake."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from mag_desktop.cli import main


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_a_filtered_export(sample_store: Path, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "claimants.csv"
    code = main(["export", "indicators", "--store", str(sample_store), "--indicator",
                 "claimant_rate", "--area", "Sutton Four Oaks", "--period", "2024-Q4",
                 "--out", str(out)])
    said = capsys.readouterr()
    assert code == 0, said.err
    lines = rows_of(out)
    assert lines[1] == ["Filter: indicator CLAIMANT_RATE (Claimant rate, aged 16 to 64) · "
                        "area Sutton Four Oaks (E05011174) · period 2024 Q4"]
    header = lines.index(next(r for r in lines if r[:1] == ["Indicator ID"]))
    table = lines[header + 1:]
    assert table and {(r[0], r[2], r[3]) for r in table} == {
        ("CLAIMANT_RATE", "2024 Q4", "E05011174")}
    assert said.out.startswith(f"wrote {out}: {len(table)} rows (")
    assert "data version" in said.out and "as at 2026 Q3" in said.out


def test_everything_to_a_workbook_through_a_real_process(sample_store: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    done = subprocess.run([sys.executable, "-m", "mag_desktop", "--store", str(sample_store),
                           "export", "indicators", "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {out}: ") and done.stderr == ""
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["Observations", "Indicators", "About"]
    assert book["Observations"]["A2"].value == "Filter: all indicators · all areas · all periods"


@pytest.mark.parametrize(("args", "expected"), [
    (["--indicator", "NOPE"], '"NOPE" is not an indicator in the store; the indicators are '),
    (["--area", "Narnia"], "give an ONS code or the name of a WMCA authority or ward"),
    (["--period", "soon"], '"soon" is not a period'),
])
def test_mistakes_exit_2_with_one_line(sample_store: Path, tmp_path: Path, args: list[str],
                                       expected: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.csv"
    assert main(["export", "indicators", "--store", str(sample_store), *args,
                 "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_usage_errors_and_failures(sample_store: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(sample_store)]
    assert main(["export", "indicators", *store, "--out", str(tmp_path / "x.pdf")]) == 2
    assert "choose a name ending in .xlsx or .csv" in capsys.readouterr().err
    assert main(["export", "indicators", *store]) == 2  # --out is required
    assert main(["export", *store]) == 2  # what to export is required
    capsys.readouterr()
    assert main(["export", "indicators", "--store", str(tmp_path / "none.sqlite"),
                 "--out", str(tmp_path / "x.csv")]) == 2
    assert "there is no store" in capsys.readouterr().err
    assert main(["export", "indicators", *store, "--period", "1999",
                 "--out", str(tmp_path / "x.csv")]) == 1
    assert "nothing to export" in capsys.readouterr().err
    assert main(["export", "indicators", *store, "--indicator", "EMP_RATE",
                 "--out", str(tmp_path / "no" / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert err == f"mag-desktop: cannot save x.csv: the folder {tmp_path / 'no'} does not exist\n"
    assert main(["export", "indicators", "--help"]) == 0
    assert "--indicator ID" in capsys.readouterr().out
