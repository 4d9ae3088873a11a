"""Indicators: the catalogue, one indicator by ethnic group with comparisons, trends, wards."""

from __future__ import annotations

import math
import sqlite3

import pandas as pd
import pytest
import storefill as sf

from mag_desktop.core.query import (
    Filter,
    NotFoundError,
    indicator_catalogue,
    indicator_view,
    trend,
    ward_profile,
)
from mag_desktop.core.query.ward import CENSUS_COUNT
from mag_desktop.core.store import Store

TA = "TA"
OLDER = "Jan 2024 to Jun 2024"  # sorts after "2025" as text, before it in time
BIRMINGHAM_2025 = [
    ("2025", sf.BIRMINGHAM, "ALL", 14, 13, 15),
    ("2025", sf.BIRMINGHAM, "WHITE_BRITISH", 11, 10, 12),
    ("2025", sf.BIRMINGHAM, "OTHER_ANY", 5, 4, 6),
    ("2025", sf.BIRMINGHAM, "MINORITY", 20, 18, 22),
    ("2025", sf.BIRMINGHAM, "ASIAN_PAKISTANI", 12, 9, 15),
    ("2025", sf.BIRMINGHAM, "ASIAN_INDIAN", None, None, None, "[c]"),
]


def fill(conn: sqlite3.Connection) -> None:
    first = sf.add_import(conn, "2024.xlsx", "2025-02-01T10:00:00")
    second = sf.add_import(conn, "2025.xlsx", "2026-02-01T10:00:00")
    sf.add_indicator(conn, first, TA, "Old name", theme="HOUSING", unit="per 1,000",
                     polarity="lower")
    sf.add_observations(conn, first, TA, [("2025", sf.BIRMINGHAM, "BLACK_AFRICAN", 99, 98, 100)])
    conn.execute("UPDATE indicator SET superseded_by = ?", (second,))
    conn.execute("UPDATE observation SET superseded_by = ?", (second,))
    sf.add_indicator(conn, second, TA, "Temporary accommodation", theme="HOUSING",
                     unit="per 1,000", polarity="lower")
    sf.add_observations(conn, second, TA, [
        *BIRMINGHAM_2025,
        ("2025", sf.BIRMINGHAM, "BLACK_AFRICAN", 35, 30, 40),
        (OLDER, sf.BIRMINGHAM, "BLACK_AFRICAN", 30, 25, 35),
        (OLDER, sf.BIRMINGHAM, "WHITE_BRITISH", 10, 9, 11),
        ("2025", sf.REGION, "BLACK_AFRICAN", 20, 18, 22),
        ("2025", sf.REGION, "WHITE_BRITISH", 11, 10, 12),
        ("2025", sf.ENGLAND, "BLACK_AFRICAN", 15, 14, 16),
        ("2025", sf.ASTON, "BLACK_AFRICAN", 50, 40, 60),
        ("2025", sf.ASTON, "WHITE_BRITISH", 10, 5, 15),
        ("2025", sf.ASTON, "ALL", 30, 25, 35),
    ])
    sf.add_indicator(conn, second, "EMP", "Employment rate", theme="JOBS", unit="%")
    sf.add_observations(conn, second, "EMP", [
        ("2024", sf.ASTON, "ALL", 55, 50, 60), ("2025", sf.ASTON, "ALL", 52, 50, 54),
        ("2025", sf.BIRMINGHAM, "ALL", 70, 69, 71), ("2025", sf.COVENTRY, "ALL", 72, 71, 73)])
    sf.add_indicator(conn, second, CENSUS_COUNT, "Residents by ethnic group", theme="DATA",
                     unit="count", polarity="none")
    sf.add_observations(conn, second, CENSUS_COUNT, [
        ("2021", sf.ASTON, "ALL", 1000, None, None),
        ("2021", sf.ASTON, "WHITE_BRITISH", 300, None, None),
        ("2021", sf.ASTON, "BLACK_AFRICAN", 200, None, None),
        ("2021", sf.ASTON, "ASIAN_PAKISTANI", 500, None, None),
        ("2021", sf.BIRMINGHAM, "ALL", 10000, None, None),
        ("2021", sf.BIRMINGHAM, "BLACK_AFRICAN", 1000, None, None),
    ])
    sf.finish(conn)


@pytest.fixture
def filled(store: Store) -> Store:
    with store.write() as conn:
        fill(conn)
    return store


