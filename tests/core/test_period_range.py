"""The filter's period range narrows what the Indicators tab and the Ward profile show, and
the Ward profile's indicators follow the filter's themes."""

from __future__ import annotations

import pytest
import storefill as sf
from test_query_indicators import OLDER, TA, fill

from mag_desktop.core.briefing.presentation import present_indicator
from mag_desktop.core.query import Filter, indicator_view, ward_profile
from mag_desktop.core.store import Store


@pytest.fixture
def filled(store: Store) -> Store:
    """The store the indicator tests use: TA for 2025 and Jan-Jun 2024, EMP for 2024-2025."""
    with store.write() as conn:
        fill(conn)
    return store


def test_the_range_narrows_the_periods_offered_and_the_default(filled: Store) -> None:
    everything = indicator_view(filled.conn, TA, sf.BIRMINGHAM)
    assert everything.periods == (OLDER, "2025") and everything.period == "2025"
    early = indicator_view(filled.conn, TA, sf.BIRMINGHAM, period_to="2024 Q2")
    assert early.periods == (OLDER,) and early.period == OLDER
    assert list(early.rows.set_index("group_code").loc[["BLACK_AFRICAN"], "value"]) == [30]
    # a period chosen before the range changed gives way to the latest inside it
    late = indicator_view(filled.conn, TA, sf.BIRMINGHAM, period=OLDER, period_from="2025")
    assert late.periods == ("2025",) and late.period == "2025"


def test_the_presentation_and_its_trend_keep_to_the_range(filled: Store) -> None:
    shown = present_indicator(filled.conn, TA, sf.BIRMINGHAM, within=(None, "2024 Q2"))
    assert shown is not None
    assert shown.view.period == OLDER and shown.view.periods == (OLDER,)
    assert shown.trend_chart is None  # one period inside the range: no line to draw
    whole = present_indicator(filled.conn, TA, sf.BIRMINGHAM)
    assert whole is not None and whole.view.period == "2025"
    assert whole.trend_chart is not None
    nothing = present_indicator(filled.conn, TA, sf.BIRMINGHAM, within=("2030", None))
    assert nothing is None  # no figures inside the range: the tab says so


def test_ward_indicators_follow_the_themes(filled: Store) -> None:
    every = ward_profile(filled.conn, sf.ASTON).indicators
    assert sorted(every["code"]) == ["EMP", TA]
    jobs = ward_profile(filled.conn, sf.ASTON, Filter(themes=("JOBS",))).indicators
    assert list(jobs["code"]) == ["EMP"]
    housing = ward_profile(filled.conn, sf.ASTON, Filter(themes=("HOUSING",))).indicators
    assert list(housing["code"]) == [TA]


def test_ward_indicators_follow_the_period_range(filled: Store) -> None:
    latest = ward_profile(filled.conn, sf.ASTON).indicators.set_index("code")
    assert latest.loc["EMP", "period"] == "2025" and latest.loc["EMP", "value"] == 52
    older = ward_profile(filled.conn, sf.ASTON, Filter(period_to="2024")).indicators
    emp = older.set_index("code").loc["EMP"]
    assert (emp["period"], emp["value"]) == ("2024", 55)
    assert TA not in set(older["code"])  # Aston's only TA figure is for 2025
