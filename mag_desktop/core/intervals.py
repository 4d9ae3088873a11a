"""Confidence intervals for indicators, by the methods of Public Health England.

A 95% confidence interval is the range of values that the true figure could plausibly take,
given that the number of events observed is subject to chance. MAG Desktop follows the
methods of PHE's ``PHEindicatormethods`` R package (``phe_proportion``, ``phe_rate``):

- **Proportions** (unit "%"): Wilson's score method. For x people out of n with a
  characteristic and z the normal quantile (1.959964 for 95%), the limits are
  (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)), shown as percentages. Unlike the textbook
  "p ± 1.96 × standard error", it never goes below 0% or above 100% and stays sensible when
  none or all of the n have the characteristic.
- **Rates** (units "per 1,000", "per 100,000"), from fewer than 10 events: the exact Poisson
  method. The lower limit is the rate at which x or more events would be seen only 2.5% of the
  time, the upper one the rate at which x or fewer would be seen only 2.5% of the time (in
  PHE's terms: half the chi-square quantiles ``qchisq(0.025, 2x)`` and ``qchisq(0.975, 2x + 2)``).
  They are found here by solving the Poisson distribution's equation (for whole counts, to
  full double precision).
- **Rates from 10 events**: Byar's approximation to those exact limits, x·(1 − 1/(9x) −
  z/(3√x))³ and (x + 1)·(1 − 1/(9(x + 1)) + z/(3√(x + 1)))³, divided by the denominator and
  multiplied by 1,000 or 100,000.
- **Counts and £ amounts** have no interval.

Every function takes whole numpy columns. An interval that cannot be computed (a missing,
negative or infinite input, a denominator of 0, more events than people for a proportion) is
NaN, never an error or a warning. ``confidence`` is 0.95 by default; 0.998 gives the 99.8%
limits PHE uses for funnel plots (z = 3.090232).
"""

from __future__ import annotations

import math
from functools import cache
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

from mag_desktop.core.distinct import codes_of

Floats = npt.NDArray[np.float64]
Methods = npt.NDArray[np.object_]

#: units whose figures get an interval, and what the events per head are multiplied by
MULTIPLIERS: dict[str, float] = {"%": 100.0, "per 1,000": 1_000.0, "per 100,000": 100_000.0}
#: rates from this many events use Byar's method, below it the exact Poisson method
BYAR_FROM = 10


def z_for(confidence: float = 0.95) -> float:
    """The two-sided normal quantile: 1.959964 for 0.95, 3.090232 for 0.998."""
    if not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        raise ValueError(f"confidence must be a fraction between 0 and 1, such as 0.95 or "
                         f"0.998, not {confidence!r}")
    return NormalDist().inv_cdf(confidence + (1 - confidence) / 2)


def _floats(values: npt.ArrayLike) -> Floats:
    return np.asarray(values, dtype=np.float64)


def wilson(events: npt.ArrayLike, total: npt.ArrayLike,
           confidence: float = 0.95) -> tuple[Floats, Floats]:
    """Wilson score limits of the proportion events/total, as proportions (0 to 1)."""
    return wilson_z(events, total, z_for(confidence))


def wilson_z(events: npt.ArrayLike, total: npt.ArrayLike, z: float) -> tuple[Floats, Floats]:
    """:func:`wilson` for a given normal quantile ``z``."""
    x, n = np.broadcast_arrays(_floats(events), _floats(total))
    ok = np.isfinite(x) & np.isfinite(n) & (x >= 0) & (n > 0) & (x <= n)
    x, n = np.where(ok, x, 0.0), np.where(ok, n, 1.0)
    root = z * np.sqrt(z * z + 4 * x * (1 - x / n))
    lower = (2 * x + z * z - root) / (2 * (n + z * z))
    upper = (2 * x + z * z + root) / (2 * (n + z * z))
    lower = np.where(x == 0, 0.0, np.clip(lower, 0.0, 1.0))
    upper = np.where(x == n, 1.0, np.clip(upper, 0.0, 1.0))
    return np.where(ok, lower, np.nan), np.where(ok, upper, np.nan)


