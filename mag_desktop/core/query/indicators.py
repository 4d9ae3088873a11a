"""One indicator for one area: the disparity table by ethnic group, comparators and trends.

Every read goes through the ``observation_current`` index (indicator, area, period, group) -
named with ``INDEXED BY`` so SQLite cannot choose a scan - which keeps each call to a few
milliseconds on a store with millions of observations.

Decisions: the comparator group's own row is "not compared" (it is the benchmark); comparator
areas are read for the same period as the area; rows for "All ethnic groups" and "Unknown" get
comparisons but no disparity sentence (neither is a group of residents one can name).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mag_desktop.core import ethnicity, vocab
from mag_desktop.core.disclosure import LOW_RELIABILITY, low_reliability
from mag_desktop.core.disparity import Disparities, disparities
from mag_desktop.core.domain import IndicatorDef, Polarity, Unit
from mag_desktop.core.geography import ENGLAND_CODE, REGION_CODE
from mag_desktop.core.query import lookups
from mag_desktop.core.query.catalogue import indicator_catalogue
from mag_desktop.core.query.lookups import AreaInfo
from mag_desktop.core.query.ward import WardProfile, ward_profile
from mag_desktop.core.stats import NOT_COMPARED, compare_arrays
from mag_desktop.core.store.reads import indicators as indicator_rows
from mag_desktop.core.store.reads import observations
from mag_desktop.core.store.reads.shown import withheld_meaning

__all__ = [
    "IndicatorView", "WardProfile", "definition", "group_table", "indicator_catalogue",
    "indicator_view", "trend", "ward_profile",
]

DEFAULT_COMPARATOR = "WHITE_BRITISH"

#: national comparators, in order of preference: England, else England and Wales (the Home
#: Office publishes police figures for both nations together)
NATIONAL_CODES = (ENGLAND_CODE, "K04000001")
REGION_NAME = "WMCA"
_VALUES = ["value", "lower", "upper"]


@dataclass(frozen=True)
class IndicatorView:
    """An indicator for one area at one period, by ethnic group, with its comparisons."""

    indicator: IndicatorDef
    area: AreaInfo
    period: str | None  # None when the area has no data for this indicator
    periods: tuple[str, ...]  # the periods with data for this area, oldest first
    comparator_group: str
    rows: pd.DataFrame
    disparities: Disparities
    #: column prefix in ``rows`` ("region", "england", "authority") -> the comparator area's
    #: exact name ("WMCA", "England and Wales"), for the comparators holding a figure here
    comparator_names: dict[str, str] = field(default_factory=dict)

    @property
    def sentences(self) -> tuple[str, ...]:
        """The significant, reliable differences in words, largest first."""
        return self.disparities.sentences


def definition(conn: sqlite3.Connection, code: str) -> IndicatorDef:
    """The current definition of an indicator; NotFoundError when there is none."""
    row = indicator_rows.definition_row(conn, code)
    if row is None:
        raise lookups.NotFoundError(f"there is no indicator {code} in the store")
    unit = row[3] if row[3] in set(Unit) else Unit.RATE
    return IndicatorDef(row[0], row[1], row[2], Unit(unit), Polarity(row[4]), *row[5:])


def group_table() -> pd.DataFrame:
    """The ethnic groups with label, short_label, heading_code, kind and publishing order."""
    return pd.DataFrame(
        [(g.code, g.label, g.short_label, g.heading_code, g.kind, g.order)
         for g in ethnicity.groups()],
        columns=["group_code", "label", "short_label", "heading_code", "kind", "order"],
    )


def _normal(label: str) -> str:
    found = lookups.period_of(label)
    return found.label if found is not None else label


def _periods(conn: sqlite3.Connection, indicator: str, area_code: str) -> tuple[str, ...]:
    return tuple(lookups.period_order(observations.periods_held(conn, indicator, area_code)))


def _within(periods: tuple[str, ...], period_from: str | None,
            period_to: str | None) -> tuple[str, ...]:
    """The periods (in order) that end within the filter's range (all when it is open)."""
    if not (period_from or period_to):
        return periods
    inside = lookups.periods_within(periods, period_from, period_to)
    return tuple(p for p in periods if inside.get(p))


