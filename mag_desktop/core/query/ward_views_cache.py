"""Indicator views for every ward of an authority at once, then sliced per ward.

A batch of ward packs asks for the same indicator in each of an authority's wards. The
comparators (the authority, the WMCA, England) are the same for every ward, and the work on a
ward's few rows is mostly fixed overhead, so the rows of every ward are read in one query per
period and shaped in one pass (:func:`ward_views`), kept per store file and data version, and
each ward's view is cut from them (:func:`sliced_view`). The figures, words and order are
exactly those :func:`mag_desktop.core.query.indicators.indicator_view` makes for one ward.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from mag_desktop.core.disparity import disparities
from mag_desktop.core.domain import IndicatorDef
from mag_desktop.core.geography import REGION_CODE
from mag_desktop.core.query import catalogue, indicators, lookups
from mag_desktop.core.query.memo_cache import StoreMemo
from mag_desktop.core.stats import NOT_COMPARED, compare_arrays
from mag_desktop.core.store.reads import areas

_VALUES = ["value", "lower", "upper"]
_TEXT = ("marker", "limits_source", "group_label")
_LAST = int(np.iinfo(np.int32).max)
_areas: StoreMemo[lookups.AreaInfo] = StoreMemo(4096)
_definitions: StoreMemo[IndicatorDef] = StoreMemo(512)
_families: StoreMemo[WardViews | None] = StoreMemo(64)
_periods: StoreMemo[dict[tuple[str, str], tuple[str, ...]]] = StoreMemo(2)


def area_info(conn: sqlite3.Connection, code: str) -> lookups.AreaInfo:
    """:func:`lookups.area_info`, once per store version."""
    return _areas.get(conn, code, lambda: lookups.area_info(conn, code))


def definition(conn: sqlite3.Connection, code: str) -> IndicatorDef:
    """:func:`indicators.definition`, once per store version."""
    return _definitions.get(conn, code, lambda: indicators.definition(conn, code))


@cache
def group_table() -> pd.DataFrame:
    """The ethnic groups table (a fixed vocabulary), built once; callers must not modify it."""
    return indicators.group_table()


def periods_held(conn: sqlite3.Connection, indicator: str, area: str) -> tuple[str, ...]:
    """The periods with data for an indicator and area, oldest first, from the cached count
    of cells (one pass over the store per data version)."""
    def read() -> dict[tuple[str, str], tuple[str, ...]]:
        cells = catalogue.observation_cells(conn)
        held: dict[tuple[str, str], list[str]] = {}
        for code, where, period in zip(cells["code"].tolist(), cells["area_code"].tolist(),
                                       cells["period"].tolist(), strict=True):
            held.setdefault((code, where), []).append(period)
        return {k: tuple(lookups.period_order(v)) for k, v in held.items()}

    return _periods.get(conn, "periods", read).get((indicator, area), ())


@dataclass(frozen=True)
class WardViews:
    """Every ward's rows of one indicator, ward by ward, and what each view says of them."""

    frame: pd.DataFrame  # the rows of every ward, with "area_code", "_matched" first
    spans: dict[str, tuple[int, int]]  # ward -> its rows' positions in ``frame``
    chosen: dict[str, str]  # ward -> its period (the latest within the range)
    periods: dict[str, tuple[str, ...]]  # ward -> its periods within the range
    comparator: dict[str, str]  # ward -> the comparator group used
    national: dict[str, str | None]  # period -> the national comparator area
    columns: list[str]
    #: ward -> the text columns holding a value in its own or its comparators' rows (its
    #: whole query, before any choice of groups)
    texts: dict[str, frozenset[str]]


def _comparators(own: pd.DataFrame, wanted: str) -> dict[str, str]:
    """Ward -> comparator group, as :func:`indicators._comparator` chooses it for each."""
    present: dict[str, set[str]] = {}
    held = own.loc[own["value"].notna(), ["area_code", "group_code"]]
    for area, group in zip(held["area_code"].tolist(), held["group_code"].tolist(), strict=True):
        present.setdefault(area, set()).add(group)
    out = {}
    for area in dict.fromkeys(own["area_code"].tolist()):
        here = present.get(area, set())
        out[area] = wanted if wanted in here else next(
            (g for g in indicators.FALLBACK_COMPARATORS if g in here), wanted)
    return out


def _texts(obs: pd.DataFrame, wards: list[str]) -> dict[str, frozenset[str]]:
    """Ward -> the text columns with a value in its rows or in the comparators' rows."""
    mine = obs["area_code"].isin(wards).to_numpy()
    shared = {c for c in _TEXT if obs.loc[~mine, c].notna().any()}
    found: dict[str, set[str]] = {w: set(shared) for w in wards}
    for column in _TEXT:
        for area in set(obs.loc[mine & obs[column].notna().to_numpy(), "area_code"].tolist()):
            found[area].add(column)
    return {w: frozenset(c) for w, c in found.items()}


