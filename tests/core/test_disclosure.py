"""Disclosure control: secondary suppression across every breakdown, checked by an attacker
written apart from the code (tests/core/disclosure_attacker.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from disclosure_attacker import attack, recoverable

from mag_desktop.core import ethnicity
from mag_desktop.core.disclosure import relations, withhold
from mag_desktop.core.disclosure.refresh import flags

HEADINGS = ["ASIAN", "BLACK", "MIXED", "WHITE", "OTHER"]
WARDS = {"AUTH": ("W1", "W2", "W3", "W4")}


def _frame(cells: dict[tuple[str, str], float | None]) -> pd.DataFrame:
    """Rows of one slice: (area, group) -> numerator, None for a [c] cell."""
    rows = [("IND", "2024 Q1", area, group, num, num, None if num is not None else "[c]", 0)
            for (area, group), num in cells.items()]
    frame = pd.DataFrame(rows, columns=["indicator_code", "period", "area_code", "group_code",
                                        "numerator", "value", "marker", "withheld"])
    frame["denominator"] = frame["numerator"] * 10
    return frame


def _withheld(cells: dict[tuple[str, str], float | None],
              children: dict[str, tuple[str, ...]] | None = None) -> set[tuple[str, str]]:
    frame = _frame(cells)
    out = flags(frame, "%", children or {})
    return {(a, g) for a, g in frame.loc[out, ["area_code", "group_code"]].itertuples(
        index=False)}


def _shown(cells: dict[tuple[str, str], float | None],
           hidden: set[tuple[str, str]]) -> dict[tuple[str, str], float | None]:
    return {k: (None if k in hidden else v) for k, v in cells.items()}


def test_one_hidden_heading_takes_the_smallest_big_enough_other_with_it() -> None:
    """The second figure is the smallest of at least twice the reliability threshold: with a
    small one (Mixed, 5), the pair's total would pin the suppressed figure down."""
    cells = {("A", "ALL"): 100.0, ("A", "ASIAN"): 30.0, ("A", "BLACK"): None,
             ("A", "MIXED"): 5.0, ("A", "WHITE"): 50.0, ("A", "OTHER"): 11.0}
    assert _withheld(cells) == {("A", "ASIAN")}
    assert recoverable(_shown(cells, {("A", "ASIAN")}), {}) == []
    # and without the second suppression, the attacker gets it: the test has teeth
    assert recoverable(cells, {}) == [("A", "BLACK")]


def test_detailed_groups_and_their_heading() -> None:
    cells = {("A", "ASIAN"): 40.0, ("A", "ASIAN_INDIAN"): 20.0, ("A", "ASIAN_PAKISTANI"): None,
             ("A", "ASIAN_CHINESE"): 3.0, ("A", "ASIAN_BANGLADESHI"): 9.0,
             ("A", "ASIAN_OTHER"): 4.0}
    assert _withheld(cells) == {("A", "ASIAN_INDIAN")}  # 20: the only one of at least 20


def test_an_authority_and_all_its_wards() -> None:
    cells = {("AUTH", "ALL"): 100.0, ("W1", "ALL"): None, ("W2", "ALL"): 30.0,
             ("W3", "ALL"): 20.0, ("W4", "ALL"): 45.0}
    assert _withheld(cells, WARDS) == {("W3", "ALL")}
    cells[("W3", "ALL")] = 12.0  # none of at least 20 but the larger ones: the smallest of them
    assert _withheld(cells, WARDS) == {("W2", "ALL")}
    # a ward missing from the table: the authority is not the sum of the rows shown
    del cells[("W4", "ALL")]
    assert _withheld(cells, WARDS) == set()


def test_ethnic_minorities_and_white_british_make_all() -> None:
    cells = {("A", "ALL"): 100.0, ("A", "MINORITY"): None, ("A", "WHITE_BRITISH"): 70.0}
    assert _withheld(cells) == {("A", "WHITE_BRITISH")}


