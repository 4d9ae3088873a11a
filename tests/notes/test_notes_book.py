"""The notes file: add, edit, delete and list notes; text cleaned and capped; quarters kept;
the file refuses what is not a notes file; two processes write without losing a note."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from mag_desktop.core.notes import MAX_TEXT, NoteBook, NoteError, grouped
from mag_desktop.core.notes.location import resolve_notes_path
from mag_desktop.core.notes.schema import SCHEMA_VERSION


def test_add_edit_delete_and_list(book: NoteBook) -> None:
    first = book.add("commitment", "RET-JOBS-001", "Ask about apprenticeships",
                     quarter="2026 Q3")
    second = book.add("indicator", "CENSUS_ETH_PCT", "Compare with Sandwell",
                      area_code="e08000025", quarter="2026 Q2")
    assert second.area_code == "E08000025"
    assert [n.id for n in book.for_item("commitment", "RET-JOBS-001")] == [first.id]
    assert book.for_item("indicator", "CENSUS_ETH_PCT", "E08000026") == []
    edited = book.edit(first.short_id, "Ask about apprenticeships and pay")
    assert edited.quarter == "2026 Q3" and edited.edited_at > first.edited_at
    assert edited.created_at == first.created_at
    assert book.get(first.id).text == "Ask about apprenticeships and pay"
    assert [n.id for n in book.all()] == [first.id, second.id]  # newest quarter first
    assert [n.id for n in book.all("2026 Q2")] == [second.id]
    book.delete(second.id[:6])
    assert book.count() == 1
    with pytest.raises(NoteError, match="there is no note"):
        book.get(second.id)


def test_notes_survive_closing_and_reopening(notes_file: Path) -> None:
    with NoteBook.open(notes_file) as book:
        note = book.add("commitment", "RET-JOBS-002", "Kept", quarter="2026 Q1")
    with NoteBook.open(notes_file) as book:
        assert book.get(note.id) == note


def test_text_is_cleaned_and_capped(book: NoteBook) -> None:
    note = book.add("commitment", "C-1", "\u202eKCATTA\u200b plain\x07 \r\nsecond line ")
    assert note.text == "KCATTA plain \nsecond line"
    with pytest.raises(NoteError, match=f"at most {MAX_TEXT:,}"):
        book.add("commitment", "C-1", "x" * (MAX_TEXT + 1))
    with pytest.raises(NoteError, match="empty"):
        book.add("commitment", "C-1", "\u200b \u2066")
    with pytest.raises(NoteError, match="not an id"):
        book.add("commitment", "C 1; DROP TABLE note", "hello")
    with pytest.raises(NoteError, match="needs the area"):
        book.add("indicator", "CENSUS_ETH_PCT", "no area")
    with pytest.raises(NoteError, match="not a quarter"):
        book.add("commitment", "C-1", "hello", quarter="2026")
    assert book.count() == 1


def test_a_note_without_a_quarter_takes_the_calendar_quarter(book: NoteBook) -> None:
    from mag_desktop.core.notes.model import calendar_quarter

    assert book.add("commitment", "C-1", "now").quarter == calendar_quarter()


def test_earlier_quarters_stay_visible_and_marked(book: NoteBook) -> None:
    book.add("commitment", "C-1", "old", quarter="2025 Q4")
    book.add("commitment", "C-1", "new", quarter="2026 Q3")
    book.add("commitment", "C-2", "newer still", quarter="2026 Q3")
    groups = grouped(book.all(), "2026 Q3")
    assert [(g.quarter, g.earlier) for g in groups] == [("2026 Q3", False), ("2025 Q4", True)]
    assert groups[1].heading == "2025 Q4 (an earlier quarter)"
    assert [n.text for n in groups[0].notes] == ["newer still", "new"]


def test_a_store_or_other_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "store.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE observation(x)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(NoteError, match="is not a notes file"):
        NoteBook.open(other)
    assert other.read_bytes() == before
    with pytest.raises(NoteError, match="is the store"):
        resolve_notes_path(other, other)


def test_a_newer_notes_file_is_refused(notes_file: Path) -> None:
    NoteBook.open(notes_file).close()
    conn = sqlite3.connect(notes_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(NoteError, match="newer MAG Desktop"):
        NoteBook.open(notes_file)


def test_the_notes_file_is_in_write_ahead_mode(book: NoteBook) -> None:
    assert book.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert book.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def _writer(path: str, who: str, count: int) -> None:
    with NoteBook.open(Path(path)) as book:
        for i in range(count):
            book.add("commitment", f"C-{who}", f"{who} {i}", quarter="2026 Q3")


def test_two_processes_write_without_losing_a_note(notes_file: Path) -> None:
    NoteBook.open(notes_file).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(notes_file), who, 40))
               for who in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    with NoteBook.open(notes_file) as book:
        assert book.count() == 80
        assert len(book.for_item("commitment", "C-a")) == 40


def test_a_failed_merge_writes_nothing(book: NoteBook) -> None:
    from dataclasses import replace

    kept = book.add("commitment", "C-1", "kept", quarter="2026 Q3")
    bad = replace(kept, id="f" * 32, kind="nonsense")  # type: ignore[arg-type]
    fresh = replace(kept, id="e" * 32, text="would be added first")
    with pytest.raises(sqlite3.IntegrityError):
        book.merge([fresh, bad])
    assert [n.id for n in book.all()] == [kept.id]
