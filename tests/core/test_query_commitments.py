"""Commitments: filtering, exception flags, history order, detail, speed."""

from __future__ import annotations

import sqlite3
from datetime import date

import pandas as pd
import pytest
import storefill as sf

from mag_desktop.core.query import (
    Filter,
    NotFoundError,
    as_at_quarter,
    commitment_detail,
    commitments_frame,
)
from mag_desktop.core.store import Store

BORDESLEY = "E05011129"  # another Birmingham ward
MILESTONES = [{"name": "Pilot", "baseline": "2025-06-30", "forecast": "2025-09-30",
               "actual": None}]


def fill(conn: sqlite3.Connection) -> None:
    """Eight current commitments (one with an older, superseded version); as at 2026 Q1."""
    first = sf.add_import(conn, "q4.xlsx", "2026-01-10T09:00:00", kind="commitments")
    add = sf.add_commitment
    add(conn, first, "BHM-1", "Jobs pathways", "JOBS", sf.BIRMINGHAM, due=date(2027, 1, 1))
    add(conn, first, "BHM-2", "Aston housing", "HOUSING", sf.BIRMINGHAM, wards=[sf.ASTON],
        due=date(2026, 3, 31))
    add(conn, first, "BHM-3", "Bordesley homes", "HOUSING", sf.BIRMINGHAM, wards=[BORDESLEY],
        due=date(2025, 6, 30))
    add(conn, first, "BHM-4", "Data audit", "DATA", sf.BIRMINGHAM, due=date(2025, 1, 1))
    add(conn, first, "COV-1", "Diversion scheme", "JUSTICE", sf.COVENTRY,
        description="Track and tackle disproportionality in Youth Justice")
    add(conn, first, "REG-1", "Race-based budgeting", "TRANSPORT", None,
        partners="Transport for West Midlands")
    add(conn, first, "REG-2", "Health inequalities", "HEALTH", None, lead="ICS")
    add(conn, first, "SAN-1", "Old title", "JOBS", sf.SANDWELL)
    # 2026 Q1 inserted before 2025 Q4: order must come from the periods, not the rows.
    sf.add_history(conn, first, "BHM-1", [("2026 Q1", "OFF_TRACK"), ("2025 Q4", "ON_TRACK")])
    sf.add_history(conn, first, "BHM-2", [("2025 Q4", "AT_RISK")])
    sf.add_update(conn, first, "BHM-2", "2026 Q1", "AT_RISK", "Waiting for land",
                  milestones=MILESTONES)
    sf.add_history(conn, first, "BHM-3", [("2026 Q1", "COMPLETE")])
    sf.add_history(conn, first, "COV-1", [("2025 Q4", "NOT_STARTED")])
    sf.add_history(conn, first, "REG-1", [("2025 Q4", "NOT_STARTED"), ("2026 Q1", "ON_TRACK")])
    sf.add_history(conn, first, "REG-2", [("2025 Q4", "AT_RISK"), ("2026 Q1", "OFF_TRACK")])
    sf.add_history(conn, first, "SAN-1", [("2025 Q4", "OFF_TRACK"), ("2026 Q1", "OFF_TRACK")])
    # A later import replaces SAN-1 and its 2026 Q1 update: the old rows must never show.
    second = sf.add_import(conn, "q1.xlsx", "2026-04-10T09:00:00", kind="commitments")
    conn.execute("UPDATE commitment SET superseded_by = ? WHERE id = 'SAN-1'", (second,))
    conn.execute("UPDATE commitment_update SET superseded_by = ? WHERE commitment_id = 'SAN-1'"
                 " AND quarter = '2026 Q1'", (second,))
    add(conn, second, "SAN-1", "Sandwell apprenticeships", "JOBS", sf.SANDWELL)
    sf.add_update(conn, second, "SAN-1", "2026 Q1", "AT_RISK", "Recovering")
    sf.finish(conn)


@pytest.fixture
def filled(store: Store) -> Store:
    with store.write() as conn:
        fill(conn)
    return store


def ids(store: Store, flt: Filter | None = None) -> list[str]:
    return list(commitments_frame(store.conn, flt)["id"])


def test_one_row_per_current_commitment_in_theme_order(filled: Store) -> None:
    frame = commitments_frame(filled.conn)
    assert list(frame["id"]) == ["BHM-1", "SAN-1", "REG-2", "BHM-2", "BHM-3", "REG-1", "COV-1",
                                 "BHM-4"]
    san = frame.set_index("id").loc["SAN-1"]
    assert san["title"] == "Sandwell apprenticeships"
    assert san["status"] == "AT_RISK" and san["previous_status"] == "OFF_TRACK"
    assert frame.attrs["as_at"] == "2026 Q1" == as_at_quarter(filled.conn)