def _observations(
    conn: sqlite3.Connection, indicator: str, areas: list[str], period: str
) -> pd.DataFrame:
    frame = observations.for_areas(conn, indicator, areas, period)
    for column in ("value", "lower", "upper", "numerator", "denominator"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def _with_comparators(rows: pd.DataFrame, obs: pd.DataFrame, areas: dict[str, str | None],
                      polarity: Polarity) -> pd.DataFrame:
    """Add <name>_value/_lower/_upper and vs_<name> for each comparator area."""
    for name, code in areas.items():
        same = obs[obs["area_code"] == code] if code else obs.iloc[0:0]
        ref = same[["group_code", *_VALUES]].rename(columns={c: f"{name}_{c}" for c in _VALUES})
        rows = rows.merge(ref, on="group_code", how="left")
        rows[f"vs_{name}"] = compare_arrays(
            rows["value"], rows["lower"], rows["upper"],
            rows[f"{name}_value"], rows[f"{name}_lower"], rows[f"{name}_upper"], polarity,
        )
    return rows


def mark_meanings(rows: pd.DataFrame, ind: IndicatorDef) -> None:
    """In place: each row's ``marker_meaning`` (what its suppression marker, its withholding or
    its few events mean) and ``flag`` ("[u]" for low reliability, "" for none)."""
    meanings = vocab.suppression_markers()
    rows["marker_meaning"] = rows["marker"].map(meanings).where(rows["marker"].notna())
    rows.loc[rows["marker"].notna() & rows["marker_meaning"].isna(), "marker_meaning"] = (
        "not available"
    )
    rows.loc[rows["withheld"].fillna(0).astype(bool), "marker_meaning"] = withheld_meaning()
    weak = low_reliability(rows["numerator"], ind.min_count) & rows["marker"].isna().to_numpy()
    rows["flag"] = np.where(weak, LOW_RELIABILITY, "")  # "" for none
    rows.loc[weak, "marker_meaning"] = f"low reliability: fewer than {ind.min_count} events"


def _group_rows(own: pd.DataFrame, comparator: str, ind: IndicatorDef) -> pd.DataFrame:
    from mag_desktop.core.query.ward_views_cache import group_table as groups_once

    polarity = ind.polarity
    rows = own.merge(groups_once(), on="group_code", how="left")
    rows["order"] = rows["order"].fillna(np.iinfo(np.int32).max)
    rows = rows.sort_values(["order", "group_code"], kind="stable").reset_index(drop=True)
    mark_meanings(rows, ind)
    ref = rows[rows["group_code"] == comparator]
    ref_value, ref_lo, ref_hi = (ref[c].iloc[0] if len(ref) else np.nan for c in _VALUES)
    rows["comparison"] = compare_arrays(
        rows["value"], rows["lower"], rows["upper"], ref_value, ref_lo, ref_hi, polarity
    )
    rows.loc[rows["group_code"] == comparator, "comparison"] = NOT_COMPARED
    return rows


#: When the comparator group has no value here (ward data often has headings only), the next
#: group in this list that has one is used instead.
FALLBACK_COMPARATORS = ("WHITE_BRITISH", "WHITE", "ALL")


def _comparator(own: pd.DataFrame, wanted: str) -> str:
    present = set(own.loc[own["value"].notna(), "group_code"])
    if wanted in present:
        return wanted
    return next((g for g in FALLBACK_COMPARATORS if g in present), wanted)


def indicator_view(
    conn: sqlite3.Connection, indicator: str, area_code: str, period: str | None = None,
    groups: tuple[str, ...] = (), comparator_group: str = DEFAULT_COMPARATOR,
    period_from: str | None = None, period_to: str | None = None,
) -> IndicatorView:
    """The indicator for an area at ``period`` (default: the latest with data for the area).

    ``period_from`` / ``period_to`` (the filter's period range) narrow the periods offered;
    a ``period`` outside them gives way to the latest period inside them.

    ``rows`` has one row per ethnic group in publishing order (only ``groups`` and the
    comparator group when ``groups`` is given); suppressed rows keep their marker and no value.

    A ward at its latest period is cut from the rows of all its authority's wards, read and
    shaped once per store version (:mod:`.ward_views_cache`): the same figures and words.
    """
    from mag_desktop.core.query import ward_views_cache as cached

    ind = cached.definition(conn, indicator)
    area = cached.area_info(conn, area_code)
    if area.level == "ward" and area.parent_code:
        views = cached.ward_views(conn, indicator, area.parent_code, tuple(groups),
                                  comparator_group, (period_from, period_to))
        if views is not None and area_code in views.spans:
            periods = views.periods[area_code]
            chosen = _normal(period) if period else None
            if chosen not in periods or chosen == views.chosen[area_code]:
                return cached.sliced_view(conn, views, area, ind)
    return _one_view(conn, ind, area, period, groups, comparator_group, period_from, period_to)


def _one_view(
    conn: sqlite3.Connection, ind: IndicatorDef, area: AreaInfo, period: str | None,
    groups: tuple[str, ...], comparator_group: str, period_from: str | None,
    period_to: str | None,
) -> IndicatorView:
    from mag_desktop.core.query import ward_views_cache as cached

    indicator, area_code = ind.code, area.code
    periods = _within(cached.periods_held(conn, indicator, area_code), period_from, period_to)
    chosen = _normal(period) if period else None
    if chosen not in periods:
        chosen = periods[-1] if periods else None
    parent = area.parent_code if area.level == "ward" else None
    wanted = [area_code, REGION_CODE, *NATIONAL_CODES, *([parent] if parent else [])]
    obs = _observations(conn, indicator, list(dict.fromkeys(wanted)), chosen or "")
    held = set(obs["area_code"])
    national = next((c for c in NATIONAL_CODES if c in held and c != area_code), None)
    comparators = {"region": REGION_CODE, "england": national, "authority": parent}
    own = obs[obs["area_code"] == area_code].drop(columns="area_code")
    comparator_group = _comparator(own, comparator_group)
    if groups:
        own = own[own["group_code"].isin({*groups, comparator_group})]
    rows = _group_rows(own, comparator_group, ind)
    rows = _with_comparators(rows, obs, comparators, ind.polarity)
    names = {"region": REGION_NAME, "authority": area.parent_name or ""}
    if national:
        names["england"] = cached.area_info(conn, national).name
    return IndicatorView(
        indicator=ind, area=area, period=chosen, periods=periods,
        comparator_group=comparator_group, rows=rows,
        disparities=disparities(rows, comparator_group, ind),
        comparator_names={k: v for k, v in names.items() if v and (
            rows[f"{k}_value"].notna().any() if f"{k}_value" in rows else False)},
    )


def trend(
    conn: sqlite3.Connection, indicator: str, area_code: str, groups: tuple[str, ...] = (),
    period_from: str | None = None, period_to: str | None = None,
) -> pd.DataFrame:
    """The indicator over time for an area: period, period_end, group_code, value, lower,
    upper, marker, short_label - ordered by period end then publishing order.

    A ward's is cut from its authority's wards' read once per store version, any other
    area's kept whole (:mod:`.trend_cache`); each call gets a frame of its own."""
    from mag_desktop.core.query import trend_cache

    groups = tuple(groups)

    def alone() -> pd.DataFrame:
        return _trend(conn, indicator, area_code, groups, period_from, period_to)

    found = trend_cache.ward_trend(conn, indicator, area_code, groups,
                                   (period_from, period_to), alone)
    if found is not None:
        return found
    return trend_cache.whole_trend(
        conn, ("trend", indicator, area_code, groups, period_from, period_to), alone)


def _trend(conn: sqlite3.Connection, indicator: str, area_code: str, groups: tuple[str, ...],
           period_from: str | None, period_to: str | None) -> pd.DataFrame:
    from mag_desktop.core.query.trend_cache import COLUMNS, shaped

    frame = observations.over_time(conn, indicator, area_code, groups)
    if period_from or period_to:
        inside = lookups.periods_within(frame["period"].unique(), period_from, period_to)
        frame = frame[frame["period"].map(inside).fillna(False).astype(bool)]
    return shaped(frame, [])[COLUMNS].reset_index(drop=True)
