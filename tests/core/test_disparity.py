"""Disparity sentences: wording, the times / percentage-points rule, unrounded ratios, order,
low reliability and shares of a whole."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from mag_desktop.core.disparity import disparities, exact_values, group_phrase
from mag_desktop.core.domain import IndicatorDef, Polarity, Unit
from mag_desktop.core.stats import compare_arrays

TA = IndicatorDef("TA", "Temporary accommodation", "HOUSING", Unit.PER_1000,
                  Polarity.LOWER_IS_BETTER, population="households")
EMP = IndicatorDef("EMP", "Employment rate", "JOBS", Unit.PERCENT, Polarity.HIGHER_IS_BETTER)
KIND = {"ALL": "all", "WHITE_BRITISH": "group", "UNKNOWN": "unknown", "MINORITY": "aggregate"}


def rows(ind: IndicatorDef, *groups: tuple[str, float, float, float, float | None]
         ) -> pd.DataFrame:
    """(group, value, lower, upper, numerator) rows, compared with White British."""
    frame = pd.DataFrame(groups, columns=["group_code", "value", "lower", "upper", "numerator"])
    frame["numerator"] = frame["numerator"].astype(float)
    frame["denominator"] = float("nan")
    frame["kind"] = frame["group_code"].map(KIND).fillna("group")
    ref = frame[frame["group_code"] == "WHITE_BRITISH"].iloc[0]
    frame["comparison"] = compare_arrays(frame["value"], frame["lower"], frame["upper"],
                                         ref["value"], ref["lower"], ref["upper"], ind.polarity)
    frame.loc[frame["group_code"] == "WHITE_BRITISH", "comparison"] = "not compared"
    return frame


def test_rates_read_as_times_with_the_population_named() -> None:
    found = disparities(rows(TA, ("WHITE_BRITISH", 11.0, 10.0, 12.0, 110),
                             ("BLACK_AFRICAN", 35.0, 30.0, 40.0, 70)), "WHITE_BRITISH", TA)
    assert found.sentences == (
        "For Temporary accommodation, the rate for Black African households was 3.2 times that "
        "for White British households (35.0 vs 11.0 per 1,000).",)


def test_percentages_under_half_read_as_times_and_others_as_points() -> None:
    low = disparities(rows(EMP, ("WHITE_BRITISH", 20.0, 19.0, 21.0, 200),
                           ("ASIAN_INDIAN", 40.0, 38.0, 42.0, 400)), "WHITE_BRITISH", EMP)
    assert low.sentences == ("For Employment rate, the figure for Indian residents was 2.0 "
                             "times that for White British residents (40.0% vs 20.0%).",)
    high = disparities(rows(EMP, ("WHITE_BRITISH", 79.0, 78.0, 80.0, 790),
                            ("MINORITY", 62.0, 61.0, 63.0, 620)), "WHITE_BRITISH", EMP)
    assert high.sentences == (
        "For Employment rate, the figure for White British residents was 17.0 percentage "
        "points higher than for residents from ethnic minorities (79.0% vs 62.0%).",)


def test_ratios_come_from_unrounded_figures() -> None:
    """3,849 of 100,000 (3.849%, shown 3.8%) against 195 of 10,000 (1.95%, shown 2.0%): the
    rounded figures say 1.9 times, the counts 1.97, which reads "2.0 times"."""
    frame = rows(EMP, ("WHITE_BRITISH", 2.0, 1.7, 2.2, 195), ("ASIAN_CHINESE", 3.8, 3.7, 4.0, 3849))
    frame["denominator"] = [10_000.0, 100_000.0]
    assert list(exact_values(frame, "%", 1)) == [1.95, 3.849]
    found = disparities(frame, "WHITE_BRITISH", EMP)
    assert found.sentences == ("For Employment rate, the figure for Chinese residents was 2.0 "
                               "times that for White British residents (3.8% vs 2.0%).",)
    frame.loc[1, "numerator"] = 5000.0  # 5% is not the 3.8% stored: the stored value is used
    assert list(exact_values(frame, "%", 1)) == [1.95, 3.8]
    assert "was 1.9 times" in disparities(frame, "WHITE_BRITISH", EMP).sentences[0]


def test_largest_first_and_counted_when_many() -> None:
    found = disparities(rows(TA, ("WHITE_BRITISH", 10.0, 9.0, 11.0, 100),
                             ("ASIAN_INDIAN", 20.0, 18.0, 22.0, 200),
                             ("BLACK_AFRICAN", 50.0, 45.0, 55.0, 500),
                             ("ASIAN_CHINESE", 30.0, 27.0, 33.0, 300)), "WHITE_BRITISH", TA)
    assert [d.group for d in found.found] == ["BLACK_AFRICAN", "ASIAN_CHINESE", "ASIAN_INDIAN"]
    assert found.compared == 3 and found.unreliable == 0


def test_low_reliability_figures_are_never_the_basis_of_a_sentence() -> None:
    found = disparities(rows(TA, ("WHITE_BRITISH", 10.0, 9.0, 11.0, 100),
                             ("WHITE_ROMA", 60.0, 20.0, 99.0, 6)), "WHITE_BRITISH", TA)
    assert found.sentences == () and found.unreliable == 1


def test_all_and_unknown_get_no_sentence_and_shares_of_a_whole_none_at_all() -> None:
    found = disparities(rows(TA, ("ALL", 30.0, 29.0, 31.0, 300),
                             ("WHITE_BRITISH", 10.0, 9.0, 11.0, 100),
                             ("UNKNOWN", 60.0, 55.0, 65.0, 60)), "WHITE_BRITISH", TA)
    assert found.sentences == () and found.compared == 0
    shares = disparities(rows(EMP, ("ALL", 100.0, 99.9, 100.0, 1000),
                              ("WHITE_BRITISH", 70.0, 69.0, 71.0, 700),
                              ("ASIAN_INDIAN", 10.0, 9.0, 11.0, 100)), "WHITE_BRITISH", EMP)
    assert shares.sentences == ()


def test_counts_and_money_are_never_compared_in_words() -> None:
    for unit in (Unit.COUNT, Unit.POUNDS):
        ind = IndicatorDef("X", "X", "JOBS", unit, Polarity.NO_JUDGEMENT)
        found = disparities(rows(ind, ("WHITE_BRITISH", 10.0, 9.0, 11.0, 100),
                                 ("BLACK_AFRICAN", 50.0, 45.0, 55.0, 500)), "WHITE_BRITISH", ind)
        assert found.sentences == ()


def test_a_small_significant_gap_reads_as_higher_not_one_times() -> None:
    found = disparities(rows(TA, ("WHITE_BRITISH", 50.0, 49.9, 50.1, 5000),
                             ("ASIAN_INDIAN", 50.4, 50.2, 50.6, 5040)), "WHITE_BRITISH", TA)
    assert found.sentences == ("For Temporary accommodation, the rate for Indian households "
                               "was higher than for White British households (50.4 vs 50.0 "
                               "per 1,000).",)


def test_group_phrases_name_the_population() -> None:
    assert group_phrase("BLACK_AFRICAN", "children aged 10 to 17") == (
        "Black African children aged 10 to 17")
    assert group_phrase("MINORITY", "households") == "households from ethnic minorities"
    assert group_phrase("ALL") == "all residents"


finite = st.floats(min_value=0, max_value=1e6, allow_nan=False)


@given(st.lists(finite, min_size=6, max_size=6),
       st.sampled_from(("ASIAN_INDIAN", "MINORITY", "OTHER_ANY", "MIXED")))
def test_no_sentence_whenever_intervals_overlap(numbers: list[float], group: str) -> None:
    a_lo, a_v, a_hi = sorted(numbers[:3])
    b_lo, b_v, b_hi = sorted(numbers[3:])
    found = disparities(rows(TA, ("WHITE_BRITISH", b_v, b_lo, b_hi, 1000),
                             (group, a_v, a_lo, a_hi, 1000)), "WHITE_BRITISH", TA)
    if a_lo <= b_hi and b_lo <= a_hi:
        assert found.sentences == ()
    for text in found.sentences:
        assert not any(w in text.lower() for w in ("bame", "bme", "non-white"))


def test_gaps_in_points_are_ranked_by_the_gap_they_state() -> None:
    """60% against 85% (1.4 times, 25 points) and 40% (1.5 times, 20 points): by points."""
    found = disparities(rows(EMP, ("WHITE_BRITISH", 60.0, 59.0, 61.0, 600),
                             ("ASIAN_CHINESE", 40.0, 39.0, 41.0, 400),
                             ("ASIAN_INDIAN", 85.0, 84.0, 86.0, 850)), "WHITE_BRITISH", EMP)
    assert [d.group for d in found.found] == ["ASIAN_INDIAN", "ASIAN_CHINESE"]
    assert "25.0 percentage points" in found.sentences[0]


def test_the_under_half_rule_reads_the_figures_as_shown() -> None:
    """49.96% is shown as 50.0%: the sentence gives points, not "2.5 times … (50.0% vs …)"."""
    found = disparities(rows(EMP, ("WHITE_BRITISH", 20.0, 19.0, 21.0, 200),
                             ("ASIAN_INDIAN", 49.96, 49.0, 50.9, 4996)), "WHITE_BRITISH", EMP)
    assert found.sentences == ("For Employment rate, the figure for Indian residents was 30.0 "
                               "percentage points higher than for White British residents "
                               "(50.0% vs 20.0%).",)


def test_figures_that_would_read_the_same_get_one_more_decimal_place() -> None:
    ind = IndicatorDef("TA", "Temporary accommodation", "HOUSING", Unit.PER_1000,
                       Polarity.LOWER_IS_BETTER, decimals=0)
    found = disparities(rows(ind, ("WHITE_BRITISH", 20.1, 20.0, 20.2, 20100),
                             ("ASIAN_INDIAN", 20.4, 20.3, 20.5, 20400)), "WHITE_BRITISH", ind)
    assert found.sentences[0].endswith("(20.4 vs 20.1 per 1,000).")
