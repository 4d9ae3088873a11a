""""Is it working?" rendered from LinkProgress objects built by hand: the commitment's detail
shows, for each link and area, the heading, the aim, the movement by shape and word, the
sentence, every group's latest figure in a real table (the targeted and compared groups said in
words) and the trend chart; a commitment with no link says so in one sentence; the progress of
a commitment no longer shown is dropped."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from link_samples import CLAIMANT, progress
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from mag_desktop.core.domain import IndicatorLink, Milestone
from mag_desktop.core.links.progress_model import Movement
from mag_desktop.core.query import CommitmentDetail
from mag_desktop.gui.headings import is_heading
from mag_desktop.gui.keyboard import tab_stops
from mag_desktop.gui.views.commitment_detail import CommitmentDetailView
from mag_desktop.gui.views.count_widgets import HeaderTable
from mag_desktop.gui.views.link_panel import (
    COMPARED,
    NO_LINKS,
    TARGETED,
    TITLE,
    WAITING,
    LinkPanel,
)


def detail(links: tuple[IndicatorLink, ...] = (), cid: str = "RET-JOBS-007"
           ) -> CommitmentDetail:
    return CommitmentDetail(
        id=cid, title="Underemployment task group in Birmingham", description="",
        theme="JOBS", theme_name="Jobs, living standards, skills and education", priority="",
        lead="Birmingham City Council", partners="", authority_code="E08000025",
        authority_name="Birmingham", wards=(), principles=(), start_date=date(2025, 7, 1),
        due_date=date(2027, 3, 31), quarter="2026 Q3", status="AT_RISK",
        status_label="At risk", status_glyph="▲", status_colour="#B35C00", narrative="Going.",
        reason="", milestones=(), previous_status=None, previous_quarter=None, overdue=False,
        off_track=False, slipped=False, no_update=False, as_at="2026 Q3", links=links)


@pytest.fixture
def panel(qtbot: QtBot) -> LinkPanel:
    shown = LinkPanel()
    qtbot.addWidget(shown)
    shown.resize(700, 900)
    shown.show()
    return shown


def test_a_link_shows_its_sentence_mark_table_and_chart(panel: LinkPanel, qtbot: QtBot
                                                        ) -> None:
    p = progress()
    panel.show_progress((p,))
    qtbot.waitUntil(lambda: panel.marks[0].isVisible())  # shown once events are handled
    labels = [w for w in panel.findChildren(QLabel) if w.isVisibleTo(panel)]
    texts = [w.text() for w in labels]
    heads = [w.text() for w in labels if is_heading(w)]
    assert heads == [f"{CLAIMANT.name}: Birmingham"]
    assert p.sentence in texts
    assert p.mark_and_aim in texts and p.mark_and_aim.startswith("▼ Narrowed")  # shape, word
    assert ("Aim: narrow the gap between Black Caribbean and White British people aged 16 to "
            "64.") in texts  # the heading names the indicator; the aim does not again
    [table] = panel.tables
    assert table.rowCount() == len(p.latest_by_group)
    assert [table.column_header(j) for j in range(4)] == [
        "Ethnic group", "Value", "95% interval", "Compared with White British"]
    for i, figure in enumerate(p.latest_by_group):
        assert table.cell(i, 0).startswith(figure.label)
        assert [table.cell(i, j) for j in (1, 2, 3)] == [figure.value, figure.interval,
                                                          figure.comparison]
    names = [table.cell(i, 0) for i in range(table.rowCount())]
    assert f"Black Caribbean {TARGETED}" in names and f"White British {COMPARED}" in names
    assert "Indian" in names and "Roma" in names  # others by name alone
    assert "Latest value by group (2026 Q3)" in texts
    [chart] = panel.charts
    assert chart.isVisibleTo(panel) and chart.figures is not None
    assert [s.name() for s in chart.chart().series() if s.name()] == [
        "Black Caribbean", "White British"]


def test_the_statements_are_reached_by_the_keyboard(panel: LinkPanel) -> None:
    p = progress()
    panel.show_progress((p,))
    sentence = next(w for w in panel.findChildren(QLabel) if w.text() == p.sentence)
    assert sentence.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert panel.marks[0].accessibleName() in ("Movement: Narrowed",
                                               "Movement: Narrowed, as aimed")
    assert panel.tables[0].accessibleName().startswith("Latest value by group (2026 Q3)")


def test_each_area_in_order_and_no_chart_when_none(panel: LinkPanel) -> None:
    region = progress("West Midlands Combined Authority")
    ward = progress("Handsworth", Movement.TOO_FEW_PERIODS, chart=False)
    panel.show_progress((region, ward))
    heads = [w.text() for w in panel.findChildren(QLabel) if is_heading(w)]
    assert heads == [f"{CLAIMANT.name}: West Midlands Combined Authority",
                     f"{CLAIMANT.name}: Handsworth"]
    assert len(panel.charts) == 1 and len(panel.tables) == 2
    assert [m.text()[:len("○ Too few periods")] for m in panel.marks] == [
        "▼ Narrowed, as aimed"[:17], "○ Too few periods"]
    said = panel.reading()
    assert said.index(region.sentence) < said.index(ward.sentence)


def test_the_detail_says_when_no_indicator_is_linked(qtbot: QtBot) -> None:
    view = CommitmentDetailView()
    qtbot.addWidget(view)
    view.show_detail(detail())
    heads = [w.text() for w in view.widget().findChildren(QLabel) if is_heading(w)]
    assert TITLE in heads
    text = view.toPlainText().splitlines()
    assert text[text.index(TITLE) + 1] == NO_LINKS


def test_the_detail_waits_for_the_progress_then_shows_it(qtbot: QtBot) -> None:
    view = CommitmentDetailView()
    qtbot.addWidget(view)
    link = IndicatorLink("CLAIMANT_RATE", "BLACK_CARIBBEAN")
    view.show_detail(detail((link,)))
    lines = view.toPlainText().splitlines()
    assert lines[lines.index(TITLE) + 1] == WAITING
    p = progress()
    view.show_links("RET-JOBS-011", (p,))  # another commitment's: dropped
    assert WAITING in view.toPlainText()
    view.show_links("RET-JOBS-007", (p, replace(p, area_name="Handsworth")))
    lines = view.toPlainText().splitlines()
    assert WAITING not in lines and p.sentence in lines and p.mark_and_aim in lines
    assert lines.index(TITLE) < lines.index(p.sentence) < lines.index("Latest narrative") or (
        lines.index("Latest narrative") < lines.index(TITLE))
    assert view.links is not None and len(view.links.tables) == 2


def test_tab_walks_the_detail_top_to_bottom(qtbot: QtBot) -> None:
    """The progress arrives after the rest of the detail: its statements, tables and charts
    still come in Tab order where they are read, before the milestones below them."""
    view = CommitmentDetailView()
    qtbot.addWidget(view)
    view.resize(800, 700)
    with_milestones = replace(detail((IndicatorLink("CLAIMANT_RATE", "BLACK_CARIBBEAN"),)),
                              milestones=(Milestone("Task group set up", date(2025, 9, 1),
                                                    None, date(2025, 10, 1)),))
    view.show_detail(with_milestones)
    view.show()
    view.show_links("RET-JOBS-007", (progress(), progress("Handsworth")))
    body = view.widget()
    assert view.links is not None
    panel = view.links
    qtbot.waitUntil(lambda: all(w.isVisible() for w in (*panel.tables, *panel.charts)))
    stops = tab_stops(body)
    assert len(stops) >= 8
    milestones = next(t for t in stops if isinstance(t, HeaderTable)
                      and t.accessibleName() == "Milestones")
    assert stops[-1] is milestones  # below the progress, so last
    qtbot.waitUntil(lambda: chain(stops[0], body) == stops)


def chain(first: QWidget, body: QWidget) -> list[QWidget]:
    """The stops in ``body`` as Tab meets them from ``first``."""
    found, widget = [first], first.nextInFocusChain()
    while widget is not first and len(found) < 200:
        if body.isAncestorOf(widget) and widget in tab_stops(body):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found
