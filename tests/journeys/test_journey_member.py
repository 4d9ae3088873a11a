"""A member's evening before the meeting, in the real window offscreen: keep "my authority",
find it again after a restart, narrow to one ward, read its profile, and see what changed since
last quarter, each checked against what the core computes for the same filter."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pandas as pd
from journey_helpers import BIRMINGHAM, ERDINGTON, HOUSING, Windows, make_settings, tick
from PySide6.QtCharts import QHorizontalBarSeries
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mag_desktop.core.query import Filter, commitments_frame, since_last_quarter, ward_profile
from mag_desktop.core.query.summary import Changes
from mag_desktop.core.query.ward import WardProfile
from mag_desktop.core.store import Store
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.views.main_window import MainWindow


def core_ids(store: Path, flt: Filter) -> list[str]:
    with closing(Store.open(store, readonly=True).reader()) as conn:
        return sorted(commitments_frame(conn, flt)["id"])


def core_changes(store: Path, flt: Filter) -> Changes:
    with closing(Store.open(store, readonly=True).reader()) as conn:
        return since_last_quarter(conn, flt)


def core_profile(store: Path, ward: str, flt: Filter) -> WardProfile:
    """The profile the window shows: the ward's commitments follow the filter's themes."""
    with closing(Store.open(store, readonly=True).reader()) as conn:
        return ward_profile(conn, ward, flt)


def shown_ids(win: MainWindow) -> list[str]:
    return sorted(win.commitments.model.frame["id"])


def test_member_keeps_my_authority_reads_a_ward_and_what_changed(
        qtbot: QtBot, windows: Windows, sample_store: Path, settings_file: Path) -> None:
    mine = Filter(authorities=(BIRMINGHAM,), themes=(HOUSING,))

    # 1. First start: everything is shown; the member ticks Birmingham and Housing and saves.
    win = windows.open(sample_store, make_settings(settings_file))
    assert win.filters.current == Filter()
    everything = len(shown_ids(win))
    tick(win.filters.authorities, BIRMINGHAM)
    tick(win.filters.themes, HOUSING)
    assert wait_until_idle(win)
    assert win.filters.current == mine
    assert shown_ids(win) == core_ids(sample_store, mine)
    assert 0 < len(shown_ids(win)) < everything
    labels = win.filters.chips.labels()
    assert "Authority: Birmingham" in labels and any(x.startswith("Theme: Housing")
                                                       for x in labels)
    qtbot.mouseClick(win.filters.save_button, Qt.MouseButton.LeftButton)
    assert "Saved as my authority" in win.statusBar().currentMessage()
    windows.close(win)

    # 2. Next start (settings read afresh from the file): the filter is already applied.
    win = windows.open(sample_store, make_settings(settings_file))
    assert win.filters.current == mine
    assert win.filters.authorities.checked() == (BIRMINGHAM,)
    assert win.filters.themes.checked() == (HOUSING,)
    assert shown_ids(win) == core_ids(sample_store, mine)
    # Only Birmingham's wards are offered now.
    ward_list = win.filters.wards.list
    assert ward_list.count() == 69

    # 3. Narrow to one ward through the ward search box.
    search = win.filters.wards.search
    assert search is not None
    qtbot.keyClicks(search, "Erdington")
    visible = [ward_list.item(i).text() for i in range(ward_list.count())
               if not ward_list.item(i).isHidden()]
    assert visible == ["Erdington"]
    tick(win.filters.wards, ERDINGTON)
    assert wait_until_idle(win)
    with_ward = mine.replace(wards=(ERDINGTON,))
    assert win.filters.current == with_ward
    assert "Ward: Erdington" in win.filters.chips.labels()
    assert shown_ids(win) == core_ids(sample_store, with_ward)

    # 4. The ward profile tab shows Erdington: its residents beside Birmingham's, its
    #    indicators, and the commitments that name the ward or its authority.
    win.tabs.setCurrentWidget(win.ward)
    assert wait_until_idle(win)
    tab = win.ward
    assert tab.current_ward() == ERDINGTON
    profile = core_profile(sample_store, ERDINGTON, win.filters.current)
    qtbot.waitUntil(lambda: "Erdington ward, Birmingham" in tab.heading.text(), timeout=10000)
    heading = tab.heading.text()
    assert f"Census {profile.census_period}" in heading
    assert f"{len(profile.commitments)} commitments name the ward or its authority" in heading
    chart = tab.chart.chart()
    assert chart.title() == "Erdington and Birmingham"
    (series,) = chart.series()
    assert isinstance(series, QHorizontalBarSeries)
    ward_bars, authority_bars = series.barSets()
    assert (ward_bars.label(), authority_bars.label()) == ("Ward", "Authority")
    headings = profile.residents[profile.residents["kind"] == "heading"].iloc[::-1]
    assert len(headings) == ward_bars.count() == 5
    for k, (percent, authority) in enumerate(zip(headings["percent"],
                                                 headings["authority_percent"], strict=True)):
        assert abs(ward_bars.at(k) - percent) < 1e-9
        assert abs(authority_bars.at(k) - authority) < 1e-9
    assert tab.indicator_model.rowCount() == len(profile.indicators) > 0
    shown = tab.commitment_model.frame
    assert sorted(shown["id"]) == sorted(profile.commitments["id"])
    names_ward = shown["wards"].map(lambda wards: ERDINGTON in tuple(wards))
    authority = shown["authority_code"]
    assert names_ward.any()
    assert (names_ward | authority.eq(BIRMINGHAM) | authority.isna()).all()

    # 5. The overview says what changed since last quarter for this filter, as the core does.
    win.tabs.setCurrentWidget(win.overview)
    assert wait_until_idle(win)
    text = win.overview.text()
    changes = core_changes(sample_store, win.filters.current)
    moved = changes.status_changes
    assert not moved.empty
    assert f"Since last quarter ({changes.previous_quarter})" in text
    assert f"{len(moved)} status changes since {changes.previous_quarter}" in text
    lines = text.splitlines()
    for _, row in moved.iterrows():  # a table row: the ID (its header), title, was, now
        expected = [row["id"], row["title"], f"{row['from_glyph']} {row['from_label']}",
                    f"{row['to_glyph']} {row['to_label']}"]
        assert any(lines[at:at + 4] == expected for at in range(len(lines))), expected
    assert f"New this quarter ({len(changes.new_commitments)})" in text
    assert pd.notna(changes.as_at) and f"Data as at {changes.as_at}" in text
