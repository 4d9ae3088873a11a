""""Is it working?" in the window over the sample store (whose commitments link the indicators
their activity targets): a linked commitment's detail shows the core's progress for each of its
areas, word for word; an unlinked one says it has none; the Indicators tab lists the
commitments linked to the indicator shown, and Enter on one opens it in the Commitments tab;
the quick filter "Gap widening" shows the commitments the core says widened. What the window
shows is compared with the core read independently, not with fixed words."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mag_desktop.core.links.listing import linked_commitments, linked_to_indicator, widening_ids
from mag_desktop.core.links.progress import commitment_progress
from mag_desktop.core.store.connection import connect
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.views.indicators import CODE_ROLE
from mag_desktop.gui.views.link_panel import NO_LINKS, TITLE, WAITING
from mag_desktop.gui.views.main_window import MainWindow


@pytest.fixture
def conn(sample_store: Path) -> Iterator[sqlite3.Connection]:
    c = connect(sample_store, readonly=True)
    yield c
    c.close()


def open_detail(window: MainWindow, qtbot: QtBot, commitment_id: str) -> None:
    window.show_tab("commitments")
    window.controller.open_commitment(commitment_id)
    detail = window.commitments.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == commitment_id,
                    timeout=10000)
    assert wait_until_idle(window)


def test_a_linked_commitment_shows_the_cores_progress(window: MainWindow, qtbot: QtBot,
                                                      conn: sqlite3.Connection) -> None:
    shown_ids = set(window.commitments.ids())
    linked = sorted(i for i in linked_commitments(conn) if i in shown_ids)
    assert linked, "the sample links some commitments"
    # the one with the most areas and links: the panel's order and count matter
    cid = max(linked, key=lambda i: (len(commitment_progress(conn, i)), i))
    expected = commitment_progress(conn, cid)
    open_detail(window, qtbot, cid)
    panel = window.commitments.detail.links
    assert panel is not None
    qtbot.waitUntil(lambda: WAITING not in panel.reading(), timeout=10000)
    assert panel.progress == expected
    text = window.commitments.detail.toPlainText().splitlines()
    at = text.index(TITLE)
    sentences = [text.index(p.sentence, at) for p in expected]
    assert sentences == sorted(sentences)  # each in the core's order, after the heading
    assert [m.text() for m in panel.marks] == [p.mark_and_aim for p in expected]
    with_rows = [p for p in expected if p.latest_by_group]
    assert [t.rowCount() for t in panel.tables] == [len(p.latest_by_group) for p in with_rows]
    for table, p in zip(panel.tables, with_rows, strict=True):
        assert [table.cell(i, 1) for i in range(table.rowCount())] == [
            f.value for f in p.latest_by_group]
    assert len(panel.charts) == sum(p.chart is not None for p in expected)


def test_an_unlinked_commitment_says_so(window: MainWindow, qtbot: QtBot,
                                        conn: sqlite3.Connection) -> None:
    linked = linked_commitments(conn)
    cid = next(i for i in window.commitments.ids() if i not in linked)
    open_detail(window, qtbot, cid)
    text = window.commitments.detail.toPlainText().splitlines()
    assert text[text.index(TITLE) + 1] == NO_LINKS


def choose_indicator(window: MainWindow, code: str) -> None:
    window.show_tab("indicators")
    assert wait_until_idle(window)
    tree = window.indicators.tree
    for i in range(tree.topLevelItemCount()):
        theme = tree.topLevelItem(i)
        for j in range(theme.childCount()):
            if theme.child(j).data(0, CODE_ROLE) == code:
                tree.setCurrentItem(theme.child(j))
                assert wait_until_idle(window)
                return
    raise AssertionError(f"{code} is not listed")


def test_the_indicator_lists_its_commitments_and_opens_one(window: MainWindow, qtbot: QtBot,
                                                           conn: sqlite3.Connection) -> None:
    codes = [r[0] for r in conn.execute("SELECT code FROM indicator ORDER BY code")]
    counts = {code: len(linked_to_indicator(conn, code)) for code in codes}
    code = max(codes, key=lambda c: (counts[c], c))
    unlinked = [c for c in codes if counts[c] == 0]
    assert counts[code] > 0 and unlinked
    choose_indicator(window, code)
    tab = window.indicators
    expected = linked_to_indicator(conn, code)
    assert tab.linked.ids() == [str(i) for i in expected["id"]]
    assert tab.upper.tabText(1) == f"Commitments linked ({len(expected):,})"
    tab.upper.setCurrentWidget(tab.linked)
    row = len(expected) - 1
    table = tab.linked.table
    table.setFocus()
    table.setCurrentIndex(tab.linked.model.index(row, 0))
    chosen = tab.linked.ids()[row]
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.commitments
    detail = window.commitments.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == chosen,
                    timeout=10000)
    assert window.commitments.table.hasFocus()  # the keyboard goes with it
    choose_indicator(window, unlinked[0])  # none: the page says so
    assert tab.linked.ids() == [] and tab.linked.none.text() == (
        "No commitment is linked to this indicator.")
    assert tab.upper.tabText(1) == "Commitments linked (none)"


def test_gap_widening_shows_what_the_core_counts(window: MainWindow,
                                                 conn: sqlite3.Connection) -> None:
    window.show_tab("commitments")
    tab = window.commitments
    everything = tab.ids()
    widened = widening_ids(conn)
    tab.quick["gap_widening"].click()
    assert tab.ids() == [i for i in everything if i in widened]
    assert tab.quick["gap_widening"].text() == f"Gap widening ({len(tab.ids()):,})"