def test_all_except_white_without_unknown_is_a_breakdown_too() -> None:
    """If "All except White" leaves out Unknown, a hidden Unknown is All − it − White."""
    cells = {("A", "ALL"): 100.0, ("A", "ASIAN"): 20.0, ("A", "BLACK"): 10.0,
             ("A", "MIXED"): 6.0, ("A", "OTHER"): 4.0, ("A", "WHITE"): 55.0,
             ("A", "UNKNOWN"): None, ("A", "NON_WHITE_ALL"): 40.0}
    hidden = _withheld(cells)
    shown = _shown(cells, hidden)
    total, rest = shown[("A", "ALL")], shown[("A", "WHITE")]
    agg = shown[("A", "NON_WHITE_ALL")]
    assert None in (total, rest, agg)  # the subtraction 100 − 40 − 55 is no longer possible
    assert recoverable(shown, {}) == []


def test_a_slice_is_protected_the_same_alone_or_beside_others() -> None:
    one = {("AUTH", "ALL"): 400.0, **{(w, "ALL"): 100.0 + i for i, w in
                                     enumerate(WARDS["AUTH"])}}
    one[("W2", "ALL")] = None
    alone = _frame(one)
    other = alone.assign(period="2023 Q4", numerator=alone["numerator"] * 2)
    other.loc[other["area_code"] == "W4", ["numerator", "value", "marker"]] = [None, None, "[c]"]
    both = pd.concat([other, alone], ignore_index=True)
    both["denominator"] = both["numerator"] * 10
    flags_alone = flags(alone, "%", WARDS)
    flags_both = flags(both, "%", WARDS)
    assert list(flags_both[len(other):]) == list(flags_alone)


def test_a_figure_withheld_before_stays_withheld() -> None:
    cells = {("A", "ALL"): 100.0, ("A", "ASIAN"): 30.0, ("A", "BLACK"): None,
             ("A", "MIXED"): 5.0, ("A", "WHITE"): 50.0, ("A", "OTHER"): 25.0}
    frame = _frame(cells)
    first = flags(frame, "%", {})
    assert frame.loc[first, "group_code"].tolist() == ["OTHER"]
    frame["withheld"] = (frame["group_code"] == "WHITE").astype(int)  # an earlier choice
    again = flags(frame, "%", {})
    assert sorted(frame.loc[again, "group_code"]) == ["WHITE"]  # kept, and enough alone


def test_two_hidden_cells_in_one_breakdown_need_nothing_more() -> None:
    cells = {("A", "ALL"): 100.0, ("A", "ASIAN"): None, ("A", "BLACK"): None,
             ("A", "MIXED"): 5.0, ("A", "WHITE"): 50.0, ("A", "OTHER"): 11.0}
    assert _withheld(cells) == set()


def test_shares_of_one_whole_are_parts_of_it_even_without_an_all_row() -> None:
    """Shares out of 100 with Asian suppressed: 100 − 7 − 8 − 60 − 22 = 3 unless another goes."""
    cells = {("A", "ASIAN"): None, ("A", "BLACK"): 7.0, ("A", "MIXED"): 8.0,
             ("A", "WHITE"): 60.0, ("A", "OTHER"): 22.0}
    frame = _frame(cells)
    frame["denominator"] = np.where(frame["marker"].isna(), 100.0, np.nan)
    hidden = set(frame.loc[flags(frame, "%", {}), "group_code"])
    assert hidden == {"OTHER"}  # the smallest of at least 20
    shown = _shown({**cells, ("A", "ALL"): 100.0}, {("A", g) for g in hidden})
    assert recoverable(shown, {}) == []


def test_rates_without_counts_cannot_be_subtracted_so_nothing_is_withheld() -> None:
    frame = _frame({("A", "ALL"): 10.0, ("A", "ASIAN"): None, ("A", "BLACK"): 12.0})
    frame["numerator"] = np.nan
    frame["denominator"] = np.nan
    assert not flags(frame, "per 1,000", {}).any()
    assert flags(frame, "count", {}).sum() == 1  # counts add up, so they are protected


