"""The gap a link targets and whether it moved: the arithmetic, checked by hand."""

from __future__ import annotations

import math

import pytest

from mag_desktop.core.domain import IndicatorDef, LinkAim, Polarity, Unit
from mag_desktop.core.links import gap
from mag_desktop.core.links.gap import Figure
from mag_desktop.core.links.progress_model import Movement
from mag_desktop.core.stats import Z95

RATE = IndicatorDef("R", "A rate", "JOBS", Unit.PER_1000, Polarity.LOWER_IS_BETTER)
SHARE = IndicatorDef("P", "A share", "JOBS", Unit.PERCENT, Polarity.LOWER_IS_BETTER)


def test_a_ratio_and_its_interval_on_the_log_scale() -> None:
    focus, comparator = Figure(20.0, 16.0, 25.0), Figure(10.0, 9.0, 11.1)
    point = gap.gap_point("2025 Q1", focus, comparator, gap.TIMES)
    assert point.gap == pytest.approx(2.0)
    s1 = (math.log(25.0) - math.log(16.0)) / (2 * Z95)
    s2 = (math.log(11.1) - math.log(9.0)) / (2 * Z95)
    half = Z95 * math.sqrt(s1 ** 2 + s2 ** 2)
    assert point.gap_lower == pytest.approx(2.0 * math.exp(-half))
    assert point.gap_upper == pytest.approx(2.0 * math.exp(half))
    assert point.text == "2.0 times"


def test_a_difference_in_points_and_its_interval() -> None:
    focus, comparator = Figure(60.0, 58.0, 62.0), Figure(75.0, 74.0, 76.0)
    point = gap.gap_point("2025 Q1", focus, comparator, gap.POINTS)
    assert point.gap == pytest.approx(-15.0)
    half = Z95 * math.hypot(4 / (2 * Z95), 2 / (2 * Z95))
    assert (point.gap_lower, point.gap_upper) == pytest.approx((-15 - half, -15 + half))
    assert point.text == "15.0 points lower"


def test_no_interval_when_a_limit_is_missing_or_reaches_zero() -> None:
    assert gap.gap_point("p", Figure(2.0, 0.0, 5.0), Figure(1.0, 0.5, 1.5),
                         gap.TIMES).gap_lower is None
    assert gap.gap_point("p", Figure(2.0, None, None), Figure(1.0, 0.5, 1.5),
                         gap.TIMES).gap_upper is None


def test_scale_follows_the_disparity_rule() -> None:
    assert gap.scale_for("per 1,000", [Figure(80.0, None, None)]) == gap.TIMES
    assert gap.scale_for("%", [Figure(30.0, None, None), Figure(40.0, None, None)]) == gap.TIMES
    assert gap.scale_for("%", [Figure(30.0, None, None), Figure(62.0, None, None)]) == gap.POINTS
    assert gap.scale_for("count", [Figure(3.0, None, None)]) == ""
    assert gap.scale_for("£", [Figure(3.0, None, None)]) == ""


def _point(g: float, lo: float, hi: float) -> gap.GapPoint:
    return gap.GapPoint("p", 1.0, 0.9, 1.1, 1.0, 0.9, 1.1, g, lo, hi, "")


def test_a_change_only_when_the_intervals_do_not_overlap() -> None:
    before, after = _point(2.2, 2.0, 2.4), _point(1.9, 1.7, 2.1)
    assert gap.movement(before, after, gap.TIMES, LinkAim.NARROW) == (Movement.NO_CLEAR_CHANGE,
                                                                       None)
    touching = _point(1.8, 1.6, 2.0)
    assert gap.movement(before, touching, gap.TIMES, LinkAim.NARROW)[0] == \
        Movement.NO_CLEAR_CHANGE
    narrower = _point(1.5, 1.3, 1.7)
    assert gap.movement(before, narrower, gap.TIMES, LinkAim.NARROW) == (Movement.NARROWED, True)
    wider = _point(3.0, 2.7, 3.3)
    assert gap.movement(before, wider, gap.TIMES, LinkAim.NARROW) == (Movement.WIDENED, False)


def test_narrowed_is_judged_by_the_distance_from_parity() -> None:
    # 0.4 times is further from parity than 2.0 times: the gap reversed and widened
    before, after = _point(2.0, 1.8, 2.2), _point(0.4, 0.35, 0.45)
    assert gap.movement(before, after, gap.TIMES, LinkAim.NARROW)[0] == Movement.WIDENED
    before, after = _point(-15.0, -16.0, -14.0), _point(-5.0, -6.0, -4.0)
    assert gap.movement(before, after, gap.POINTS, LinkAim.NARROW)[0] == Movement.NARROWED


def test_an_aim_to_lower_or_raise_follows_the_group_figure() -> None:
    before = gap.GapPoint("a", 10.0, 9.0, 11.0, 5.0, 4.5, 5.5, 2.0, 1.6, 2.4, "")
    after = gap.GapPoint("b", 7.0, 6.5, 7.5, 5.0, 4.5, 5.5, 1.4, 1.2, 1.6, "")
    assert gap.movement(before, after, gap.TIMES, LinkAim.LOWER) == (Movement.FELL, True)
    assert gap.movement(before, after, gap.TIMES, LinkAim.RAISE) == (Movement.FELL, False)
    close = gap.GapPoint("b", 9.5, 8.8, 10.2, 5.0, 4.5, 5.5, 1.9, 1.6, 2.2, "")
    assert gap.movement(before, close, gap.TIMES, LinkAim.LOWER)[0] == Movement.NO_CLEAR_CHANGE


