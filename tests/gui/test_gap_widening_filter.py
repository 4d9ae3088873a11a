"""The quick filter "Gap widening": it keeps exactly the commitments whose ``gap_widening`` is
true (a missing value is not a widening), counts them on its button, says what is shown in
words, and combines with the filter panel's choices. The frames are the sample store's with the
column set by hand, so the filter is tested whatever the sample's links measure."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mag_desktop.core.query import Filter
from mag_desktop.core.query.overview import Overview, overview
from mag_desktop.core.query.selections import QUICK, Selection, quick_counts, select
from mag_desktop.core.query.summary import Changes
from mag_desktop.core.store.connection import connect
from mag_desktop.gui.views.commitments import QUICK_TIPS, CommitmentsTab

BIRMINGHAM = "E08000025"


@pytest.fixture(scope="module")
def conn(sample_store_file: Path) -> Iterator[sqlite3.Connection]:
    c = connect(sample_store_file, readonly=True)
    yield c
    c.close()


def widening(data: Overview, ids: set[str]) -> Overview:
    """``data`` with ``gap_widening`` true for exactly ``ids``."""
    frame = data.commitments.assign(gap_widening=data.commitments["id"].isin(ids))
    return replace(data, commitments=frame)


def chosen_ids(data: Overview) -> set[str]:
    """Every third commitment, and one overdue one if any: a set no other filter gives."""
    every = [str(i) for i in data.commitments["id"]]
    picked = set(every[::3])
    overdue = data.commitments[data.commitments["overdue"].astype(bool)]["id"]
    picked.update(str(i) for i in overdue[:1])
    return picked


def test_the_filter_keeps_exactly_the_widening_ones() -> None:
    frame = pd.DataFrame({"id": ["A", "B", "C", "D", "E"], "overdue": [True, False] * 2 + [True],
                          "off_track": False, "slipped": False, "no_update": False,
                          "gap_widening": [True, False, np.nan, True, None]})
    frame["gap_widening"] = frame["gap_widening"].astype(object)
    changes = Changes(as_at="2026 Q3", previous_quarter="2026 Q2")
    assert list(select(frame, changes, Selection("gap_widening"))["id"]) == ["A", "D"]
    counts = quick_counts(frame, changes)
    assert counts["gap_widening"] == 2 and counts["overdue"] == 3
    assert list(counts) == list(QUICK) and QUICK["gap_widening"] == "Gap widening"
    attention = select(frame, changes, Selection("attention"))  # not an exception flag
    assert list(attention["id"]) == ["A", "C", "E"]
    assert Selection.from_key(Selection("gap_widening").key()) == Selection("gap_widening")


def test_the_button_shows_them_and_says_so(qtbot: QtBot, conn: sqlite3.Connection) -> None:
    data = overview(conn, Filter())
    ids = chosen_ids(data)
    tab = CommitmentsTab()
    qtbot.addWidget(tab)
    tab.resize(1086, 600)
    tab.show()
    tab.show_overview(widening(data, ids))
    button = tab.quick["gap_widening"]
    assert button.text() == f"Gap widening ({len(ids):,})"
    assert "whose linked gap widened beyond what the intervals allow" in button.toolTip()
    assert QUICK_TIPS["gap_widening"] in button.toolTip()
    button.click()
    order = [str(i) for i in data.commitments["id"] if str(i) in ids]
    assert tab.ids() == order
    total = len(data.commitments)
    assert tab.showing.text() == f"Showing only: Gap widening ({len(ids):,} of {total:,})."
    assert tab.count.text() == f"{len(ids):,} of {total:,} commitments"
    assert tab.shown_words() == "Showing only: Gap widening"
    tab.quick["overdue"].click()  # one quick filter at a time: the other is lifted
    assert not button.isChecked() and tab.quick["overdue"].isChecked()
    button.click()
    assert tab.ids() == order and not tab.quick["overdue"].isChecked()
    button.click()  # a second press: every commitment again
    assert len(tab.ids()) == total and not button.isChecked()


def test_it_combines_with_the_filter_panel(qtbot: QtBot, conn: sqlite3.Connection) -> None:
    everyone = overview(conn, Filter())
    ids = chosen_ids(everyone)
    birmingham = overview(conn, Filter(authorities=(BIRMINGHAM,)))
    tab = CommitmentsTab()
    qtbot.addWidget(tab)
    tab.show_overview(widening(everyone, ids))
    tab.quick["gap_widening"].click()
    tab.show_overview(widening(birmingham, ids))  # the panel narrowed: the filter stays on
    assert tab.quick["gap_widening"].isChecked()
    kept = [str(i) for i in birmingham.commitments["id"] if str(i) in ids]
    assert tab.ids() == kept and 0 < len(kept) < len(ids)
    assert tab.quick["gap_widening"].text() == f"Gap widening ({len(kept):,})"


def test_the_quick_bar_wraps_rather_than_widen_the_tab(qtbot: QtBot,
                                                      conn: sqlite3.Connection) -> None:
    data = overview(conn, Filter())
    tab = CommitmentsTab()
    qtbot.addWidget(tab)
    tab.resize(760, 600)
    tab.show()
    tab.show_overview(widening(data, chosen_ids(data)))
    buttons = tab.quick.values()
    qtbot.waitUntil(lambda: all(b.width() >= b.sizeHint().width() for b in buttons))
    assert tab.width() == 760  # not pushed wider by six buttons
    for button in buttons:  # each inside the tab
        assert button.mapTo(tab, button.rect().topRight()).x() <= tab.width()
    rows = {b.mapTo(tab, b.rect().topLeft()).y() for b in buttons}
    assert len(rows) == 2  # wrapped onto a second row
    bottom = max(b.mapTo(tab, b.rect().bottomLeft()).y() for b in buttons)
    assert tab.table.mapTo(tab, tab.table.rect().topLeft()).y() > bottom  # nothing over


def test_tab_reaches_every_quick_filter_in_turn(qtbot: QtBot, conn: sqlite3.Connection) -> None:
    tab = CommitmentsTab()
    qtbot.addWidget(tab)
    tab.show_overview(overview(conn, Filter()))
    tab.resize(1300, 700)
    tab.show()
    qtbot.waitExposed(tab)
    buttons = list(tab.quick.values())
    buttons[0].setFocus()
    qtbot.waitUntil(buttons[0].hasFocus)
    reached = [buttons[0]]
    for _ in buttons[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == buttons  # each one, in the bar's order
    qtbot.keyClick(buttons[-1], Qt.Key.Key_Space)
    assert buttons[-1].isChecked() and tab.selection == Selection(list(QUICK)[-1])
