"""Comparisons with 95% confidence intervals, disparity sentences and interval helpers.

Conventions (OHID Fingertips): a difference is called significant only when the two 95%
confidence intervals do not overlap (touching counts as overlapping); otherwise "similar". With
a polarity the words are better / similar / worse, without one higher / similar / lower.
Wording follows the Ethnicity facts and figures service: neutral, both values shown, the
higher value first; "ethnic minorities" or a named group, never "BAME", "BME" or "non-White".
"""

from __future__ import annotations

import math
from typing import NamedTuple, overload

import numpy as np
import numpy.typing as npt

from mag_desktop.core import ethnicity, intervals
from mag_desktop.core.domain import Polarity
from mag_desktop.core.formatting import format_number

NOT_COMPARED = "not compared"
SIMILAR = "similar"
COMPARISONS = ("better", SIMILAR, "worse", "higher", "lower", NOT_COMPARED)
#: Units whose values can be divided: a ratio of counts or of £ amounts says nothing.
RATIO_UNITS = frozenset({"%", "per 1,000", "per 100,000", "rate"})
_NEAR_EQUAL = 1.05  # below this ratio "1.0 times" would read oddly: say "higher than" instead
_WORDS = {  # polarity -> (word when higher, word when lower)
    Polarity.HIGHER_IS_BETTER: ("better", "worse"),
    Polarity.LOWER_IS_BETTER: ("worse", "better"),
    Polarity.NO_JUDGEMENT: ("higher", "lower"),
}
_PHRASES = {  # groups whose short label does not read well before "residents"
    "ALL": "all residents",
    "MINORITY": "residents from ethnic minorities",
    "NON_WHITE_ALL": "residents from all ethnic groups except White",
    "MIXED": "residents from Mixed or Multiple ethnic groups",
    "OTHER": "residents from the Other ethnic group",
    "OTHER_ANY": "residents from any other ethnic group",
    "UNKNOWN": "residents whose ethnicity is not known",
}
Floats = npt.NDArray[np.float64]
Z95 = intervals.z_for(0.95)  # 1.959964, the normal quantile (not 1.96)


class Estimate(NamedTuple):
    """A value with its 95% confidence limits (any may be missing)."""

    value: float | None
    lower: float | None = None
    upper: float | None = None


def _f(x: object) -> float:
    """A float, NaN for None, NA and anything unreadable."""
    try:
        return float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def intervals_overlap(a_lo: object, a_hi: object, b_lo: object, b_hi: object) -> bool:
    """Whether two intervals share a point; a missing limit counts as overlapping (it gives no
    evidence of a difference)."""
    a1, a2, b1, b2 = (_f(x) for x in (a_lo, a_hi, b_lo, b_hi))
    if any(math.isnan(x) for x in (a1, a2, b1, b2)):
        return True
    return min(a1, a2) <= max(b1, b2) and min(b1, b2) <= max(a1, a2)


def compare_arrays(
    value: npt.ArrayLike, lo: npt.ArrayLike, hi: npt.ArrayLike,
    ref_value: npt.ArrayLike, ref_lo: npt.ArrayLike, ref_hi: npt.ArrayLike,
    polarity: Polarity | str,
) -> npt.NDArray[np.str_]:
    """:func:`compare` for whole columns at once (arrays broadcast; None and NaN are missing)."""
    v, a1, a2, r, b1, b2 = (
        np.asarray(x, dtype=float) for x in (value, lo, hi, ref_value, ref_lo, ref_hi)
    )
    missing = np.isnan(v) | np.isnan(a1) | np.isnan(a2) | np.isnan(r) | np.isnan(b1) | np.isnan(b2)
    with np.errstate(invalid="ignore"):
        a_lo, a_hi, b_lo, b_hi = np.minimum(a1, a2), np.maximum(a1, a2), np.minimum(b1, b2), \
            np.maximum(b1, b2)
        apart = (a_hi < b_lo) | (a_lo > b_hi)
        up, down = _WORDS[Polarity(polarity)]
        result = np.select(
            [missing, ~apart | (v == r), v > r], [NOT_COMPARED, SIMILAR, up], default=down
        )
    return np.asarray(result, dtype=str)


