"""The import wizard end to end with a workbook a partner might send: the cover and notes
sheets passed over, the columns mapped, the values the check did not recognise translated (or
their rows skipped), the import, the profile saved and used by the command line next quarter;
the constants chosen from the store's lists, the period checked as typed, the header row saved."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QFileDialog
from window_helpers import check

from mag_desktop.cli import main
from mag_desktop.core.store import Store
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.views.import_wizard import ImportWizard
from mag_desktop.gui.views.main_window import MainWindow
from mag_desktop.gui.views.translation_table import SKIP_TEXT

HEADINGS = ["Area", "Ethnicity", "Quarter", "Percent employed"]


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover_sheet"
    cover.append(["Employment by ethnic group: partnership return"])
    cover.append(["This workbook holds one table of figures, on the sheet Data."])
    notes = book.create_sheet("Notes")
    notes.append(["Note 1: figures are provisional."])
    notes.append(["Note 2: rates are per cent of residents aged 16 to 64."])
    data = book.create_sheet("Data")
    data.append(["Employment rate by area and ethnic group"])
    data.append([])
    data.append(HEADINGS)
    for row in rows:
        data.append(row)
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



def answer(wizard: ImportWizard, field: str, value: str, data: str) -> None:
    box = wizard.translations.boxes[(field, value)]
    box.setCurrentIndex(box.findData(data))


def test_a_clerk_translates_values_imports_and_the_cli_reuses_the_profile(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot, monkeypatch, tmp_path: Path, sample_store_file: Path) -> None:
    path = workbook(tmp_path / "partner Q3.xlsx", [
        ["Birmingham", "Pakistani", "2026 Q3", 57.5],
        ["Sandwel", "Indian", "2026 Q3", 61.0],
        ["Coventry", "Group 7", "2026 Q3", 66.0],
        ["Coventry", "Declined", "2026 Q3", 50.0],
        ["Dudley", "Pakistani", "Q3", 40.0]])
    wizard = opened(window, qtbot, monkeypatch, path)
    assert wizard.preview is not None and wizard.preview.sheet == "Data"  # not the cover
    assert wizard.sheet.currentText() == "Data"
    marked = [wizard.sheet.itemText(i) for i in range(wizard.sheet.count())]
    assert "Cover_sheet   (a cover sheet, not data)" in marked
    assert "Notes   (notes, not data)" in marked
    assert wizard.preview.header_row == 2

    combo = wizard.mapping.combos["Percent employed"]
    combo.setCurrentIndex(combo.findData("value"))
    indicator = wizard.mapping.constants["indicator"]
    assert indicator.findData("EMP_RATE") >= 0  # the store's indicators to choose from
    indicator.setCurrentIndex(indicator.findData("EMP_RATE"))
    check(wizard, qtbot)
    assert wizard.outcome is not None and wizard.outcome.status == "rejected"
    table = wizard.translations
    assert wizard.steps.currentWidget() is table
    assert set(table.boxes) == {("area_name", "Sandwel"), ("ethnic_group", "Group 7"),
                                ("ethnic_group", "Declined"), ("period", "Q3")}
    row = next(r for r in range(table.table.rowCount())
               if table.table.item(r, 1).text() == "Declined")
    assert [table.table.item(row, c).text() for c in range(4)] == [
        "Ethnic group (column B, Ethnicity)", "Declined", "1", "7"]
    assert "not recognised" in wizard.summary.text()
    assert table.open_count() == 4

    answer(wizard, "area_name", "Sandwel", "E08000028")
    answer(wizard, "ethnic_group", "Group 7", "ASIAN_OTHER")
    table.boxes[("ethnic_group", "Declined")].setCurrentText(SKIP_TEXT)
    period = table.boxes[("period", "Q3")]
    qtbot.keyClicks(period.lineEdit(), "Spring")  # not a period: said so, not taken
    assert "is not a period" in table.problems.text()
    period.lineEdit().clear()
    qtbot.keyClicks(period.lineEdit(), "2026 Q3")
    assert table.open_count() == 0 and not table.problems.text()
    assert not wizard.import_button.isEnabled()
    check(wizard, qtbot)
    assert wizard.outcome.status == "ok", wizard.summary.text()
    assert wizard.outcome.rows_skipped == 1 and wizard.outcome.rows_valid == 4
    assert table.table.rowCount() == 4  # the answers stay shown, to be changed

    wizard.outcome = None
    wizard.import_button.click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=10000)
    assert wizard.outcome.status == "ok" and not wizard.outcome.dry_run
    assert wait_until_idle(window)
    stored = {(r[0], r[1]): r[2] for r in window.session.store.conn.execute(
        "SELECT area_code, group_label, value FROM observation WHERE indicator_code = "
        "'EMP_RATE' AND period = '2026 Q3' AND superseded_by IS NULL")}
    assert stored[("E08000028", "Indian")] == 61.0  # Sandwel, read as Sandwell
    assert stored[("E08000026", "Group 7")] == 66.0  # read as Any other Asian background
    assert stored[("E08000027", "Pakistani")] == 40.0  # the period typed for "Q3"
    assert ("E08000026", "Declined") not in stored

    target = tmp_path / "partner.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    wizard.profile_button.click()
    qtbot.waitUntil(lambda: wizard.saved_profile is not None, timeout=10000)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["sheet"] == "Data" and saved["constants"] == {"indicator_id": "EMP_RATE"}
    assert saved["group_labels"] == {"Group 7": "ASIAN_OTHER"}
    assert saved["skip_values"] == {"ethnic_group": ["Declined"]}
    assert saved["values"] == {"area_name": {"Sandwel": "E08000028"},
                               "period": {"Q3": "2026 Q3"}}

    later = workbook(tmp_path / "partner Q3 late.xlsx", [
        ["Sandwel", "Group 7", "Q3", 71.25], ["Walsall", "Declined", "2026 Q3", 10.0]])
    store_path = tmp_path / "cli.sqlite"
    shutil.copy(sample_store_file, store_path)
    assert main(["import", str(later), "--profile", str(target),
                 "--store", str(store_path)]) == 0
    with Store.open(store_path) as store:
        rows = store.conn.execute(
            "SELECT area_code, group_code, period, value FROM observation WHERE indicator_code"
            " = 'EMP_RATE' AND value = 71.25").fetchall()
    assert rows == [("E08000028", "ASIAN_OTHER", "2026 Q3", 71.25)]


def test_constants_from_lists_and_the_period_checked_as_typed(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot, monkeypatch, tmp_path: Path) -> None:
    path = workbook(tmp_path / "one area.xlsx", [["x", "Pakistani", "2026 Q3", 57.5]])
    wizard = opened(window, qtbot, monkeypatch, path)
    constants = wizard.mapping.constants
    area, group = constants["area"], constants["group"]
    assert area.findData("E08000025") >= 0 and group.findData("Pakistani") >= 0
    for box in constants.values():
        assert box.accessibleName().endswith("for every row")
    qtbot.keyClicks(area.lineEdit(), "Wolverh")  # searchable: part of a name
    completer = area.completer()
    assert completer.completionCount() >= 1
    assert "Wolverhampton" in completer.currentCompletion()
    area.setCurrentIndex(area.findData("E08000031"))
    assert area.value() == "E08000031"
    period = constants["period"]
    qtbot.keyClicks(period, "Spring 2026")
    assert "is not a period" in period.state.text() and "2024 Q3" in period.state.text()
    check_button_text = wizard.summary.text()
    wizard.check_button.click()  # refused before any reading: the period is named
    assert "Period:" in wizard.summary.text() and wizard.summary.text() != check_button_text
    period.clear()
    qtbot.keyClicks(period, "Q3 2026/27")
    assert "Read as 2026/27 Q3" in period.state.text()


def test_a_header_row_changed_by_hand_is_saved_in_the_profile(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot, monkeypatch, tmp_path: Path) -> None:
    path = workbook(tmp_path / "titled.xlsx", [["Birmingham", "Pakistani", "2026 Q3", 57.5]])
    wizard = opened(window, qtbot, monkeypatch, path)
    wizard.mapping.header_row.setValue(1)  # the clerk points at the title row
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.preview.header_row == 0,
                    timeout=10000)
    target = tmp_path / "titled.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    wizard.profile_button.click()
    qtbot.waitUntil(lambda: wizard.saved_profile is not None, timeout=10000)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["header_row"] == 1 and saved["sheet"] == "Data"


def test_every_new_control_has_a_name_and_is_reached_with_tab(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot, monkeypatch, tmp_path: Path) -> None:
    path = workbook(tmp_path / "keys.xlsx", [["Sandwel", "Pakistani", "2026 Q3", 57.5]])
    wizard = opened(window, qtbot, monkeypatch, path)
    combo = wizard.mapping.combos["Percent employed"]
    combo.setCurrentIndex(combo.findData("value"))
    wizard.mapping.constants["indicator"].set_value("EMP_RATE")
    check(wizard, qtbot)
    controls = [wizard.sheet, *wizard.mapping.constants.values(),
                *wizard.translations.boxes.values()]
    assert wizard.translations.boxes
    chain, widget = [], wizard.nextInFocusChain()
    while widget is not wizard:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & control.focusPolicy().TabFocus
        assert control in chain and control.isEnabled()
    box = wizard.translations.boxes[("area_name", "Sandwel")]
    assert box.accessibleName() == "Area 'Sandwel': read as"
