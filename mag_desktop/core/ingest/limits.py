"""Confidence limits at import: computed where a partner gives counts but no limits, checked
where it gives both.

A row of a percentage or a rate per 1,000 or 100,000 with a numerator and a denominator but no
limits gets 95% limits by PHE's methods (:mod:`mag_desktop.core.intervals`), and its
``limits_source`` says which method ("wilson", "exact", "byar"). That is done only when the
value is the numerator ÷ the denominator × 100, 1,000 or 100,000, to within the rounding of the
indicator's decimals: an adjusted figure (an age-standardised rate, say) is not, and limits
computed from its crude counts would be wrong; for those one warning per indicator says so.

A partner's own limits are always kept (``limits_source`` "supplied"). They are reported as
far from the computed ones when either differs from its computed counterpart by more than a
quarter of the computed interval's width and by more than the rounding of the indicator's
decimals: a different method (z = 1.96, Byar's for a few events) or rounding stays quiet, a
99.8% interval, a proportion given for a percentage or a typing slip does not.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from mag_desktop.core.distinct import codes_of
from mag_desktop.core.formatting import format_number
from mag_desktop.core.ingest.report import MAX_PER_RULE, Report
from mag_desktop.core.ingest.resolve import Where
from mag_desktop.core.intervals import MULTIPLIERS, limits_for, multiplier_of
from mag_desktop.core.store import limits_rows

SUPPLIED = "supplied"
#: a supplied limit this share of the computed interval's width away from its own is "far"
FAR = 0.25
DEFAULT_DECIMALS = 1
_METHOD_NAMES = {"wilson": "Wilson's score method", "exact": "the exact Poisson method",
                 "byar": "Byar's method"}
Floats = npt.NDArray[np.float64]


@dataclass
class Computed:
    """Limits for a batch of rows: what to store, and what to warn about."""

    lower: Floats  # the supplied limits, or the computed ones where none were supplied
    upper: Floats
    source: npt.NDArray[np.object_]  # "supplied" | "wilson" | "exact" | "byar" | None
    expected: Floats  # numerator ÷ denominator × multiplier (NaN where not a ratio unit)
    disagrees: npt.NDArray[np.bool_]  # no limits, counts given, value is not the ratio
    far: npt.NDArray[np.bool_]  # supplied limits far from the computed ones
    computed_lower: Floats
    computed_upper: Floats
    source_method: npt.NDArray[np.object_]  # the method the computed limits came from


def compute(unit: npt.ArrayLike, decimals: npt.ArrayLike, value: Floats, numerator: Floats,
            denominator: Floats, lower: Floats, upper: Floats,
            confidence: float = 0.95) -> Computed:
    """The limits of every row (arrays of one length; ``unit`` and ``decimals`` per row)."""
    mult = multiplier_of(unit)
    half = 0.5 * 10.0 ** -np.asarray(decimals, dtype=np.float64)
    lo, hi, method = limits_for(unit, numerator, denominator, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.where(denominator > 0, numerator / denominator * mult, np.nan)
        agrees = np.abs(value - expected) <= half * (1 + 1e-6) + 1e-9 * np.abs(expected)
        slack = np.maximum(FAR * (hi - lo), half * (1 + 1e-6))
        off = np.maximum(np.abs(lower - lo), np.abs(upper - hi))
    supplied = ~np.isnan(lower) | ~np.isnan(upper)
    can = np.isfinite(lo) & np.isfinite(hi) & np.isfinite(value)
    fill = can & agrees & ~supplied
    source = method.copy()
    source[~fill] = None
    source[supplied] = SUPPLIED
    far = can & agrees & ~np.isnan(lower) & ~np.isnan(upper) & (off > slack)
    return Computed(
        lower=np.where(fill, lo, lower), upper=np.where(fill, hi, upper), source=source,
        expected=expected, disagrees=can & ~agrees & ~supplied, far=far,
        computed_lower=lo, computed_upper=hi, source_method=method,
    )


@dataclass
class _First:
    """The first row of an indicator whose value is not its numerator ÷ denominator."""

    count: int
    row: int
    where: Where
    value: float
    expected: str
    ratio: str


class LimitsCheck:
    """Fills and checks limits chunk by chunk; one warning per indicator comes at the end."""

    def __init__(self, units: dict[str, str], decimals: dict[str, int],
                 confidence: float = 0.95) -> None:
        self.units, self.decimals, self.confidence = units, decimals, confidence
        self.firsts: dict[str, _First] = {}

    def chunk(self, indicators: npt.ArrayLike, num: dict[str, Floats], rows: npt.ArrayLike,
              where: Callable[[str, int | None], Where], report: Report,
              keep: npt.NDArray[np.bool_]) -> npt.NDArray[np.object_]:
        """Fill ``num["lower"]``/``num["upper"]`` in place; return each row's limits source.
        Only kept rows (the valid ones) are warned about."""
        codes = np.asarray(indicators, dtype=object)
        unit, decimals = _per_row(codes, self.units, self.decimals)
        c = compute(unit, decimals, num["value"], num["numerator"], num["denominator"],
                    num["lower"], num["upper"], self.confidence)
        num["lower"], num["upper"] = c.lower, c.upper
        row_numbers = np.asarray(rows)
        self._far(c, np.flatnonzero(c.far & keep), row_numbers, where, report, unit, decimals)
        late = np.flatnonzero(c.disagrees & keep)
        for code, first, count in _firsts(codes[late]):
            i = int(late[first])
            if code in self.firsts:
                self.firsts[code].count += count
                continue
            places = int(decimals[i])
            mult = format_number(MULTIPLIERS[str(unit[i])])
            self.firsts[code] = _First(
                count, int(row_numbers[i]), where("value", i), float(num["value"][i]),
                format_number(c.expected[i], places),
                f"{_plain(num['numerator'][i])} ÷ {_plain(num['denominator'][i])} × {mult}")
        return c.source

    def _far(self, c: Computed, idx: npt.NDArray[np.intp], rows: npt.NDArray[np.int64],
             where: Callable[[str, int | None], Where], report: Report,
             unit: npt.NDArray[np.object_], decimals: Floats) -> None:
        if not len(idx):
            return
        w = where("lower", None)
        for i in idx[:MAX_PER_RULE]:
            d = int(decimals[i]) + 1
            report.warning(
                "limits-far",
                f"the supplied limits are far from the 95% limits computed from the numerator "
                f"and denominator by {_METHOD_NAMES[str(c.source_method[i])]} "
                f"({_span(c.computed_lower[i], c.computed_upper[i], d, str(unit[i]))}); "
                "they are kept: check that "
                "they are 95% limits of this figure (a rougher method, such as the normal "
                "approximation for a small group, also differs this much)",
                row=int(rows[i]), column=w.column, header=w.header,
                value=f"{format_number(c.lower[i], d)} to {format_number(c.upper[i], d)}")
        if len(idx) > MAX_PER_RULE:  # counted, like every rule, without more examples
            report.counts[("warning", "limits-far", w.header)] += len(idx) - MAX_PER_RULE

    def finish(self, report: Report) -> None:
        """One warning per indicator whose values are not numerator ÷ denominator."""
        for code, first in self.firsts.items():
            rows = "1 row" if first.count == 1 else f"{first.count:,} rows"
            report.warning(
                "limits-not-computed",
                f"{code}: {rows} with a numerator and a denominator but no limits have a value "
                f"that is not numerator ÷ denominator (here {first.ratio} = {first.expected}), "
                "so no 95% limits were computed for them; that is right for an adjusted figure "
                "(an age-standardised rate, say): give its limits if you have them",
                row=first.row, column=first.where.column, header=first.where.header,
                value=int(first.value) if first.value.is_integer() else first.value)
        self.firsts.clear()


def _span(lower: float, upper: float, places: int, unit: str) -> str:
    """"55.25% to 73.64%", "1,623.5 to 11,668.3 per 100,000"."""
    low, high = format_number(lower, places), format_number(upper, places)
    return f"{low}% to {high}%" if unit == "%" else f"{low} to {high} {unit}"


def _plain(number: float) -> str:
    """1000.0 → "1,000", 2.5 → "2.5": as a partner typed it, up to 6 decimals."""
    return f"{number:,.6f}".rstrip("0").rstrip(".")


def _per_row(codes: npt.NDArray[np.object_], units: dict[str, str],
             decimals: dict[str, int]) -> tuple[npt.NDArray[np.object_], Floats]:
    """Each row's unit (None when unknown) and decimals, looked up once per distinct code."""
    keys, uniques = codes_of(codes)
    unit = np.array([units.get(c) for c in uniques], dtype=object)
    places = np.array([decimals.get(c, DEFAULT_DECIMALS) for c in uniques], dtype=np.float64)
    return unit[keys], places[keys]