def byar(events: npt.ArrayLike, confidence: float = 0.95) -> tuple[Floats, Floats]:
    """Byar's limits for an observed number of events (a count, not yet a rate)."""
    return byar_z(events, z_for(confidence))


def byar_z(events: npt.ArrayLike, z: float) -> tuple[Floats, Floats]:
    """:func:`byar` for a given normal quantile ``z``. The lower limit of 0 events is 0; where
    Byar's formula gives a negative lower limit (1 event at 99.8%), it is NaN, as PHE's."""
    x = _floats(events)
    ok = np.isfinite(x) & (x >= 0)
    x = np.where(ok, x, 1.0)
    safe = np.where(x > 0, x, 1.0)
    lower = np.where(x > 0, x * (1 - 1 / (9 * safe) - z / (3 * np.sqrt(safe))) ** 3, 0.0)
    upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * np.sqrt(x + 1))) ** 3
    return np.where(ok & (lower >= 0), lower, np.nan), np.where(ok, upper, np.nan)


def exact_poisson(events: npt.ArrayLike, confidence: float = 0.95) -> tuple[Floats, Floats]:
    """Exact Poisson limits for an observed number of events (a count, not yet a rate).

    Lower: the mean at which P(X ≥ x) = α/2 (0 for no events); upper: the mean at which
    P(X ≤ x) = α/2, with α = 1 − confidence. Non-integer counts are allowed, through the gamma
    distribution, as in PHE's ``qchisq``.
    """
    alpha = 1 - confidence
    z_for(confidence)  # validates it
    x = _floats(events)
    ok = np.isfinite(x) & (x >= 0)
    lower, upper = np.full(x.shape, np.nan), np.full(x.shape, np.nan)
    whole = ok & (x == np.floor(x)) & (x < 64)
    if whole.any():  # the usual case: a table of the few small whole counts, computed once
        lo_table, hi_table = _whole_table(confidence)
        index = x[whole].astype(np.int64)
        lower[whole], upper[whole] = lo_table[index], hi_table[index]
    rest = ok & ~whole
    if rest.any():
        distinct, back = np.unique(x[rest], return_inverse=True)
        lo = np.zeros(len(distinct))
        positive = distinct > 0
        lo[positive] = _gamma_quantile(distinct[positive], alpha / 2)
        lower[rest] = lo[back]
        upper[rest] = _gamma_quantile(distinct + 1, 1 - alpha / 2)[back]
    return lower, upper


@cache
def _whole_table(confidence: float) -> tuple[Floats, Floats]:
    """Exact limits of 0, 1, …, 63 events."""
    alpha = 1 - confidence
    counts = np.arange(64, dtype=np.float64)
    lower = np.concatenate([[0.0], _gamma_quantile(counts[1:], alpha / 2)])
    return lower, _gamma_quantile(counts + 1, 1 - alpha / 2)


def _lgamma(a: Floats) -> Floats:
    return np.array([math.lgamma(v) for v in a.ravel()], dtype=np.float64).reshape(a.shape)


def _gamma_lower(a: Floats, t: Floats) -> Floats:
    """The regularized lower incomplete gamma function P(a, t), for a > 0 and t > 0.

    Its series P = Σₖ t^(a+k) e^(−t) / Γ(a + k + 1) has only positive terms, summed in log
    space so that none overflows; for whole a it equals P(Poisson(t) ≥ a).
    """
    terms = int(np.max(t) + 12 * math.sqrt(float(np.max(t))) + 40)
    k = np.arange(1, terms, dtype=np.float64)
    first = a * np.log(t) - t - _lgamma(a + 1)
    logs = np.cumsum(np.log(t)[:, None] - np.log(a[:, None] + k[None, :]), axis=1)
    return np.exp(first) * (1 + np.exp(logs).sum(axis=1))


