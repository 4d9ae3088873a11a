"""Notes fixtures: a notes file of its own per test, and ``MAG_NOTES`` pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mag_desktop.core.notes import NoteBook


@pytest.fixture
def notes_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "member" / "notes.sqlite"
    monkeypatch.setenv("MAG_NOTES", str(path))
    return path


@pytest.fixture
def book(notes_file: Path) -> Iterator[NoteBook]:
    with NoteBook.open(notes_file) as opened:
        yield opened
