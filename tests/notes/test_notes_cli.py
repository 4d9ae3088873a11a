"""``mag-desktop notes …``, and notes kept through ``backup`` / ``restore`` and a store swapped:
the notes live in their own file, so replacing the store never touches them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from mag_desktop.cli.main import main
from mag_desktop.core.notes import NoteBook


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _added_id(out: str) -> str:
    found = re.search(r"added note ([0-9a-f]{8})", out)
    assert found, out
    return found[1]


def test_add_list_edit_delete(sample_store: Path, notes_file: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(sample_store)]
    code, out, _ = _run(capsys, "notes", "add", "--commitment", "RET-JOBS-001",
                        "Ask about", "apprenticeships", *store)
    assert code == 0 and "(2026 Q3)" in out  # the quarter of the data shown
    first = _added_id(out)
    code, out, _ = _run(capsys, "notes", "add", "--indicator", "CENSUS_ETH_PCT", "--area",
                        "E05011118", "--quarter", "2026 Q1", "Older thought", *store)
    second = _added_id(out)
    code, out, _ = _run(capsys, "notes", "list", *store)
    assert code == 0
    assert out.index("2026 Q3") < out.index("2026 Q1 (an earlier quarter)")
    assert "Ask about apprenticeships" in out and "Older thought" in out
    assert _run(capsys, "notes", "edit", first, "Ask about pay", *store)[0] == 0
    code, out, _ = _run(capsys, "notes", "list", "--quarter", "2026 Q3", *store)
    assert "Ask about pay" in out and "Older thought" not in out and "edited" in out
    assert _run(capsys, "notes", "delete", second, *store)[0] == 0
    with NoteBook.open(notes_file) as book:
        assert [n.text for n in book.all()] == ["Ask about pay"]


@pytest.mark.parametrize(("args", "message"), [
    (["--commitment", "RET-NOPE-999", "x"], "there is no current commitment RET-NOPE-999"),
    (["--indicator", "NO_SUCH", "--area", "E08000025", "x"], "no indicator NO_SUCH"),
    (["--indicator", "CENSUS_ETH_PCT", "x"], "needs the area"),
    (["--commitment", "RET-JOBS-001", "x" * 10_001], "a note holds at most 10,000"),
])
def test_mistakes_are_one_line_and_write_nothing(
        args: list[str], message: str, sample_store: Path, notes_file: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "notes", "add", *args, "--store", str(sample_store))
    assert code != 0 and message in err and "Traceback" not in err
    if notes_file.exists():
        with NoteBook.open(notes_file) as book:
            assert book.count() == 0


def test_export_and_import_by_command(sample_store: Path, tmp_path: Path, notes_file: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(sample_store)]
    _run(capsys, "notes", "add", "--commitment", "RET-JOBS-001", "Take to the new laptop",
         *store)
    exported = tmp_path / "my-notes.json"
    code, out, _ = _run(capsys, "notes", "export", str(exported), *store)
    assert code == 0 and "exported 1 note to" in out
    other = tmp_path / "new-laptop.sqlite"
    code, out, _ = _run(capsys, "notes", "import", str(exported), "--notes", str(other),
                        *store)
    assert code == 0 and "1 added, 0 updated (a newer edit), 0 unchanged" in out
    exported.write_text(json.dumps({"format": "mag-desktop-notes"}), encoding="utf-8")
    code, _, err = _run(capsys, "notes", "import", str(exported), "--notes", str(other),
                        *store)
    assert code == 1 and "missing exported_at, format_version, notes" in err


def test_notes_survive_a_restore_and_keep_newer_edits(
        sample_store: Path, tmp_path: Path, notes_file: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(sample_store)]
    _, out, _ = _run(capsys, "notes", "add", "--commitment", "RET-JOBS-001", "Before backup",
                     *store)
    before = _added_id(out)
    backup = tmp_path / "backup.sqlite"
    code, out, _ = _run(capsys, "backup", str(backup), *store)
    beside = Path(f"{backup}.notes.json")
    assert code == 0 and beside.is_file() and "your notes (1) were written beside it" in out
    _run(capsys, "notes", "edit", before, "Edited after the backup", *store)
    _, out, _ = _run(capsys, "notes", "add", "--commitment", "RET-JOBS-002", "After backup",
                     *store)
    code, out, err = _run(capsys, "restore", str(backup), *store)
    assert code == 0, err
    assert "merged into your notes: 0 added, 0 updated (a newer edit), 1 unchanged" in out
    with NoteBook.open(notes_file) as book:
        assert sorted(n.text for n in book.all()) == ["After backup", "Edited after the backup"]
    notes_file.unlink()  # a lost notes file comes back from the backup
    for leftover in notes_file.parent.glob("notes.sqlite-*"):
        leftover.unlink()
    assert _run(capsys, "restore", str(backup), *store)[0] == 0
    with NoteBook.open(notes_file) as book:
        assert [n.text for n in book.all()] == ["Before backup"]


def test_notes_stay_when_the_store_is_swapped(sample_store: Path, sample_store_file: Path,
                                              tmp_path: Path, notes_file: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "notes", "add", "--commitment", "RET-JOBS-001", "Still here",
         "--store", str(sample_store))
    sample_store.unlink()
    shutil.copy(sample_store_file, sample_store)  # a new copy of the data replaces the store
    code, out, _ = _run(capsys, "notes", "list", "--store", str(sample_store))
    assert code == 0 and "Still here" in out
    fresh = tmp_path / "elsewhere.sqlite"
    code, out, _ = _run(capsys, "notes", "list", "--store", str(fresh))  # no store at all
    assert code == 0 and "Still here" in out


def test_the_store_is_never_taken_as_the_notes_file(sample_store: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    before = sample_store.read_bytes()
    code, _, err = _run(capsys, "notes", "list", "--store", str(sample_store),
                        "--notes", str(sample_store))
    assert code == 1 and "is the store" in err
    assert sample_store.read_bytes() == before


def test_writing_notes_never_writes_to_the_store(sample_store: Path, notes_file: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import hashlib
    import sqlite3

    before = hashlib.sha256(sample_store.read_bytes()).hexdigest()
    store = ["--store", str(sample_store)]
    _, out, _ = _run(capsys, "notes", "add", "--commitment", "RET-JOBS-001", "Private", *store)
    _run(capsys, "notes", "edit", _added_id(out), "Still private", *store)
    assert hashlib.sha256(sample_store.read_bytes()).hexdigest() == before
    conn = sqlite3.connect(f"{sample_store.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert "note" not in tables and notes_file.is_file()
