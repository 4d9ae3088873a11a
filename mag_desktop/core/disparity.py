"""Disparity sentences: the significant differences between ethnic groups, in neutral words.

Rules (Ethnicity facts and figures, and our own on top):

* Only differences whose 95% confidence intervals do not overlap are described, the largest
  first (by the ratio of the higher value to the lower); the rest are counted ("and 3 more").
* "x times" only for rates, and for percentages when both are under 50%; otherwise the gap in
  percentage points (a ratio of 79% to 62% reads as a bigger gap than it is). Counts and £
  amounts are never compared in a sentence.
* Ratios and gaps come from unrounded values: numerator over denominator when the stored value
  agrees with it, so "2.0 times" is not printed as "1.9 times" from two rounded figures.
* A figure resting on fewer events than the indicator's threshold (low reliability) is never
  the basis of a sentence; such differences are counted apart.
* A share of a whole ("All" is 100%: each group's share of residents or of incidents) gets no
  sentence: its gaps mostly reflect how large each group is.
* Groups are named with the indicator's population ("Black African households"), never
  "BAME", "BME" or "non-White"; "All ethnic groups" and "Unknown" get no sentence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mag_desktop.core import ethnicity
from mag_desktop.core.disclosure import low_reliability
from mag_desktop.core.domain import IndicatorDef
from mag_desktop.core.formatting import format_number

#: units whose values can be divided: a ratio of counts or of £ amounts says nothing
RATIO_UNITS = frozenset({"%", "per 1,000", "per 100,000", "rate"})
RATE_UNITS = frozenset({"per 1,000", "per 100,000", "rate"})
MULTIPLIERS = {"%": 100.0, "per 1,000": 1_000.0, "per 100,000": 100_000.0}
NO_SENTENCE_KINDS = frozenset({"all", "unknown"})
NEAR_EQUAL = 1.05  # below this ratio "1.0 times" would read oddly: say "higher than" instead
_PHRASES = {  # groups whose short label does not read well before the population
    "ALL": "all {p}",
    "MINORITY": "{p} from ethnic minorities",
    "NON_WHITE_ALL": "{p} from all ethnic groups except White",
    "MIXED": "{p} from Mixed or Multiple ethnic groups",
    "OTHER": "{p} from the Other ethnic group",
    "OTHER_ANY": "{p} from any other ethnic group",
    "UNKNOWN": "{p} whose ethnicity is not known",
}


def group_phrase(group: str, population: str = "residents") -> str:
    """The people of a group as a sentence names them: "Black African residents",
    "households from ethnic minorities". ``group`` is a code (or, failing that, a label)."""
    people = population or "residents"
    if group in _PHRASES:
        return _PHRASES[group].format(p=people)
    try:
        label = ethnicity.group(group).short_label
    except KeyError:
        label = group
    return f"{label} {people}"


def exact_values(rows: pd.DataFrame, unit: str, decimals: int) -> np.ndarray:
    """Each row's value unrounded: numerator / denominator × the unit's multiplier where the
    stored value is that figure rounded, else the stored value."""
    value = rows["value"].to_numpy(dtype=float)
    scale = MULTIPLIERS.get(unit)
    if scale is None or "numerator" not in rows or "denominator" not in rows:
        return value
    num = rows["numerator"].to_numpy(dtype=float)
    den = rows["denominator"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        exact = np.where(den > 0, num / den * scale, np.nan)
        agrees = np.abs(exact - value) <= 0.5 * 10.0 ** -max(0, decimals) + 1e-9
    return np.where(agrees, exact, value)


def is_composition(rows: pd.DataFrame, unit: str) -> bool:
    """True for a share of a whole (each group's share of residents, of incidents): "All"
    is 100%. The gaps between such shares mostly reflect how large each group is, so they
    are not described as disparities."""
    everyone = rows.loc[rows["group_code"] == "ALL", "value"]
    return unit == "%" and len(everyone) > 0 and bool((everyone > 99.9).any())


@dataclass(frozen=True)
class Disparity:
    group: str
    ratio: float  # higher over lower (inf when the lower is 0)
    sentence: str
    size: float = 0.0  # what the sentence states: the ratio, or the gap in points


@dataclass(frozen=True)
class Disparities:
    found: tuple[Disparity, ...]  # significant and reliable, largest first
    unreliable: int  # significant, but resting on a low-reliability figure
    compared: int  # named groups compared with the comparator group
    named: int = 0  # named groups shown besides the comparator group, compared or not

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(d.sentence for d in self.found)


def _how(high: float, low: float, unit: str, shown: tuple[float, float]) -> tuple[str, float]:
    """("2.0 times", ratio) or ("12.3 percentage points", ratio) or ("", ratio) for "higher".
    Whether a percentage is under 50% is judged on the figures as the sentence shows them."""
    ratio = high / low if low > 0 else math.inf
    if unit == "%" and not (shown[0] < 50 and shown[1] < 50):
        return f"{format_number(high - low, 1)} percentage points", ratio
    if NEAR_EQUAL <= ratio < math.inf:
        return f"{ratio:.1f} times", ratio
    return "", ratio


def _shown(high: float, low: float, unit: str, decimals: int) -> str:
    a, b = format_number(high, decimals), format_number(low, decimals)
    if unit == "%":
        return f"{a}% vs {b}%"
    return f"{a} vs {b} {unit}" if unit.startswith("per ") else f"{a} vs {b}"


def sentence(ind: IndicatorDef, group_a: str, a: float, shown_a: float,
             group_b: str, b: float, shown_b: float) -> tuple[str, float]:
    """The sentence for two groups' (unrounded, shown) values, and the ratio."""
    unit = str(ind.unit)
    (high, shown_high, g_high), (low, shown_low, g_low) = sorted(
        ((a, shown_a, group_a), (b, shown_b, group_b)), reverse=True)
    first, second = group_phrase(g_high, ind.people), group_phrase(g_low, ind.people)
    what = "rate" if unit in RATE_UNITS else "figure"
    decimals = ind.decimals  # one more place where the two would otherwise read the same
    while (format_number(shown_high, decimals) == format_number(shown_low, decimals)
           and decimals < 4):
        decimals += 1
    rounded = (float(format_number(shown_high, decimals).replace(",", "")),
               float(format_number(shown_low, decimals).replace(",", "")))
    how, ratio = _how(high, low, unit, rounded)
    values = _shown(shown_high, shown_low, unit, decimals)
    if how.endswith("percentage points"):
        text = f"the {what} for {first} was {how} higher than for {second}"
    elif how:
        text = f"the {what} for {first} was {how} that for {second}"
    else:
        text = f"the {what} for {first} was higher than for {second}"
    return f"For {ind.name}, {text} ({values}).", ratio


def disparities(rows: pd.DataFrame, comparator: str, ind: IndicatorDef) -> Disparities:
    """``rows``: a view's rows (group_code, kind, value, numerator, denominator, comparison);
    ``comparator``: the group the others were compared with."""
    unit = str(ind.unit)
    ref = rows[rows["group_code"] == comparator]
    if unit not in RATIO_UNITS or ref.empty or pd.isna(ref["value"].iloc[0]):
        return Disparities((), 0, 0)
    if is_composition(rows, unit):
        return Disparities((), 0, 0)
    exact = exact_values(rows, unit, ind.decimals)
    weak = low_reliability(rows["numerator"], ind.min_count) if "numerator" in rows else \
        np.zeros(len(rows), dtype=bool)
    at = int(np.flatnonzero((rows["group_code"] == comparator).to_numpy())[0])
    named = ~rows["kind"].isin(NO_SENTENCE_KINDS).to_numpy() & (
        rows["group_code"] != comparator).to_numpy()
    compared = named & ~rows["comparison"].isin(["not compared"]).to_numpy()
    apart = compared & ~rows["comparison"].isin(["similar"]).to_numpy()
    found: list[Disparity] = []
    unreliable = 0
    values = rows["value"].to_numpy(dtype=float)
    codes = rows["group_code"].tolist()
    for i in np.flatnonzero(apart):
        if weak[i] or weak[at]:
            unreliable += 1
            continue
        if exact[i] == exact[at]:
            continue
        text, ratio = sentence(ind, codes[i], exact[i], values[i], comparator, exact[at],
                               values[at])
        size = abs(exact[i] - exact[at]) if "percentage points" in text else ratio
        found.append(Disparity(codes[i], ratio, text, size))
    # largest first, by what the sentences state: ratios, then gaps in points
    found.sort(key=lambda d: ("percentage points" in d.sentence, -d.size))
    return Disparities(tuple(found), unreliable, int(compared.sum()), int(named.sum()))
