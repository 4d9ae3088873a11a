"""Every count on the Overview leads somewhere: a click on a cell of the theme × status grid,
on an exception's count, or on a count in a sentence ("51 commitments changed status", "9 new
commitments", "and 5 more") opens the Commitments tab showing exactly the commitments the core
counted, as many as the number says. The Commitments tab's quick filters show the core's sets
on top of the filter panel's choices, say what is shown, and Show all brings everything back."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mag_desktop.core.query import Filter
from mag_desktop.core.query.overview import Overview, overview
from mag_desktop.core.query.selections import QUICK, Selection, select
from mag_desktop.core.store.connection import connect
from mag_desktop.gui.announce import announced
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.views.count_widgets import LINK, HeaderTable, LinkedLabel
from mag_desktop.gui.views.main_window import MainWindow

BIRMINGHAM = "E08000025"


@pytest.fixture
def conn(window: MainWindow) -> Iterator[sqlite3.Connection]:
    found = connect(Path(window.session.path), readonly=True)
    yield found
    found.close()


def core(conn: sqlite3.Connection, flt: Filter, selection: Selection | None) -> list[str]:
    data: Overview = overview(conn, flt)
    return [str(i) for i in select(data.commitments, data.changes, selection)["id"]]


def click_cell(qtbot: QtBot, table: HeaderTable, row: int, column: int) -> None:
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def shown(window: MainWindow) -> list[str]:
    assert wait_until_idle(window)
    assert window.tabs.currentWidget() is window.commitments
    return window.commitments.ids()


def back_to_overview(window: MainWindow) -> None:
    window.show_tab("overview")
    assert wait_until_idle(window)


@pytest.mark.parametrize("cell", [(0, 2), (2, 4), (4, 1), ("totals", 3), (1, "total"),
                                  ("totals", "total")])
def test_a_grid_cell_opens_the_commitments_it_counts(window: MainWindow, qtbot: QtBot,
                                                     conn: sqlite3.Connection,
                                                     cell: tuple[object, object]) -> None:
    grid = window.overview.grid
    row = grid.rowCount() - 1 if cell[0] == "totals" else int(str(cell[0]))
    column = grid.columnCount() - 1 if cell[1] == "total" else int(str(cell[1]))
    number = int(grid.cell(row, column).replace(",", ""))
    selection = grid.lead_at(row, column)
    assert isinstance(selection, Selection)
    click_cell(qtbot, grid, row, column)
    ids = shown(window)
    assert ids == core(conn, Filter(), selection)
    assert len(ids) == number
    tab = window.commitments
    assert tab.show_all.isVisible() and "Showing only:" in tab.showing.text()
    assert f"({number:,} of " in tab.showing.text()
    tab.show_all.click()
    assert len(tab.ids()) == len(core(conn, Filter(), None)) and not tab.show_all.isVisible()


def test_an_exception_count_opens_its_list(window: MainWindow, qtbot: QtBot,
                                           conn: sqlite3.Connection) -> None:
    view = overview(conn, Filter()).summary
    table = window.overview.exceptions
    for row, line in enumerate(view.exceptions):
        back_to_overview(window)
        assert table.row_header(row) == line.title
        click_cell(qtbot, table, row, 1)
        assert shown(window) == list(line.ids)
        assert window.commitments.quick[line.key].isChecked()  # the same as its quick filter


def links(label: LinkedLabel) -> dict[str, str]:
    """The label's links: the words shown -> the link's target."""
    return {words: href for href, words in re.findall(r"<a href='([^']+)'[^>]*>([^<]+)</a>",
                                                      label.text())}


def test_counts_in_the_sentences_open_their_sets(window: MainWindow,
                                                 conn: sqlite3.Connection) -> None:
    view = overview(conn, Filter()).summary
    expected = {"all": [str(i) for i in overview(conn, Filter()).commitments["id"]],
                "attention": list(view.attention_ids), "changed": list(view.status_change_ids),
                "slipped": list(next(x.ids for x in view.exceptions if x.key == "slipped")),
                "new": list(view.new_ids), "new_more": list(view.new_ids[4:])}
    opened = set()
    for label in (window.overview.lead, *window.overview.changes):
        for words, href in links(label).items():
            back_to_overview(window)
            number = int(re.findall(r"\d[\d,]*", words)[0].replace(",", ""))
            label.linkActivated.emit(href)
            ids = shown(window)
            kind = Selection.from_key(href[len(LINK):]).kind
            assert ids == expected[kind] and len(ids) == number, words
            opened.add(kind)
    assert opened == set(expected)


def test_quick_filters_combine_with_the_panel(window: MainWindow, qtbot: QtBot,
                                              conn: sqlite3.Connection) -> None:
    window.show_tab("commitments")
    tab = window.commitments
    everything = len(tab.ids())
    for kind in QUICK:
        tab.quick[kind].click()
        assert tab.ids() == core(conn, Filter(), Selection(kind)), kind
        assert tab.quick[kind].text().endswith(f"({len(tab.ids()):,})")
        assert tab.showing.text().startswith(f"Showing only: {QUICK[kind]}")
        assert announced(tab)[-1] == tab.showing.text()  # said to a screen reader too
    tab.quick["overdue"].click()
    flt = Filter(authorities=(BIRMINGHAM,))
    window.filters.apply(flt)
    window.controller.refresh(flt)
    assert wait_until_idle(window)
    assert tab.quick["overdue"].isChecked()
    birmingham = core(conn, flt, Selection("overdue"))
    assert tab.ids() == birmingham and 0 < len(birmingham) < len(core(conn, Filter(),
                                                                        Selection("overdue")))
    tab.quick["overdue"].click()  # a second press: every commitment the panel keeps
    assert tab.ids() == core(conn, flt, None) and len(tab.ids()) < everything
    assert not tab.show_all.isVisible()


def test_opening_a_commitment_outside_the_quick_filter_lifts_it(window: MainWindow,
                                                                conn: sqlite3.Connection
                                                                ) -> None:
    tab = window.commitments
    tab.quick["overdue"].click()
    outside = next(i for i in core(conn, Filter(), None) if i not in tab.ids())
    window.overview.commitment_chosen.emit(outside)
    assert wait_until_idle(window)
    assert tab.selection is None
    assert tab.model.row(tab.table.currentIndex().row())["id"] == outside


def test_counts_are_reached_with_the_keyboard(window: MainWindow, qtbot: QtBot,
                                              conn: sqlite3.Connection) -> None:
    grid = window.overview.grid
    grid.setFocus()
    grid.setCurrentCell(2, 1)  # arrows move within the grid; Enter opens the cell's set
    with qtbot.waitSignal(window.overview.selection_chosen) as chosen:
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert chosen.args == [grid.lead_at(2, 1)]
    assert shown(window) == core(conn, Filter(), grid.lead_at(2, 1))  # type: ignore[arg-type]
    back_to_overview(window)
    lead = window.overview.lead
    lead.setFocus()
    with qtbot.waitSignal(window.overview.selection_chosen) as chosen:
        qtbot.keyClick(lead, Qt.Key.Key_Tab)  # to the label's first link
        qtbot.keyClick(lead, Qt.Key.Key_Return)
    assert chosen.args == [Selection("all")]


def test_and_n_more_since_a_release_opens_the_rest(window: MainWindow, qtbot: QtBot,
                                                   conn: sqlite3.Connection) -> None:
    from PySide6.QtCore import QUrl

    from mag_desktop.core.release.compare import Changes, NewCommitment

    everyone = core(conn, Filter(), None)
    named = [*everyone[:9], "RET-GONE-001"]  # one the window's filter does not show
    box = window.overview.since
    box.show_changes(Changes(new_commitments=[NewCommitment(i, f"Title {i}") for i in named]),
                     "Release 2026 Q2")
    assert "… and 7 more" in box.browser.toPlainText()
    box.browser.anchorClicked.emit(QUrl("more:new"))
    assert shown(window) == everyone[3:9]  # exactly the seven beyond the three listed, less
    text = window.commitments.showing.text()  # the one outside the filter, which it names
    assert "New since my last release" in text and "1 more are outside" in text


def test_the_export_says_which_quick_filter_is_shown(window: MainWindow, qtbot: QtBot,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    import csv

    from PySide6.QtWidgets import QFileDialog

    window.show_tab("commitments")
    window.commitments.quick["slipped"].click()
    target = tmp_path / "slipped.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_action.trigger()
    qtbot.waitUntil(lambda: window.runner.active == 0 and target.exists(), timeout=30000)
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert "Showing only: Slipped since last quarter" in rows[1][0]
    assert [r[0] for r in rows[5:]] == window.commitments.ids()
