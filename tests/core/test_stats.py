"""Comparisons with confidence intervals, Wilson and Byar intervals (sentences: test_disparity)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mag_desktop.core.domain import Polarity
from mag_desktop.core.stats import (
    byar_interval,
    compare,
    compare_arrays,
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
