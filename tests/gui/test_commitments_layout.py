"""The Commitments tab on a 1366×768 laptop, the structure a screen reader meets on the Overview
and in a commitment's detail, and the small words: the window's title and an empty store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from window_helpers import shown_window

from mag_desktop.core.query import Filter
from mag_desktop.core.query.illustrative import NOTICE
from mag_desktop.core.query.overview import overview
from mag_desktop.core.store.connection import connect
from mag_desktop.gui.app import open_window
from mag_desktop.gui.headings import is_heading
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.commitment_detail import CommitmentDetailView
from mag_desktop.gui.views.commitments import COLUMNS, CommitmentsTab
from mag_desktop.gui.views.count_widgets import HeaderTable
from mag_desktop.gui.views.main_window import MainWindow

NAME = QAccessible.Text.Name


@pytest.fixture
def laptop(qtbot: QtBot, sample_store: Path, settings: Settings) -> Iterator[MainWindow]:
    with shown_window(qtbot, sample_store, settings, (1366, 768)) as win:
        yield win


def test_commitments_fit_a_laptop_screen(laptop: MainWindow, qtbot: QtBot) -> None:
    laptop.show_tab("commitments")
    tab = laptop.commitments
    qtbot.waitUntil(lambda: tab.table.viewport().width() > 0)
    tab.fit_columns()
    shown = tab.visible_columns()
    assert shown[:4] == ["ID", "Title", "Status", "Due"]
    assert tab.table.horizontalScrollBar().maximum() == 0  # nothing off to the right
    title = tab.visible_columns().index("Title")
    assert tab.table.columnWidth(title) >= 240
    assert not tab.below.isVisible()  # no empty detail pane taking half the height
    rows = tab.table.viewport().height() // tab.table.rowHeight(0)
    assert rows >= 20, rows
    tip = tab.model.data(tab.model.index(0, title), 0x03)  # ToolTipRole
    assert str(tab.model.row(0)["title"]) in tip
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.below.isVisible(), timeout=5000)
    tab.quick["overdue"].click()  # a new set: no commitment selected, the pane out of the way
    assert not tab.below.isVisible()


@pytest.mark.parametrize(("width", "at_least"), [(1086, 7), (640, 4)])
def test_columns_by_priority(qtbot: QtBot, sample_store: Path, width: int,
                             at_least: int) -> None:
    """The tab alone at the width it has in a 1366-pixel window (the filter panel takes the
    rest), and much narrower: the four that matter always, more while there is room."""
    conn = connect(sample_store, readonly=True)
    try:
        data = overview(conn, Filter())
    finally:
        conn.close()
    tab = CommitmentsTab()
    qtbot.addWidget(tab)
    tab.resize(width, 600)
    tab.show()
    tab.show_overview(data)
    qtbot.waitUntil(lambda: tab.table.viewport().width() > 0)
    tab.fit_columns()
    shown = tab.visible_columns()
    assert shown[:4] == ["ID", "Title", "Status", "Due"] and len(shown) >= at_least, shown
    assert len(shown) < len(COLUMNS) or width > 1300  # the least important left out
    assert tab.table.horizontalScrollBar().maximum() == 0


def test_the_overview_is_headings_sentences_and_tables(window: MainWindow) -> None:
    tab = window.overview
    for label in (tab.summary_heading, tab.exceptions_heading, tab.since_heading,
                  tab.detail_heading):
        assert is_heading(label), label.text()
    grid = tab.grid
    view_rows = [grid.row_header(i) for i in range(grid.rowCount())]
    assert view_rows[0] == "Jobs and skills" and view_rows[-1] == "All chosen themes"
    headers = [grid.column_header(j) for j in range(grid.columnCount())]
    assert headers[:3] == ["Theme", "○ Not started", "● On track"] and headers[-1] == "Total"
    assert [grid.cell(i, 0) for i in range(grid.rowCount())] == view_rows  # seen too
    tree = QAccessible.queryAccessibleInterface(grid)
    roles = [(tree.child(k).role(), tree.child(k).text(NAME)) for k in range(tree.childCount())]
    assert (QAccessible.Role.RowHeader, "Housing") in roles
    assert (QAccessible.Role.ColumnHeader, "▲ At risk") in roles
    # Every sentence a sighted member reads is text in the accessibility tree.
    for label in tab.findChildren(QLabel):
        if label.isVisibleTo(tab) and label.text():
            said = QAccessible.queryAccessibleInterface(label).text(NAME)
            assert said.strip(), label.text()
    lead = QAccessible.queryAccessibleInterface(tab.lead).text(NAME)
    assert lead == tab.lead.plain and "<a" not in lead and "commitments" in lead
    assert NOTICE in tab.text()
    for table in tab.findChildren(HeaderTable):  # row headers name their rows, never "1"
        for i in range(table.rowCount()):
            assert not table.row_header(i).isdigit()


def test_the_detail_has_tables_with_row_headers(window: MainWindow, qtbot: QtBot) -> None:
    window.show_tab("commitments")
    tab = window.commitments
    frame = tab.model.frame
    row = next(i for i in range(len(frame)) if frame.iloc[i]["status"] is not None)
    tab.table.selectRow(row)
    qtbot.waitUntil(lambda: tab.detail.detail is not None, timeout=5000)
    detail: CommitmentDetailView = tab.detail
    body = detail.widget()
    headings = [w.text() for w in body.findChildren(QLabel) if is_heading(w)]
    assert headings[0].startswith(str(frame.iloc[row]["id"]) + ": ")
    assert "Status history" in headings
    history = next(t for t in body.findChildren(HeaderTable) if t.accessibleName() ==
                   "Status history")
    quarters = [h.quarter for h in detail.detail.history]  # type: ignore[union-attr]
    assert [history.row_header(i) for i in range(history.rowCount())] == quarters
    assert [history.column_header(j) for j in range(3)] == [
        "Quarter", "Status", "Narrative"]
    text = detail.toPlainText()
    assert "Status history" in text and quarters[-1] in text


def test_the_title_does_not_repeat_the_application(window: MainWindow) -> None:
    assert window.windowTitle() == "Race Equalities Taskforce briefings"
    assert "MAG Desktop" not in window.windowTitle()


def test_an_empty_store_says_no_data_yet(qtbot: QtBot, tmp_path: Path,
                                         settings: Settings) -> None:
    win = open_window(tmp_path / "empty.sqlite", settings)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.controller.ready, timeout=10000)
    assert win.status_label.text().startswith("No data yet")
    assert "version 0" not in win.status_label.text()
    assert "No data has been imported yet." in win.overview.text()
    win.runner.wait()
    win.close()
    win.session.close()


def tree_texts(widget: QWidget) -> list[tuple[QAccessible.Role, str]]:
    """(role, name) of every heading and label under ``widget`` in the accessibility tree's
    order, which is the order a screen reader's "Say all" reads them in."""
    out: list[tuple[QAccessible.Role, str]] = []

    def walk(node: QAccessibleInterface) -> None:
        for k in range(node.childCount()):
            child = node.child(k)
            if child is None or child.state().invisible:
                continue
            if child.role() in (QAccessible.Role.Heading, QAccessible.Role.StaticText):
                out.append((child.role(), child.text(NAME)))
            walk(child)

    walk(QAccessible.queryAccessibleInterface(widget))
    return out


def test_the_overview_is_read_in_the_order_it_is_seen(window: MainWindow) -> None:
    tab = window.overview
    said = tree_texts(tab.page.widget())
    headings = [name for role, name in said if role == QAccessible.Role.Heading]
    by_height = sorted((w for w in tab.page.widget().findChildren(QLabel)
                        if is_heading(w) and w.isVisibleTo(tab)),
                       key=lambda w: w.mapTo(tab.page.widget(), w.rect().topLeft()).y())
    assert headings == [w.text() for w in by_height]
    texts = [name for _role, name in said]
    since = texts.index(tab.since_heading.text())
    assert texts[since + 1].startswith("• ") and texts[since + 1] == tab.changes[0].plain
    assert texts.index("Exceptions and changes") > since + 1
    assert texts[-1] == tab.footer.text()
