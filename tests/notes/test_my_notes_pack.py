""""My notes" in a pack: only when asked, with the notes on what the pack shows, each with its
quarter, on pages marked personal; read back from the PDF with pypdf."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from mag_desktop.cli.main import main
from mag_desktop.core.briefing.builder import build_briefing
from mag_desktop.core.briefing.model import Heading, Paragraph
from mag_desktop.core.briefing.my_notes_section import PERSONAL
from mag_desktop.core.notes import NoteBook
from mag_desktop.core.store.connection import connect

BIRMINGHAM, ACOCKS_GREEN, SANDWELL_WARD = "E08000025", "E05011118", "E05001260"


@pytest.fixture
def noted(notes_file: Path) -> Path:
    with NoteBook.open(notes_file) as book:
        book.add("commitment", "RET-JOBS-001", "Ask about apprenticeship numbers",
                 quarter="2026 Q3")
        book.add("indicator", "CENSUS_ETH_PCT", "Acocks Green differs from the city",
                 area_code=ACOCKS_GREEN, quarter="2026 Q1")
        book.add("commitment", "RET-CULTURE-003", "A Sandwell matter", quarter="2026 Q3")
        book.add("indicator", "CENSUS_ETH_PCT", "Abbey ward, Sandwell",
                 area_code=SANDWELL_WARD, quarter="2026 Q3")
    return notes_file


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_my_notes_only_when_asked(sample_store: Path, noted: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    plain, personal = tmp_path / "plain.pdf", tmp_path / "personal.pdf"
    common = ["pack", "--authority", "Birmingham", "--themes", "JOBS", "--store",
              str(sample_store)]
    assert main([*common, "--out", str(plain)]) == 0
    assert main([*common, "--out", str(personal), "--with-notes"]) == 0
    capsys.readouterr()
    without = _text(plain)
    assert "My notes" not in without and "apprenticeship numbers" not in without
    text = " ".join(_text(personal).split())
    assert "My notes (personal)" in text and PERSONAL in text
    assert "Ask about apprenticeship numbers" in text and "— 2026 Q3" in text
    assert "Acocks Green differs from the city" in text
    assert "Written in 2026 Q1 (an earlier quarter)" in text
    assert "Sandwell matter" not in text and "Abbey ward" not in text
    reader = PdfReader(personal)
    last = reader.pages[-1].extract_text()
    assert PERSONAL in last  # the footer of the personal pages says so too


def test_a_ward_pack_keeps_its_ward_and_authority_notes(sample_store: Path, noted: Path) -> None:
    conn: sqlite3.Connection = connect(sample_store, readonly=True)
    try:
        with NoteBook.open(noted) as book:
            notes = book.all()
        briefing = build_briefing(conn, ACOCKS_GREEN, sections=("my_notes",), my_notes=notes)
    finally:
        conn.close()
    section = briefing.section("my_notes")
    assert section.new_page and section.short_title == PERSONAL
    texts = [b.text for b in section.blocks if isinstance(b, Paragraph | Heading)]
    assert "Acocks Green differs from the city" in texts
    assert "Abbey ward, Sandwell" not in texts
    assert briefing.meta.parameters["sections"] == ["my_notes"]


def test_no_notes_says_so(sample_store: Path, notes_file: Path) -> None:
    conn = connect(sample_store, readonly=True)
    try:
        briefing = build_briefing(conn, BIRMINGHAM, sections=("my_notes",))
    finally:
        conn.close()
    texts = [b.text for b in briefing.section("my_notes").blocks if isinstance(b, Paragraph)]
    assert texts == ["You have no notes on the commitments or the indicators in this pack."]
    assert not notes_file.exists()  # making a pack never creates a notes file
