"""The log: the whole traceback of a failure in the command line or the window, in a rotating
file in the log folder; refusals logged in one line with their cause."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mag_desktop.cli import main, store_cmds
from mag_desktop.logs import LOG_FILE, log_folder


def _log() -> str:
    return (log_folder() / LOG_FILE).read_text(encoding="utf-8")


def test_a_bug_in_a_command_is_logged_with_its_traceback(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    def broken(_args: argparse.Namespace) -> int:
        raise RuntimeError("the figures did not add up")

    monkeypatch.setattr(store_cmds, "cmd_info", broken)
    assert main(["info", "--store", str(tmp_path / "s.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "unexpected error (RuntimeError: the figures did not add up)" in err
    assert str(log_folder() / LOG_FILE) in err
    text = _log()
    assert "Traceback (most recent call last)" in text and "in broken" in text
    assert "start: mag-desktop info --store" in text


def test_a_refusal_is_one_line_on_screen_and_logged(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "s.sqlite"
    empty.touch()
    assert main(["info", "--store", str(empty)]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert "refused: " in _log() and "is an empty file" in _log()


def test_debug_prints_the_log_on_the_terminal(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "s.sqlite"
    empty.touch()
    assert main(["info", "--store", str(empty), "--debug"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_a_bug_in_a_window_job_is_logged_whole(qtbot: QtBot) -> None:
    from mag_desktop import logs
    from mag_desktop.gui.runner import JobRunner

    logs.setup()
    runner = JobRunner()
    shown: list[str] = []

    def work(_progress: object, _cancel: object) -> None:
        raise KeyError("a column the job expected")

    runner.run(work, lambda _r: None, shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown[0].startswith("Unexpected error: KeyError")
    assert "Help › Show log folder" in shown[0]
    assert "Traceback" in _log() and "raise KeyError" in _log()


def test_an_unwritable_log_folder_does_not_stop_the_application(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    monkeypatch.setenv("MAG_LOG_DIR", str(blocker / "logs"))
    assert main(["info", "--store", str(tmp_path / "s.sqlite")]) == 0
    assert os.path.isfile(blocker)
