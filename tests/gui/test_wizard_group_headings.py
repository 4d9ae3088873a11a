"""The import wizard with a partner's table laid out by ethnic group (one column per group),
some of whose headings are no group the importer knows: each is listed as "Column F heading",
the clerk names one's group and ignores another with the keyboard, a group that another
column gives is refused before the check, the import stores each column under its group, and
the saved profile is read alike by the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from window_helpers import check

from mag_desktop.cli import main
from mag_desktop.core.ingest.choices import GROUP
from mag_desktop.core.ingest.unrecognised import HEADING
from mag_desktop.core.store import Store
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.views.constant_boxes import ConstantCombo
from mag_desktop.gui.views.import_wizard import ImportWizard
from mag_desktop.gui.views.main_window import MainWindow
from mag_desktop.gui.views.mapping_step import UNREAD_LABEL
from mag_desktop.gui.views.translation_table import IGNORE_TEXT

HEADINGS = ["Local authority", "Period", "White British", "Black African",
            "Black/Black British (any)", "Eastern European", "Gypsy, Roma & Traveller*",
            "Any other ethnicity (incl. Arab)"]
ROWS = [["Birmingham", "2027 Q1", 71.5, 58.25, 60.5, 80.75, 31.5, 62.25],
        ["Wolverhampton", "2027 Q1", 73.5, 61.25, 63.5, 79.25, 28.5, 59.75]]


def partner_book(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["Employment rate of residents aged 16 to 64, by ethnic group"])
    sheet.append([])
    sheet.append(HEADINGS)
    for row in ROWS:
        sheet.append(row)
    sheet.append([])
    sheet.append(["* Gypsy, Roma & Traveller includes Irish Travellers"])
    book.save(path)
    return path


def opened(window: MainWindow, qtbot, monkeypatch, path: Path) -> ImportWizard:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    wizard = ImportWizard(window_operations(window), window)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: bool(wizard.vocabulary), timeout=10000)
    wizard.choose()
    qtbot.waitUntil(lambda: wizard.preview is not None and not window.runner.active,
                    timeout=10000)
    return wizard


def type_answer(wizard: ImportWizard, qtbot, heading: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into a heading's drop-down as a clerk does (select what is there, then type)."""
    box = wizard.translations.boxes[(HEADING, heading)]
    box.setFocus()
    line = box.lineEdit()
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Escape)  # close the completer's list, keep the text


