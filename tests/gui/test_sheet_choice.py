"""The wizard's sheet chooser on real published workbooks: the cover sheet, contents page and
notes marked as not data, the first data sheet opened, another sheet shown once chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.views.import_wizard import ImportWizard
from mag_desktop.gui.views.main_window import MainWindow

BESIDE = Path(__file__).resolve().parents[3] / "shared" / "data"
REALWORLD = (BESIDE if BESIDE.exists() else Path("/work/shared/data")) / "realworld"
ONS = REALWORLD / "ons_birth_characteristics_england_wales_2021.xlsx"
NHSD = REALWORLD / "nhsd_adult_social_care_survey_2020-21_annex_tables.xlsx"


def read(window: MainWindow, qtbot, monkeypatch, path: Path) -> ImportWizard:  # type: ignore[no-untyped-def]
    if not path.exists():
        pytest.skip("the shared real-world files are not present")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    wizard = ImportWizard(window_operations(window), window)
    qtbot.addWidget(wizard)
    wizard.path.setText(str(path))
    wizard.read(None)  # the preview only: no check
    qtbot.waitUntil(lambda: wizard.preview is not None and not window.runner.active,
                    timeout=30000)
    return wizard


def items(wizard: ImportWizard) -> dict[str, str]:
    return {str(wizard.sheet.itemData(i)): wizard.sheet.itemText(i)
            for i in range(1, wizard.sheet.count())}


def test_the_ons_births_workbook_opens_at_its_first_table(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot, monkeypatch) -> None:
    wizard = read(window, qtbot, monkeypatch, ONS)
    assert wizard.preview is not None and wizard.preview.sheet == "1"
    assert wizard.sheet.name() == "1"
    shown = items(wizard)
    assert shown["Cover_sheet"] == "Cover_sheet   (a cover sheet, not data)"
    assert shown["Contents"] == "Contents   (a contents page, not data)"
    assert shown["Notes"] == "Notes   (notes, not data)"
    assert shown["2"] == "2"
    tip = wizard.sheet.itemData(wizard.sheet.findData("Notes"), Qt.ItemDataRole.ToolTipRole)
    assert "recognised by its name" in tip


def test_choosing_a_sheet_shows_it_and_a_notes_sheet_is_said_so(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot, monkeypatch) -> None:
    wizard = read(window, qtbot, monkeypatch, NHSD)
    assert wizard.preview is not None and wizard.preview.sheet == "T1a - Answers by Council"
    assert items(wizard)["Contents"].endswith("(a contents page, not data)")
    wizard.sheet.setCurrentIndex(wizard.sheet.findData("Notes"))
    wizard.sheet.activated.emit(wizard.sheet.currentIndex())  # as a click on the list does
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.preview.sheet == "Notes",
                    timeout=30000)
    assert "Sheet 'Notes' is notes, not a table of data" in wizard.mapping.note.text()
    assert wizard.sheet.name() == "Notes"
