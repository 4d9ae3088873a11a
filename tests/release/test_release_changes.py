"""Since my last release: status changes, new commitments, new periods and corrected figures
between the installed release and the one before; and the watched folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from release_quarters import COMMITMENT, next_quarter

from mag_desktop.cli.main import main
from mag_desktop.core.release import keys
from mag_desktop.core.release.compare import changes
from mag_desktop.core.release.folder import check_folder
from mag_desktop.core.release.installed import installed
from mag_desktop.core.release.opening import open_release
from mag_desktop.core.release.publish import publish
from mag_desktop.core.store import Store, default_store_path


def test_changes_between_two_releases(release_file: Path, sample_store: Path,
                                      tmp_path: Path) -> None:
    open_release(release_file)
    changed = next_quarter(sample_store)
    with Store.open(sample_store, readonly=True) as store:
        publish(store, tmp_path / "q2.magrelease")
    open_release(tmp_path / "q2.magrelease")
    state = installed()
    assert state.current and state.previous
    found = changes(state.current.path, state.previous.path)
    assert [(s.commitment_id, s.after) for s in found.status_changes] == [
        (COMMITMENT, "Off track" if changed["status"] == "OFF_TRACK" else "On track")]
    assert [c.commitment_id for c in found.new_commitments] == ["RET-NEW-900"]
    assert [p.period for p in found.new_periods] == ["2027 Q1"]
    assert found.corrections_total == 1
    fix = found.corrections[0]
    assert fix.before == changed["before"] and fix.after == changed["before"] + 1  # type: ignore
    assert changes(state.current.path, state.current.path).empty


def test_the_watched_folder_opens_the_newest(release_file: Path, sample_store: Path,
                                             tmp_path: Path) -> None:
    watched = tmp_path / "synced"
    watched.mkdir()
    (watched / "old.magrelease").write_bytes(release_file.read_bytes())
    next_quarter(sample_store)
    with Store.open(sample_store, readonly=True) as store:
        newest = publish(store, watched / "new.magrelease")
    (watched / "junk.magrelease").write_bytes(b"not a release")
    (watched / "notes.txt").write_text("left alone")
    result = check_folder(watched)
    assert result.opened and result.opened.manifest == newest
    assert [p.name for p, _ in result.refused] == ["junk.magrelease"]
    again = check_folder(watched)
    assert again.opened is None


def test_the_commands(release_file: Path, sample_store: Path, tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["release", "status"]) == 0
    assert "no release is installed" in capsys.readouterr().out
    assert main(["release", "keygen", "--export", str(tmp_path / "k.json")]) == 0
    out = capsys.readouterr().out
    assert "fingerprint:" in out and (tmp_path / "k.json").exists()
    assert main(["release", "trust", str(tmp_path / "k.json")]) == 0
    assert main(["release", "trusted"]) == 0
    assert "the Taskforce clerk" in capsys.readouterr().out
    assert main(["release", "open", str(release_file)]) == 0
    assert "opened Release 2026 Q3" in capsys.readouterr().out
    next_quarter(sample_store)
    out_file = tmp_path / "q2.magrelease"
    assert main(["release", "publish", "--store", str(sample_store), "--out", str(out_file),
                 "--as-at", "Q4 2026"]) == 0
    assert "Release 2026 Q4" in capsys.readouterr().out
    assert main(["release", "check-folder", str(tmp_path)]) == 0
    assert "opened Release 2026 Q4" in capsys.readouterr().out
    assert main(["release", "status"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Release 2026 Q4, published") and "member mode" in out
    assert main(["release", "changes"]) == 0
    out = capsys.readouterr().out
    assert "status changes (1)" in out and "RET-NEW-900" in out and "2027 Q1" in out
    assert main(["release", "publish", "--store", str(sample_store), "--out",
                 str(out_file), "--as-at", "2026"]) == 1
    assert "--as-at must be a calendar quarter" in capsys.readouterr().err


def test_plain_refusals_of_the_commands(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "key.json"
    junk.write_text('{"format": "something else"}')
    cases = [
        (["release", "trust", str(junk)], "is not a MAG Desktop publisher key"),
        (["release", "trust", str(tmp_path / "none.json")], "there is no key file"),
        (["release", "changes"], "two releases are needed to compare"),
        (["release", "check-folder", str(tmp_path / "nowhere")], "there is no folder"),
        (["release", "open", str(tmp_path / "none.magrelease")], "there is no release file"),
        (["release", "publish", "--out", str(tmp_path / "r.magrelease")],
         "this laptop has no publisher key yet"),
    ]
    for argv, said in cases:
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert said in err and err.count("\n") == 1, err
    assert not default_store_path().exists()  # publishing without a key made no store
    keys.keygen("the Taskforce clerk")
    assert main(["release", "publish", "--out", str(tmp_path / "r.magrelease")]) == 1
    assert "there is no store at" in capsys.readouterr().err
    assert not default_store_path().exists()
    assert main(["release", "--help"]) == 0
    out = capsys.readouterr().out
    for action in ("keygen", "publish", "open", "trust", "trusted", "status", "changes",
                   "check-folder"):
        assert action in out
