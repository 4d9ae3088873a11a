"""The command line over the store: info, backup, restore, help, and errors without tracebacks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from mag_desktop.cli import main
from mag_desktop.cli.main import build_parser
from mag_desktop.core.store.schema import SCHEMA_VERSION


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mag_desktop", *args], capture_output=True, text=True,
        timeout=120, env=env,
    )


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", subcommands())
def test_every_subcommand_has_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([name, "--help"]) == 0
    assert "usage: mag-desktop" in capsys.readouterr().out


def test_info_backup_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "s.sqlite")
    assert main(["info", "--store", store]) == 0
    assert "not created yet" in capsys.readouterr().out
    assert main(["backup", str(tmp_path / "b.sqlite"), "--store", store]) == 0
    assert "backed up to" in capsys.readouterr().out
    assert main(["--store", store, "info"]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"schema version:\s+{SCHEMA_VERSION}\n", out)
    assert re.search(r"wards:\s+408\n", out)
    assert main(["restore", str(tmp_path / "b.sqlite"), "--store", store]) == 0
    assert "data version now 1" in capsys.readouterr().out


def test_store_from_environment(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "MAG_STORE": str(tmp_path / "env.sqlite")}
    result = run("backup", str(tmp_path / "b.sqlite"), env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env.sqlite").exists()


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database at all " * 50)
    result = run("info", "--store", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(bad) in result.stderr
    debug = run("info", "--store", str(bad), "--debug")
    assert "Traceback" in debug.stderr


def test_usage_error_exits_2() -> None:
    result = run("restore")
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_membership_is_data_a_clerk_can_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "s.sqlite")
    assert main(["authorities", "--store", store]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert len(listing) == 17
    assert listing[0].startswith("E08000025  Birmingham") and "69 wards" in listing[0]
    assert main(["authorities", "--set", "E07000199", "former", "--store", store]) == 0
    assert "Tamworth (E07000199) is now former" in capsys.readouterr().out
    assert main(["authorities", "--store", store]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("E07000199  Tamworth")
    assert main(["authorities", "--set", "E08000025", "former", "--store", store]) == 1
    assert "by statute" in capsys.readouterr().err


def test_output_cut_short_by_its_reader_ends_quietly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``mag-desktop info | head -1``: the reader stops early; no 'unexpected error'."""
    from mag_desktop.cli import store_cmds

    def cut_short(args: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(store_cmds, "cmd_info", cut_short)
    assert main(["info", "--store", str(tmp_path / "s.sqlite")]) == 141
    assert capsys.readouterr().err == ""