def test_simultaneous_equations_are_caught_where_subtraction_alone_is_not() -> None:
    """a + b, b + c and a + c known: each breakdown hides two, yet all three follow."""
    members = pd.DataFrame({"rel": [0, 0, 0, 1, 1, 1, 2, 2, 2],
                            "pos": [3, 0, 1, 4, 1, 2, 5, 0, 2],
                            "total": [True, False, False] * 3})
    secret = np.array([True, True, True, False, False, False])
    cost = np.array([1.0, 1, 1, 50, 60, 70])
    extra = withhold(members, secret, cost)
    assert extra.sum() >= 1
    hidden = secret | extra
    a = np.zeros((3, 6))
    for rel, pos, total in members.itertuples(index=False):
        a[rel, pos] = -1 if total else 1
    sub = a[:, hidden]
    assert np.linalg.matrix_rank(sub) < hidden.sum()


@pytest.mark.parametrize("seed", range(12))
def test_random_breakdowns_give_nothing_away(seed: int) -> None:
    """An authority, four wards, All, headings and detailed groups; a random 15% suppressed."""
    rng = np.random.default_rng(seed)
    groups = ["ALL", *HEADINGS, *(g.code for g in ethnicity.groups() if g.kind == "group")]
    cells: dict[tuple[str, str], float | None] = {}
    for area in ("AUTH", *WARDS["AUTH"]):
        for g in groups:
            cells[(area, g)] = None if rng.random() < 0.15 else float(rng.integers(1, 500))
    hidden = _withheld(cells, WARDS)
    assert recoverable(_shown(cells, hidden), {"AUTH": list(WARDS["AUTH"])}) == []
    assert len(relations(_frame(cells), WARDS))


def _select(masked: bool) -> str:
    shown = ("CASE WHEN withheld THEN NULL ELSE numerator END" if masked else "numerator")
    den = ("CASE WHEN withheld THEN NULL ELSE denominator END" if masked else "denominator")
    return (f"SELECT indicator_code, period, area_code, group_code, {shown},"
            f" marker IN ('[c]', 'c', '*') OR withheld, {den} FROM observation"
            " WHERE superseded_by IS NULL AND (numerator IS NOT NULL OR denominator IS NOT NULL"
            " OR marker IS NOT NULL)")


def test_the_attacker_recovers_nothing_from_the_sample_store(sample_store_file: Path) -> None:
    conn = sqlite3.connect(f"{sample_store_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        exposed = attack(conn, _select(masked=False))
        assert sum(len(v) for v in exposed.values()) > 300  # the publisher's [c] alone leak
        assert attack(conn, _select(masked=True)) == {}
        withheld = conn.execute("SELECT count(*) FROM observation WHERE withheld = 1"
                                " AND superseded_by IS NULL").fetchone()[0]
        assert withheld > 0
    finally:
        conn.close()


def test_a_count_and_its_share_protect_the_same_cells() -> None:
    """Protected apart (with other thresholds), the count withholds Other and the share Asian,
    and each shows what the other hides; linked, both withhold both."""
    from mag_desktop.core.disclosure.linked import linked_pairs, protect_together

    cells = {("A", "ALL"): 100.0, ("A", "ASIAN"): 30.0, ("A", "BLACK"): None,
             ("A", "MIXED"): 21.0, ("A", "WHITE"): 25.0, ("A", "OTHER"): 20.0}
    count = _frame(cells).assign(indicator_code="CNT", denominator=np.nan)
    share = _frame(cells).assign(indicator_code="PCT", denominator=100.0)
    share["value"] = share["numerator"]
    frames = {"CNT": count, "PCT": share}
    units = {"CNT": "count", "PCT": "%"}
    thresholds = {"CNT": 10.0, "PCT": 15.0}

    def one(code: str, frame: pd.DataFrame) -> np.ndarray:
        return flags(frame, units[code], {}, thresholds[code])

    apart = {code: set(frame.loc[one(code, frame), "group_code"])
             for code, frame in frames.items()}
    assert apart == {"CNT": {"OTHER"}, "PCT": {"ASIAN"}}
    assert linked_pairs(frames, units) == [("CNT", "PCT")]
    together = protect_together(dict(frames), units, one)
    hidden = {code: set(frames[code].loc[found, "group_code"])
              for code, found in together.items()}
    assert hidden["CNT"] == hidden["PCT"] == {"OTHER", "ASIAN"}
