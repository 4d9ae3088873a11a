"""A link's progress on the sample store: the periods chosen, the figures behind the gap read
back independently, and the words' honesty."""

from __future__ import annotations

import math
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from mag_desktop.core.domain import IndicatorLink, LinkAim
from mag_desktop.core.links import listing
from mag_desktop.core.links.progress import link_progress
from mag_desktop.core.links.progress_model import Movement
from mag_desktop.core.store import Store

BIRMINGHAM = "E08000025"
CAUSAL = re.compile(r"\b(because|caused|thanks to|led to|as a result|due to|result of)\b", re.I)


@pytest.fixture
def conn(sample_store_file: Path) -> sqlite3.Connection:
    store = Store.open(sample_store_file, readonly=True)
    yield store.conn
    store.close()


def _exact(conn: sqlite3.Connection, indicator: str, period: str, group: str) -> float:
    num, den = conn.execute(
        "SELECT numerator, denominator FROM observation WHERE indicator_code = ? AND"
        " area_code = ? AND period = ? AND group_code = ? AND superseded_by IS NULL",
        (indicator, BIRMINGHAM, period, group)).fetchone()
    return num / den


def test_the_gap_from_the_quarter_before_the_start_to_the_latest(conn: sqlite3.Connection) -> None:
    link = IndicatorLink("CLAIMANT_RATE", "BLACK_CARIBBEAN", "WHITE_BRITISH")
    p = link_progress(conn, "T-1", date(2025, 8, 10), link, BIRMINGHAM)
    assert p.started == "2025 Q3"
    assert p.baseline is not None and p.baseline.period == "2025 Q2"  # ended before the start
    assert p.latest is not None and p.latest.period == "2026 Q3"
    assert p.periods[0] == "2025 Q2" and p.periods[-1] == "2026 Q3"
    for point in (p.baseline, p.latest):
        ratio = (_exact(conn, "CLAIMANT_RATE", point.period, "BLACK_CARIBBEAN")
                 / _exact(conn, "CLAIMANT_RATE", point.period, "WHITE_BRITISH"))
        assert point.gap == pytest.approx(ratio)
        assert point.gap_lower < point.gap < point.gap_upper
        assert point.text == f"{ratio:.1f} times"
    apart = p.latest.gap_lower > p.baseline.gap_upper or p.latest.gap_upper < p.baseline.gap_lower
    if not apart:
        assert p.movement == Movement.NO_CLEAR_CHANGE
    else:
        wider = abs(math.log(p.latest.gap)) > abs(math.log(p.baseline.gap))
        assert p.movement == (Movement.WIDENED if wider else Movement.NARROWED)
    assert p.baseline.text in p.sentence and p.latest.text in p.sentence
    assert "Birmingham" in p.sentence and "2025 Q3" in p.sentence
    assert not CAUSAL.search(p.sentence)


def test_the_latest_figures_and_chart_come_with_it(conn: sqlite3.Connection) -> None:
    link = IndicatorLink("CLAIMANT_RATE", "BLACK_CARIBBEAN")
    p = link_progress(conn, "T-1", date(2025, 8, 10), link, BIRMINGHAM)
    assert p.comparator_group == "WHITE_BRITISH"  # the indicator view's own comparator
    focus = [g for g in p.latest_by_group if g.focus]
    assert {g.group for g in focus} == {"BLACK_CARIBBEAN", "WHITE_BRITISH"}
    assert all(g.value.endswith("%") for g in focus)
    comparator = next(g for g in p.latest_by_group if g.group == "WHITE_BRITISH")
    assert comparator.comparison == "the comparator"
    others = [g.comparison for g in p.latest_by_group if g.group != "WHITE_BRITISH"]
    assert others and all(c[:1] in "✔✖●▲▼–" for c in others)  # shape and word, as the view


def test_a_figure_on_few_events_carries_its_marker(conn: sqlite3.Connection) -> None:
    p = link_progress(conn, "T-8", date(2025, 8, 1), IndicatorLink("TEMP_ACCOM",
                      "BLACK_CARIBBEAN"), BIRMINGHAM)
    few = conn.execute(
        "SELECT group_code FROM observation o JOIN indicator i ON i.code = o.indicator_code"
        " AND i.superseded_by IS NULL WHERE o.indicator_code = 'TEMP_ACCOM' AND"
        " o.area_code = ? AND o.period = ? AND o.superseded_by IS NULL AND o.withheld = 0"
        " AND o.numerator < i.min_count AND o.value IS NOT NULL",
        (BIRMINGHAM, p.latest.period)).fetchall()
    assert few, "the sample holds a figure on few events here"
    shown = {g.group: g.value for g in p.latest_by_group}
    assert all(shown[code].endswith("[u]") for (code,) in few)
    assert p.chart is not None and p.chart.labels == p.periods
    assert [s.key for s in p.chart.series] == ["BLACK_CARIBBEAN", "WHITE_BRITISH"]
    assert p.chart.series[0].lower is not None