def test_columns_carry_status_words_shapes_and_regional(filled: Store) -> None:
    row = commitments_frame(filled.conn).set_index("id").loc["REG-2"]
    assert row["authority_name"] == "Regional" and row["authority_code"] is not None
    assert (row["status_label"], row["status_glyph"]) == ("Off track", "◆")
    assert row["status_colour"].startswith("#") and row["status_rank"] == 4
    assert row["quarter"] == "2026 Q1" and row["previous_quarter"] == "2025 Q4"
    assert row["theme_name"] == "Health and wellbeing"
    bhm2 = commitments_frame(filled.conn).set_index("id").loc["BHM-2"]
    assert bhm2["wards"] == (sf.ASTON,)
    assert str(bhm2["due_date"].date()) == "2026-03-31"


def test_filter_by_authority_with_and_without_regional(filled: Store) -> None:
    brum = Filter(authorities=(sf.BIRMINGHAM,))
    assert sorted(ids(filled, brum)) == ["BHM-1", "BHM-2", "BHM-3", "BHM-4", "REG-1", "REG-2"]
    assert sorted(ids(filled, brum.replace(include_regional=False))) == [
        "BHM-1", "BHM-2", "BHM-3", "BHM-4"]
    both = Filter(authorities=(sf.BIRMINGHAM, sf.COVENTRY), include_regional=False)
    assert len(ids(filled, both)) == 5


def test_filter_by_ward(filled: Store) -> None:
    aston = Filter(wards=(sf.ASTON,))
    # names Aston, or Birmingham with no wards, or Regional; not a commitment for Bordesley
    assert sorted(ids(filled, aston)) == ["BHM-1", "BHM-2", "BHM-4", "REG-1", "REG-2"]
    assert sorted(ids(filled, aston.replace(include_regional=False))) == [
        "BHM-1", "BHM-2", "BHM-4"]
    two = Filter(wards=(sf.ASTON, BORDESLEY), include_regional=False)
    assert sorted(ids(filled, two)) == ["BHM-1", "BHM-2", "BHM-3", "BHM-4"]


def test_filter_by_theme_status_and_text(filled: Store) -> None:
    assert ids(filled, Filter(themes=("HOUSING",))) == ["BHM-2", "BHM-3"]
    assert ids(filled, Filter(statuses=("OFF_TRACK",))) == ["BHM-1", "REG-2"]
    assert ids(filled, Filter(text="youth JUSTICE")) == ["COV-1"]  # description
    assert ids(filled, Filter(text="transport for west")) == ["REG-1"]  # partners
    assert ids(filled, Filter(text="waiting for")) == ["BHM-2"]  # narrative
    assert ids(filled, Filter(text="san-1")) == ["SAN-1"]  # id
    assert ids(filled, Filter(text="ics")) == ["REG-2"]  # lead
    assert ids(filled, Filter(text="old title")) == []  # superseded version
    combined = Filter(authorities=(sf.BIRMINGHAM,), themes=("JOBS", "HEALTH"),
                      statuses=("OFF_TRACK",))
    assert ids(filled, combined) == ["BHM-1", "REG-2"]
    assert ids(filled, Filter(groups=("BLACK_AFRICAN",), period_from="2020")) == ids(filled)


def test_flags(filled: Store) -> None:
    frame = commitments_frame(filled.conn).set_index("id")
    flagged = {flag: sorted(frame.index[frame[flag]]) for flag in
               ("overdue", "off_track", "slipped", "no_update")}
    assert flagged == {
        "overdue": ["BHM-2"],  # due on the as-at quarter's last day and open; BHM-3 complete
        "off_track": ["BHM-1", "REG-2"],
        "slipped": ["BHM-1", "REG-2"],  # On track -> Off track, At risk -> Off track
        "no_update": ["BHM-4", "COV-1"],  # no update at all; last update 2025 Q4
    }
    assert pd.isna(frame.loc["BHM-4", "status"])  # no update yet: no status, not overdue


@pytest.mark.parametrize(
    ("before", "after", "slipped"),
    [("NOT_STARTED", "AT_RISK", True), ("NOT_STARTED", "OFF_TRACK", True),
     ("ON_TRACK", "AT_RISK", True), ("AT_RISK", "OFF_TRACK", True),
     ("NOT_STARTED", "ON_TRACK", False), ("AT_RISK", "AT_RISK", False),
     ("OFF_TRACK", "AT_RISK", False), ("OFF_TRACK", "OFF_TRACK", False),
     ("COMPLETE", "OFF_TRACK", False), ("AT_RISK", "COMPLETE", False)],
)
def test_slipped_scale(store: Store, before: str, after: str, slipped: bool) -> None:
    with store.write() as conn:
        import_id = sf.add_import(conn, kind="commitments")
        sf.add_commitment(conn, import_id, "X")
        sf.add_history(conn, import_id, "X", [("2024 Q4", before), ("2025 Q1", after)])
        sf.finish(conn)
    assert bool(commitments_frame(store.conn)["slipped"].iloc[0]) is slipped