def compare(
    value: object, lo: object, hi: object,
    ref_value: object, ref_lo: object, ref_hi: object,
    polarity: Polarity | str,
) -> str:
    """Compare a value with a reference, as Fingertips does.

    Returns "better" / "similar" / "worse" for an indicator with a polarity, "higher" /
    "similar" / "lower" for one without, and "not compared" when either value or any of the
    four confidence limits is missing: without both intervals a difference cannot be called
    significant, and calling it "similar" would claim more than the data shows.
    """
    result = compare_arrays(
        _f(value), _f(lo), _f(hi), _f(ref_value), _f(ref_lo), _f(ref_hi), polarity
    )
    return str(result[()])


def group_phrase(group: str) -> str:
    """The people of a group as a sentence names them: "Black African residents",
    "residents from ethnic minorities". ``group`` is a code (or, failing that, a label)."""
    if group in _PHRASES:
        return _PHRASES[group]
    try:
        label = ethnicity.group(group).short_label
    except KeyError:
        label = group
    return f"{label} residents"


def _values(high: float, low: float, unit: str, decimals: int) -> str:
    a, b = format_number(high, decimals), format_number(low, decimals)
    if unit == "%":
        return f"{a}% vs {b}%"
    return f"{a} vs {b} {unit}" if unit.startswith("per ") else f"{a} vs {b}"


def disparity_sentence(
    indicator: str, unit: str, group_a: str, a: Estimate, group_b: str, b: Estimate,
    decimals: int = 1,
) -> str | None:
    """A neutral sentence on a significant difference between two groups, or None.

    None when either value is missing, when the intervals overlap (or one is missing), and for
    counts and £ amounts (a ratio of those means nothing). The higher group comes first:
    "For Temporary accommodation, Black African residents' rate was 3.2 times that of White
    British residents (35.0 vs 11.0 per 1,000)."
    """
    unit = str(unit)
    va, vb = _f(a.value), _f(b.value)
    if unit not in RATIO_UNITS or math.isnan(va) or math.isnan(vb) or va == vb:
        return None
    if intervals_overlap(a.lower, a.upper, b.lower, b.upper):
        return None
    (high, g_high), (low, g_low) = sorted(((va, group_a), (vb, group_b)), reverse=True)
    first, second = group_phrase(g_high), group_phrase(g_low)
    subject = f"{first}' rate" if first.endswith("residents") else f"the rate for {first}"
    ratio = high / low if low > 0 else math.inf
    how = f"{ratio:.1f} times" if _NEAR_EQUAL <= ratio < math.inf else "higher than"
    shown = _values(high, low, unit, decimals)
    return f"For {indicator}, {subject} was {how} that of {second} ({shown})."


# -- intervals for the sample-data generator: kept here, computed by core.intervals --------
@overload
def wilson_interval(num: float, den: float, z: float = Z95) -> tuple[float, float]: ...
@overload
def wilson_interval(num: Floats, den: npt.ArrayLike, z: float = Z95) -> tuple[Floats, Floats]: ...
def wilson_interval(num: object, den: object, z: float = Z95) -> tuple[object, object]:
    """Wilson score interval for a proportion num/den, as proportions (0-1); NaN when den <= 0.
    See :func:`mag_desktop.core.intervals.wilson`."""
    return _out(*intervals.wilson_z(np.asarray(num, dtype=float), np.asarray(den, dtype=float), z))


@overload
def byar_interval(
    count: float, denom: float, multiplier: float, z: float = Z95
) -> tuple[float, float]: ...
@overload
def byar_interval(
    count: Floats, denom: npt.ArrayLike, multiplier: float, z: float = Z95
) -> tuple[Floats, Floats]: ...
def byar_interval(
    count: object, denom: object, multiplier: float, z: float = Z95
) -> tuple[object, object]:
    """Byar's approximation to the Poisson interval for a rate count/denom × multiplier (Byar's
    at any count: :func:`mag_desktop.core.intervals.limits_for` uses the exact method below 10).
    """
    lower, upper = intervals.byar_z(np.asarray(count, dtype=float), z)
    d = np.asarray(denom, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.where(d > 0, d, np.nan)
    return _out(lower / d * multiplier, upper / d * multiplier)


def _out(lower: Floats, upper: Floats) -> tuple[object, object]:
    if lower.ndim == 0:
        return float(lower), float(upper)
    return lower, upper
