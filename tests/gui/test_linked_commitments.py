"""The Indicators tab's "Commitments linked to this indicator", from a frame built as the core's
``linked_to_indicator`` gives it: every commitment with its ID, title, authority, status by
shape and word and aim; Enter or a double-click opens one; one sentence when there is none."""

from __future__ import annotations

import pandas as pd
import pytest
from link_samples import CLAIMANT, linked_frame
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from mag_desktop.gui.views.linked_commitments import (
    NONE,
    TITLE,
    ChartsOrLinked,
    LinkedCommitments,
)


@pytest.fixture
def linked(qtbot: QtBot) -> LinkedCommitments:
    shown = LinkedCommitments()
    qtbot.addWidget(shown)
    shown.resize(900, 300)
    shown.show()
    return shown


def cell(view: LinkedCommitments, row: int, column: int) -> str:
    return str(view.model.data(view.model.index(row, column)))


def test_every_linked_commitment_is_listed(linked: LinkedCommitments, qtbot: QtBot) -> None:
    frame = linked_frame()
    linked.show_linked(frame, CLAIMANT.name)
    qtbot.waitUntil(linked.table.isVisible)
    assert not linked.none.isVisible()
    assert linked.table.accessibleName() == f"{TITLE} (3)"
    heads = [linked.model.headerData(j, Qt.Orientation.Horizontal)
             for j in range(linked.model.columnCount())]
    assert heads == ["ID", "Title", "Authority", "Status", "Aim"]
    assert linked.tab_text() == "Commitments linked (3)"
    for i, r in frame.iterrows():
        aim = r["target"].removeprefix(f"{CLAIMANT.name}: ")  # the page names the indicator
        assert [cell(linked, int(i), j) for j in range(5)] == [
            r["id"], r["title"], r["authority_name"], f"{r['status_glyph']} {r['status_label']}",
            aim[:1].upper() + aim[1:]]
        tip = linked.model.data(linked.model.index(int(i), 4), Qt.ItemDataRole.ToolTipRole)
        assert tip == r["target"]  # the whole target on hover
    assert linked.ids() == list(frame["id"])


def test_enter_and_double_click_open_the_commitment(linked: LinkedCommitments,
                                                    qtbot: QtBot) -> None:
    linked.show_linked(linked_frame())
    qtbot.waitUntil(linked.table.isVisible)
    linked.table.setFocus()
    linked.table.setCurrentIndex(linked.model.index(1, 1))
    with qtbot.waitSignal(linked.commitment_chosen) as opened:
        qtbot.keyClick(linked.table, Qt.Key.Key_Return)
    assert opened.args == ["RET-JOBS-010"]
    rect = linked.table.visualRect(linked.model.index(2, 0))
    viewport, left = linked.table.viewport(), Qt.MouseButton.LeftButton
    with qtbot.waitSignal(linked.commitment_chosen) as opened:
        qtbot.mouseClick(viewport, left, pos=rect.center())  # a double-click's first press
        qtbot.mouseDClick(viewport, left, pos=rect.center())
    assert opened.args == ["RET-JOBS-011"]


def test_none_linked_is_one_sentence(linked: LinkedCommitments, qtbot: QtBot) -> None:
    linked.show_linked(linked_frame())
    linked.show_linked(linked_frame(0))
    qtbot.waitUntil(linked.none.isVisible)
    assert linked.none.text() == NONE == "No commitment is linked to this indicator."
    assert not linked.table.isVisible()
    assert linked.model.rowCount() == 0 and linked.ids() == []
    assert linked.tab_text() == "Commitments linked (none)"


def test_the_tab_beside_the_charts_counts_them(qtbot: QtBot) -> None:
    charts = QWidget()
    linked = LinkedCommitments()
    pages = ChartsOrLinked(charts, linked)
    qtbot.addWidget(pages)
    assert [pages.tabText(k) for k in range(2)] == ["Charts", "Commitments linked (none)"]
    linked.show_linked(linked_frame(2), CLAIMANT.name)
    assert pages.tabText(1) == "Commitments linked (2)"
    assert pages.currentWidget() is charts  # the charts stay in front
    long = pd.concat([linked_frame(1)] * 9, ignore_index=True)
    linked.show_linked(long.assign(id=[f"C-{i}" for i in range(9)]))
    assert pages.tabText(1) == "Commitments linked (9)" and len(linked.ids()) == 9
