"""Secondary suppression: choose the figures to withhold so that no suppressed one can be
worked out from those shown.

Two passes, repeated until neither adds anything:

1. **Subtraction.** A relation (a total and its parts, see :mod:`.relations`) with exactly one
   hidden member gives it away: total minus the parts shown. Another member is hidden with it:
   the part with the smallest count (a total only when no part is left), so as little as
   possible is lost.
2. **Simultaneous equations.** Relations that each hide two or more figures can still give one
   away together (a + b, b + c and a + c known solve all three). For each connected set of
   hidden figures, a figure is recoverable exactly when its unit vector lies in the row space of
   the relations' coefficients (found from the null space by SVD); one more member of a
   relation holding it is then hidden.

Hidden at the start: the publisher's confidential cells. Everything else counts as known, even
a cell marked "not available", because an attacker who can derive it gains a foothold.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

Bools = npt.NDArray[np.bool_]
_TOL = 1e-9


def _cheapest(members: pd.DataFrame, cost: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """For each relation in ``members``, the position of its cheapest member (parts first)."""
    ranked = members.assign(cost=cost[members["pos"].to_numpy()])
    ranked = ranked.sort_values(["rel", "total", "cost", "pos"], kind="stable")
    return ranked.drop_duplicates("rel")["pos"].to_numpy(dtype=np.int64)


def _subtraction(rel: npt.NDArray[np.int64], members: pd.DataFrame, hidden: Bools,
                 cost: npt.NDArray[np.float64]) -> bool:
    """Pass 1, to its fixed point; True when anything was hidden."""
    changed = False
    pos = members["pos"].to_numpy()
    n_rel = int(rel.max()) + 1 if len(rel) else 0
    while n_rel:
        count = np.bincount(rel, weights=hidden[pos].astype(float), minlength=n_rel)
        lonely = (count == 1)[rel] & ~hidden[pos]
        if not lonely.any():
            return changed
        hidden[_cheapest(members[lonely], cost)] = True
        changed = True
    return changed


def _components(rel: npt.NDArray[np.int64], pos: npt.NDArray[np.int64],
                n_rows: int) -> npt.NDArray[np.int64]:
    """Connected sets of hidden rows (``pos`` holds hidden members only): a label per row."""
    label = np.arange(n_rows, dtype=np.int64)
    order = np.argsort(rel, kind="stable")
    rel, pos = rel[order], pos[order]
    starts = np.flatnonzero(np.r_[True, rel[1:] != rel[:-1]])
    while True:
        low = np.minimum.reduceat(label[pos], starts)
        per_member = np.repeat(low, np.diff(np.r_[starts, len(rel)]))
        before = label.copy()
        np.minimum.at(label, pos, per_member)
        label = label[label]  # follow links, so long chains settle in few rounds
        if np.array_equal(label, before):
            return label


def _recoverable(block: pd.DataFrame) -> list[int]:
    """The hidden positions the relations in ``block`` (hidden members only) determine."""
    rels, r_index = np.unique(block["rel"].to_numpy(), return_inverse=True)
    cells, c_index = np.unique(block["pos"].to_numpy(), return_inverse=True)
    if len(rels) < 2:
        return []
    a = np.zeros((len(rels), len(cells)))
    a[r_index, c_index] = np.where(block["total"].to_numpy(), -1.0, 1.0)
    _, s, vt = np.linalg.svd(a)
    rank = int((s > _TOL * max(1.0, s[0])).sum())
    free = vt[rank:]
    determined = (np.abs(free) < 1e-7).all(axis=0) if len(free) else np.ones(len(cells), bool)
    return cells[determined].tolist()


def _equations(members: pd.DataFrame, hidden: Bools, cost: npt.NDArray[np.float64]) -> bool:
    """Pass 2; True when anything was hidden."""
    pos = members["pos"].to_numpy()
    inside = members[hidden[pos]]
    counts = inside.groupby("rel")["pos"].transform("size").to_numpy()
    inside = inside[counts >= 2]
    if inside.empty:
        return False
    label = _components(inside["rel"].to_numpy(), inside["pos"].to_numpy(), len(hidden))
    inside = inside.assign(component=label[inside["pos"].to_numpy()])
    per = inside.groupby("component")["rel"].transform("nunique").to_numpy()
    found: list[int] = []
    for _, block in inside[per >= 2].groupby("component", sort=False):
        found += _recoverable(block)
    if not found:
        return False
    holding = members[members["rel"].isin(inside.loc[inside["pos"].isin(found), "rel"])]
    known = holding[~hidden[holding["pos"].to_numpy()]]
    if known.empty:
        return False
    # one relation per recoverable cell is enough: hide its cheapest known member
    first = known.drop_duplicates("rel")
    hidden[_cheapest(known[known["rel"].isin(first["rel"].head(len(found)))], cost)] = True
    return True


def withhold(members: pd.DataFrame, secret: Bools, cost: npt.NDArray[np.float64]) -> Bools:
    """Rows to withhold besides the ``secret`` ones. ``members``: (rel, pos, total) from
    :func:`.relations.relations`; ``cost``: per row, what hiding it loses (its count)."""
    hidden = secret.copy()
    if members.empty:
        return hidden & ~secret
    rel = members["rel"].to_numpy(dtype=np.int64)
    while True:
        changed = _subtraction(rel, members, hidden, cost)
        if not _equations(members, hidden, cost) and not changed:
            return hidden & ~secret
