"""The window and the pack show every indicator the same way: both render the core's one
presentation, and these tests compare what each renders with it, for every indicator of the
sample data and three audiences (an authority, a ward, and an authority with no figures of its
own, whose pack shows the WMCA area's for context)."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCharts import QScatterSeries
from PySide6.QtCore import Qt

from mag_desktop.core.briefing.builder import build_briefing
from mag_desktop.core.briefing.model import Chart, Table
from mag_desktop.core.briefing.presentation import IndicatorPresentation, present_indicator
from mag_desktop.core.briefing.series_styles import style
from mag_desktop.core.store import Store
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.views.indicators import CODE_ROLE
from mag_desktop.gui.views.main_window import MainWindow

BIRMINGHAM, SHROPSHIRE, ACOCKS_GREEN = "E08000025", "E06000051", "E05011118"


def _choose(window: MainWindow, authority: str, ward: str | None) -> None:
    window.filters.authorities.set_checked([authority])
    window.filters._collect()
    assert wait_until_idle(window)
    if ward:
        window.filters.wards.set_checked([ward])
        window.filters._collect()
        assert wait_until_idle(window)
    window.show_tab("indicators")
    assert wait_until_idle(window)
    combo = window.indicators.area
    index = combo.findData(ward or authority)
    assert index >= 0, (ward or authority, [combo.itemData(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert wait_until_idle(window)


def _select(window: MainWindow, code: str) -> None:
    tree = window.indicators.tree
    for i in range(tree.topLevelItemCount()):
        theme = tree.topLevelItem(i)
        for j in range(theme.childCount()):
            if theme.child(j).data(0, CODE_ROLE) == code:
                tree.setCurrentItem(theme.child(j))
                assert wait_until_idle(window)
                return
    raise AssertionError(f"{code} is not listed in the Indicators tab")


def _window_table(window: MainWindow) -> list[list[str]]:
    model = window.indicators.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def _points(window: MainWindow) -> list[tuple[str, str, int]]:
    """(name, border colour, number of points) of each marker series of the groups chart."""
    chart = window.indicators.groups_view.chart()
    return [(s.name(), s.borderColor().name().upper(), s.count()) for s in chart.series()
            if isinstance(s, QScatterSeries)]


def _expected_points(chart: Chart) -> list[tuple[str, str, int]]:
    return [(s.name, style(s.key or "area", k).colour.upper(),
             sum(v is not None for v in s.values)) for k, s in enumerate(chart.series)]


def _check_window(window: MainWindow, shown: IndicatorPresentation) -> None:
    tab = window.indicators
    assert _window_table(window) == [[c.text for c in row] for row in shown.table.rows]
    titles = [tab.model.headerData(c, Qt.Orientation.Horizontal)
              for c in range(tab.model.columnCount())]
    assert titles == [c.title for c in shown.table.columns]
    lines = [f"• {s}" for s in shown.sentences]
    lines += [w for w in (shown.more, shown.verdict, shown.caution) if w]
    assert tab.sentences.text().split("\n") == (lines or [""])
    assert (tab.fallback.text(), tab.fallback.isVisibleTo(tab)) == (
        shown.fallback, bool(shown.fallback))
    assert _points(window) == _expected_points(shown.groups_chart)
    assert shown.title in tab.title.text()
    assert tab.caption.text() == shown.table.caption


@pytest.mark.parametrize(("authority", "ward"), [(BIRMINGHAM, None), (BIRMINGHAM, ACOCKS_GREEN),
                                                 (SHROPSHIRE, None)])
def test_window_and_pack_render_one_presentation(window: MainWindow, sample_store: Path,
                                                 authority: str, ward: str | None) -> None:
    audience = ward or authority
    with closing(Store.open(sample_store, readonly=True).reader()) as conn:
        briefing = build_briefing(conn, audience, sections=("indicators",))
        sections = {s.key.removeprefix("indicator-").upper(): s for s in briefing.sections
                    if s.key.startswith("indicator-")}
        shown = {code: present_indicator(conn, code, audience) for code in sections}
    assert len(sections) >= 5
    _choose(window, authority, ward)
    fallbacks = 0
    for code, section in sections.items():
        presentation = shown[code]
        assert presentation is not None
        assert section.blocks == presentation.blocks()  # the pack renders the presentation
        _select(window, code)
        _check_window(window, presentation)  # and so does the window
        fallbacks += bool(presentation.fallback)
        assert bool(presentation.fallback) == (presentation.view.area.code != audience)
        if str(presentation.view.indicator.unit) not in ("%", "per 1,000", "per 100,000"):
            assert len(presentation.groups_chart.series) == 1  # no comparators for counts
            assert not presentation.verdict and not presentation.sentences
    if authority == SHROPSHIRE:  # Census figures of its own; the rest are the WMCA area's
        assert fallbacks >= 5
        assert all("No figures for Shropshire" in shown[c].fallback for c in sections
                   if shown[c].fallback)


def test_ward_profile_table_is_the_packs(window: MainWindow, sample_store: Path) -> None:
    with closing(Store.open(sample_store, readonly=True).reader()) as conn:
        briefing = build_briefing(conn, ACOCKS_GREEN)
    table = next(b for b in briefing.section("ward-indicators").blocks if isinstance(b, Table))
    _choose(window, BIRMINGHAM, ACOCKS_GREEN)
    window.show_tab("ward")
    assert wait_until_idle(window)
    model = window.ward.indicator_model
    shown = [[model.data(model.index(r, c)) for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    assert shown == [[c.text for c in row] for row in table.rows]
    assert len(shown) >= 4


def test_export_takes_the_area_shown_when_another_areas_figures_are_on_screen(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    import mag_desktop.gui.indicator_export as indicator_export

    asked: list[object] = []
    monkeypatch.setattr(indicator_export, "export_figures",
                        lambda _w, _r, _s, selection, *rest: asked.append(selection))
    _choose(window, SHROPSHIRE, None)
    _select(window, "CLAIMANT_RATE")
    shown = window.indicators.shown
    assert shown is not None and shown.fallback
    window.controller.export_indicators()
    assert [s.area for s in asked] == [shown.view.area.code]  # type: ignore[attr-defined]
