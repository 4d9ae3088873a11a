"""Comparisons with 95% confidence intervals, and interval helpers for the sample generator.

Conventions (OHID Fingertips): a difference is called significant only when the two 95%
confidence intervals do not overlap (touching counts as overlapping); otherwise "similar". With
a polarity the words are better / similar / worse, without one higher / similar / lower. The
sentences describing differences are :mod:`mag_desktop.core.disparity`'s.
"""

from __future__ import annotations

import math
from typing import NamedTuple, overload

import numpy as np
import numpy.typing as npt

from mag_desktop.core import intervals
from mag_desktop.core.domain import Polarity

NOT_COMPARED = "not compared"
SIMILAR = "similar"
COMPARISONS = ("better", SIMILAR, "worse", "higher", "lower", NOT_COMPARED)
_WORDS = {  # polarity -> (word when higher, word when lower)
    Polarity.HIGHER_IS_BETTER: ("better", "worse"),
    Polarity.LOWER_IS_BETTER: ("worse", "better"),
    Polarity.NO_JUDGEMENT: ("higher", "lower"),
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
