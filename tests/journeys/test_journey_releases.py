"""Getting the data to members, end to end on the command line: the clerk publishes a quarter,
a member's laptop trusts the clerk once and opens it, writes a note, opens the next quarter's
release, still has the note, sees what changed, and makes a pack with 'My notes'; a member's
laptop refuses to import."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from mag_desktop.cli import main
from mag_desktop.core.demo import STEPS, data_dir
from mag_desktop.core.ingest.profile import load_profile
from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.store import Store

NOTE = "Ask the lead about the mentoring scheme's waiting list"


def _import(store: Store, steps: tuple) -> None:  # type: ignore[type-arg]
    base = data_dir()
    for step in steps:
        profile = load_profile(base / "profiles" / step.profile) if step.profile else None
        result = run_import(store, base / step.file,
                            ImportOptions(kind=step.kind, profile=profile, period=step.period))
        assert result.status == "ok", result.message


def _as(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """Work as one laptop: its own keys, releases, notes and data folder."""
    monkeypatch.setenv("MAG_KEYS_DIR", str(home / "keys"))
    monkeypatch.setenv("MAG_RELEASES_DIR", str(home / "releases"))
    monkeypatch.setenv("MAG_NOTES", str(home / "notes.sqlite"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))


def test_a_quarter_reaches_a_member_with_notes_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    clerk_home, member_home = tmp_path / "clerk", tmp_path / "member"
    clerk_store = clerk_home / "store.sqlite"
    clerk_home.mkdir()
    with Store.open(clerk_store) as store:
        _import(store, STEPS[:-2])  # everything up to 2026 Q2's commitments
    _as(monkeypatch, clerk_home)
    public = tmp_path / "clerk.pub"
    assert main(["release", "keygen", "--name", "the Taskforce clerk", "--export",
                 str(public)]) == 0
    first, second = tmp_path / "q2.magrelease", tmp_path / "q3.magrelease"
    assert main(["release", "publish", "--out", str(first), "--store", str(clerk_store)]) == 0

    _as(monkeypatch, member_home)
    capsys.readouterr()
    assert main(["release", "open", str(first)]) == 1  # not trusted yet
    assert "does not trust yet" in capsys.readouterr().err
    assert main(["release", "trust", str(public)]) == 0
    assert main(["release", "open", str(first)]) == 0
    assert main(["notes", "add", "--commitment", "RET-JOBS-001", NOTE]) == 0
    capsys.readouterr()
    assert main(["import", str(data_dir() / "sample" / "commitments_2026-Q3.xlsx")]) == 2
    assert "reads the Taskforce's releases" in capsys.readouterr().err

    _as(monkeypatch, clerk_home)
    with Store.open(clerk_store) as store:
        _import(store, STEPS[-2:])  # the next quarter arrives
    assert main(["release", "publish", "--out", str(second), "--store", str(clerk_store)]) == 0

    _as(monkeypatch, member_home)
    assert main(["release", "open", str(second)]) == 0
    capsys.readouterr()
    assert main(["release", "status"]) == 0
    assert "2026 Q3" in capsys.readouterr().out
    assert main(["notes", "list"]) == 0
    assert NOTE in capsys.readouterr().out
    assert main(["release", "changes"]) == 0
    changes = capsys.readouterr().out.lower()
    assert "status" in changes and "2026 q3" in changes
    pack = tmp_path / "birmingham.pdf"
    assert main(["pack", "--authority", "Birmingham", "--with-notes", "--out", str(pack)]) == 0
    text = " ".join(page.extract_text() for page in PdfReader(pack).pages)
    assert "Personal notes" in text and " ".join(NOTE.split()[:4]) in " ".join(text.split())