def test_rows_in_publishing_order_at_the_latest_period(filled: Store) -> None:
    view = indicator_view(filled.conn, TA, sf.BIRMINGHAM)
    assert view.period == "2025" and view.periods == (OLDER, "2025")
    assert view.indicator.name == "Temporary accommodation"
    assert list(view.rows["group_code"]) == [
        "ALL", "ASIAN_INDIAN", "ASIAN_PAKISTANI", "BLACK_AFRICAN", "WHITE_BRITISH", "OTHER_ANY",
        "MINORITY"]
    assert view.rows.set_index("group_code").loc["BLACK_AFRICAN", "value"] == 35  # not 99


def test_suppressed_rows_show_the_marker_and_no_value(filled: Store) -> None:
    row = indicator_view(filled.conn, TA, sf.BIRMINGHAM).rows.set_index("group_code").loc[
        "ASIAN_INDIAN"]
    assert row["marker"] == "[c]" and row["marker_meaning"].startswith("confidential")
    assert all(math.isnan(row[c]) for c in ("value", "lower", "upper", "numerator"))
    assert row["comparison"] == "not compared"


def test_comparisons_against_the_group_and_the_areas(filled: Store) -> None:
    rows = indicator_view(filled.conn, TA, sf.BIRMINGHAM).rows.set_index("group_code")
    assert rows["comparison"].to_dict() == {
        "ALL": "worse", "ASIAN_INDIAN": "not compared", "ASIAN_PAKISTANI": "similar",
        "BLACK_AFRICAN": "worse", "WHITE_BRITISH": "not compared", "OTHER_ANY": "better",
        "MINORITY": "worse"}
    black = rows.loc["BLACK_AFRICAN"]
    assert (black["region_value"], black["england_value"]) == (20, 15)
    assert (black["vs_region"], black["vs_england"]) == ("worse", "worse")
    assert rows.loc["WHITE_BRITISH", "vs_region"] == "similar"
    assert rows.loc["ASIAN_PAKISTANI", "vs_region"] == "not compared"
    assert rows["vs_authority"].eq("not compared").all()  # an authority has no parent


def test_sentences_only_where_intervals_do_not_overlap(filled: Store) -> None:
    view = indicator_view(filled.conn, TA, sf.BIRMINGHAM)
    assert view.sentences == (  # largest first, worded with the population
        "For Temporary accommodation, the rate for Black African residents was 3.2 times that "
        "for White British residents (35.0 vs 11.0 per 1,000).",
        "For Temporary accommodation, the rate for White British residents was 2.2 times that "
        "for residents from any other ethnic group (11.0 vs 5.0 per 1,000).",
        "For Temporary accommodation, the rate for residents from ethnic minorities was 1.8 "
        "times that for White British residents (20.0 vs 11.0 per 1,000).",
    )


def test_a_ward_is_compared_with_its_authority(filled: Store) -> None:
    view = indicator_view(filled.conn, TA, sf.ASTON)
    assert view.area.parent_code == sf.BIRMINGHAM
    black = view.rows.set_index("group_code").loc["BLACK_AFRICAN"]
    assert black["authority_value"] == 35
    assert black["vs_authority"] == "similar"  # 40-60 and 30-40 touch: not significant
    assert black["vs_region"] == "worse"
    assert view.sentences == (
        "For Temporary accommodation, the rate for Black African residents was 5.0 times that "
        "for White British residents (50.0 vs 10.0 per 1,000).",)


def test_chosen_period_groups_and_comparator(filled: Store) -> None:
    view = indicator_view(filled.conn, TA, sf.BIRMINGHAM, period="jan 2024 - jun 2024",
                          groups=("BLACK_AFRICAN",))
    assert view.period == OLDER
    assert list(view.rows["group_code"]) == ["BLACK_AFRICAN", "WHITE_BRITISH"]
    assert list(view.rows["value"]) == [30, 10]
    other = indicator_view(filled.conn, TA, sf.BIRMINGHAM, comparator_group="ALL")
    assert other.rows.set_index("group_code").loc["WHITE_BRITISH", "comparison"] == "better"
    empty = indicator_view(filled.conn, TA, sf.COVENTRY)
    assert empty.period is None and empty.rows.empty and empty.sentences == ()
    with pytest.raises(NotFoundError):
        indicator_view(filled.conn, "NOPE", sf.BIRMINGHAM)
    with pytest.raises(NotFoundError):
        indicator_view(filled.conn, TA, "E99999999")


