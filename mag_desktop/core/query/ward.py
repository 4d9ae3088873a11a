"""A ward profile: who lives there (Census 2021), its indicators against its authority, and the
commitments that reach it.

Residents come from the indicators :data:`CENSUS_COUNT` (people) and :data:`CENSUS_PERCENT`
(share of residents); when only the counts are held, the share is the count over the "All
ethnic groups" count. Indicators are compared for everyone ("ALL" group) at the ward's latest
period, against the authority's value for that same period.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from mag_desktop.core import ethnicity
from mag_desktop.core.disclosure import LOW_RELIABILITY, low_reliability
from mag_desktop.core.domain import Polarity
from mag_desktop.core.query import catalogue, lookups
from mag_desktop.core.query.commitments import commitments_frame
from mag_desktop.core.query.filters import Filter
from mag_desktop.core.query.lookups import AreaInfo
from mag_desktop.core.query.memo_cache import StoreMemo
from mag_desktop.core.stats import compare_arrays
from mag_desktop.core.store.reads import observations

CENSUS_COUNT = "CENSUS_ETH_COUNT"
CENSUS_PERCENT = "CENSUS_ETH_PCT"
ALL_GROUP = "ALL"
_VALUES = ["value", "lower", "upper", "marker"]
_RESIDENT_COLUMNS = [
    "group_code", "label", "short_label", "kind", "count", "percent", "marker",
    "authority_percent",
]
_INDICATOR_COLUMNS = [
    "code", "name", "theme", "theme_name", "theme_position", "unit", "decimals", "polarity",
    "period", "value", "lower", "upper", "marker", "authority_value", "authority_lower",
    "authority_upper", "authority_marker", "comparison", "flag",
]


@dataclass(frozen=True)
class WardProfile:
    ward: AreaInfo  # parent_code / parent_name are the ward's authority
    census_period: str | None
    residents: pd.DataFrame
    indicators: pd.DataFrame
    commitments: pd.DataFrame

    @property
    def authority_code(self) -> str | None:
        return self.ward.parent_code

    @property
    def authority_name(self) -> str | None:
        return self.ward.parent_name


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("value", "lower", "upper", "numerator"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def _shares(rows: pd.DataFrame) -> pd.DataFrame:
    """group_code, count, percent, marker for one area and period."""
    counts = rows[rows["code"] == CENSUS_COUNT].set_index("group_code")
    given = rows[rows["code"] == CENSUS_PERCENT].set_index("group_code")
    frame = pd.DataFrame(index=counts.index.union(given.index))
    frame["count"] = counts["value"]
    total = counts["value"].get(ALL_GROUP, np.nan)
    frame["percent"] = given["value"].combine_first(frame["count"] / total * 100)
    frame["marker"] = counts["marker"].combine_first(given["marker"])
    return frame.rename_axis("group_code").reset_index()


#: an authority's shares of residents by group at a census period, the same for its wards
_parent_shares: StoreMemo[pd.DataFrame] = StoreMemo(64)
_definitions: StoreMemo[pd.DataFrame] = StoreMemo(2)


@cache
def _groups() -> pd.DataFrame:
    """The ethnic groups (a fixed vocabulary), built once; never modified."""
    return pd.DataFrame(
        [(g.code, g.label, g.short_label, g.kind, g.order) for g in ethnicity.groups()],
        columns=["group_code", "label", "short_label", "kind", "order"],
    )


def _residents(conn: sqlite3.Connection, ward: AreaInfo) -> tuple[str | None, pd.DataFrame]:
    areas = (ward.code, ward.parent_code or ward.code)
    obs = _typed(observations.of_indicators(conn, (CENSUS_COUNT, CENSUS_PERCENT), areas))
    period = lookups.latest_period(obs.loc[obs["area_code"] == ward.code, "period"])
    if period is None:
        return None, pd.DataFrame(columns=_RESIDENT_COLUMNS)
    obs = obs[obs["period"] == period]
    own = _shares(obs[obs["area_code"] == ward.code])
    parent = _parent_shares.get(conn, (areas[1], period), lambda: _shares(
        obs[obs["area_code"] == areas[1]])[["group_code", "percent"]].rename(
            columns={"percent": "authority_percent"}))
    frame = own.merge(parent, how="left", on="group_code").merge(
        _groups(), on="group_code", how="left")
    frame = frame.sort_values("order", kind="stable", na_position="last")
    return period, frame[_RESIDENT_COLUMNS].reset_index(drop=True)


def _compare(frame: pd.DataFrame) -> pd.Series:
    """Each row against the authority, with that row's own polarity (vectorised per polarity)."""
    result = pd.Series("not compared", index=frame.index, dtype=object)
    for polarity in Polarity:
        rows = frame[frame["polarity"] == polarity.value]
        if len(rows):
            result[rows.index] = compare_arrays(
                rows["value"], rows["lower"], rows["upper"], rows["authority_value"],
                rows["authority_lower"], rows["authority_upper"], polarity,
            )
    return result


def _indicators(conn: sqlite3.Connection, ward: AreaInfo, flt: Filter) -> pd.DataFrame:
    """The ward's indicators of the filter's themes, each at its latest period within the
    filter's period range."""
    obs = _typed(observations.all_groups_of_current_indicators(
        conn, (ward.code, ward.parent_code or ward.code)))
    obs = obs[~obs["code"].isin([CENSUS_COUNT, CENSUS_PERCENT])]
    if flt.period_from or flt.period_to:
        inside = lookups.periods_within(obs["period"].unique(), flt.period_from, flt.period_to)
        obs = obs[obs["period"].map(inside).fillna(False).astype(bool)]
    own = obs[obs["area_code"] == ward.code].assign(rank=lambda f: lookups.period_rank(f["period"]))
    latest = own.sort_values("rank", kind="stable").drop_duplicates("code", keep="last")
    latest = latest[["code", "period", *_VALUES, "numerator"]]
    parent = obs[obs["area_code"] == ward.parent_code][["code", "period", *_VALUES]]
    parent = parent.rename(columns={c: f"authority_{c}" for c in _VALUES})
    definitions = _definitions.get(conn, "definitions", lambda: catalogue.definitions(conn))
    if flt.themes:
        definitions = definitions[definitions["theme"].isin(flt.themes)]
    frame = definitions.merge(
        latest, on="code", how="inner"
    ).merge(parent, on=["code", "period"], how="left")
    frame["comparison"] = _compare(frame)
    weak = low_reliability(frame["numerator"], frame["min_count"]) & frame["marker"].isna()
    frame["flag"] = np.where(weak, LOW_RELIABILITY, "")  # "" for none
    return frame[_INDICATOR_COLUMNS].reset_index(drop=True)


def ward_profile(conn: sqlite3.Connection, ward_code: str,
                 flt: Filter | None = None) -> WardProfile:
    """Residents, indicators against the authority, and commitments for one ward (narrowed
    by the filter's themes, statuses and text when one is given; the indicators by its themes
    and period range)."""
    flt = flt or Filter()
    from mag_desktop.core.query.ward_views_cache import area_info

    ward = area_info(conn, ward_code)
    if ward.level != "ward":
        raise lookups.NotFoundError(f"{ward_code} ({ward.name}) is not a ward")
    period, residents = _residents(conn, ward)
    return WardProfile(
        ward=ward,
        census_period=period,
        residents=residents,
        indicators=_indicators(conn, ward, flt),
        commitments=commitments_frame(conn, flt.replace(
            authorities=(), wards=(ward.code,))),
    )
