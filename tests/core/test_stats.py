"""Comparisons with confidence intervals, disparity sentences, Wilson and Byar intervals."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mag_desktop.core.domain import Polarity
from mag_desktop.core.stats import (
    Estimate,
    byar_interval,
    compare,
    compare_arrays,
    disparity_sentence,
    intervals_overlap,
    wilson_interval,
)

H, L, N = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER, Polarity.NO_JUDGEMENT


@pytest.mark.parametrize(
    ("value", "lo", "hi", "ref", "ref_lo", "ref_hi", "polarity", "expected"),
    [
        (35, 30, 40, 11, 10, 12, H, "better"),
        (35, 30, 40, 11, 10, 12, L, "worse"),
        (35, 30, 40, 11, 10, 12, N, "higher"),
        (5, 4, 6, 11, 10, 12, H, "worse"),
        (5, 4, 6, 11, 10, 12, L, "better"),
        (5, 4, 6, 11, 10, 12, N, "lower"),
        (12, 9, 15, 11, 10, 12, H, "similar"),
        (12, 9, 15, 11, 10, 12, N, "similar"),
        (50, 40, 60, 35, 30, 40, L, "similar"),  # touching limits overlap
        (None, None, None, 11, 10, 12, H, "not compared"),
        (35, None, None, 11, 10, 12, H, "not compared"),  # no interval: cannot call it
        (35, 30, 40, 11, None, 12, N, "not compared"),
        (35, 30, 40, float("nan"), 10, 12, N, "not compared"),
        (35, 30, 40, 11, 10, 12, "lower", "worse"),  # polarity as stored text
    ],
)
def test_compare(value: object, lo: object, hi: object, ref: object, ref_lo: object,
                 ref_hi: object, polarity: Polarity, expected: str) -> None:
    assert compare(value, lo, hi, ref, ref_lo, ref_hi, polarity) == expected


def test_compare_arrays_agrees_with_compare() -> None:
    values = np.array([35.0, 5.0, 12.0, np.nan])
    result = compare_arrays(values, values - 1, values + 1, 11.0, 10.0, 12.0, N)
    assert list(result) == ["higher", "lower", "similar", "not compared"]


def test_intervals_overlap() -> None:
    assert intervals_overlap(1, 3, 2, 4)
    assert intervals_overlap(1, 2, 2, 4)
    assert not intervals_overlap(1, 2, 2.5, 4)
    assert intervals_overlap(3, 1, 0, 1.5)  # limits given the wrong way round
    assert intervals_overlap(None, 2, 3, 4)  # a missing limit is no evidence of a difference


def test_disparity_sentence_wording() -> None:
    a, b = Estimate(35.0, 30.0, 40.0), Estimate(11.0, 10.0, 12.0)
    expected = ("For Temporary accommodation, Black African residents' rate was 3.2 times that "
                "of White British residents (35.0 vs 11.0 per 1,000).")
    assert disparity_sentence("Temporary accommodation", "per 1,000", "BLACK_AFRICAN", a,
                              "WHITE_BRITISH", b) == expected
    # the higher group always comes first
    assert disparity_sentence("Temporary accommodation", "per 1,000", "WHITE_BRITISH", b,
                              "BLACK_AFRICAN", a) == expected


def test_disparity_sentence_percent_and_minorities() -> None:
    text = disparity_sentence("Employment rate", "%", "MINORITY", Estimate(52.5, 50, 55),
                              "WHITE_BRITISH", Estimate(75.25, 74, 76.5))
    assert text == ("For Employment rate, White British residents' rate was 1.4 times that of "
                    "residents from ethnic minorities (75.3% vs 52.5%).")


def test_no_sentence_for_counts_money_overlap_or_missing() -> None:
    a, b = Estimate(35.0, 30.0, 40.0), Estimate(11.0, 10.0, 12.0)
    assert disparity_sentence("People", "count", "BLACK_AFRICAN", a, "WHITE_BRITISH", b) is None
    assert disparity_sentence("Pay", "£", "BLACK_AFRICAN", a, "WHITE_BRITISH", b) is None
    assert disparity_sentence("X", "%", "BLACK_AFRICAN", Estimate(None), "WHITE_BRITISH", b) is None
    assert disparity_sentence("X", "%", "BLACK_AFRICAN", Estimate(35.0), "WHITE_BRITISH", b) is None
    assert disparity_sentence("X", "%", "BLACK_AFRICAN", Estimate(12, 11.5, 13), "WHITE_BRITISH",
                              b) is None


def test_a_small_significant_gap_reads_as_higher_not_one_times() -> None:
    text = disparity_sentence("X", "%", "ASIAN_INDIAN", Estimate(50.4, 50.2, 50.6),
                              "WHITE_BRITISH", Estimate(50.0, 49.9, 50.1))
    assert text == ("For X, Indian residents' rate was higher than that of White British "
                    "residents (50.4% vs 50.0%).")


GROUPS = ("ALL", "ASIAN", "BLACK_AFRICAN", "MINORITY", "NON_WHITE_ALL", "OTHER", "OTHER_ANY",
          "UNKNOWN", "WHITE_BRITISH", "MIXED_WHITE_ASIAN")
finite = st.floats(min_value=0, max_value=1e6, allow_nan=False)


@given(st.lists(finite, min_size=6, max_size=6), st.sampled_from(GROUPS),
       st.sampled_from(GROUPS), st.sampled_from(("%", "per 1,000", "rate")))
def test_no_sentence_whenever_intervals_overlap(
    numbers: list[float], group_a: str, group_b: str, unit: str
) -> None:
    a_lo, a_v, a_hi = sorted(numbers[:3])
    b_lo, b_v, b_hi = sorted(numbers[3:])
    text = disparity_sentence("X", unit, group_a, Estimate(a_v, a_lo, a_hi), group_b,
                              Estimate(b_v, b_lo, b_hi))
    if intervals_overlap(a_lo, a_hi, b_lo, b_hi):
        assert text is None
    elif text is not None:
        lowered = text.lower()
        assert not any(word in lowered for word in ("bame", "bme", "non-white"))
        assert text.startswith("For X, ") and text.endswith(").")


def test_wilson_interval() -> None:
    lo, hi = wilson_interval(10, 100)
    assert lo == pytest.approx(0.0552, abs=1e-4) and hi == pytest.approx(0.1744, abs=1e-4)
    assert wilson_interval(0, 20)[0] == 0.0
    assert all(math.isnan(x) for x in wilson_interval(1, 0))
    los, his = wilson_interval(np.array([10.0, 50.0]), np.array([100.0, 100.0]))
    assert los.shape == (2,) and his[1] == pytest.approx(0.5961, abs=1e-4)


def test_byar_interval() -> None:
    lo, hi = byar_interval(10, 1000, 1000)  # exact Poisson: 4.80 to 18.39
    assert lo == pytest.approx(4.79, abs=0.02) and hi == pytest.approx(18.39, abs=0.02)
    assert byar_interval(0, 1000, 1000)[0] == 0.0
    los, _his = byar_interval(np.array([0.0, 10.0]), 1000, 100_000)
    assert los[0] == 0 and los[1] == pytest.approx(479, abs=2)
