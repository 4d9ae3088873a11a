"""Secondary suppression: choose the figures to withhold so that no suppressed one can be
worked out from those shown.

Two passes, repeated until neither adds anything:

1. **Subtraction.** A relation (a total and its parts, see :mod:`.relations`) with exactly one
   hidden member gives it away: total minus the parts shown. Another member is hidden with it:
   the part with the smallest count (a total only when no part is left), so as little as
   possible is lost.
2. **Simultaneous equations.** Relations that each hide two or more figures can still give one
   away together (a + b, b + c and a + c known solve all three). For each connected set of
   hidden figures, a figure is recoverable exactly when the relations fix it whatever the
   figures shown (it leads a row of their reduced row echelon form with no free unknown in
   it); one more member of a relation holding it is then hidden.

Hidden at the start: the publisher's confidential cells. Everything else counts as known, even
a cell marked "not available", because an attacker who can derive it gains a foothold.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd
from threadpoolctl import threadpool_limits

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]
_TOL = 1e-9


class _Index:
    """Memberships (rel, pos, total) as arrays, reachable from a row and from a relation."""

    def __init__(self, members: pd.DataFrame, n_rows: int) -> None:
        self.rel = members["rel"].to_numpy(dtype=np.int64)
        self.pos = members["pos"].to_numpy(dtype=np.int64)
        self.total = members["total"].to_numpy(dtype=bool)
        self.n_rel = int(self.rel.max()) + 1 if len(self.rel) else 0
        self.by_pos = np.argsort(self.pos, kind="stable")
        self.pos_start = np.r_[0, np.cumsum(np.bincount(self.pos, minlength=n_rows))]
        self.by_rel = np.argsort(self.rel, kind="stable")
        self.rel_start = np.r_[0, np.cumsum(np.bincount(self.rel, minlength=self.n_rel))]

    def _gather(self, order: Ints, start: Ints, keys: Ints) -> Ints:
        lo, hi = start[keys], start[keys + 1]
        lengths = hi - lo
        if not len(keys) or lengths.sum() == 0:
            return np.zeros(0, dtype=np.int64)
        skip = np.repeat(lo - np.cumsum(np.r_[0, lengths[:-1]]), lengths)
        return order[np.arange(int(lengths.sum())) + skip]

    def of_rows(self, rows: Ints) -> Ints:
        """The membership numbers of these rows."""
        return self._gather(self.by_pos, self.pos_start, rows)

    def of_rels(self, rels: Ints) -> Ints:
        """The membership numbers of these relations."""
        return self._gather(self.by_rel, self.rel_start, rels)


#: a second figure should be at least this many times the reliability threshold, so that the
#: pair's total leaves the suppressed figure anywhere in its own range (a small second figure
#: would bound it: two hidden figures of 5 and at most 4 that sum to 5 give both away)
PROTECTION = 2.0


def protection_cost(count: npt.NDArray[np.float64], threshold: float) -> npt.NDArray[np.float64]:
    """What hiding each row costs, in the order rows are chosen: the smallest count of at
    least ``PROTECTION × threshold`` first, then smaller ones from the largest down, a zero
    or a row without a count last."""
    floor = PROTECTION * max(threshold, 5.0)
    count = np.where(np.isfinite(count), count, np.nan)
    big = count >= floor
    return np.where(big, count, np.where(count > 0, 1e15 - np.nan_to_num(count), 1e18))


def _cheapest(ix: _Index, members: Ints, cost: npt.NDArray[np.float64],
              helps: npt.NDArray[np.float64] | None = None) -> Ints:
    """For each relation among ``members`` (membership numbers), the row best hidden: parts
    before the total, rows of at least the protection level before smaller ones, then the one
    that also closes the most other breakdowns left with a single hidden figure (``helps``,
    per row), then the cheapest (:func:`protection_cost`)."""
    pos, rel = ix.pos[members], ix.rel[members]
    gain = -(helps[pos] if helps is not None else np.zeros(len(pos)))
    small = cost[pos] >= 1e15  # below the protection level: only when nothing else will do
    order = np.lexsort((pos, cost[pos], gain, small, ix.total[members], rel))
    first = np.r_[True, rel[order][1:] != rel[order][:-1]]
    return pos[order][first]


def _subtraction(ix: _Index, hidden: Bools, cost: npt.NDArray[np.float64]) -> bool:
    """Pass 1, to its fixed point; True when anything was hidden. Only the breakdowns left
    with a single hidden figure are looked at: counted once, then kept up to date as figures
    are hidden (a breakdown can only become lonely when one of its figures is hidden)."""
    count = np.bincount(ix.rel[ix.of_rows(np.flatnonzero(hidden))], minlength=ix.n_rel)
    pending = np.flatnonzero(count == 1)
    changed = False
    while len(pending):
        members = ix.of_rels(pending)
        rel, pos = ix.rel[members], ix.pos[members]
        lonely = (count[rel] == 1) & ~hidden[pos]
        if not lonely.any():
            break
        # a row in several lonely breakdowns closes them all at once (a rectangle rather than
        # a chain of suppressions running through the table)
        helps = np.bincount(pos[lonely], minlength=len(hidden)).astype(float)
        chosen = np.unique(_cheapest(ix, members[lonely], cost, helps))
        chosen = chosen[~hidden[chosen]]
        hidden[chosen] = True
        changed = True
        touched = ix.rel[ix.of_rows(chosen)]
        np.add.at(count, touched, 1)
        pending = np.unique(touched[count[touched] == 1])
    return changed


def _components(rel: npt.NDArray[np.int64], pos: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Connected sets of hidden rows (``pos`` holds hidden members only): a label per
    membership, the same for all of a set and ordered as the sets' first rows. Worked on the
    rows present only, not the whole table, since it runs every round."""
    cells, cell = np.unique(pos, return_inverse=True)
    label = np.arange(len(cells), dtype=np.int64)
    order = np.argsort(rel, kind="stable")
    cell_sorted = cell[order]
    starts = np.flatnonzero(np.r_[True, np.diff(rel[order]) != 0])
    sizes = np.diff(np.r_[starts, len(rel)])
    while True:
        low = np.repeat(np.minimum.reduceat(label[cell_sorted], starts), sizes)
        before = label.copy()
        np.minimum.at(label, cell_sorted, low)
        label = label[label]  # follow links, so long chains settle in few rounds
        if np.array_equal(label, before):
            return label[cell]