def test_trend_is_ordered_by_period_end(filled: Store) -> None:
    frame = trend(filled.conn, TA, sf.BIRMINGHAM, ("WHITE_BRITISH", "BLACK_AFRICAN"))
    assert list(zip(frame["period"], frame["group_code"], strict=True)) == [
        (OLDER, "BLACK_AFRICAN"), (OLDER, "WHITE_BRITISH"),
        ("2025", "BLACK_AFRICAN"), ("2025", "WHITE_BRITISH")]
    assert list(frame["value"]) == [30, 10, 35, 11]  # never the superseded 99
    assert frame["period_end"].iloc[0] == pd.Timestamp("2024-06-30")
    assert list(frame.columns[:7]) == ["period", "period_end", "group_code", "value", "lower",
                                       "upper", "marker"]
    assert set(trend(filled.conn, TA, sf.BIRMINGHAM, ())["period"]) == {OLDER, "2025"}
    assert list(trend(filled.conn, TA, sf.BIRMINGHAM, (), period_from="2025")["period"].unique()
                ) == ["2025"]


def test_catalogue(filled: Store) -> None:
    everything = indicator_catalogue(filled.conn, Filter())
    assert list(everything["code"]) == ["EMP", "TA", CENSUS_COUNT]  # strategy order of themes
    ta = everything.set_index("code").loc[TA]
    assert ta["name"] == "Temporary accommodation" and ta["latest_period"] == "2025"
    assert ta["observations"] == 15 and ta["unit"] == "per 1,000"
    brum = indicator_catalogue(filled.conn, Filter(authorities=(sf.BIRMINGHAM,)))
    counts = brum.set_index("code")["observations"].to_dict()
    assert counts == {"EMP": 3, TA: 12, CENSUS_COUNT: 6}  # Birmingham and its wards
    coventry = indicator_catalogue(filled.conn, Filter(authorities=(sf.COVENTRY,)))
    assert coventry.set_index("code")["observations"].to_dict() == {
        "EMP": 1, TA: 0, CENSUS_COUNT: 0}
    assert list(indicator_catalogue(filled.conn, Filter(text="TEMPORARY"))["code"]) == [TA]
    assert list(indicator_catalogue(filled.conn, Filter(text="employ"))["code"]) == ["EMP"]
    assert list(indicator_catalogue(filled.conn, Filter(themes=("DATA",)))["code"]) == [
        CENSUS_COUNT]
    assert indicator_catalogue(filled.conn, Filter(text="old name")).empty


def test_catalogue_counts_follow_the_data_version(filled: Store) -> None:
    assert indicator_catalogue(filled.conn).set_index("code").loc["EMP", "observations"] == 4
    with filled.write() as conn:
        import_id = sf.add_import(conn, "more.xlsx")
        sf.add_observations(conn, import_id, "EMP", [("2026", sf.ASTON, "ALL", 50, 49, 51)])
        sf.finish(conn)
    again = indicator_catalogue(filled.conn).set_index("code").loc["EMP"]
    assert again["observations"] == 5 and again["latest_period"] == "2026"


def test_ward_profile(filled: Store) -> None:
    profile = ward_profile(filled.conn, sf.ASTON)
    assert (profile.ward.name, profile.authority_name) == ("Aston", "Birmingham")
    assert profile.census_period == "2021"
    residents = profile.residents.set_index("group_code")
    assert list(residents.index) == ["ALL", "ASIAN_PAKISTANI", "BLACK_AFRICAN", "WHITE_BRITISH"]
    assert residents.loc["BLACK_AFRICAN", ["count", "percent", "authority_percent"]].tolist() == [
        200, 20, 10]
    indicators = profile.indicators.set_index("code")
    assert list(indicators.index) == ["EMP", TA]
    emp = indicators.loc["EMP"]
    assert (emp["period"], emp["value"], emp["authority_value"]) == ("2025", 52, 70)
    assert emp["comparison"] == "worse"
    assert indicators.loc[TA, "comparison"] == "worse"  # 30 (25-35) vs 14 (13-15), lower better
    assert profile.commitments.empty
    with pytest.raises(NotFoundError):
        ward_profile(filled.conn, sf.BIRMINGHAM)