def _firsts(codes: npt.NDArray[np.object_]) -> list[tuple[str, int, int]]:
    """(code, index of its first row, rows) for each distinct code, in order of appearance."""
    if not len(codes):
        return []
    keys, uniques = pd.factorize(codes)
    _, first, counts = np.unique(keys, return_index=True, return_counts=True)
    return [(str(uniques[k]), int(first[k]), int(counts[k])) for k in range(len(uniques))]


def fill_frame(frame: pd.DataFrame, units: dict[str, str],
               decimals: dict[str, int]) -> pd.DataFrame:
    """A validated frame (``indicator``, value, numerator, denominator, lower, upper) with its
    limits filled and ``limits_source`` set; no warnings (for rows MAG Desktop derived itself)."""
    unit, places = _per_row(frame["indicator"].to_numpy(dtype=object), units, decimals)
    value, numerator, denominator, lower, upper = (
        frame[n].to_numpy(dtype=np.float64)
        for n in ("value", "numerator", "denominator", "lower", "upper"))
    c = compute(unit, places, value, numerator, denominator, lower, upper)
    return frame.assign(lower=c.lower, upper=c.upper,
                        limits_source=pd.Series(c.source, index=frame.index, dtype=object))


def backfill_limits(conn: sqlite3.Connection) -> int:
    """Fill limits for a store's current observations that have a numerator and a denominator
    but no limits, as an import would; and mark a lone supplied limit as supplied. Returns the
    number of rows given limits."""
    limits_rows.mark_lone_supplied(conn, SUPPLIED)
    found = limits_rows.rows_without_limits(conn, list(MULTIPLIERS))
    if not found:
        return 0
    table = pd.DataFrame(found, columns=list(limits_rows.COLUMNS))
    value, numerator, denominator = (table[n].to_numpy(dtype=np.float64) for n in
                                     ("value", "numerator", "denominator"))
    none = np.full(len(table), np.nan)
    c = compute(table["unit"].to_numpy(dtype=object), table["decimals"].to_numpy(dtype=float),
                value, numerator, denominator, none, none)
    done = np.flatnonzero(pd.notna(c.source))
    limits_rows.set_limits(conn, zip(
        c.lower[done].tolist(), c.upper[done].tolist(), c.source[done].tolist(),
        table["row_id"].to_numpy()[done].tolist(), strict=True))
    return len(done)
