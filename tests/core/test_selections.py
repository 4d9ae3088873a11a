"""Every count of the summary names its commitments: the set a selection takes from the frame
has as many commitments as the number the summary shows, for the grid's cells and totals, the
exception lists, the status changes, the new commitments and "and N more"; the sentences'
linked pieces join up to the sentences themselves; the wording of counts and of a store with
one quarter or none."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import storefill as sf
from test_summary_rules import fill_histories

from mag_desktop.core import vocab
from mag_desktop.core.query import Filter, commitments_frame, since_last_quarter
from mag_desktop.core.query.overview import Overview, overview
from mag_desktop.core.query.selections import QUICK, Selection, quick_counts, select
from mag_desktop.core.query.summary import data_status
from mag_desktop.core.query.summary_view import SummaryView, summary_view
from mag_desktop.core.query.summary_words import LISTED
from mag_desktop.core.store import Store
from mag_desktop.core.store.connection import connect


def view_of(conn: sqlite3.Connection, flt: Filter) -> tuple[pd.DataFrame, SummaryView]:
    frame = commitments_frame(conn, flt)
    themes = tuple(t for t in vocab.themes() if not flt.themes or t.code in flt.themes)
    return frame, summary_view(frame, since_last_quarter(conn, flt, frame), themes,
                               "Birmingham", flt)


@pytest.fixture(scope="module")
def sample(sample_store_file: Path) -> Overview:
    conn = connect(sample_store_file, readonly=True)
    try:
        return overview(conn, Filter())
    finally:
        conn.close()


def ids(data: Overview, selection: Selection) -> list[str]:
    return list(select(data.commitments, data.changes, selection)["id"])


def test_every_grid_cell_and_total_is_its_set(sample: Overview) -> None:
    view = sample.summary
    for row in view.grid:
        for status, count in zip(view.grid_statuses, row.counts, strict=True):
            cell = Selection("cell", row.theme, status)
            chosen = select(sample.commitments, sample.changes, cell)
            assert len(chosen) == count
            assert set(chosen["theme"]) <= {row.theme} and set(chosen["status"]) <= {status}
        assert len(ids(sample, Selection("cell", row.theme))) == row.total
    for status, total in zip(view.grid_statuses, view.grid_totals, strict=True):
        assert len(ids(sample, Selection("cell", status=status))) == total
    assert len(ids(sample, Selection("cell"))) == view.grid_total == len(sample.commitments)


def test_exceptions_changes_and_new_are_their_sets(sample: Overview) -> None:
    view = sample.summary
    for line in view.exceptions:
        assert ids(sample, line.selection) == list(line.ids) and line.count > 0
    assert ids(sample, Selection("changed")) == list(view.status_change_ids)
    assert ids(sample, Selection("new")) == list(view.new_ids)
    assert ids(sample, Selection("attention")) == list(view.attention_ids)
    more = ids(sample, Selection("new_more", skip=LISTED))
    assert more == list(view.new_ids[LISTED:]) and len(more) > 0
    counts = quick_counts(sample.commitments, sample.changes)
    assert list(counts) == list(QUICK)
    assert counts["changed"] == len(view.status_change_ids)
    assert counts["overdue"] == next(x.count for x in view.exceptions if x.key == "overdue")


def test_linked_pieces_are_the_sentences_and_their_counts(sample: Overview) -> None:
    view = sample.summary
    assert "".join(text for text, _ in view.lead_links) == view.lead
    assert "".join(text for text, _ in view.attention_links) == view.attention
    assert tuple("".join(t for t, _ in b) for b in view.change_links) == view.changes
    for pieces in (view.lead_links, view.attention_links, *view.change_links):
        for text, selection in pieces:
            if selection is None:
                continue
            number = int(next(w for w in text.split() if w[0].isdigit()).replace(",", ""))
            assert number == len(ids(sample, selection)), (text, selection)
    kinds = [s.kind for pieces in view.change_links for _, s in pieces if s]
    assert kinds == ["changed", "slipped", "new", "new_more"]


def test_a_selection_as_a_key_and_in_words() -> None:
    cell = Selection("cell", "HOUSING", "ON_TRACK")
    assert Selection.from_key(cell.key()) == cell
    assert Selection.from_key(Selection("new_more", skip=4).key()).skip == 4
    assert cell.describe(str.title) == "Housing, On_Track"
    assert Selection("cell").describe(str) == "All chosen themes, every status"
    assert Selection("overdue").describe(str) == "Overdue" and Selection("overdue").quick
    with pytest.raises(ValueError):
        Selection("nonsense")
    with pytest.raises(ValueError):
        Selection.from_key("cell:HOUSING")


def test_counts_agree_in_grammar(store: Store) -> None:
    with store.write() as conn:
        imported = sf.add_import(conn, "c.xlsx", "2026-07-10T09:00:00", kind="commitments")
        sf.add_commitment(conn, imported, "ONE", "The one", "JOBS", sf.COVENTRY,
                          due=date(2026, 1, 1))
        sf.add_history(conn, imported, "ONE", [("2026 Q1", "ON_TRACK"), ("2026 Q2", "AT_RISK")])
        sf.finish(conn)
    _frame, view = view_of(store.conn, Filter())
    assert view.status_changes_heading == "1 status change since 2026 Q1"
    assert view.since_title == "Since last quarter (2026 Q1)"
    with store.write() as conn:
        imported = sf.add_import(conn, "d.xlsx", "2026-07-11T09:00:00", kind="commitments")
        sf.add_commitment(conn, imported, "TWO", "The two", "JOBS", sf.COVENTRY)
        sf.add_history(conn, imported, "TWO", [("2026 Q1", "ON_TRACK"), ("2026 Q2", "AT_RISK")])
        sf.finish(conn)
    _frame, view = view_of(store.conn, Filter())
    assert view.status_changes_heading == "2 status changes since 2026 Q1"


def test_one_quarter_has_no_previous_to_compare(store: Store) -> None:
    with store.write() as conn:
        imported = sf.add_import(conn, "c.xlsx", "2026-01-10T09:00:00", kind="commitments")
        sf.add_commitment(conn, imported, "ONE", "The one", "JOBS", sf.COVENTRY)
        sf.add_history(conn, imported, "ONE", [("2025 Q4", "ON_TRACK")])
        sf.finish(conn)
    _frame, view = view_of(store.conn, Filter())
    words = " ".join((view.since_title, view.status_changes_heading, *view.changes))
    assert view.since_title == "Since last quarter (no updates held before 2025 Q4)"
    assert view.changes[0] == ("No status change can be shown: 2025 Q4 is the first quarter "
                               "with updates.")
    assert "–" not in words and "None" not in words and "→" not in words


def test_an_empty_store_has_no_data_yet(store: Store) -> None:
    status = data_status(store.conn)
    assert status.line() == "No data yet"
    assert status.sentence() == "No data has been imported yet."
    assert "version 0" not in status.line() + status.sentence()
    with store.write() as conn:
        fill_histories(conn)
        sf.finish(conn)
    status = data_status(store.conn)
    assert status.line().startswith("Data as at 2026 Q2 · data version ")


def test_a_listed_selection_keeps_the_frame_order(sample: Overview) -> None:
    from mag_desktop.core.query.selections import outside

    frame = sample.commitments
    wanted = (str(frame["id"].iloc[5]), str(frame["id"].iloc[2]), "NOT-HELD")
    listed = Selection("listed", ids=wanted, words="Named elsewhere")
    assert ids(sample, listed) == [wanted[1], wanted[0]]
    assert outside(frame, listed) == 1 and outside(frame, Selection("overdue")) == 0
    assert listed.describe(str) == "Named elsewhere"
    with pytest.raises(ValueError):
        listed.key()