def test_history_is_in_period_order_across_a_year_boundary(filled: Store) -> None:
    detail = commitment_detail(filled.conn, "BHM-1")
    assert [h.quarter for h in detail.history] == ["2025 Q4", "2026 Q1"]
    assert detail.history[0][:5] == ("2025 Q4", "ON_TRACK", "On track", "●", "BHM-1 in 2025 Q4")
    assert detail.quarter == "2026 Q1" and detail.status == "OFF_TRACK"


def test_history_orders_financial_quarters_by_date_not_text(store: Store) -> None:
    with store.write() as conn:
        import_id = sf.add_import(conn, kind="commitments")
        sf.add_commitment(conn, import_id, "F")
        # As text "2025 Q4" < "2025/26 Q2"; in time Jul-Sep 2025 comes before Oct-Dec 2025.
        sf.add_history(conn, import_id, "F", [("2025 Q4", "AT_RISK"), ("2025/26 Q2", "ON_TRACK")])
        sf.finish(conn)
    detail = commitment_detail(store.conn, "F")
    assert [h.quarter for h in detail.history] == ["2025/26 Q2", "2025 Q4"]
    assert detail.slipped and detail.as_at == "2025 Q4"


def test_detail_fields_and_milestones(filled: Store) -> None:
    detail = commitment_detail(filled.conn, "BHM-2")
    assert detail.title == "Aston housing" and detail.authority_name == "Birmingham"
    assert detail.wards == (sf.ASTON,) and detail.due_date == date(2026, 3, 31)
    assert detail.overdue and not detail.slipped and detail.narrative == "Waiting for land"
    assert len(detail.milestones) == 1
    pilot = detail.milestones[0]
    assert (pilot.name, pilot.baseline, pilot.forecast, pilot.actual) == (
        "Pilot", date(2025, 6, 30), date(2025, 9, 30), None)
    regional = commitment_detail(filled.conn, "REG-1")
    assert regional.authority_code is None and regional.authority_name == "Regional"
    assert [h.quarter for h in commitment_detail(filled.conn, "SAN-1").history] == [
        "2025 Q4", "2026 Q1"]
    assert commitment_detail(filled.conn, "SAN-1").history[-1].status == "AT_RISK"
    with pytest.raises(NotFoundError):
        commitment_detail(filled.conn, "NOPE")


def test_an_empty_store_gives_an_empty_frame(store: Store) -> None:
    frame = commitments_frame(store.conn, Filter(text="x", wards=(sf.ASTON,)))
    assert frame.empty and "overdue" in frame.columns
    assert as_at_quarter(store.conn) is None


def test_a_thousand_commitments_over_four_quarters(store: Store) -> None:
    sf.bulk_commitments(store, 1000, ["2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1"])
    flt = Filter(authorities=(sf.BIRMINGHAM,), text="number")
    assert len(commitments_frame(store.conn, flt)) > 100


def test_a_finished_commitment_needs_no_update(store: Store) -> None:
    conn = store.conn
    fill(conn)
    late = sf.add_import(conn, "late.xlsx", "2026-04-20T09:00:00", kind="commitments")
    sf.add_commitment(conn, late, "DUD-1", "Finished early", "JOBS", sf.BIRMINGHAM)
    sf.add_history(conn, late, "DUD-1", [("2025 Q4", "COMPLETE")])
    sf.finish(conn)
    frame = commitments_frame(conn, Filter()).set_index("id")
    assert not frame.loc["DUD-1", "no_update"]  # complete in 2025 Q4: nothing more is due
    assert frame.loc["COV-1", "no_update"]  # open, last updated 2025 Q4


def test_the_detail_names_wards_and_principles_as_members_read_them(
        sample_store_file) -> None:  # type: ignore[no-untyped-def]
    from mag_desktop.gui.views.commitment_detail import fields

    with Store.open(sample_store_file, readonly=True) as store:
        cid, wards, principles = store.conn.execute(
            "SELECT id, wards, principles FROM commitment WHERE superseded_by IS NULL AND"
            " wards <> '' AND principles <> '' ORDER BY id LIMIT 1").fetchone()
        d = commitment_detail(store.conn, cid)
        names = [store.conn.execute("SELECT name FROM area WHERE code = ?", (w,)).fetchone()[0]
                 for w in wards.split(";")]
        words = [store.conn.execute("SELECT name FROM principle WHERE code = ?",
                                    (p,)).fetchone()[0] for p in principles.split(";")]
    assert d.ward_names == tuple(names) and d.principle_names == tuple(words)
    shown = dict(fields(d))
    assert shown["Wards"] == ", ".join(names)
    assert shown["Guiding principles"] == ", ".join(words)
