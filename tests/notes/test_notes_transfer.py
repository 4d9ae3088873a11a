"""Export and import: the same notes on a fresh laptop, merges where the newer edit wins, and
hostile or malformed files refused whole, saying where, with no note changed."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from mag_desktop.core.notes import NoteBook, NoteError
from mag_desktop.core.notes.transfer import (
    MAX_FILE_BYTES,
    export_notes,
    import_notes,
    note_dict,
)


def _fill(book: NoteBook) -> None:
    book.add("commitment", "RET-JOBS-001", "First line\nsecond line", quarter="2026 Q3")
    book.add("indicator", "CENSUS_ETH_PCT", "Ask the clerk", area_code="E05011118",
             quarter="2025 Q4")
    book.add("commitment", "RET-HOUS-002", "Ünïcode — fine “quotes”", quarter="2026 Q1")


def test_export_then_import_on_a_fresh_laptop_gives_the_same_notes(
        book: NoteBook, tmp_path: Path) -> None:
    _fill(book)
    exported = tmp_path / "my-notes.json"
    assert export_notes(book, exported) == 3
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format"] == "mag-desktop-notes" and document["format_version"] == 1
    assert exported.stat().st_mode & 0o077 == 0  # personal: readable by its owner only
    with NoteBook.open(tmp_path / "new-laptop.sqlite") as fresh:
        done = import_notes(fresh, exported)
        assert (done.report.added, done.report.updated, done.report.unchanged) == (3, 0, 0)
        assert fresh.all() == book.all()
        again = import_notes(fresh, exported)
        assert (again.report.added, again.report.updated, again.report.unchanged) == (0, 0, 3)


def test_the_newer_edit_wins_and_nothing_is_lost(book: NoteBook, tmp_path: Path) -> None:
    shared = book.add("commitment", "C-1", "written on the old laptop", quarter="2026 Q3")
    exported = tmp_path / "old.json"
    export_notes(book, exported)
    with NoteBook.open(tmp_path / "new.sqlite") as laptop:
        import_notes(laptop, exported)
        laptop.edit(shared.id, "edited on the new laptop")
        mine = laptop.add("commitment", "C-2", "only on the new laptop", quarter="2026 Q3")
        import_notes(laptop, exported)  # the old export again: older, so it changes nothing
        assert laptop.get(shared.id).text == "edited on the new laptop"
        export_notes(laptop, tmp_path / "new.json")
    done = import_notes(book, tmp_path / "new.json")
    assert (done.report.added, done.report.updated, done.report.unchanged) == (1, 1, 0)
    assert book.get(shared.id).text == "edited on the new laptop"
    assert book.get(mine.id).text == "only on the new laptop"


def _document(book: NoteBook) -> dict[str, Any]:
    note = book.add("commitment", "C-9", "from the file", quarter="2026 Q2")
    book.delete(note.id)
    return {"format": "mag-desktop-notes", "format_version": 1,
            "exported_at": "2026-12-03T10:00:00+00:00", "notes": [note_dict(note)]}


def _with(document: dict[str, Any], **changes: object) -> dict[str, Any]:
    note = {**document["notes"][0], **changes}
    return {**document, "notes": [note]}


HOSTILE = {
    "a number for text": (lambda d: _with(d, text=12), "note 1: text must be text, not int"),
    "a list for the notes": (lambda d: {**d, "notes": {"a": 1}}, "notes: a list of notes"),
    "text too long": (lambda d: _with(d, text="x" * 10_001), "note 1: its text has 10,001"),
    "bidi override": (lambda d: _with(d, text="pay \u202eKCATTA"),
                      "U+202E right-to-left override"),
    "zero-width space": (lambda d: _with(d, item_id="C\u200b-9"), "not an id"),
    "unknown field": (lambda d: _with(d, script="<x>"), "fields not part of the format"),
    "missing field": (lambda d: {**d, "notes": [{"id": "a" * 32}]}, "missing"),
    "bad id": (lambda d: _with(d, id="../../etc"), "not 32 hexadecimal digits"),
    "bad kind": (lambda d: _with(d, kind="meeting"), "is not one of commitment, indicator"),
    "bad quarter": (lambda d: _with(d, quarter="soon"), 'the quarter "soon"'),
    "bad time": (lambda d: _with(d, edited_at="yesterday"), "edited_at"),
    "naive time": (lambda d: _with(d, created_at="2026-01-01T00:00:00"), "no time zone"),
    "newer format": (lambda d: {**d, "format_version": 2}, "newer MAG Desktop"),
    "not an export": (lambda d: {"notes": []}, "not a MAG Desktop notes export"),
    "repeated id": (lambda d: {**d, "notes": d["notes"] * 2}, "repeats note 1"),
    "boolean version": (lambda d: {**d, "format_version": True}, "not a format version"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_file_changes_nothing_and_says_where(case: str, book: NoteBook,
                                                       tmp_path: Path) -> None:
    make, message = HOSTILE[case]
    document = make(_document(book))
    book.add("commitment", "C-1", "mine", quarter="2026 Q3")
    before = book.all()
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(NoteError, match="nothing was imported") as raised:
        import_notes(book, hostile)
    assert message in str(raised.value)
    assert "hostile.json" in str(raised.value)
    assert book.all() == before


def test_one_bad_note_among_good_ones_changes_nothing(book: NoteBook, tmp_path: Path) -> None:
    good = _document(book)
    bad = _with(good, id="b" * 32, text=["not", "text"])
    document = {**good, "notes": [*good["notes"], bad["notes"][0]]}
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(NoteError, match="note 2: text must be text, not list"):
        import_notes(book, path)
    assert book.count() == 0


@pytest.mark.parametrize(("content", "message"), [
    (b'{"format": "mag-desktop-notes",\n "notes": [1, }', "line 2, column"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b'{"format": NaN}', "not a notes export"),
    (b"[" * 100_000 + b"]" * 100_000, "not a notes export"),
])
def test_a_file_that_is_not_json_is_refused(content: bytes, message: str, book: NoteBook,
                                            tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(NoteError, match=message):
        import_notes(book, path)
    assert book.count() == 0


def test_a_10_mb_file_is_refused_unread(book: NoteBook, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    filler = "x" * (10 * 1024 * 1024)
    path.write_text(json.dumps({"format": "mag-desktop-notes", "pad": filler}))
    assert path.stat().st_size > MAX_FILE_BYTES
    with pytest.raises(NoteError, match="larger than 5 MB"):
        import_notes(book, path)
    assert book.count() == 0


def test_an_edit_before_its_creation_is_refused(book: NoteBook, tmp_path: Path) -> None:
    document = _document(book)
    note = document["notes"][0]
    from mag_desktop.core.notes.model import parse_time, time_text

    earlier = time_text(parse_time(note["created_at"], field="x") - timedelta(days=1))
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(_with(document, edited_at=earlier)), encoding="utf-8")
    with pytest.raises(NoteError, match="edited_at is before created_at"):
        import_notes(book, path)
