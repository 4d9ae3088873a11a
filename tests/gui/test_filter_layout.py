"""The filter panel, the line above the tabs and the exports: the active filter in words
everywhere, pieces that never move the lists, lists of five rows or more, boxes that tick
through the accessibility action, a Tab order of search, pieces, lists, boxes named by their
labels, an inverted period range turned round, and the period range and themes honoured."""

from __future__ import annotations

import csv
import re
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QWidget

from mag_desktop.core.query import Filter, ward_profile
from mag_desktop.gui.announce import announced
from mag_desktop.gui.app import open_window, wait_until_idle
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.main_window import MainWindow

BIRMINGHAM = "E08000025"


def applied(window: MainWindow, flt: Filter) -> None:
    window.filters.apply(flt)
    window.controller.refresh(window.filters.current)
    assert wait_until_idle(window)


def test_the_line_above_the_tabs_says_the_filter(window: MainWindow) -> None:
    line = window.filter_line
    assert line.isVisible() and line.words == "Showing everything: no filter"
    assert line.text() == "No filter: showing everything"  # not "Filter: Showing everything…"
    applied(window, Filter(authorities=(BIRMINGHAM,), themes=("HOUSING",), text="bus"))
    assert line.words == ("Authorities: Birmingham · Themes: Housing and homelessness · "
                          "Search: “bus”")
    assert line.accessibleName() == f"Filter: {line.words}" == line.toolTip()
    assert line.text().startswith("Filter: Authorities")


def test_pieces_never_move_the_lists(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.filters
    body = panel.widget()
    where = {name: getattr(panel, name).list.mapTo(body, getattr(panel, name).list.pos()).y()
             for name in ("authorities", "themes", "groups")}
    for i in range(6):  # six pieces: more than one row of them
        panel.authorities.list.item(i).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: len(panel.chips.labels()) == 6)
    qtbot.wait(50)
    assert {name: getattr(panel, name).list.mapTo(body, getattr(panel, name).list.pos()).y()
            for name in where} == where


def test_each_list_shows_five_rows_or_more(window: MainWindow) -> None:
    for checklist in (window.filters.authorities, window.filters.wards, window.filters.themes,
                      window.filters.statuses, window.filters.groups):
        view = checklist.list
        assert view.viewport().height() >= 5 * view.sizeHintForRow(0), view.accessibleName()


def test_the_accessibility_toggle_ticks_a_box(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    QAccessible.setActive(True)
    themes = window.filters.themes.list
    cell = QAccessible.queryAccessibleInterface(themes).child(0)
    action = cell.actionInterface()
    assert action is not None and action.toggleAction() in action.actionNames()
    code = themes.item(0).data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(window.filters.filter_changed, timeout=2000):
        action.doAction(action.toggleAction())
    assert window.filters.current.themes == (code,)
    assert cell.state().checked
    with qtbot.waitSignal(window.filters.filter_changed, timeout=2000):
        action.doAction(action.toggleAction())
    assert window.filters.current.themes == ()


def _tab_chain(start: QWidget, count: int) -> list[QWidget]:
    chain, widget = [start], start
    while len(chain) < count:
        widget = widget.nextInFocusChain()
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(start.window())
                and widget.isEnabled() and widget not in chain):
            chain.append(widget)
    return chain


def test_tab_goes_search_pieces_then_the_lists(window: MainWindow) -> None:
    panel = window.filters
    applied(window, Filter(authorities=(BIRMINGHAM,), themes=("HOUSING",)))
    pieces = panel.chips.buttons()
    assert len(pieces) == 2
    chain = _tab_chain(panel.search, 9)
    assert chain[:3] == [panel.search, *pieces]
    assert chain[3:7] == [panel.save_button, panel.reset_button, panel.period_from,
                          panel.period_to]
    assert chain[7] is panel.authorities.list


def _label_of(widget: QWidget) -> str:
    labels = [w for w in widget.window().findChildren(QLabel) if w.buddy() is widget]
    assert labels, f"{widget.accessibleName()} has no label"
    return re.sub("<[^>]+>", "", labels[0].text()).replace("&", "")  # "<b>Authorities</b>"


def test_boxes_are_named_by_their_labels(window: MainWindow) -> None:
    panel, tab = window.filters, window.indicators
    named = {panel.period_from: ("From", "Period from"), panel.period_to: ("To", "Period to"),
             tab.area: ("Area", "Area"), tab.period: ("Period", "Period"),
             window.ward.ward: ("Ward", "Ward")}
    for combo, (label, name) in named.items():
        assert isinstance(combo, QComboBox)
        assert _label_of(combo) == label and combo.accessibleName() == name
    for checklist in (panel.authorities, panel.themes, panel.groups):
        assert _label_of(checklist.list) in checklist.list.accessibleName()


