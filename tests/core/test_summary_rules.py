"""The summary's rules on small stores with known histories: "slipped" only for a commitment
updated this quarter, exceptions counted once per commitment, "new data" as new periods."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
import storefill as sf

from mag_desktop.core.query import Filter, commitments_frame, exceptions, since_last_quarter
from mag_desktop.core.store import Store

#: id -> (due date, [(quarter, status), ...]); the store is as at 2026 Q2.
HISTORIES: dict[str, tuple[date | None, list[tuple[str, str]]]] = {
    # Worse at its last update (2026 Q1), but nothing for 2026 Q2: not "slipped" any more.
    "STALE": (None, [("2025 Q4", "ON_TRACK"), ("2026 Q1", "AT_RISK")]),
    # Worse this quarter than last: slipped, and off track, and overdue (3 lists, 1 commitment).
    "WORSE": (date(2026, 6, 30), [("2026 Q1", "AT_RISK"), ("2026 Q2", "OFF_TRACK")]),
    # Missed 2026 Q1: compared with the update before (what members last saw): slipped.
    "GAP": (None, [("2025 Q4", "ON_TRACK"), ("2026 Q2", "AT_RISK")]),
    "FIRST": (None, [("2026 Q2", "AT_RISK")]),  # one update: nothing to slip from
    "BETTER": (None, [("2026 Q1", "OFF_TRACK"), ("2026 Q2", "AT_RISK")]),
    "STARTED": (None, [("2026 Q1", "NOT_STARTED"), ("2026 Q2", "AT_RISK")]),
    "SAME": (None, [("2026 Q1", "OFF_TRACK"), ("2026 Q2", "OFF_TRACK")]),
    "LATE": (date(2025, 12, 31), [("2026 Q1", "ON_TRACK"), ("2026 Q2", "ON_TRACK")]),
    "DONE": (date(2025, 12, 31), [("2026 Q1", "ON_TRACK"), ("2026 Q2", "COMPLETE")]),
    "SILENT_OFF": (None, [("2026 Q1", "OFF_TRACK")]),  # off track and no update: 2 lists
}


def fill_histories(conn: sqlite3.Connection) -> None:
    imported = sf.add_import(conn, "commitments.xlsx", "2026-07-10T09:00:00", kind="commitments")
    for cid, (due, history) in HISTORIES.items():
        sf.add_commitment(conn, imported, cid, f"Commitment {cid}", "JOBS", sf.BIRMINGHAM,
                          due=due)
        sf.add_history(conn, imported, cid, history)


@pytest.fixture
def histories(store: Store) -> Store:
    with store.write() as conn:
        fill_histories(conn)
        sf.finish(conn)
    return store


def flagged(store: Store, flag: str) -> list[str]:
    frame = commitments_frame(store.conn)
    return sorted(frame[frame[flag]]["id"])


def test_slipped_needs_an_update_for_the_as_at_quarter(histories: Store) -> None:
    assert commitments_frame(histories.conn).attrs["as_at"] == "2026 Q2"
    assert flagged(histories, "slipped") == ["GAP", "STARTED", "WORSE"]
    assert flagged(histories, "no_update") == ["SILENT_OFF", "STALE"]
    row = commitments_frame(histories.conn).set_index("id").loc["STALE"]
    assert row["status"] == "AT_RISK" and row["previous_status"] == "ON_TRACK"


def test_status_changes_are_this_quarters_and_include_every_slip(histories: Store) -> None:
    changes = since_last_quarter(histories.conn)
    moved = sorted(changes.status_changes["id"])
    assert moved == ["BETTER", "DONE", "GAP", "STARTED", "WORSE"]
    assert set(flagged(histories, "slipped")) <= set(moved)
    assert changes.status_changes.set_index("id").loc["GAP", "from_quarter"] == "2025 Q4"
    assert list(changes.new_commitments["id"]) == ["FIRST"]


def test_exceptions_count_each_commitment_once(histories: Store) -> None:
    found = exceptions(commitments_frame(histories.conn))
    assert found.counts() == {"overdue": 2, "off_track": 3, "slipped": 3, "no_update": 2}
    assert sum(found.counts().values()) == 10
    # WORSE in 3 lists, SILENT_OFF in 2; DONE is complete, so not overdue.
    assert sorted(found.attention["id"]) == ["GAP", "LATE", "SAME", "SILENT_OFF", "STALE",
                                             "STARTED", "WORSE"]
    assert (found.distinct, found.in_several) == (7, 2)


def test_exceptions_of_nothing(store: Store) -> None:
    found = exceptions(commitments_frame(store.conn))
    assert found.distinct == found.in_several == 0 and found.attention.empty


# -- new data ---------------------------------------------------------------------------------
def fill_indicators(conn: sqlite3.Connection) -> None:
    """Imports all made after 2026 Q1 ended; only some hold a period after 2026 Q1."""
    census = sf.add_import(conn, "census.csv", "2026-07-01T09:00:00")
    police = sf.add_import(conn, "police.csv", "2026-07-02T09:00:00")
    quarterly = sf.add_import(conn, "quarterly.xlsx", "2026-07-03T09:00:00")
    revised = sf.add_import(conn, "revised.xlsx", "2026-07-04T09:00:00")
    sf.add_indicator(conn, census, "CENSUS", "Census share", theme="DATA")
    sf.add_indicator(conn, police, "FORCE", "Use of force", theme="JUSTICE")
    sf.add_indicator(conn, quarterly, "CLAIM", "Claimant rate", theme="JOBS")
    sf.add_indicator(conn, quarterly, "TWO", "Two new quarters", theme="JOBS")
    sf.add_indicator(conn, quarterly, "YEARLY", "Financial year", theme="HOUSING")
    sf.add_indicator(conn, quarterly, "REVISED", "Revised only", theme="HEALTH")
    sf.add_observations(conn, census, "CENSUS", [("2021", sf.BIRMINGHAM, "ALL", 5, 4, 6)])
    sf.add_observations(conn, police, "FORCE", [("2019/20", sf.REGION, "ALL", 5, 4, 6)])
    sf.add_observations(conn, quarterly, "CLAIM", [
        ("2025 Q4", sf.BIRMINGHAM, "ALL", 5, 4, 6), ("2026 Q2", sf.BIRMINGHAM, "ALL", 5, 4, 6)])
    sf.add_observations(conn, quarterly, "TWO", [
        ("2026 Q3", sf.COVENTRY, "ALL", 5, 4, 6), ("2026 Q2", sf.COVENTRY, "ALL", 5, 4, 6),
        ("2026 Q1", sf.COVENTRY, "ALL", 5, 4, 6)])
    sf.add_observations(conn, quarterly, "YEARLY", [("2025/26", sf.BIRMINGHAM, "ALL", 5, 4, 6)])
    sf.add_observations(conn, quarterly, "REVISED", [("2026 Q1", sf.BIRMINGHAM, "ALL", 5, 4, 6)])
    # A revision of 2026 Q1 (the old row superseded): a period already held, not new data.
    conn.execute("UPDATE observation SET superseded_by = ? WHERE indicator_code = 'REVISED'",
                 (revised,))
    sf.add_observations(conn, revised, "REVISED", [("2026 Q1", sf.BIRMINGHAM, "ALL", 6, 5, 7)])


@pytest.fixture
def indicators(store: Store) -> Store:
    with store.write() as conn:
        fill_histories(conn)
        fill_indicators(conn)
        sf.finish(conn)
    return store


def test_new_data_means_periods_after_the_previous_quarter(indicators: Store) -> None:
    changes = since_last_quarter(indicators.conn)
    assert (changes.previous_quarter, changes.baseline_quarter) == ("2026 Q1", "2026 Q1")
    new = changes.new_data.set_index("code")
    # Census 2021, 2019/20, 2025/26 and a revised 2026 Q1 were all imported recently: not new.
    assert list(new.index) == ["CLAIM", "TWO"]
    assert new.loc["CLAIM", ["first_new_period", "latest_period", "new_periods"]].tolist() == [
        "2026 Q2", "2026 Q2", 1]
    assert new.loc["TWO", ["first_new_period", "latest_period", "new_periods"]].tolist() == [
        "2026 Q2", "2026 Q3", 2]


def test_new_data_with_a_single_quarter_held_uses_the_quarter_before(store: Store) -> None:
    with store.write() as conn:
        imported = sf.add_import(conn, "c.xlsx", "2026-07-10T09:00:00", kind="commitments")
        sf.add_commitment(conn, imported, "ONLY", "Only one", "JOBS", sf.BIRMINGHAM)
        sf.add_update(conn, imported, "ONLY", "2026 Q2", "ON_TRACK")
        fill_indicators(conn)
        sf.finish(conn)
    changes = since_last_quarter(store.conn, Filter(themes=("JOBS",)))
    assert changes.previous_quarter is None and changes.baseline_quarter == "2026 Q1"
    assert list(changes.new_data["code"]) == ["CLAIM", "TWO"]