_PATTERNS: dict[bytes, npt.NDArray[np.bool_]] = {}


def _determined(a: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """Which unknowns the equations ``a x = b`` fix, whatever ``b``: those with no component
    in the null space of ``a`` (from its SVD). Above :data:`_SVD_MAX` unknowns Gauss-Jordan
    elimination gives the same, in bounded memory."""
    if a.shape[1] > _SVD_MAX:
        return _eliminated(a)
    _, s, vt = np.linalg.svd(a)
    rank = int((s > _TOL * max(1.0, float(s[0]))).sum())
    free = vt[rank:]
    if not len(free):
        return np.ones(a.shape[1], dtype=bool)
    return np.asarray((np.abs(free) < 1e-7).all(axis=0), dtype=bool)


_SVD_MAX = 400


def _eliminated(a: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """:func:`_determined` by reduced row echelon form (plain array arithmetic): an unknown is
    fixed when it leads a row with no free unknown in it."""
    a = a.copy()
    m, n = a.shape
    pivots: list[int] = []
    row = 0
    for col in range(n):
        if row == m:
            break
        k = row + int(np.argmax(np.abs(a[row:, col])))
        if abs(a[k, col]) < _TOL:
            continue
        if k != row:
            a[[row, k]] = a[[k, row]]
        a[row] /= a[row, col]
        factors = a[:, col].copy()
        factors[row] = 0.0
        a -= factors[:, None] * a[row]
        pivots.append(col)
        row += 1
    free = np.setdiff1d(np.arange(n), pivots)
    fixed = np.zeros(n, dtype=bool)
    for i, col in enumerate(pivots):
        fixed[col] = not free.size or bool((np.abs(a[i, free]) < 1e-7).all())
    return fixed


def _peel(rel: Ints, pos: Ints) -> tuple[Ints, list[tuple[int, list[int]]]]:
    """Set aside each figure that only one relation holds, with that relation: whatever the
    rest, the relation can be met by moving that figure alone, so it constrains nothing else.
    Returns the memberships left (a mask's indices) and, in order, (figure, the relation's
    other figures) for each set aside: it is fixed only if all those are."""
    cells: dict[int, set[int]] = {}
    rels: dict[int, set[int]] = {}
    for r, p in zip(rel.tolist(), pos.tolist(), strict=True):
        cells.setdefault(r, set()).add(p)
        rels.setdefault(p, set()).add(r)
    stack = [p for p, held in rels.items() if len(held) == 1]
    peeled: list[tuple[int, list[int]]] = []
    while stack:
        p = stack.pop()
        if len(rels.get(p, ())) != 1:
            continue
        (r,) = rels.pop(p)
        others = [q for q in cells.pop(r) if q != p]
        peeled.append((p, others))
        for q in others:
            rels[q].discard(r)
            if len(rels[q]) == 1:
                stack.append(q)
    left = np.array([i for i, r in enumerate(rel.tolist()) if r in cells], dtype=np.int64)
    return left, peeled


def _recoverable(rel: Ints, pos: Ints, total: npt.NDArray[np.bool_]) -> list[int]:
    """The hidden positions that one connected set of relations (hidden members only)
    determines. Figures held by one relation are set aside first (:func:`_peel`); the rest,
    often a few rectangles repeating the same pattern, are solved by elimination, with the
    answers remembered by the pattern of coefficients."""
    left, peeled = _peel(rel, pos)
    fixed_cells: set[int] = set()
    if len(left):
        rels, r_index = np.unique(rel[left], return_inverse=True)
        cells, c_index = np.unique(pos[left], return_inverse=True)
        a = np.zeros((len(rels), len(cells)), dtype=np.int8)
        a[r_index, c_index] = np.where(total[left], -1, 1)
        key = bytes((len(rels) % 256, len(cells) % 256)) + a.tobytes() if a.size <= 400 else b""
        fixed = _PATTERNS.get(key) if key else None
        if fixed is None:
            fixed = _determined(a.astype(np.float64))
            if key and len(_PATTERNS) < 100_000:
                _PATTERNS[key] = fixed
        fixed_cells = set(cells[fixed].tolist())
    for p, others in reversed(peeled):
        if others and all(q in fixed_cells for q in others):
            fixed_cells.add(p)
    return sorted(fixed_cells)


def _equations(ix: _Index, hidden: Bools, cost: npt.NDArray[np.float64],
               safe: set[bytes]) -> bool:
    """Pass 2; True when anything was hidden. ``safe`` remembers the connected sets found to
    give nothing away, so later rounds skip them."""
    inside = ix.of_rows(np.flatnonzero(hidden))
    per_rel = np.bincount(ix.rel[inside], minlength=ix.n_rel)
    inside = inside[per_rel[ix.rel[inside]] >= 2]
    if not len(inside):
        return False
    i_rel, i_pos, i_total = ix.rel[inside], ix.pos[inside], ix.total[inside]
    label = _components(i_rel, i_pos)
    order = np.argsort(label, kind="stable")
    cuts = np.flatnonzero(np.diff(label[order])) + 1
    found: list[int] = []
    for part in np.split(order, cuts):
        if len(part) < 4:  # two relations of two hidden figures at the least
            continue
        key = np.sort(i_pos[part] * 1_000_003 + i_rel[part]).tobytes()
        if key in safe:
            continue
        recovered = _recoverable(i_rel[part], i_pos[part], i_total[part])
        if recovered:
            found += recovered
        else:
            safe.add(key)
    if not found:
        return False
    # for each recoverable figure, the first relation holding it that has a known member:
    # hide that relation's cheapest known member (a choice that depends on the figure's own
    # breakdowns only, so a slice is protected the same whatever is protected beside it)
    held = ix.of_rows(np.unique(np.array(found, dtype=np.int64)))
    around = ix.of_rels(np.unique(ix.rel[held]))  # the members of the relations holding them
    open_rel = np.zeros(ix.n_rel, dtype=bool)
    open_rel[ix.rel[around][~hidden[ix.pos[around]]]] = True  # with a member shown
    held = held[open_rel[ix.rel[held]]]
    if not len(held):
        return False
    by_cell = np.lexsort((ix.rel[held], ix.pos[held]))  # each cell's relations, lowest first
    cells = ix.pos[held][by_cell]
    first = np.r_[True, cells[1:] != cells[:-1]]
    members = ix.of_rels(np.unique(ix.rel[held][by_cell][first]))
    hidden[_cheapest(ix, members[~hidden[ix.pos[members]]], cost)] = True
    return True


def withhold(members: pd.DataFrame, secret: Bools, cost: npt.NDArray[np.float64],
             kept: Bools | None = None) -> Bools:
    """Rows to withhold besides the ``secret`` ones. ``members``: (rel, pos, total) from
    :func:`.relations.relations`; ``cost``: per row, what hiding it loses (see
    :func:`protection_cost`); ``kept``: rows withheld before, which stay withheld (a figure
    shown in one version and hidden in the next would let the two be subtracted)."""
    hidden = secret.copy() if kept is None else secret | kept
    if members.empty:
        return hidden & ~secret
    ix = _Index(members, len(hidden))
    safe: set[bytes] = set()
    # the systems are many and small: a threaded BLAS spends more time waking its threads (and,
    # on a busy machine, waiting for them) than solving; one thread is steady everywhere
    with threadpool_limits(limits=1, user_api="blas"):
        return _withhold(ix, hidden, secret, cost, safe)


def _withhold(ix: _Index, hidden: Bools, secret: Bools, cost: npt.NDArray[np.float64],
              safe: set[bytes]) -> Bools:
    while True:
        changed = _subtraction(ix, hidden, cost)
        if not _equations(ix, hidden, cost, safe) and not changed:
            return hidden & ~secret