def test_an_inverted_period_range_is_turned_round(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.filters
    last = panel.period_from.count() - 1
    assert last > 2
    late, early = panel.period_from.itemData(last), panel.period_from.itemData(1)
    panel.period_to.setCurrentIndex(1)
    panel.period_from.setCurrentIndex(last)  # From after To
    flt = panel.current
    assert (flt.period_from, flt.period_to) == (early, late)
    assert (panel.period_from.currentData(), panel.period_to.currentData()) == (early, late)
    assert panel.period_note.isVisibleTo(panel) and "swapped" in panel.period_note.text()
    assert announced(panel)[-1] == panel.period_note.text()  # a screen reader hears it too
    panel.period_to.setCurrentIndex(0)  # a range in order: the note goes
    assert not panel.period_note.isVisibleTo(panel)


def test_the_period_range_narrows_the_indicator_shown(window: MainWindow) -> None:
    window.show_tab("indicators")
    assert wait_until_idle(window)
    tab = window.indicators
    offered = [tab.period.itemData(i) for i in range(tab.period.count())]  # newest first
    assert len(offered) >= 3
    applied(window, Filter(period_to=offered[2]))
    narrowed = [tab.period.itemData(i) for i in range(tab.period.count())]
    assert narrowed == offered[2:] and tab.period.currentData() == offered[2]
    assert tab.shown is not None and tab.shown.view.period == offered[2]


def test_the_ward_profile_follows_the_themes(window: MainWindow) -> None:
    window.show_tab("ward")
    assert wait_until_idle(window)
    ward = window.ward.current_ward()
    every = window.ward.indicator_model.rowCount()
    applied(window, Filter(themes=("HOUSING",)))
    with closing(window.session.store.reader()) as conn:
        housing = ward_profile(conn, ward, Filter(themes=("HOUSING",))).indicators
    assert set(housing["theme"]) == {"HOUSING"}
    assert 0 < window.ward.indicator_model.rowCount() == len(housing) < every


def test_the_commitments_export_records_the_filter(
        window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    applied(window, Filter(authorities=(BIRMINGHAM,), themes=("HOUSING",)))
    target = tmp_path / "shown.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_action.trigger()
    qtbot.waitUntil(lambda: window.runner.active == 0 and target.exists(), timeout=30000)
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["MAG Desktop: commitments shown"]
    assert rows[1] == ["Filter: Authorities: Birmingham · Themes: Housing and homelessness"]
    version = window.status_label.text().split("data version ")[1].split()[0]
    assert rows[2][0].startswith(f"Data version {version} · data as at 20")
    assert rows[3] == [] and rows[4][0] == "Commitment ID"
    assert len(rows) - 5 == window.commitments.model.rowCount()


def test_pieces_wrap_within_the_panel(window: MainWindow) -> None:
    long_names = Filter(authorities=(BIRMINGHAM, "E08000026", "E08000027", "E08000028"),
                        themes=("JOBS", "HOUSING"), text="a search for pathways")
    applied(window, long_names)
    chips = window.filters.chips
    room = chips.width()
    pieces = chips.buttons()
    assert len(pieces) == 7
    assert all(p.x() >= 0 and p.x() + p.width() <= room for p in pieces), room
    assert len({p.y() for p in pieces}) >= 3  # they wrap onto rows rather than widen the panel
    theme = next(p for p in pieces if "Jobs" in p.text())
    assert theme.text().endswith("…  ✕")  # a long name is cut...
    assert "Jobs, living standards, skills and education" in theme.toolTip()  # ...not lost


def test_no_filter_line_on_the_start_page(qtbot, tmp_path: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    win = open_window(tmp_path / "empty.sqlite", settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.start, timeout=5000)
    assert not win.filter_line.isVisible()  # nothing to filter yet
    win.stack.setCurrentWidget(win.tabs)
    assert win.filter_line.isVisible()
    win.runner.wait()
    win.close()
    win.session.close()


def test_removing_a_piece_from_the_keyboard_keeps_the_focus_in_the_row(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Space on a piece removes it; focus moves to the piece now in its place, then to the
    search box once none is left, never lost with the removed piece."""
    panel = window.filters
    window.show()
    window.activateWindow()
    applied(window, Filter(authorities=(BIRMINGHAM,), themes=("HOUSING",)))
    first = panel.chips.buttons()[0]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(panel.chips.buttons()) == 1)
    assert panel.chips.buttons()[0].hasFocus()
    qtbot.keyClick(panel.chips.buttons()[0], Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not panel.chips.buttons())
    assert panel.search.hasFocus()
