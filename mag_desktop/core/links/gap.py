"""The gap a link targets, period by period, and whether it moved: pure arithmetic on one
area's figures for two ethnic groups, with no store and no words beyond the gap's own.

Decisions (the disparity sentences' rules, and PHE's for change over time):

* **The gap** is the focus group's figure over the comparator's ("2.2 times") for rates, and
  for percentages while every figure compared is under 50%; otherwise the difference in
  percentage points. The scale is fixed for a link across its periods, so two periods always
  compare like with like. Counts, £ amounts and scores get no gap (their size depends on how
  many people each group has, or they have no interval).
* **Figures are unrounded**: numerator over denominator where the stored value is that figure
  rounded (:func:`mag_desktop.core.disparity.exact_values`); the stored limits are widened to
  hold the unrounded value if rounding left it just outside them.
* **The gap's 95% interval** combines the two groups' intervals as independent estimates: for
  a ratio on the log scale, ``exp(ln r ± z·√(s₁² + s₂²))`` with each ``s`` read off its
  interval as ``(ln upper − ln lower) / 2z``; for a difference, ``d ± z·√(s₁² + s₂²)`` with
  ``s = (upper − lower) / 2z``. An interval that reaches 0 (a ratio's lower limit at 0) or a
  missing limit gives no interval: no change can then be told.
* **A change** is called only when the gap's intervals at the two periods do not overlap
  (touching counts as overlapping, as for comparisons between groups). Narrowed or widened is
  judged by the distance from parity: ``|ln ratio|`` or ``|difference|``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from mag_desktop.core.disparity import MULTIPLIERS, RATE_UNITS, RATIO_UNITS
from mag_desktop.core.domain import IndicatorDef, LinkAim
from mag_desktop.core.formatting import format_number
from mag_desktop.core.links.progress_model import GapPoint, Movement
from mag_desktop.core.stats import Z95, intervals_overlap

TIMES, POINTS = "times", "points"


@dataclass(frozen=True)
class Figure:
    """One group's unrounded figure at one period, with its 95% limits (None when missing)."""

    value: float | None
    lower: float | None
    upper: float | None


def number(x: object) -> float | None:
    if x is None:
        return None
    if type(x) is float:
        return None if x != x else x  # NaN is not a figure
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def exact_value(value: object, numerator: object, denominator: object, unit: str,
                decimals: int) -> float | None:
    """A figure unrounded: numerator / denominator × the unit's multiplier where the stored
    value is that figure rounded (as :func:`mag_desktop.core.disparity.exact_values`), else
    the stored value."""
    v = number(value)
    scale = MULTIPLIERS.get(unit)
    num, den = number(numerator), number(denominator)
    if v is None or scale is None or num is None or den is None or den <= 0:
        return v
    exact = num / den * scale
    return exact if abs(exact - v) <= 0.5 * 10.0 ** -max(0, decimals) + 1e-9 else v


def figure(value: object, numerator: object, denominator: object, lower: object,
           upper: object, ind: IndicatorDef, rounded_limits: bool = False) -> Figure:
    """One group's unrounded figure with its limits, widened to hold the unrounded value
    where rounding left it just outside them. ``rounded_limits``: the limits are the partner's
    as published, rounded to the figure's decimal places; each is widened outwards by half a
    unit of the last place, so a change is never called on a margin rounding could hide."""
    v = exact_value(value, numerator, denominator, str(ind.unit), ind.decimals)
    lo, hi = number(lower), number(upper)
    if lo is not None and hi is not None:
        lo, hi = min(lo, hi), max(lo, hi)
        if rounded_limits:
            half = 0.5 * 10.0 ** -max(0, ind.decimals)
            lo, hi = lo - half, hi + half
        if v is not None:
            lo, hi = min(lo, v), max(hi, v)
    return Figure(v, lo, hi)


def scale_for(unit: str, figures: list[Figure]) -> str:
    """"times", "points" or "" (no gap stated) for a link's figures, as the disparity
    sentences choose: percentages compare as ratios only while every figure is under 50%."""
    if unit not in RATIO_UNITS:
        return ""
    held = [f.value for f in figures if f.value is not None]
    if any(v <= 0 for v in held):  # no ratio can be formed with a figure of 0
        return POINTS
    if unit in RATE_UNITS:
        return TIMES
    return TIMES if held and all(v < 50 for v in held) else POINTS


def _log_se(f: Figure) -> float | None:
    if f.lower is None or f.upper is None or f.lower <= 0 or f.upper <= 0:
        return None
    return (math.log(f.upper) - math.log(f.lower)) / (2 * Z95)


def _se(f: Figure) -> float | None:
    if f.lower is None or f.upper is None:
        return None
    return (f.upper - f.lower) / (2 * Z95)


def gap_text(gap: float | None, scale: str, decimals: int = 1) -> str:
    """The gap as a table shows it: "2.2 times", "12.3 points higher", "3.0 points lower"."""
    if gap is None:
        return ""
    if scale == TIMES:
        return f"{format_number(gap, decimals)} times"
    size = format_number(abs(gap), decimals)
    if not size.strip("0.,"):
        return "no gap"
    return f"{size} points {'higher' if gap > 0 else 'lower'}"


