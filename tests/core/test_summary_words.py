"""The summary's words: singular and plural, the scope of a filter, the sentences built from the
counts, and the HTML the window shows them in."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from html import unescape
from pathlib import Path

import pytest
import storefill as sf
from test_summary_rules import fill_histories, fill_indicators

from mag_desktop.core import vocab
from mag_desktop.core.briefing.html_blocks import blocks_html
from mag_desktop.core.briefing.model import Cell, Column, Note, Paragraph, Table
from mag_desktop.core.briefing.summary_section import summary_blocks
from mag_desktop.core.query import Filter, commitments_frame, since_last_quarter
from mag_desktop.core.query.illustrative import DETAIL, NOTICE
from mag_desktop.core.query.overview import overview
from mag_desktop.core.query.summary_view import (
    SummaryView,
    count_of,
    scope_label,
    summary_view,
)
from mag_desktop.core.store import Store
from mag_desktop.core.store.connection import connect

ACOCKS_GREEN, ASTON = "E05011118", sf.ASTON
WRONG_PLURAL = re.compile(r"(?<![\d,])1 (commitments|indicators|themes|wards|authorities)\b")


def view_of(conn: sqlite3.Connection, flt: Filter, scope: str = "Birmingham") -> SummaryView:
    frame = commitments_frame(conn, flt)
    themes = tuple(t for t in vocab.themes() if not flt.themes or t.code in flt.themes)
    return summary_view(frame, since_last_quarter(conn, flt, frame), themes, scope, flt)


def words(view: SummaryView) -> str:
    return " ".join([view.lead, view.attention, *view.changes,
                     *(line.heading for line in view.exceptions)])


def test_count_of() -> None:
    assert count_of(1, "commitment") == "1 commitment"
    assert count_of(0, "commitment") == "0 commitments"
    assert count_of(1204, "authority", "authorities") == "1,204 authorities"


def test_sentences_on_a_known_store(store: Store) -> None:
    with store.write() as conn:
        fill_histories(conn)
        fill_indicators(conn)
        sf.finish(conn)
    view = view_of(store.conn, Filter())
    assert view.lead == "As at 2026 Q2, 10 commitments across 8 themes apply to Birmingham."
    assert view.attention == ("7 commitments need members' attention (2 appear in more than "
                              "one list).")
    assert [(line.title, line.count) for line in view.exceptions] == [
        ("Overdue", 2), ("Off track", 3), ("Slipped since last quarter", 3),
        ("No update this quarter", 2)]
    assert view.since_title == "Since last quarter (2026 Q1)"
    assert view.changes == (
        "5 commitments changed status; 3 of them slipped (got worse).",
        "1 new commitment: Commitment FIRST (FIRST).",
        "New data for 2 indicators, with figures for a period after 2026 Q1: Claimant rate "
        "(2026 Q2); Two new quarters (2026 Q2 to 2026 Q3).",
    )
    assert set(view.attention_ids) == {i for line in view.exceptions for i in line.ids}
    assert view.grid_total == 10 and view.grid_statuses[:5] == (
        "NOT_STARTED", "ON_TRACK", "AT_RISK", "OFF_TRACK", "COMPLETE")
    assert not WRONG_PLURAL.search(words(view))


def test_singular_words(store: Store) -> None:
    with store.write() as conn:
        imported = sf.add_import(conn, "c.xlsx", "2026-07-10T09:00:00", kind="commitments")
        sf.add_commitment(conn, imported, "ONE", "The one", "JOBS", sf.COVENTRY,
                          due=date(2026, 1, 1))
        sf.add_history(conn, imported, "ONE", [("2026 Q1", "ON_TRACK"), ("2026 Q2", "AT_RISK")])
        sf.add_commitment(conn, imported, "NEW", "Brand new", "JOBS", sf.SANDWELL)
        sf.add_update(conn, imported, "NEW", "2026 Q2", "ON_TRACK")
        data = sf.add_import(conn, "d.xlsx", "2026-07-11T09:00:00")
        sf.add_indicator(conn, data, "CLAIM", "Claimant rate", theme="JOBS")
        sf.add_observations(conn, data, "CLAIM", [("2026 Q2", sf.COVENTRY, "ALL", 5, 4, 6)])
        sf.finish(conn)
    view = view_of(store.conn, Filter(authorities=(sf.COVENTRY,), themes=("JOBS",)), "Coventry")
    assert view.lead == "As at 2026 Q2, 1 commitment across 1 theme applies to Coventry."
    assert view.attention == ("1 commitment needs members' attention (it appears in more than "
                              "one list).")
    assert view.changes == (
        "1 commitment changed status; it slipped (got worse).",
        "No new commitment this quarter.",
        "New data for 1 indicator, with figures for a period after 2026 Q1: Claimant rate "
        "(2026 Q2).",
    )
    both = view_of(store.conn, Filter(themes=("JOBS",)), "all member authorities")
    assert both.changes[1] == "1 new commitment: Brand new (NEW)."
    narrowed = view_of(store.conn, Filter(statuses=("AT_RISK",), text="one"), "Birmingham")
    assert narrowed.lead == ("As at 2026 Q2, 1 commitment across 8 themes for Birmingham "
                             "matches the statuses chosen and the search “one”.")


def test_an_empty_store_says_so(store: Store) -> None:
    view = view_of(store.conn, Filter(), "all member authorities")
    assert view.lead == ("No commitment updates are held yet; 0 commitments across 8 themes "
                         "apply to all member authorities.")
    assert view.attention.startswith("No commitment needs members' attention")
    assert view.changes == ("No commitment updates are held yet, so nothing can be compared.",)
    assert view.since_title == "Since last quarter"


def test_scope_of_a_filter(store: Store) -> None:
    conn = store.conn
    assert scope_label(conn, Filter()) == "all member authorities"
    assert scope_label(conn, Filter(authorities=(sf.BIRMINGHAM,))) == "Birmingham"
    assert scope_label(conn, Filter(authorities=(sf.BIRMINGHAM, sf.COVENTRY))) == (
        "Birmingham and Coventry")
    four = ("E08000025", "E08000026", "E08000027", "E08000028")
    assert scope_label(conn, Filter(authorities=four)) == "4 authorities"
    assert scope_label(conn, Filter(wards=(ACOCKS_GREEN,))) == "Acocks Green ward, Birmingham"
    assert scope_label(conn, Filter(wards=(ACOCKS_GREEN, ASTON))) == "Acocks Green and Aston wards"


def test_sample_store_counts_each_commitment_once(sample_store_file: Path) -> None:
    conn = connect(sample_store_file, readonly=True)
    try:
        data = overview(conn, Filter(authorities=(sf.BIRMINGHAM,)))
    finally:
        conn.close()
    view = data.summary
    listed = [i for line in view.exceptions for i in line.ids]
    distinct = set(listed)
    several = sum(listed.count(i) > 1 for i in distinct)
    assert len(listed) > len(distinct) == len(view.attention_ids) > 0  # overlaps exist
    assert view.illustrative  # the sample says so first
    assert view.attention.startswith(f"{len(distinct)} commitments need members' attention "
                                     f"({several} appear in more than one list)")
    assert not WRONG_PLURAL.search(words(view))
    frame = data.commitments.set_index("id")
    slipped = next(line for line in view.exceptions if line.key == "slipped")
    assert (frame.loc[list(slipped.ids), "quarter"] == view.as_at).all()


# -- HTML ---------------------------------------------------------------------------------------
def plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html.split("</style>")[-1])).split())


def test_html_shows_every_word_of_the_summary_blocks(store: Store) -> None:
    with store.write() as conn:
        fill_histories(conn)
        sf.finish(conn)
    view = view_of(store.conn, Filter())
    text = plain(blocks_html(summary_blocks(view)))
    for sentence in (view.lead, view.attention, view.since_title, *view.changes):
        assert sentence in text
    for line in view.exceptions:
        assert f"{line.title} {line.definition} {line.count}" in text
    grid = " ".join(str(n) for n in view.grid[0].counts)
    assert f"Jobs and skills {grid} {view.grid[0].total}" in text
    assert f"All chosen themes {' '.join(map(str, view.grid_totals))} {view.grid_total}" in text
    assert NOTICE not in text


def test_html_puts_the_illustrative_warning_first_and_escapes() -> None:
    html = blocks_html((Note("Made up <b>data</b>", title=NOTICE, tone="caution"),
                        Paragraph("A & B <script>"),
                        Table((Column("ID"),), ((Cell("<x>", detail="d&d"),),))))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;x&gt;" in html
    assert plain(html).startswith(f"{NOTICE} Made up <b>data</b> A & B <script>")


@pytest.mark.parametrize("illustrative", [True, False])
def test_summary_blocks_lead_with_the_illustrative_note(store: Store, illustrative: bool) -> None:
    frame = commitments_frame(store.conn)
    view = summary_view(frame, since_last_quarter(store.conn), vocab.themes(), "Birmingham",
                        illustrative=illustrative)
    first = summary_blocks(view)[0]
    assert isinstance(first, Note) == illustrative
    if isinstance(first, Note):
        assert (first.title, first.text, first.tone) == (NOTICE, DETAIL, "caution")


def test_the_sample_is_illustrative_and_a_partners_store_is_not(sample_store_file: Path,
                                                                store: Store) -> None:
    conn = connect(sample_store_file, readonly=True)
    try:
        assert overview(conn, Filter()).summary.illustrative
    finally:
        conn.close()
    with store.write() as write:
        fill_histories(write)
        sf.finish(write)
    assert not overview(store.conn, Filter()).summary.illustrative
