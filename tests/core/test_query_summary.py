"""Summaries: theme x status counts, exceptions, changes since last quarter, data status."""

from __future__ import annotations

import pytest
import storefill as sf
from test_query_commitments import fill

from mag_desktop.core import vocab
from mag_desktop.core.query import (
    Filter,
    commitments_frame,
    data_status,
    exceptions,
    since_last_quarter,
    theme_status_counts,
)
from mag_desktop.core.store import Store


@pytest.fixture
def filled(store: Store) -> Store:
    """The commitments of test_query_commitments, plus indicators imported at various times."""
    with store.write() as conn:
        fill(conn)
        early = sf.add_import(conn, "early.xlsx", "2025-10-05T10:00:00")
        late = sf.add_import(conn, "late.xlsx", "2026-02-01T10:00:00")
        undone = sf.add_import(conn, "undone.xlsx", "2026-02-02T10:00:00", outcome="undone")
        sf.add_indicator(conn, early, "OLD", "Old news", theme="JOBS")
        sf.add_indicator(conn, early, "NEWER", "Newer period", theme="HEALTH")
        sf.add_indicator(conn, early, "LATE", "Imported late", theme="HOUSING")
        sf.add_indicator(conn, early, "GONE", "Only from an undone import", theme="JOBS")
        sf.add_observations(conn, early, "OLD", [("2025", sf.BIRMINGHAM, "ALL", 5, 4, 6)])
        sf.add_observations(conn, early, "NEWER", [("2026 Q1", sf.COVENTRY, "ALL", 5, 4, 6)])
        sf.add_observations(conn, late, "LATE", [("2024/25", sf.BIRMINGHAM, "ALL", 5, 4, 6)])
        sf.add_observations(conn, undone, "GONE", [("2024", sf.BIRMINGHAM, "ALL", 5, 4, 6)])
        conn.execute("DELETE FROM observation WHERE import_id = ?", (undone,))
        sf.finish(conn)
    return store


def test_theme_status_counts_keep_every_theme(filled: Store) -> None:
    table = theme_status_counts(commitments_frame(filled.conn))
    assert list(table.index) == [t.code for t in vocab.themes()]
    assert list(table.columns) == ["NOT_STARTED", "ON_TRACK", "AT_RISK", "OFF_TRACK",
                                   "COMPLETE", "CLOSED", "WITHDRAWN", "total"]
    assert table.loc["CULTURE"].sum() == 0 and table.loc["LEADERSHIP", "total"] == 0
    assert table.loc["JOBS"].to_dict() == {
        "NOT_STARTED": 0, "ON_TRACK": 0, "AT_RISK": 1, "OFF_TRACK": 1, "COMPLETE": 0,
        "CLOSED": 0, "WITHDRAWN": 0, "total": 2}
    assert table.loc["HOUSING", "AT_RISK"] == 1 and table.loc["HOUSING", "COMPLETE"] == 1
    assert table.loc["DATA", "total"] == 1  # no update yet: counted in the total only
    assert table["total"].sum() == 8


def test_theme_status_counts_of_nothing_is_all_zeros(filled: Store) -> None:
    table = theme_status_counts(commitments_frame(filled.conn, Filter(text="no such thing")))
    assert table.shape == (8, 8) and table.to_numpy().sum() == 0


def test_exceptions(filled: Store) -> None:
    found = exceptions(commitments_frame(filled.conn, Filter(authorities=(sf.BIRMINGHAM,))))
    assert list(found.overdue["id"]) == ["BHM-2"]
    assert list(found.off_track["id"]) == ["BHM-1", "REG-2"]
    assert list(found.slipped["id"]) == ["BHM-1", "REG-2"]
    assert list(found.no_update["id"]) == ["BHM-4"]
    assert found.counts() == {"overdue": 1, "off_track": 2, "slipped": 2, "no_update": 1}
    # BHM-1 and REG-2 are off track and slipped: 6 entries in the lists, 4 commitments.
    assert list(found.attention["id"]) == ["BHM-1", "REG-2", "BHM-2", "BHM-4"]
    assert (found.distinct, found.in_several) == (4, 2)


def test_since_last_quarter(filled: Store) -> None:
    changes = since_last_quarter(filled.conn)
    assert (changes.as_at, changes.previous_quarter) == ("2026 Q1", "2025 Q4")
    moved = changes.status_changes.set_index("id")
    assert sorted(moved.index) == ["BHM-1", "REG-1", "REG-2", "SAN-1"]
    assert moved.loc["BHM-1", ["from_status", "to_status"]].tolist() == ["ON_TRACK", "OFF_TRACK"]
    assert moved.loc["SAN-1", ["from_label", "to_label"]].tolist() == ["Off track", "At risk"]
    assert moved.loc["REG-1", "from_glyph"] == "○"
    assert list(changes.new_commitments["id"]) == ["BHM-3"]
    # NEWER holds a period after 2025 Q4. LATE was imported after 2025 Q4 ended, but for
    # 2024/25, which the last meeting could have seen: an import date is not new data.
    assert list(changes.new_data["code"]) == ["NEWER"]
    assert changes.new_data.iloc[0][["first_new_period", "latest_period", "new_periods"]
                                    ].tolist() == ["2026 Q1", "2026 Q1", 1]
    assert changes.baseline_quarter == "2025 Q4"


def test_since_last_quarter_follows_the_filter(filled: Store) -> None:
    changes = since_last_quarter(filled.conn, Filter(authorities=(sf.COVENTRY,),
                                                     include_regional=False))
    assert changes.status_changes.empty and changes.new_commitments.empty
    # New data is news for everyone: it follows the themes chosen, not the areas (NEWER's
    # figures are for Coventry only).
    assert list(since_last_quarter(filled.conn, Filter(authorities=(sf.BIRMINGHAM,))
                                   ).new_data["code"]) == ["NEWER"]
    assert list(changes.new_data["code"]) == ["NEWER"]
    by_theme = since_last_quarter(filled.conn, Filter(themes=("HOUSING",)))
    assert by_theme.new_data.empty
    assert list(by_theme.new_commitments["id"]) == ["BHM-3"]
    assert list(since_last_quarter(filled.conn, Filter(themes=("HEALTH",))).new_data["code"]
                ) == ["NEWER"]


def test_since_last_quarter_on_an_empty_store(store: Store) -> None:
    changes = since_last_quarter(store.conn)
    assert changes.as_at is None and changes.status_changes.empty and changes.new_data.empty


def test_data_status(filled: Store) -> None:
    status = data_status(filled.conn)
    assert status.as_at == "2026 Q1"
    assert (status.last_import_at, status.last_import_file) == ("2026-04-10T09:00:00", "q1.xlsx")
    assert status.data_version == 2  # fill() and this fixture each finished a write
    assert status.counts == {"indicators": 4, "commitments": 8, "commitment updates": 12,
                             "imports": 4, "observations": 3}
