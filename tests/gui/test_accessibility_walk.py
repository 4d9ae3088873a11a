"""The accessibility walk: the window (every tab, with data) and every dialog it opens, each
widget looked at through QAccessible as a screen reader meets it. A control that takes focus
must have a name or a label; a text label's name must not hide its text; a combo box must be
labelled (on Linux its name is its value, so the label is what tells what it is for)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from accessibility_walk import faults
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.views.main_window import TABS, MainWindow

#: Faults known and not yet mended, each with the fix it needs (none today).
#: Remove an entry once fixed (test_known_faults_are_still_there fails to say so).
KNOWN: dict[str, str] = {}


def dialogs_open() -> set[QWidget]:
    return {w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()}


@pytest.fixture
def no_modal_loops(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dialogs show instead of running their own event loop; message boxes too."""
    monkeypatch.setattr(QDialog, "exec", lambda self: self.show() or 0)

    def about(parent: QWidget, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
        box.show()

    monkeypatch.setattr(QMessageBox, "about", about)


def mapping_file(folder: Path) -> Path:
    """A partner's file whose columns must be mapped: the wizard's mapping step fills in."""
    path = folder / "partner.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Measure", "Area code", "Ethnic group", "Percent employed"],
                                 ["Employment", "E08000025", "Wakandan", 71.0]])
    return path


def opened_by(window: MainWindow, qtbot: Any, act: Any) -> Iterator[QDialog]:
    before = dialogs_open()
    act()
    qtbot.wait(50)
    wait_until_idle(window, 10)
    yield from dialogs_open() - before


def every_fault(window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                tmp_path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for tab in TABS:
        window.show_tab(tab)
        assert wait_until_idle(window)
        if tab == "commitments" and window.commitments.model.rowCount():
            window.commitments.table.selectRow(0)  # the detail pane filled in
            wait_until_idle(window)
        found.update(faults(window))
    path = mapping_file(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    r = window.releases
    from mag_desktop.core.release.keys import PublicKey
    from mag_desktop.gui.views.help_window import show_help
    from mag_desktop.gui.views.release_dialogs import TrustDialog

    openers = [window.import_action.trigger, window.history_action.trigger,
               window.pack_action.trigger, window.batch_action.trigger,
               window.pack_log_action.trigger, r.publish_action.trigger, r.notes_action.trigger,
               window.about, lambda: show_help(window, "member"),
               lambda: TrustDialog(PublicKey("The Taskforce clerk", bytes(range(32))),
                                   window).show()]
    seen = []
    for act in openers:
        for dialog in opened_by(window, qtbot, act):
            choose = getattr(dialog, "choose", None)
            if type(dialog).__name__ == "ImportWizard" and callable(choose):
                choose()  # the file read and checked: mapping, values and report filled in
                qtbot.waitUntil(lambda: not window.runner.active, timeout=10000)
                qtbot.wait(100)
            found.update(faults(dialog))
            seen.append(type(dialog).__name__)
            dialog.close()
    expected = {"ImportWizard", "HistoryDialog", "PackDialog", "BatchDialog", "PackLogDialog",
                "PublishDialog", "NotesListDialog", "QMessageBox", "HelpWindow", "TrustDialog"}
    assert expected <= set(seen), f"not opened: {expected - set(seen)} (opened {seen})"
    return found


@pytest.fixture
def found(window: MainWindow, qtbot, monkeypatch, tmp_path: Path,  # type: ignore[no-untyped-def]
          no_modal_loops: None) -> dict[str, str]:
    return every_fault(window, qtbot, monkeypatch, tmp_path)


def test_every_control_is_named_and_every_text_readable(found: dict[str, str]) -> None:
    new = {k: v for k, v in found.items() if k not in KNOWN}
    assert not new, "\n" + "\n".join(f"{k}: {v}" for k, v in sorted(new.items()))


def test_known_faults_are_still_there(found: dict[str, str]) -> None:
    """A known fault that is no longer found has been fixed: take it out of KNOWN, so the walk
    guards it from now on."""
    fixed = sorted(set(KNOWN) - set(found))
    assert not fixed, f"fixed, remove from KNOWN: {fixed}"
