"""The additive breakdowns a table of observations holds: which figures sum to which.

Within one indicator, period and area, "All ethnic groups" is the sum of the five headings and
"Unknown" (a detailed group stands in for its heading where the heading has no row); a heading
is the sum of its detailed groups; "All" is "Ethnic minorities" plus White British, and "All
except White" plus White. Across areas, an authority (or the WMCA area) is the sum of its wards
(or its constituent authorities) when every one of them has a row for the group.

Only rows present take part: a breakdown missing a row is treated as if the rows present made
the whole (a publisher may leave out a row of zeros), which can only protect more, never less;
but a total with a single part is not taken for a breakdown. Each relation is one total and its parts;
the result lists memberships as (rel, pos, total), ``pos`` being a row position in the frame.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from mag_desktop.core import ethnicity

SLICE = ["indicator_code", "period"]
AREA = [*SLICE, "area_code"]
#: (aggregate, complement): "All" is the sum of the two
AGGREGATES = (("MINORITY", "WHITE_BRITISH"), ("NON_WHITE_ALL", "WHITE"))
MEMBERSHIP = ["rel", "pos", "total"]


def _kinds() -> tuple[dict[str, str], dict[str, str]]:
    groups = ethnicity.groups()
    return ({g.code: g.kind for g in groups},
            {g.code: g.heading_code for g in groups if g.kind == "group" and g.heading_code})


def _relations(totals: pd.DataFrame, parts: pd.DataFrame, key: list[str],
               need: pd.Series | None = None) -> pd.DataFrame:
    """Relations keyed by ``key``: one total row and at least two parts (and, with ``need``,
    exactly that many parts: a Series indexed by the key's last column). A total with a single
    part is no breakdown ("All" is never White British alone): the rest is simply not held."""
    t = totals[[*key, "pos"]].assign(total=True)
    p = parts[[*key, "pos"]].assign(total=False)
    both = pd.concat([t, p], ignore_index=True)
    if both.empty:
        return both.assign(rel=pd.Series(dtype="int64"))[MEMBERSHIP]
    rel = both.groupby(key, sort=False, dropna=False).ngroup().to_numpy()
    n_total = np.bincount(rel, weights=both["total"].to_numpy(dtype=float))
    n_parts = np.bincount(rel, weights=(~both["total"]).to_numpy(dtype=float))
    ok = (n_total == 1) & (n_parts >= 2)
    if need is not None:
        first = both.groupby(rel, sort=True)[key[-1]].first()
        wanted = first.map(need).to_numpy(dtype=float)
        ok &= n_parts == np.nan_to_num(wanted, nan=-1)
    return both.assign(rel=rel)[ok[rel]][MEMBERSHIP]


def relations(frame: pd.DataFrame, children: Mapping[str, tuple[str, ...]]) -> pd.DataFrame:
    """Every relation among ``frame``'s rows (columns indicator_code, period, area_code,
    group_code; any index). ``children``: area code -> the codes of the areas it is the sum
    of. Returns memberships (rel, pos, total), relation numbers unique across kinds."""
    kind_of, heading_of = _kinds()
    rows = frame[[*AREA, "group_code"]].reset_index(drop=True).assign(
        pos=np.arange(len(frame)))
    kind = rows["group_code"].map(kind_of)
    detailed = rows[kind == "group"].assign(heading=lambda d: d["group_code"].map(heading_of))
    headings = rows[kind == "heading"]
    everyone = rows[rows["group_code"] == "ALL"]
    found: list[pd.DataFrame] = []
    # a heading and its detailed groups
    found.append(_relations(headings.assign(heading=headings["group_code"]), detailed,
                            [*AREA, "heading"]))
    # All and the headings (a detailed group standing in where its heading has no row)
    held = pd.MultiIndex.from_frame(headings[[*AREA, "group_code"]])
    wanted = pd.MultiIndex.from_frame(detailed[[*AREA, "heading"]])
    orphans = detailed[~wanted.isin(held)]
    tops = pd.concat([headings, rows[kind == "unknown"], orphans[rows.columns]])
    found.append(_relations(everyone, tops, AREA))
    # All as an aggregate plus its complement
    for aggregate, complement in AGGREGATES:
        pair = rows[rows["group_code"].isin([aggregate, complement])]
        need = pd.Series(2, index=pd.Index(everyone["area_code"].unique()))
        found.append(_relations(everyone, pair, AREA, need))
    # an area and the areas it is the sum of, group by group
    if children:
        parent_of = {c: p for p, kids in children.items() for c in kids}
        size = pd.Series({p: len(kids) for p, kids in children.items()})
        kids = rows[rows["area_code"].isin(parent_of.keys())]
        kids = kids.assign(parent=kids["area_code"].map(parent_of))
        tops = rows[rows["area_code"].isin(children.keys())]
        tops = tops.assign(parent=tops["area_code"])
        found.append(_relations(tops, kids, [*SLICE, "group_code", "parent"], size))
    offset = 0
    out = []
    for part in found:
        if part.empty:
            continue
        out.append(part.assign(rel=part["rel"] + offset))
        offset += int(part["rel"].max()) + 1
    if not out:
        return pd.DataFrame({"rel": pd.Series(dtype="int64"), "pos": pd.Series(dtype="int64"),
                             "total": pd.Series(dtype=bool)})
    result = pd.concat(out, ignore_index=True)
    result["rel"] = pd.factorize(result["rel"])[0]
    return result.astype({"rel": "int64", "pos": "int64", "total": bool})