def _rows(own: pd.DataFrame, comparator: dict[str, str], ind: IndicatorDef) -> pd.DataFrame:
    """:func:`indicators._group_rows` for many wards at once (sorted by ward)."""
    rows = own.merge(group_table(), on="group_code", how="left")
    rows["_matched"] = rows["order"].notna()
    rows["order"] = rows["order"].fillna(_LAST)
    rows = rows.sort_values(["area_code", "order", "group_code"], kind="stable")
    rows = rows.reset_index(drop=True)
    indicators.mark_meanings(rows, ind)
    wanted = rows["area_code"].map(comparator)
    is_ref = (rows["group_code"] == wanted).to_numpy()
    ref = rows.loc[is_ref, ["area_code", *_VALUES]].drop_duplicates("area_code")
    ref = rows[["area_code"]].merge(ref, on="area_code", how="left")
    rows["comparison"] = compare_arrays(
        rows["value"], rows["lower"], rows["upper"], ref["value"], ref["lower"], ref["upper"],
        ind.polarity)
    rows.loc[is_ref, "comparison"] = NOT_COMPARED
    return rows


def _build(conn: sqlite3.Connection, indicator: str, parent: str, groups: tuple[str, ...],
           wanted: str, within: tuple[str | None, str | None]) -> WardViews | None:
    ind = definition(conn, indicator)
    wards = areas.wards_of(conn, (parent,))
    periods = {w: indicators._within(periods_held(conn, indicator, w), *within) for w in wards}
    chosen = {w: p[-1] for w, p in periods.items() if p}
    frames, national, comparator, texts = [], {}, {}, {}
    for period in dict.fromkeys(chosen.values()):
        here = [w for w in wards if chosen.get(w) == period]
        wanted_areas = [*here, REGION_CODE, *indicators.NATIONAL_CODES, parent]
        obs = indicators._observations(conn, indicator, list(dict.fromkeys(wanted_areas)),
                                       period)
        held = set(obs["area_code"])
        texts.update(_texts(obs, here))
        national[period] = next((c for c in indicators.NATIONAL_CODES if c in held), None)
        own = obs[obs["area_code"].isin(here)]
        found = _comparators(own, wanted)
        comparator.update(found)
        if groups:
            keep = own["group_code"].isin(set(groups)) | (
                own["group_code"] == own["area_code"].map(found))
            own = own[keep]
        rows = _rows(own, found, ind)
        cmp = {"region": REGION_CODE, "england": national[period], "authority": parent}
        frames.append(indicators._with_comparators(rows, obs, cmp, ind.polarity))
    if not frames:
        return None
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    codes = frame["area_code"].to_numpy()
    spans: dict[str, tuple[int, int]] = {}
    if len(codes):
        edges = np.flatnonzero(codes[1:] != codes[:-1]) + 1
        starts = np.concatenate(([0], edges))
        stops = np.concatenate((edges, [len(codes)]))
        spans = {str(codes[a]): (int(a), int(b)) for a, b in zip(starts, stops, strict=True)}
    columns = [c for c in frame.columns if c not in ("area_code", "_matched")]
    return WardViews(frame, spans, chosen, periods, comparator, national, columns, texts)


def ward_views(conn: sqlite3.Connection, indicator: str, parent: str,
               groups: tuple[str, ...], wanted: str,
               within: tuple[str | None, str | None]) -> WardViews | None:
    """Every ward of ``parent``'s rows for ``indicator`` (cached per store version)."""
    key = (indicator, parent, groups, wanted, within)
    return _families.get(conn, key,
                         lambda: _build(conn, indicator, parent, groups, wanted, within))


def _typed_like_one(rows: pd.DataFrame, matched: np.ndarray,
                    texts: frozenset[str]) -> pd.DataFrame:
    """The column types one ward's own query gives: a text column with no value in the
    ward's nor its comparators' rows reads as None (object), and the publishing order stays
    whole when every group is known."""
    for column in _TEXT:
        if column not in texts:
            rows[column] = pd.Series([None] * len(rows), dtype=object)
    if matched.all():
        rows["order"] = rows["order"].astype("int64")
    return rows


def sliced_view(conn: sqlite3.Connection, views: WardViews, area: lookups.AreaInfo,
                ind: IndicatorDef) -> indicators.IndicatorView:
    """One ward's view cut from ``views`` (the ward must have a period there)."""
    start, stop = views.spans.get(area.code, (0, 0))
    part = views.frame.iloc[start:stop]
    rows = part[views.columns].reset_index(drop=True)
    period = views.chosen[area.code]
    rows = _typed_like_one(rows, part["_matched"].to_numpy(), views.texts[area.code])
    comparator = views.comparator.get(area.code, "")
    national = views.national[period]
    names = {"region": indicators.REGION_NAME, "authority": area.parent_name or ""}
    if national:
        names["england"] = area_info(conn, national).name
    return indicators.IndicatorView(
        indicator=ind, area=area, period=period, periods=views.periods[area.code],
        comparator_group=comparator, rows=rows,
        disparities=disparities(rows, comparator, ind),
        comparator_names={k: v for k, v in names.items() if v and (
            rows[f"{k}_value"].notna().any() if f"{k}_value" in rows else False)},
    )