def test_a_commitment_started_before_the_first_figures(conn: sqlite3.Connection) -> None:
    link = IndicatorLink("EMP_RATE", "ASIAN_BANGLADESHI")
    p = link_progress(conn, "T-2", date(2023, 1, 5), link, BIRMINGHAM)
    assert p.baseline is not None and p.baseline.period == "2024 Q4"
    assert "the first period with figures after this commitment started in 2023 Q1" in p.sentence
    assert p.scale == "points"  # employment rates are over 50%


def test_too_few_periods_is_said(conn: sqlite3.Connection) -> None:
    link = IndicatorLink("CLAIMANT_RATE", "BLACK_CARIBBEAN")
    p = link_progress(conn, "T-3", date(2026, 10, 2), link, BIRMINGHAM)  # after 2026 Q3
    assert p.movement == Movement.TOO_FEW_PERIODS
    assert "too few periods" in p.sentence and p.chart is None


def test_counts_have_no_gap_and_missing_figures_are_said(conn: sqlite3.Connection) -> None:
    count = link_progress(conn, "T-4", date(2025, 1, 1),
                          IndicatorLink("CENSUS_ETH_COUNT", "BLACK_AFRICAN"), BIRMINGHAM)
    assert count.movement == Movement.NOT_MEASURED and count.mark.startswith("○")
    none = link_progress(conn, "T-5", date(2025, 1, 1),
                         IndicatorLink("USE_OF_FORCE_PCT", "BLACK"), BIRMINGHAM)
    assert none.movement == Movement.NO_FIGURES
    assert none.sentence.startswith("No figures for Black and White British")
    assert "are held" in none.sentence


def test_an_aim_to_raise_a_figure(conn: sqlite3.Connection) -> None:
    link = IndicatorLink("EMP_RATE", "ASIAN_BANGLADESHI", aim=LinkAim.RAISE)
    p = link_progress(conn, "T-6", date(2025, 4, 1), link, BIRMINGHAM)
    assert p.target.startswith("Employment rate, aged 16 to 64: raise the figure for Bangladeshi")
    assert p.movement in (Movement.ROSE, Movement.FELL, Movement.NO_CLEAR_CHANGE)
    if p.movement == Movement.ROSE:
        assert p.toward_aim is True and p.latest.focus > p.baseline.focus
    assert "the figure for Bangladeshi people aged 16 to 64" in p.sentence


def test_the_widening_filter_agrees_with_each_link(conn: sqlite3.Connection) -> None:
    linked = listing.linked_commitments(conn)
    widening = listing.widening_ids(conn)
    assert widening <= set(linked)
    for cid, c in linked.items():
        area = c.authority_code or "E47000007"
        moves = {link_progress(conn, cid, c.start, link, area).movement for link in c.links}
        assert (cid in widening) == (Movement.WIDENED in moves)


def test_a_ward_compares_the_broad_groups_when_it_holds_no_detailed_ones(
        conn: sqlite3.Connection) -> None:
    acocks_green = conn.execute("SELECT code FROM area WHERE name = 'Acocks Green'").fetchone()[0]
    held = {r[0] for r in conn.execute(
        "SELECT DISTINCT group_code FROM observation WHERE indicator_code = 'CLAIMANT_RATE'"
        " AND area_code = ?", (acocks_green,))}
    assert "BLACK_CARIBBEAN" not in held and {"BLACK", "WHITE"} <= held
    link = IndicatorLink("CLAIMANT_RATE", "BLACK_CARIBBEAN", "WHITE_BRITISH")
    p = link_progress(conn, "T-7", date(2025, 8, 10), link, acocks_green)
    assert (p.focus_group, p.comparator_group) == ("BLACK", "WHITE") and p.broad_groups
    assert "Black Caribbean and White British" in p.target  # what the commitment aims at
    assert "Shown for the broad groups: Acocks Green holds no figures for Black Caribbean and " \
           "White British." in p.sentence


def test_a_link_to_an_indicator_no_longer_defined_is_left_out(sample_store: Path) -> None:
    from mag_desktop.core.links.progress import commitment_progress

    with Store.open(sample_store) as store:
        cid = sorted(listing.linked_commitments(store.conn))[0]
        before = commitment_progress(store.conn, cid)
        with store.write() as w:
            w.execute("UPDATE commitment_update SET links = json_insert(links, '$[#]',"
                      " json('{\"indicator\": \"GONE\", \"group\": null, \"comparator\": null,"
                      " \"aim\": \"narrow\"}')) WHERE commitment_id = ?", (cid,))
            Store.bump_data_version(w)
        from mag_desktop.core.query.commitments import commitment_detail

        assert commitment_detail(store.conn, cid).links[-1].indicator == "GONE"
        assert commitment_progress(store.conn, cid) == before
        assert all(link.indicator != "GONE"
                   for link in listing.linked_commitments(store.conn)[cid].links)
        listing.widening_ids(store.conn)  # no error