def _gamma_upper(a: Floats, t: Floats) -> Floats:
    """Q(a, t) = 1 − P(a, t). For whole a it is the finite Poisson sum
    P(Poisson(t) ≤ a − 1) = Σᵢ₌₀..ₐ₋₁ e^(−t) tⁱ / i!, exact where 1 − P would lose digits."""
    if not np.all(a == np.floor(a)):
        return 1 - _gamma_lower(a, t)
    i = np.arange(int(np.max(a)), dtype=np.float64)
    logs = i[None, :] * np.log(t)[:, None] - t[:, None] - _lgamma(i + 1)[None, :]
    return np.where(i[None, :] < a[:, None], np.exp(logs), 0.0).sum(axis=1)


def _gamma_quantile(a: Floats, p: float) -> Floats:
    """t with P(a, t) = p, by Newton's method kept inside a bisection bracket. The upper tail
    (p > 1/2) is solved as Q(a, t) = 1 − p, the lower as P(a, t) = p: whole counts to full
    double precision, fractional ones to about 1e-12 (their Q is 1 − P)."""
    upper = p > 0.5
    target = 1 - p if upper else p

    def behind(t: Floats) -> Floats:  # < 0 while t is below the quantile
        return target - _gamma_upper(a, t) if upper else _gamma_lower(a, t) - target

    lo = np.zeros_like(a)
    hi = a + 10 + 10 * np.sqrt(a)
    while np.any(short := behind(hi) < 0):
        hi = np.where(short, 2 * hi, hi)
    z = NormalDist().inv_cdf(p)  # Wilson–Hilferty: a close start
    t = np.clip(a * (1 - 1 / (9 * a) + z / (3 * np.sqrt(a))) ** 3, hi * 1e-6, hi)
    for _ in range(200):
        gap = behind(t)
        lo, hi = np.where(gap < 0, t, lo), np.where(gap < 0, hi, t)
        density = np.exp((a - 1) * np.log(t) - t - _lgamma(a))
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            step = t - gap / density
        inside = np.isfinite(step) & (step > lo) & (step < hi)
        new = np.where(inside, step, (lo + hi) / 2)
        if np.all(np.abs(new - t) <= 4 * np.finfo(np.float64).eps * t):
            return new
        t = new
    return t


def multiplier_of(unit: str | npt.ArrayLike) -> Floats:
    """100 for "%", 1,000 for "per 1,000", 100,000 for "per 100,000"; NaN for any other unit
    (one unit, or one per row)."""
    units = np.asarray(unit, dtype=object)
    codes, kinds = codes_of(units.ravel())
    table = np.array([MULTIPLIERS.get(str(u), np.nan) for u in kinds] + [np.nan])
    return table[codes].reshape(units.shape)


def limits_for(unit: str | npt.ArrayLike, numerator: npt.ArrayLike,
               denominator: npt.ArrayLike, confidence: float = 0.95
               ) -> tuple[Floats, Floats, Methods]:
    """(lower, upper, method) of the figure numerator/denominator × the unit's multiplier.

    ``unit`` is one unit or one per row. ``method`` is "wilson", "exact" or "byar", or None
    where there is no interval (counts, £, a generic "rate", or inputs that allow none).
    """
    x, n, mult = np.broadcast_arrays(_floats(numerator), _floats(denominator),
                                     multiplier_of(unit))
    percent = mult == MULTIPLIERS["%"]
    lower, upper = np.full(x.shape, np.nan), np.full(x.shape, np.nan)
    method = np.full(x.shape, None, dtype=object)
    ok = np.isfinite(x) & np.isfinite(n) & (x >= 0) & (n > 0) & np.isfinite(mult)
    ok &= ~percent | (x <= n)
    z = z_for(confidence)
    for name, rows in (("wilson", ok & percent), ("exact", ok & ~percent & (x < BYAR_FROM)),
                       ("byar", ok & ~percent & (x >= BYAR_FROM))):
        if not rows.any():
            continue
        if name == "wilson":
            lo, hi = wilson_z(x[rows], n[rows], z)
        else:
            lo, hi = (exact_poisson(x[rows], confidence) if name == "exact"
                      else byar_z(x[rows], z))
            lo, hi = lo / n[rows], hi / n[rows]
        lower[rows], upper[rows] = lo * mult[rows], hi * mult[rows]
        method[rows] = name
    return lower, upper, method
