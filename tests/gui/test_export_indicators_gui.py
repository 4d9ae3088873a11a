"""File › Export indicator figures…: the figures the Indicators tab shows (or more), written on
a worker thread; a failure is one plain message."""

from __future__ import annotations

import csv
import sqlite3
from contextlib import closing
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from mag_desktop.core import ethnicity
from mag_desktop.core.indicator_figures import Selection, figures
from mag_desktop.core.query import Filter
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.views.main_window import MainWindow

GROUP_OF_LABEL = {g.label: g.code for g in ethnicity.groups()}


def table_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    head = next(i for i, row in enumerate(lines) if row[:1] == ["Indicator ID"])
    return [dict(zip(lines[head], row, strict=True)) for row in lines[head + 1:]]


def answer(monkeypatch: pytest.MonkeyPatch, choice: int | None, target: Path | None) -> list[str]:
    """Make the scope and file dialogs answer; returns the scopes offered."""
    offered: list[str] = []

    def pick(_parent: object, _title: str, _label: str, items: list[str], *_a: object,
             **_k: object) -> tuple[str, bool]:
        offered.extend(items)
        return (items[choice], True) if choice is not None else ("", False)

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target) if target else "", ""))
    return offered


def test_the_figures_shown_are_exported_off_the_gui_thread(
        window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    window.filters.apply(Filter(groups=("BLACK", "ASIAN")))
    window.controller.refresh(window.filters.current)
    window.show_tab("indicators")
    assert wait_until_idle(window)
    tab = window.indicators
    indicator, area, period = tab.current_indicator(), tab.area.currentData(), \
        tab.period.currentData()
    assert indicator and area and period
    target = tmp_path / "shown.csv"
    offered = answer(monkeypatch, 0, target)
    assert "Export indicator figures…" in [a.text().replace("&", "") for a in
                                            window.menuBar().actions()[0].menu().actions()]
    window.export_indicators_action.trigger()
    assert window.runner.active == 1  # the work is on a worker thread
    qtbot.waitUntil(lambda: window.runner.active == 0, timeout=30000)
    assert offered[0].startswith(f"The figures shown: {indicator} for {tab.area.currentText()}")
    assert offered[-1] == "Everything in the store" and len(offered) == 4
    rows = table_of(target)
    assert {(r["Indicator ID"], r["Area code"], r["Period"]) for r in rows} == {
        (indicator, area, period)}
    comparator = {r["Comparator group"] for r in rows}
    assert {GROUP_OF_LABEL[r["Ethnic group"]] for r in rows} - {"BLACK", "ASIAN"} <= {
        g.code for g in ethnicity.groups() if g.short_label in comparator}
    with closing(window.session.store.reader()) as conn:
        core = figures(conn, Selection(indicator, area, period, ("BLACK", "ASIAN"))).rows
    assert [r["Ethnic group"] for r in rows] == list(core["ethnic_group"])
    assert window.statusBar().currentMessage().startswith(f"Saved shown.csv: {len(rows)} rows")


def test_everything_to_a_workbook(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                  monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "everything.xlsx"
    answer(monkeypatch, -1, target)
    window.controller.export_indicators()
    qtbot.waitUntil(lambda: window.runner.active == 0, timeout=60000)
    book = openpyxl.load_workbook(target, read_only=True)
    about = {r[0]: r[1] for r in book["About"].iter_rows(min_row=2, values_only=True)}
    with sqlite3.connect(window.session.path) as conn:
        held = conn.execute("SELECT count(*) FROM observation"
                            " WHERE superseded_by IS NULL").fetchone()[0]
    assert about["Rows"] == held and about["Filter"] == "all indicators · all areas · all periods"


def test_a_failure_is_one_plain_message(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: told.append(text))
    answer(monkeypatch, -1, tmp_path / "missing" / "all.xlsx")
    window.export_indicators_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=30000)
    assert told == [f"cannot save all.xlsx: the folder {tmp_path / 'missing'} does not exist"]


def test_cancelling_either_dialog_writes_nothing(window: MainWindow,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    answer(monkeypatch, None, tmp_path / "x.csv")
    window.controller.export_indicators()
    answer(monkeypatch, 0, None)
    window.controller.export_indicators()
    assert window.runner.active == 0 and list(tmp_path.glob("*.csv")) == []
