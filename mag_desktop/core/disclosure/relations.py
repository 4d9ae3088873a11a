"""The additive breakdowns a table of observations holds: which figures sum to which.

Within one indicator, period and area, "All ethnic groups" is the sum of the five headings and
"Unknown" (a detailed group stands in for its heading where the heading has no row); a heading
is the sum of its detailed groups; "All" is "Ethnic minorities" plus White British, and "All
except White" plus White, each with or without "Unknown"; and each of those aggregates is the
sum of the groups it covers. Across areas, an authority (or the WMCA area) is the sum of its wards
(or its constituent authorities) when every one of them has a row for the group.

Only rows present take part: a breakdown missing a row is treated as if the rows present made
the whole (a publisher may leave out a row of zeros), which can only protect more, never less;
but a total with a single part is not taken for a breakdown. Each relation is one total and
its parts; the result lists memberships as (rel, pos, total), ``pos`` a row position.

Keys are whole numbers built from factorised codes, so a million rows take a fraction of a
second.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import pandas as pd

from mag_desktop.core import ethnicity
from mag_desktop.core.distinct import codes_of

#: (aggregate, complement): "All" is the sum of the two
AGGREGATES = (("MINORITY", "WHITE_BRITISH"), ("NON_WHITE_ALL", "WHITE"))
#: an aggregate and the groups (headings where they are whole) it is the sum of
AGGREGATE_PARTS = {
    "NON_WHITE_ALL": ("ASIAN", "BLACK", "MIXED", "OTHER"),
    "MINORITY": ("ASIAN", "BLACK", "MIXED", "OTHER", "WHITE_IRISH", "WHITE_GYPSY_TRAVELLER",
                 "WHITE_ROMA", "WHITE_OTHER"),
}
Ints = npt.NDArray[np.int64]


def _empty() -> pd.DataFrame:
    return pd.DataFrame({"rel": pd.Series(dtype="int64"), "pos": pd.Series(dtype="int64"),
                         "total": pd.Series(dtype=bool)})


def _relations(t_key: Ints, t_pos: Ints, p_key: Ints, p_pos: Ints,
               need: Ints | None = None) -> tuple[Ints, Ints, npt.NDArray[np.bool_]]:
    """Memberships of the relations whose key has exactly one total and at least two parts
    (with ``need``, indexed like the keys' totals: exactly that many parts)."""
    keys = np.concatenate([t_key, p_key])
    pos = np.concatenate([t_pos, p_pos])
    total = np.concatenate([np.ones(len(t_key), bool), np.zeros(len(p_key), bool)])
    if not len(keys):
        return keys, pos, total
    uniq, rel = np.unique(keys, return_inverse=True)
    n_total = np.bincount(rel, weights=total, minlength=len(uniq))
    n_parts = np.bincount(rel, weights=~total, minlength=len(uniq))
    ok = (n_total == 1) & (n_parts >= 2)
    if need is not None:
        wanted = np.full(len(uniq), -1.0)
        wanted[rel[: len(t_key)]] = need
        ok &= n_parts == wanted
    keep = ok[rel]
    return rel[keep], pos[keep], total[keep]


def relations(frame: pd.DataFrame, children: Mapping[str, tuple[str, ...]]) -> pd.DataFrame:
    """Every relation among ``frame``'s rows (columns indicator_code, period, area_code,
    group_code; any index). ``children``: area code -> the codes of the areas it is the sum
    of. Returns memberships (rel, pos, total), relation numbers unique across kinds."""
    if frame.empty:
        return _empty()
    groups = ethnicity.groups()
    codes = [g.code for g in groups]
    gi = {c: i for i, c in enumerate(codes)}
    n_g = len(codes) + 1  # the last number for a code the classification does not know
    ind_i, inds = codes_of(frame["indicator_code"].to_numpy(dtype=object))
    per_i, _ = codes_of(frame["period"].to_numpy(dtype=object))
    slice_i = per_i * (len(inds) + 1) + ind_i
    area_i, areas = codes_of(frame["area_code"].to_numpy(dtype=object))
    grp_i, grp_codes = codes_of(frame["group_code"].to_numpy(dtype=object))
    grp = np.array([gi.get(str(c), n_g - 1) for c in grp_codes] + [n_g - 1],
                   dtype=np.int64)[grp_i]
    kind = np.array([g.kind for g in groups] + ["other"])[grp]
    heading = np.array([gi.get(g.heading_code or "", -1) for g in groups] + [-1])[grp]
    pos = np.arange(len(frame), dtype=np.int64)
    n_a = len(areas) + 1
    sa = slice_i * n_a + area_i  # (slice, area)
    found: list[tuple[Ints, Ints, npt.NDArray[np.bool_]]] = []
    is_group = (kind == "group") & (heading >= 0)
    is_head = kind == "heading"
    everyone = grp == gi["ALL"]
    # a heading and its detailed groups
    found.append(_relations(sa[is_head] * n_g + grp[is_head], pos[is_head],
                            sa[is_group] * n_g + heading[is_group], pos[is_group]))
    # All and the headings (a detailed group standing in where its heading has no row)
    orphan = is_group & ~np.isin(sa * n_g + heading, sa[is_head] * n_g + grp[is_head])
    tops = is_head | (kind == "unknown") | orphan
    found.append(_relations(sa[everyone], pos[everyone], sa[tops], pos[tops]))
    # All as an aggregate plus its complement (and Unknown, whichever way a partner counts it)
    unknown = grp == gi["UNKNOWN"]
    for aggregate, complement in AGGREGATES:
        pair = (grp == gi[aggregate]) | (grp == gi[complement])
        for extra, n_parts in ((np.zeros_like(pair), 2), (unknown, 3)):
            with_extra = pair | extra
            need = np.full(int(everyone.sum()), n_parts, dtype=np.int64)
            found.append(_relations(sa[everyone], pos[everyone], sa[with_extra],
                                    pos[with_extra], need))
    # an aggregate and the groups it is made of (again with and without Unknown)
    for aggregate, members in AGGREGATE_PARTS.items():
        is_agg = grp == gi[aggregate]
        inside = np.isin(grp, [gi[c] for c in members])
        for extra in (np.zeros_like(inside), unknown):
            parts = inside | extra
            found.append(_relations(sa[is_agg], pos[is_agg], sa[parts], pos[parts]))
    # an area and the areas it is the sum of, group by group
    if children:
        index = {code: i for i, code in enumerate(areas)}
        parent_of = np.full(n_a, -1, dtype=np.int64)
        size = np.zeros(n_a, dtype=np.int64)
        for parent, kids in children.items():
            if parent in index:
                size[index[parent]] = len(kids)
            for kid in kids:
                if kid in index and parent in index:
                    parent_of[index[kid]] = index[parent]
        kid = parent_of[area_i] >= 0
        top = size[area_i] > 0
        base = slice_i * n_g + grp
        found.append(_relations((base[top]) * n_a + area_i[top], pos[top],
                                base[kid] * n_a + parent_of[area_i[kid]], pos[kid],
                                size[area_i[top]]))
    out_rel, out_pos, out_total = [], [], []
    offset = 0
    for rel, where, total in found:
        if not len(rel):
            continue
        out_rel.append(rel + offset)
        out_pos.append(where)
        out_total.append(total)
        offset += int(rel.max()) + 1
    if not out_rel:
        return _empty()
    rel = pd.factorize(np.concatenate(out_rel))[0].astype(np.int64)
    return pd.DataFrame({"rel": rel, "pos": np.concatenate(out_pos),
                         "total": np.concatenate(out_total)})