def test_figures_are_unrounded_where_numerator_and_denominator_agree() -> None:
    assert gap.figure(2.0, 196.0, 100_000.0, 1.9, 2.1, RATE).value == pytest.approx(1.96)
    # the limits widen to hold the unrounded value when rounding left it outside them
    low = gap.figure(1.0, 104.0, 100_000.0, 0.9, 1.0, RATE)
    assert (low.value, low.lower, low.upper) == pytest.approx((1.04, 0.9, 1.04))
    # a stored value that is not the numerator over the denominator is kept as given
    assert gap.figure(5.0, 196.0, 100_000.0, 4.0, 6.0, RATE).value == 5.0
    assert gap.figure(None, None, None, None, None, SHARE) == Figure(None, None, None)


def test_the_widest_gap_on_average_is_followed_when_no_group_is_named() -> None:
    figures = {("p", "WHITE_BRITISH"): Figure(10.0, 9.0, 11.0),
               ("q", "WHITE_BRITISH"): Figure(10.0, 9.0, 11.0),
               ("p", "BLACK_AFRICAN"): Figure(30.0, 26.0, 34.0),  # widest at the start only
               ("q", "BLACK_AFRICAN"): Figure(11.0, 10.0, 12.0),
               ("p", "ASIAN_INDIAN"): Figure(4.0, 3.0, 5.0),  # 2.5 times lower, twice
               ("q", "ASIAN_INDIAN"): Figure(4.0, 3.0, 5.0),
               ("p", "ASIAN_CHINESE"): Figure(50.0, 40.0, 60.0)}  # one period of two: enough

    def figure_of(key: tuple[str, str]) -> Figure:
        return figures.get(key, Figure(None, None, None))

    groups = ["BLACK_AFRICAN", "ASIAN_INDIAN"]
    assert gap.widest_group(figure_of, ["p", "q"], "WHITE_BRITISH", groups,
                            gap.TIMES) == "ASIAN_INDIAN"
    assert gap.widest_group(figure_of, ["p", "q", "r", "s"], "WHITE_BRITISH",
                            ["ASIAN_CHINESE"], gap.TIMES) is None  # one period of four
    assert gap.widest_group(figure_of, ["r"], "WHITE_BRITISH", groups, gap.TIMES) is None


def test_two_gaps_that_would_read_the_same_get_another_decimal_place() -> None:
    before = gap.GapPoint("a", 1.0, .9, 1.1, 1.0, .9, 1.1, 1.04, 1.03, 1.05, "1.0 times")
    after = gap.GapPoint("b", 1.0, .9, 1.1, 1.0, .9, 1.1, 0.98, 0.97, 0.99, "1.0 times")
    first, second = gap.told_apart(before, after, gap.TIMES)
    assert (first.text, second.text) == ("1.04 times", "0.98 times")
    same = gap.told_apart(before, before, gap.TIMES)
    assert same[0].text == "1.0 times"


def test_a_gap_carried_across_equality_by_little_is_not_called_narrowed() -> None:
    # 0.96 to 1.03 times: the gap moved (the intervals do not overlap) but its distance from
    # equal (0.041 to 0.030) is well within what the intervals allow
    before = gap.GapPoint("a", 1.0, .9, 1.1, 1.0, .9, 1.1, 0.96, 0.95, 0.97, "")
    after = gap.GapPoint("b", 1.0, .9, 1.1, 1.0, .9, 1.1, 1.03, 1.02, 1.04, "")
    assert gap.movement(before, after, gap.TIMES, LinkAim.NARROW) == (Movement.CHANGED_SIDES,
                                                                       None)


def test_no_interval_means_no_change_is_called_not_an_overlap() -> None:
    before = gap.GapPoint("a", 1.0, None, None, 1.0, .9, 1.1, 2.0, None, None, "")
    after = gap.GapPoint("b", 1.0, .9, 1.1, 1.0, .9, 1.1, 1.0, 0.9, 1.1, "")
    assert gap.movement(before, after, gap.TIMES, LinkAim.NARROW)[0] == Movement.NOT_MEASURED


def test_rounded_limits_are_widened_by_half_a_unit() -> None:
    f = gap.figure(5.0, None, None, 4.6, 5.4, SHARE, rounded_limits=True)
    assert (f.lower, f.upper) == pytest.approx((4.55, 5.45))
    assert gap.figure(5.0, None, None, 4.6, 5.4, SHARE).lower == pytest.approx(4.6)


def test_a_figure_of_zero_compares_in_points() -> None:
    assert gap.scale_for("per 1,000", [Figure(0.0, 0.0, 1.2), Figure(3.0, 2.0, 4.0)]) == \
        gap.POINTS


def test_a_low_reliability_group_is_never_the_widest_gap_followed() -> None:
    from mag_desktop.core.links.area_figures import AreaFigures
    from mag_desktop.core.links.progress import _reliable

    row = (5.0, 5.0, 100.0, 2.0, 11.0, None, 0, "wilson")  # 5 events: under 10
    held = AreaFigures(RATE, ("p",), ("A",), {("p", "A"): row})
    assert not _reliable(held, "A", ["p"])
    enough = AreaFigures(RATE, ("p",), ("A",), {("p", "A"): (row[0], 50.0, *row[2:])})
    assert _reliable(enough, "A", ["p"])