def test_a_clerk_maps_one_heading_ignores_another_and_imports(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot, monkeypatch, tmp_path: Path, sample_store_file: Path) -> None:
    path = partner_book(tmp_path / "employment by group.xlsx")
    wizard = opened(window, qtbot, monkeypatch, path)
    wizard.show()  # laid out as a clerk sees it on a 1366 × 768 screen, for the pictures
    qtbot.waitExposed(wizard)
    wizard.resize(1366, 768)
    combo = wizard.mapping.combos["Eastern European"]
    assert combo.currentText() == UNREAD_LABEL  # not "Ignore": it waits for an answer
    assert wizard.grab().save(str(tmp_path / "group_headings_columns.png"))
    indicator = wizard.mapping.constants["indicator"]
    assert isinstance(indicator, ConstantCombo)
    indicator.setCurrentIndex(indicator.findData("EMP_RATE"))
    check(wizard, qtbot)
    assert wizard.outcome is not None and wizard.outcome.status == "rejected"
    table = wizard.translations
    assert wizard.steps.currentWidget() is table
    unknown = ["Black/Black British (any)", "Eastern European", "Gypsy, Roma & Traveller*",
               "Any other ethnicity (incl. Arab)"]
    assert set(table.boxes) == {(HEADING, h) for h in unknown}
    texts = [[cell.text() if (cell := table.table.item(r, c)) else "" for c in range(4)]
             for r in range(table.table.rowCount())]
    assert next(t for t in texts if t[1] == "Eastern European") == [
        "Column F heading", "Eastern European", "the column", "heading in row 3"]
    box = table.boxes[(HEADING, "Eastern European")]
    assert box.itemText(1) == IGNORE_TEXT and not table.problems.text()
    assert box.accessibleName() == "Column F heading 'Eastern European': read as"
    labels = [box.itemText(i) for i in range(box.count())]
    assert "Black, the whole heading (Black, Black British, Black Welsh, Caribbean or African)" \
        in labels
    assert any(t.startswith("Gypsy/Roma: kept as its own group under White") for t in labels)
    assert wizard.grab().save(str(tmp_path / "group_headings_asked.png"))

    type_answer(wizard, qtbot, "Black/Black British (any)", "Black African (under Black)")
    assert "column D ('Black African') gives that group" in table.problems.text()
    check_button_outcome = wizard.outcome
    wizard.check_button.click()  # refused before any check: a group from one column only
    assert wizard.outcome is check_button_outcome
    assert "Before checking, in the values not recognised" in wizard.summary.text()
    assert wizard.grab().save(str(tmp_path / "group_headings_refused.png"))
    type_answer(wizard, qtbot, "Black/Black British (any)",
                "Black, the whole heading (Black, Black British, Black Welsh, Caribbean or "
                "African)")
    type_answer(wizard, qtbot, "Eastern European", IGNORE_TEXT)
    type_answer(wizard, qtbot, "Gypsy, Roma & Traveller*", IGNORE_TEXT)
    other = table.boxes[(HEADING, "Any other ethnicity (incl. Arab)")]
    other.setCurrentIndex(other.findData("OTHER"))
    assert table.open_count() == 0 and not table.problems.text()
    assert wizard.grab().save(str(tmp_path / "group_headings_answered.png"))

    check(wizard, qtbot)
    assert wizard.outcome.status == "ok", wizard.summary.text()
    assert wizard.import_button.isEnabled()
    wizard.outcome = None
    wizard.import_button.click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=10000)
    assert wizard.outcome is not None
    assert wizard.outcome.status == "ok" and not wizard.outcome.dry_run
    assert wait_until_idle(window)
    query = ("SELECT area_code, group_code, group_label, value FROM observation WHERE "
             "indicator_code = 'EMP_RATE' AND period = '2027 Q1' AND superseded_by IS NULL")
    stored = {(a, g): (label, v) for a, g, label, v in
              window.session.store.conn.execute(query)}
    assert stored == {
        ("E08000025", "WHITE_BRITISH"): ("White British", 71.5),
        ("E08000025", "BLACK_AFRICAN"): ("Black African", 58.25),
        ("E08000025", "BLACK"): ("Black/Black British (any)", 60.5),
        ("E08000025", "OTHER"): ("Any other ethnicity (incl. Arab)", 62.25),
        ("E08000031", "WHITE_BRITISH"): ("White British", 73.5),
        ("E08000031", "BLACK_AFRICAN"): ("Black African", 61.25),
        ("E08000031", "BLACK"): ("Black/Black British (any)", 63.5),
        ("E08000031", "OTHER"): ("Any other ethnicity (incl. Arab)", 59.75)}

    target = tmp_path / "employment.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    wizard.profile_button.click()
    qtbot.waitUntil(lambda: wizard.saved_profile is not None, timeout=10000)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["group_labels"] == {"Black/Black British (any)": "BLACK",
                                     "Any other ethnicity (incl. Arab)": "OTHER"}
    assert saved["columns"]["Eastern European"] == "ignore"
    assert saved["columns"]["Gypsy, Roma & Traveller*"] == "ignore"
    store_path = tmp_path / "cli.sqlite"
    shutil.copy(sample_store_file, store_path)
    assert main(["import", str(path), "--profile", str(target),
                 "--store", str(store_path)]) == 0
    with Store.open(store_path) as store:
        again = {(a, g): (label, v) for a, g, label, v in store.conn.execute(query)}
    assert again == stored


def test_columns_whose_headings_name_no_group_are_chosen_in_the_mapping_step(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot, monkeypatch, tmp_path: Path) -> None:
    """Headings such as "Employed\\nIndian" name no group the importer knows by themselves,
    so the table is not read by group at first: the clerk chooses each column's group in
    step 1, checks and imports."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Local authority", "Period", "Employed\nIndian", "Employed\nPakistani",
                  "Employed\nAll people"])
    sheet.append(["Coventry", "2027 Q2", 66.5, 55.25, 70.75])
    path = tmp_path / "employed.xlsx"
    book.save(path)
    wizard = opened(window, qtbot, monkeypatch, path)
    wizard.show()  # laid out as a clerk sees it on a 1366 × 768 screen, for the pictures
    qtbot.waitExposed(wizard)
    wizard.resize(1366, 768)
    indicator = wizard.mapping.constants["indicator"]
    assert isinstance(indicator, ConstantCombo)
    indicator.setCurrentIndex(indicator.findData("EMP_RATE"))
    for heading, code in (("Employed Indian", "ASIAN_INDIAN"),
                          ("Employed Pakistani", "ASIAN_PAKISTANI"),
                          ("Employed All people", "ALL")):
        combo = wizard.mapping.combos[heading]
        assert combo.currentData() == "ignore"
        combo.setCurrentIndex(combo.findData(GROUP + code))
    label = wizard.mapping.combos["Employed Indian"].currentText()
    assert label == "Values for ethnic group: Indian (under Asian)"
    assert wizard.grab().save(str(tmp_path / "group_columns_chosen.png"))
    check(wizard, qtbot)
    assert wizard.outcome is not None and wizard.outcome.status == "ok", wizard.summary.text()
    wizard.outcome = None
    wizard.import_button.click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=10000)
    assert wizard.outcome is not None and wizard.outcome.status == "ok"
    assert wait_until_idle(window)
    stored = dict(((g, v) for g, v in window.session.store.conn.execute(
        "SELECT group_code, value FROM observation WHERE indicator_code = 'EMP_RATE' AND "
        "period = '2027 Q2' AND area_code = 'E08000026' AND superseded_by IS NULL")))
    assert stored == {"ASIAN_INDIAN": 66.5, "ASIAN_PAKISTANI": 55.25, "ALL": 70.75}
