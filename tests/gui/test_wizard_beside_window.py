"""The import wizard beside the window: it does not block the window during an import, which
reloads when the import ends; fields are named by their labels; after Check the outcome is
announced to a screen reader and has the focus."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QApplication

from mag_desktop.gui.announce import announced
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.views.import_report import field_label, read_as
from mag_desktop.gui.views.import_wizard import ImportWizard
from mag_desktop.gui.views.main_window import MainWindow

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
HEADER = ["Indicator ID", "Period", "Area code", "Ethnic group", "Value"]


def figures(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for group, value in (("All", 71.0), ("Pakistani", 57.5), ("White British", 78.2)):
            writer.writerow(["EMP_RATE", "2027 Q1", "E08000025", group, value])
    return path


def opened(window: MainWindow, qtbot, path: Path) -> ImportWizard:  # type: ignore[no-untyped-def]
    window.controller.open_import()
    wizard = window.controller.import_wizard
    qtbot.waitExposed(wizard)
    wizard.path.setText(str(path))
    return wizard


def test_the_window_stays_usable_during_an_import_and_reloads_after(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot, tmp_path: Path) -> None:
    wizard = opened(window, qtbot, figures(tmp_path / "q1.csv"))
    assert not wizard.isModal()
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=20000)
    assert wizard.import_button.isEnabled(), wizard.summary.text()
    before = window.status_label.text()
    blocked: list[bool] = []

    def look() -> bool:  # while the import runs: no modal dialog, the window takes input
        blocked.append(QApplication.activeModalWidget() is not None
                       or not window.isEnabled())
        return True

    wizard.outcome = None
    wizard.import_button.click()
    look()
    window.show_tab("commitments")  # reading goes on meanwhile
    qtbot.waitUntil(lambda: look() and wizard.outcome is not None, timeout=20000)
    assert blocked and not any(blocked)
    assert wizard.outcome.status == "ok" and not wizard.outcome.dry_run
    assert wait_until_idle(window)
    qtbot.waitUntil(lambda: window.status_label.text() != before, timeout=10000)
    assert "2027 Q1" in [window.filters.period_to.itemText(i)
                         for i in range(window.filters.period_to.count())]
    wizard.close()


def test_fields_are_named_by_their_labels(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "commitments.xlsx"
    book = openpyxl.load_workbook(SAMPLE / "commitments_2026-Q3.xlsx")
    book.worksheets[0]["A1"] = "Commitments, a later copy"  # another file, not one imported
    book.save(path)
    wizard = opened(window, qtbot, path)
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30000)
    text = wizard.summary.text()
    assert "Columns read: Commitment ID, Title, Description" in text, text
    for internal in ("commitment_id", "due_date", "→ authority", "_"):
        assert internal not in text, (internal, text)
    wizard.close()


def test_a_column_read_as_another_field_names_both_by_label() -> None:
    assert read_as("Ref", field_label("commitments", "commitment_id")) == "Ref → Commitment ID"
    assert read_as("commitment id", field_label("commitments", "commitment_id")) == \
        "commitment id"
    assert field_label("observations", "lower") == "Lower 95% limit"


def test_after_check_the_outcome_is_announced_and_focused(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    wizard = opened(window, qtbot, figures(tmp_path / "q1.csv"))
    wizard.activateWindow()
    wizard.check_button.setFocus()
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=20000)
    said = announced(wizard)
    assert said and said[-1].startswith("Would import indicators"), said
    assert "<b>" not in said[-1]
    assert wizard.focusWidget() is wizard.summary  # not Cancel
    wizard.close()


def test_cancel_during_a_check_stops_it_and_keeps_the_wizard(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    wizard = opened(window, qtbot, figures(tmp_path / "q1.csv"))
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.token is not None or wizard.outcome is not None,
                    timeout=20000)
    if wizard.token is not None:  # still running: Cancel stops it, the wizard stays
        wizard.reject()
        assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.token is None, timeout=20000)
    wizard.reject()  # nothing running: Cancel closes
    assert not wizard.isVisible()
