"""Private notes in the window: the Notes panel beside a commitment's detail and an indicator's
view (add, edit, delete; earlier quarters marked), View › My notes grouped by quarter, File ›
Export notes… / Import notes… with the report shown, and the pack dialog's "My notes
(personal)" box. Every read and write goes through the runner to a real notes file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QWidget

from mag_desktop.core.notes import NoteBook
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.views.main_window import MainWindow
from mag_desktop.gui.views.notes_panel import NotesPanel
from mag_desktop.gui.views.pack_dialog import PackDialog


@pytest.fixture(autouse=True)
def notes_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAG_NOTES", str(tmp_path / "notes.sqlite"))
    return tmp_path / "notes.sqlite"


def shoot(widget: QWidget, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("MAG_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(folder / f"{name}.png"))


def texts(panel: NotesPanel) -> list[str]:
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def say(monkeypatch: pytest.MonkeyPatch, panel: NotesPanel, text: str) -> None:
    monkeypatch.setattr(panel, "ask_text", lambda *_a: text)


def test_notes_beside_a_commitment(window: MainWindow, notes_file: Path, qtbot,  # type: ignore[no-untyped-def]
                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    tab = window.commitments
    window.show_tab("commitments")
    tab.table.selectRow(0)
    commitment = str(tab.model.row(0)["id"])
    panel = tab.notes
    qtbot.waitUntil(lambda: panel.item == ("commitment", commitment, None), timeout=10000)
    qtbot.waitUntil(lambda: texts(panel) == ["No notes yet."], timeout=10000)
    assert not panel.edit_button.isEnabled() and panel.add_button.isEnabled()
    say(monkeypatch, panel, "Ask the lead about the funding gap")
    panel.add_button.click()
    qtbot.waitUntil(lambda: texts(panel) == ["Ask the lead about the funding gap"],
                    timeout=10000)
    with NoteBook.open(notes_file) as book:  # written in the quarter of the data shown
        (note,) = book.for_item("commitment", commitment)
        book.add("commitment", commitment, "Chased in the spring", quarter="2025 Q1")
    assert note.quarter == "2026 Q3"
    panel.reload()
    qtbot.waitUntil(lambda: len(texts(panel)) == 2, timeout=10000)
    assert texts(panel)[1] == "[2025 Q1, an earlier quarter] Chased in the spring"
    panel.list.setCurrentRow(0)
    say(monkeypatch, panel, "Ask the lead about the funding gap (raised 4 Dec)")
    panel.edit_button.click()
    qtbot.waitUntil(lambda: texts(panel)[0].endswith("(raised 4 Dec)"), timeout=10000)
    shoot(window, "commitment-notes", tmp_path)
    panel.list.setCurrentRow(1)
    monkeypatch.setattr(panel, "confirm_delete", lambda _n: True)
    panel.delete_button.click()
    qtbot.waitUntil(lambda: len(texts(panel)) == 1, timeout=10000)
    with NoteBook.open(notes_file) as book:
        assert [n.text for n in book.all()] == [
            "Ask the lead about the funding gap (raised 4 Dec)"]
    for widget in (panel.add_button, panel.edit_button, panel.delete_button, panel.list):
        assert widget.accessibleName() and widget.focusPolicy() != 0


def test_notes_beside_an_indicator_are_for_the_area(window: MainWindow, notes_file: Path,  # type: ignore[no-untyped-def]
                                                    qtbot, monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    window.show_tab("indicators")
    tab = window.indicators
    panel = tab.notes
    qtbot.waitUntil(lambda: panel.item is not None and panel.item[0] == "indicator",
                    timeout=15000)
    code, area = tab.current_indicator(), tab.area.currentData()
    assert panel.item == ("indicator", code, area)
    say(monkeypatch, panel, "Compare with the census")
    panel.add_button.click()
    qtbot.waitUntil(lambda: texts(panel) == ["Compare with the census"], timeout=10000)
    with NoteBook.open(notes_file) as book:
        assert [n.area_code for n in book.for_item("indicator", code)] == [area]
    tab.area.setCurrentIndex(tab.area.count() - 1)  # another area: its own notes (none)
    tab.area.activated.emit(tab.area.currentIndex())
    qtbot.waitUntil(lambda: panel.item == ("indicator", code, tab.area.currentData())
                    and texts(panel) == ["No notes yet."], timeout=15000)
    shoot(window, "indicator-notes", tmp_path)


def test_notes_list_export_import_and_pack(window: MainWindow, notes_file: Path, qtbot,  # type: ignore[no-untyped-def]
                                           monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    commitment = str(window.commitments.model.row(0)["id"])
    with NoteBook.open(notes_file) as book:
        book.add("commitment", commitment, "Raise at the March meeting", quarter="2026 Q3")
        book.add("commitment", commitment, "First seen in spring", quarter="2026 Q1")
    window.releases.show_notes()
    dialog = window.releases.notes_dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.groups is not None, timeout=10000)
    headings = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert headings == ["2026 Q3 — 1 note", "2026 Q1 (an earlier quarter) — 1 note"]
    title = str(window.commitments.model.row(0)["title"])
    assert dialog.tree.topLevelItem(0).child(0).text(1) == f"{title} ({commitment})"
    assert dialog.width() <= 1366 and dialog.height() <= 768
    shoot(dialog, "notes-list", tmp_path)
    exported = tmp_path / "my-notes.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    window.releases.export_notes()
    qtbot.waitUntil(lambda: exported.exists(), timeout=10000)
    monkeypatch.setenv("MAG_NOTES", str(tmp_path / "new-laptop.sqlite"))  # another laptop
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported), ""))
    window.releases.import_notes()
    qtbot.waitUntil(lambda: "added" in getattr(window.releases, "told", ""), timeout=10000)
    assert "2 added, 0 updated" in window.releases.told
    with NoteBook.open(tmp_path / "new-laptop.sqlite") as book:
        assert book.count() == 2
    pack = PackDialog(window_operations(window), window.choices, window.filters.current, window)
    qtbot.addWidget(pack)
    assert not pack.my_notes.isChecked() and "my_notes" not in pack.options().sections
    assert pack.my_notes.accessibleName()
    pack.my_notes.setChecked(True)
    assert "my_notes" in pack.options().sections
    found = pack.authority.findText(str(window.commitments.model.row(0)["authority_name"]))
    pack.authority.setCurrentIndex(max(0, found))
    pack.show()
    assert pack.height() <= 768 and pack.width() <= 1366
    pack.preview()
    qtbot.waitUntil(lambda: pack.pack is not None, timeout=60000)
    shoot(pack, "pack-dialog-my-notes", tmp_path)
    text = "".join(p.extract_text() or "" for p in PdfReader(pack.pack.path).pages)
    assert "personal" in text.lower() and "Raise at the March meeting" in text
