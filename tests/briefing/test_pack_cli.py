"""``mag-desktop pack`` and ``packs``: names resolved, one-line errors, the log listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from mag_desktop.cli.main import main


@pytest.fixture
def store_file(demo_store_file: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store.sqlite"
    shutil.copy(demo_store_file, target)
    return target


def test_ward_pack_by_names_then_listed(store_file: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kings-norton.pdf"
    code = main(["pack", "--authority", "birmingham", "--ward", "Kings Norton North",
                 "--themes", "housing", "JUSTICE", "--meeting", "MAG, December 2026",
                 "--date", "2026-12-09", "--store", str(store_file), "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert f"wrote {out}" in printed and "sha256" in printed
    text = PdfReader(out).pages[0].extract_text()
    assert "King's Norton North" in text and "9 Dec 2026" in text
    assert main(["packs", "--store", str(store_file)]) == 0
    listed = capsys.readouterr().out
    assert str(out) in listed and "HOUSING, JUSTICE" in listed and "ward pack" in listed


@pytest.mark.parametrize(("args", "message"), [
    (["--authority", "Brimingham"], "did you mean Birmingham"),
    (["--authority", "Birmingham", "--ward", "acocks grn"], "did you mean Acocks Green"),
    (["--authority", "Birmingham", "--themes", "parks"], "is not a theme"),
    (["--authority", "Birmingham", "--date", "9/12/2026"], "YYYY-MM-DD"),
    (["--authority", "Birmingham", "--all-wards"], "--out-dir"),
])
def test_mistakes_get_one_clear_line(store_file: Path, tmp_path: Path, args: list[str],
                                     message: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = ["--out", str(tmp_path / "x.pdf")] if "--out" not in message and \
        "--all-wards" not in args else []
    code = main(["pack", *args, *out, "--store", str(store_file)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert message in err and len(err.splitlines()) == 1


def test_missing_store_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["pack", "--authority", "Birmingham", "--out", str(tmp_path / "x.pdf"),
                 "--store", str(tmp_path / "none.sqlite")])
    assert code == 2 and "mag-desktop demo" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()


def test_help_for_both_commands(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("pack", "packs"):
        assert main([command, "--help"]) == 0
        assert f"usage: mag-desktop {command}" in capsys.readouterr().out
