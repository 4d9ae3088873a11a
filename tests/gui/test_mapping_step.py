"""The import wizard's mapping step, as a clerk uses it: a column's field changed, a column
ignored, constants given, the import, a profile saved and used by the CLI on the next file;
and the header row changed by hand."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog
from window_helpers import check

from mag_desktop.cli import main
from mag_desktop.core.store import Store
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.views.import_wizard import ImportWizard
from mag_desktop.gui.views.main_window import MainWindow

LAYOUT = ["Measure", "Area code", "Ethnic group", "Percent employed", "Numerator"]


def write(path: Path, rows: list[list[object]], above: list[list[object]] = []) -> Path:  # noqa: B006
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([*above, LAYOUT, *rows])
    return path


def opened(window: MainWindow, qtbot, monkeypatch, path: Path) -> ImportWizard:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    wizard = ImportWizard(window_operations(window), window)
    qtbot.addWidget(wizard)
    wizard.choose()  # reads the preview, then checks with the automatic mapping
    qtbot.waitUntil(lambda: wizard.preview is not None and not window.runner.active,
                    timeout=10000)
    return wizard



def pick(wizard: ImportWizard, header: str, field: str) -> None:
    combo = wizard.mapping.combos[header]
    combo.setCurrentIndex(combo.findData(field))


def stored(store_conn, period: str) -> dict[tuple[str, str], tuple[float, object]]:  # type: ignore[no-untyped-def]
    return {(r[0], r[1]): (r[2], r[3]) for r in store_conn.execute(
        "SELECT area_code, group_label, value, numerator FROM observation WHERE indicator_code"
        " = 'EMP_RATE' AND period = ? AND superseded_by IS NULL", (period,))}


def test_a_clerk_maps_imports_and_saves_a_profile_the_cli_uses(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot, monkeypatch, tmp_path: Path, sample_store_file: Path) -> None:
    first = write(tmp_path / "partner Q4.csv", [
        ["Employment rate", "E08000025", "Pakistani", 57.5, 120],
        ["Employment rate", "E08000025", "White British", 78.2, 900]])
    wizard = opened(window, qtbot, monkeypatch, first)
    preview = wizard.preview
    assert preview is not None and preview.header_row == 0
    assert [c.letter for c in preview.columns] == ["A", "B", "C", "D", "E"]
    combos = wizard.mapping.combos
    assert combos["Percent employed"].currentData() == "ignore"  # not a known heading
    assert wizard.mapping.combos["Numerator"].currentData() == "numerator"
    assert "nothing gives" in wizard.summary.text()  # no value, indicator or period yet
    assert not wizard.import_button.isEnabled()

    pick(wizard, "Percent employed", "value")  # the clerk says what the column holds
    pick(wizard, "Numerator", "ignore")
    qtbot.keyClicks(wizard.mapping.constants["indicator"], "EMP_RATE")
    qtbot.keyClicks(wizard.mapping.constants["period"], "2026 Q4")
    check(wizard, qtbot)
    assert wizard.outcome is not None and wizard.outcome.status == "ok", wizard.summary.text()
    assert "Would import" in wizard.summary.text() and "2 new" in wizard.summary.text()
    wizard.outcome = None
    wizard.import_button.click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=10000)
    assert wizard.outcome.status == "ok" and not wizard.outcome.dry_run
    assert wait_until_idle(window)
    values = stored(window.session.store.conn, "2026 Q4")
    assert values[("E08000025", "Pakistani")] == (57.5, None)  # the numerator was ignored
    assert values[("E08000025", "White British")] == (78.2, None)

    target = tmp_path / "partner layout.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    wizard.profile_button.click()
    qtbot.waitUntil(lambda: wizard.saved_profile is not None, timeout=10000)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["profile"] == 1 and saved["kind"] == "indicators"
    assert saved["columns"]["Percent employed"] == "value"
    assert saved["columns"]["Numerator"] == "ignore"
    assert saved["constants"] == {"indicator_id": "EMP_RATE", "period": "2026 Q4"}

    second = write(tmp_path / "partner Q4 late.csv", [
        ["Employment rate", "E08000028", "Indian", 66.1, 40],
        ["Employment rate", "E08000028", "All", 70.4, 5000]])
    store_path = tmp_path / "cli.sqlite"
    shutil.copy(sample_store_file, store_path)
    assert main(["import", str(second), "--profile", str(target),
                 "--store", str(store_path)]) == 0
    with Store.open(store_path) as store:
        values = stored(store.conn, "2026 Q4")
    assert values[("E08000028", "Indian")] == (66.1, None)
    assert values[("E08000028", "All")] == (70.4, None)


def test_the_header_row_can_be_changed(window: MainWindow, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                       tmp_path: Path) -> None:
    path = write(tmp_path / "titled.csv", [["Employment", "E08000025", "All", 71.0, 10]],
                 above=[["Figures for", "the partnership", "by ethnic group"]])
    wizard = opened(window, qtbot, monkeypatch, path)
    assert wizard.preview is not None and wizard.preview.header_row == 1
    assert wizard.mapping.header_row.value() == 2
    assert wizard.mapping.grid.item(1, 1).font().bold()  # the header row is highlighted
    wizard.mapping.header_row.setValue(1)  # the clerk points at the title row instead
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.preview.header_row == 0,
                    timeout=10000)
    assert set(wizard.mapping.combos) == {"Figures for", "the partnership", "by ethnic group",
                                          "Column D", "Column E"}
    assert wizard.mapping.grid.item(0, 0).font().bold()
    wizard.mapping.header_row.setValue(2)  # and back: the headings are found again
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.preview.header_row == 1,
                    timeout=10000)
    assert "Area code" in wizard.mapping.combos
    pick(wizard, "Percent employed", "value")
    qtbot.keyClicks(wizard.mapping.constants["indicator"], "EMP_RATE")
    qtbot.keyClicks(wizard.mapping.constants["period"], "2027 Q1")
    check(wizard, qtbot)
    assert wizard.outcome is not None and wizard.outcome.status == "ok", wizard.summary.text()
    assert wizard.outcome.rows_read == 1


def test_every_control_has_a_name_and_is_reached_with_tab(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                          monkeypatch, tmp_path: Path) -> None:
    path = write(tmp_path / "keys.csv", [["Employment", "E08000025", "All", 71.0, 10]])
    wizard = opened(window, qtbot, monkeypatch, path)
    controls = [wizard.mapping.header_row, *wizard.mapping.combos.values(),
                *wizard.mapping.constants.values()]
    chain, widget = [], wizard.nextInFocusChain()
    while widget is not wizard:  # the order Tab walks
        chain.append(widget)
        widget = widget.nextInFocusChain()
    for control in controls:
        assert control.accessibleName()
        assert control.focusPolicy() & control.focusPolicy().TabFocus
        assert control in chain and control.isVisibleTo(wizard) and control.isEnabled()
    assert wizard.profile_button in chain and wizard.check_button in chain
    assert (wizard.mapping.combos["Percent employed"].accessibleName()
            == "Column D, Percent employed: read as")