def told_apart(baseline: GapPoint, latest: GapPoint, scale: str) -> tuple[GapPoint, GapPoint]:
    """The two points with one more decimal place (up to three) while their gaps would read
    the same: a change called "narrowed" must not read "from 1.0 to 1.0 times"."""
    decimals = 1
    while baseline.text == latest.text and decimals < 3 and baseline.gap != latest.gap:
        decimals += 1
        baseline = replace(baseline, text=gap_text(baseline.gap, scale, decimals))
        latest = replace(latest, text=gap_text(latest.gap, scale, decimals))
    return baseline, latest


def gap_point(period: str, focus: Figure, comparator: Figure, scale: str) -> GapPoint:
    """One period's gap between the two groups, with its 95% interval where one can be had."""
    gap = lower = upper = None
    if focus.value is not None and comparator.value is not None and scale:
        if scale == TIMES and focus.value > 0 and comparator.value > 0:
            gap = focus.value / comparator.value
            s1, s2 = _log_se(focus), _log_se(comparator)
            if s1 is not None and s2 is not None:
                half = Z95 * math.hypot(s1, s2)
                lower, upper = gap * math.exp(-half), gap * math.exp(half)
        elif scale == POINTS:
            gap = focus.value - comparator.value
            s1, s2 = _se(focus), _se(comparator)
            if s1 is not None and s2 is not None:
                half = Z95 * math.hypot(s1, s2)
                lower, upper = gap - half, gap + half
    return GapPoint(period, focus.value, focus.lower, focus.upper, comparator.value,
                    comparator.lower, comparator.upper, gap, lower, upper,
                    gap_text(gap, scale))


def distance(gap: float, scale: str) -> float:
    """How far a gap is from parity: |ln ratio| or |difference|."""
    if scale == TIMES:
        return abs(math.log(gap)) if gap > 0 else math.inf
    return abs(gap)


def movement(baseline: GapPoint, latest: GapPoint, scale: str,
             aim: LinkAim) -> tuple[Movement, bool | None]:
    """How the targeted gap (or, for an aim to lower or raise, the focus group's figure) moved
    from ``baseline`` to ``latest``, and whether that is the way the commitment aims."""
    if aim in (LinkAim.LOWER, LinkAim.RAISE):
        if baseline.focus is None or latest.focus is None:
            return Movement.NO_FIGURES, None
        if None in (baseline.focus_lower, baseline.focus_upper, latest.focus_lower,
                    latest.focus_upper):
            return Movement.NOT_MEASURED, None
        if intervals_overlap(baseline.focus_lower, baseline.focus_upper, latest.focus_lower,
                             latest.focus_upper):
            return Movement.NO_CLEAR_CHANGE, None
        fell = latest.focus < baseline.focus
        return (Movement.FELL if fell else Movement.ROSE), fell == (aim == LinkAim.LOWER)
    if not scale:
        return Movement.NOT_MEASURED, None
    if baseline.gap is None or latest.gap is None:
        return Movement.NO_FIGURES, None
    if None in (baseline.gap_lower, baseline.gap_upper, latest.gap_lower, latest.gap_upper):
        return Movement.NOT_MEASURED, None
    if intervals_overlap(baseline.gap_lower, baseline.gap_upper, latest.gap_lower,
                         latest.gap_upper):
        return Movement.NO_CLEAR_CHANGE, None
    before, after = distance_span(baseline, scale), distance_span(latest, scale)
    if after[1] < before[0]:
        return Movement.NARROWED, True
    if after[0] > before[1]:
        return Movement.WIDENED, False
    return Movement.CHANGED_SIDES, None  # moved across equality, not clearly nearer or further


def distance_span(point: GapPoint, scale: str) -> tuple[float, float]:
    """The 95% interval of a gap's distance from parity (|ln ratio| or |difference|): from 0
    when the gap's own interval holds parity."""
    low, high = point.gap_lower, point.gap_upper
    assert low is not None and high is not None
    if scale == TIMES:
        low, high = math.log(low), math.log(high)
    if low <= 0 <= high:
        return 0.0, max(-low, high)
    return min(abs(low), abs(high)), max(abs(low), abs(high))


def widest_group(figure_of: Callable[[tuple[str, str]], Figure], periods: list[str],
                 comparator: str, candidates: list[str], scale: str) -> str | None:
    """The candidate group furthest from the comparator on average over ``periods`` (the gap
    a link with no named group follows), among those with a figure beside the comparator's in
    at least half of them; None when none has. Averaged over every period rather than taken
    at the start: the group most extreme at one period tends to come back towards the others
    by chance alone, which would read as a narrowing."""
    best, far = None, -1.0
    for group in candidates:
        if group == comparator:
            continue
        seen = []
        for period in periods:
            f, ref = figure_of((period, group)), figure_of((period, comparator))
            if f.value is None or ref.value is None:
                continue
            point = gap_point(period, f, ref, scale or POINTS)
            if point.gap is not None and math.isfinite(d := distance(point.gap, scale or POINTS)):
                seen.append(d)
        if seen and 2 * len(seen) >= len(periods) and (mean := sum(seen) / len(seen)) > far:
            best, far = group, mean
    return best
