"""The pack formats in the two pack dialogs: a named, keyboard-reachable choice with a line on
when to use each; Preview and Print for PDFs only (greyed with the reason for a web page); the
save dialog's filter and suggested name by format; ward batches of web pages; the pack log's
"web page" for a pack without pages."""

from __future__ import annotations

import csv
from pathlib import Path

import html5lib
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QMessageBox

from mag_desktop.core.briefing.formats import FORMATS
from mag_desktop.core.briefing.pack import list_packs
from mag_desktop.core.query import Filter
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.views.batch_dialog import BatchDialog
from mag_desktop.gui.views.format_choice import NO_PAGES
from mag_desktop.gui.views.main_window import MainWindow
from mag_desktop.gui.views.pack_dialog import PackDialog
from mag_desktop.gui.views.pack_log import packs_frame

SOLIHULL = "E08000029"


def pack_dialog(window: MainWindow, qtbot) -> PackDialog:  # type: ignore[no-untyped-def]
    dialog = PackDialog(window_operations(window), window.choices,
                        Filter(authorities=(SOLIHULL,)), window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.as_at is not None, timeout=10000)
    return dialog


def test_the_format_choice_is_named_described_and_reached_by_keys(window: MainWindow,  # type: ignore[no-untyped-def]
                                                                  qtbot) -> None:
    dialog = pack_dialog(window, qtbot)
    dialog.show()
    choice = dialog.format
    assert [b.accessibleName() for b in choice.buttons.values()] == [
        f.label for f in FORMATS.values()]
    assert all(b.accessibleDescription() == f.when and b.isVisible()
               for b, f in zip(choice.buttons.values(), FORMATS.values(), strict=True))
    assert choice.key() == "pdf" and choice.when.text() == FORMATS["pdf"].when
    first = choice.buttons["pdf"]
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Down)  # arrow keys move between the formats
    assert choice.key() == "accessible-pdf" and dialog.file_name().endswith(" (accessible).pdf")
    assert choice.when.text() == FORMATS["accessible-pdf"].when
    qtbot.keyClick(choice.buttons["accessible-pdf"], Qt.Key.Key_Down)
    assert choice.key() == "html" and dialog.file_name().endswith(".html")
    letters = [QKeySequence.mnemonic(w.text()).toString()  # Alt+letter, none taken twice
               for w in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLabel)
               if "&" in w.text().replace("&&", "")]
    assert [letters.count(key) for key in ("Alt+N", "Alt+E", "Alt+G")] == [1, 1, 1]


def test_a_web_page_greys_preview_and_print_and_saves_as_html(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                               monkeypatch,
                                                               tmp_path: Path) -> None:
    dialog = pack_dialog(window, qtbot)
    quarter = dialog.as_at
    dialog.format.choose("html")
    assert not dialog.preview_button.isEnabled() and not dialog.print_button.isEnabled()
    assert dialog.preview_button.toolTip() == NO_PAGES == dialog.status.text()
    assert dialog.save_button.text() == "&Save web page…"
    asked: list[tuple[str, str]] = []
    out = tmp_path / "solihull"  # typed without its extension: the format adds it

    def save_as(_parent, _title, suggested, kinds):  # type: ignore[no-untyped-def]
        asked.append((suggested, kinds))
        return str(out), kinds

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    dialog.save()
    assert Path(asked[0][0]).name == f"Solihull briefing pack {quarter}.html"
    assert asked[0][1] == "Web page (*.html)"
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved"), timeout=60000)
    page = out.with_name("solihull.html")
    assert f"Saved {page} (web page)" in dialog.status.text()
    parsed = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    assert "Solihull" in parsed.find("head/title").text
    assert dialog.pack is None and not dialog.print_button.isEnabled()
    logged = list_packs(window.session.store.conn, 1)[0]
    assert logged.parameters["format"] == "html" and logged.pages == 0
    row = packs_frame(window.session.store.conn).iloc[0]
    assert (row["format"], row["pages_text"]) == ("Web page (HTML)", "web page")


def test_the_accessible_pdf_is_previewed_and_can_be_printed(window: MainWindow,  # type: ignore[no-untyped-def]
                                                            qtbot) -> None:
    dialog = pack_dialog(window, qtbot)
    dialog.preview()  # the standard PDF first
    qtbot.waitUntil(lambda: dialog.pack is not None, timeout=60000)
    assert dialog.print_button.isEnabled()
    dialog.format.choose("accessible-pdf")  # the standard preview is put away
    assert dialog.pack is None and not dialog.print_button.isEnabled()
    assert dialog.preview_button.isEnabled()
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.pack is not None, timeout=90000)
    pack = dialog.pack
    assert pack is not None
    assert pack.parameters["format"] == "accessible-pdf" and pack.pages > 0
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() == pack.pages
    assert dialog.print_button.isEnabled()
    assert dialog.status.text().startswith(f"Solihull: {pack.pages} pages")


def test_ward_packs_as_web_pages(window: MainWindow, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                 tmp_path: Path) -> None:
    dialog = BatchDialog(window_operations(window), window.choices,
                         Filter(authorities=(SOLIHULL,)), window)
    qtbot.addWidget(dialog)
    assert dialog.status.text() == "One PDF per ward, written on every core."
    dialog.format.choose("html")
    assert dialog.status.text() == "One web page per ward, written on every core."
    folder = tmp_path / "packs"
    dialog.folder.setText(str(folder))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=180000)
    result = dialog.outcome
    assert result is not None and not result.failed and result.written
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(p.name for p in folder.glob("*.html")) == [r["file"] for r in rows]
    assert {r["format"] for r in rows} == {"html"} and not list(folder.glob("*.pdf"))
    asked: list[str] = []

    def question(_parent, _title, text, _buttons):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog.start()  # the web pages are there now: it asks about them
    qtbot.waitUntil(lambda: bool(asked), timeout=30000)
    assert f"{len(rows)} ward packs (Web page (HTML)) already exist" in asked[0]


def test_both_dialogs_still_fit_a_council_laptop(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    packs = pack_dialog(window, qtbot)
    ward_packs = BatchDialog(window_operations(window), window.choices, Filter(), window)
    qtbot.addWidget(ward_packs)
    for dialog in (packs, ward_packs):
        dialog.show()
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 728 - 40, (type(dialog), hint)
