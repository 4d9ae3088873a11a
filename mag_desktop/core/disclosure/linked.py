"""Indicators that show the same counts protect them together.

A partner's count of people by group and the share of the whole that a profile derives from it
(or a rate and its numerator published as a count) hold the same figures twice. Protected one
by one, the count indicator might withhold Black while the share withholds Mixed, and each
shows what the other hides. So indicators whose counts agree on the cells they share are
linked, and a cell hidden in one (suppressed by the publisher, or withheld) is withheld in the
other, rounds repeated until neither adds anything (each round only adds, so it ends).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from mag_desktop.core import vocab

KEY = ["period", "area_code", "group_code"]
#: counts shared by at least this many cells, equal on this share of them, make a link
MIN_SHARED, AGREEMENT = 3, 0.95
Compute = Callable[[str, pd.DataFrame], np.ndarray]


def _counts(frame: pd.DataFrame, unit: str) -> pd.Series:
    """Each row's count: the value of a count indicator, else the numerator."""
    values = frame["value"] if unit == "count" else frame["numerator"]
    return pd.Series(values.to_numpy(dtype=float), index=pd.MultiIndex.from_frame(frame[KEY]))


def linked_pairs(frames: dict[str, pd.DataFrame], units: dict[str, str]) -> list[tuple[str, str]]:
    """Pairs of indicators whose counts are the same figures."""
    counts = {code: _counts(frame, units.get(code, "")).dropna()
              for code, frame in frames.items()}
    codes = sorted(c for c, s in counts.items() if len(s))
    pairs = []
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            sample = counts[a].iloc[:: max(1, len(counts[a]) // 200)]
            probe = counts[b].reindex(sample.index).dropna()  # a quick look first
            if len(probe) >= MIN_SHARED and np.isclose(
                    sample.loc[probe.index], probe).mean() < AGREEMENT:
                continue
            left, right = counts[a].align(counts[b], join="inner")
            if len(left) >= MIN_SHARED and (np.isclose(left, right).mean() >= AGREEMENT):
                pairs.append((a, b))
    return pairs


def _hidden_keys(frame: pd.DataFrame, flags: np.ndarray) -> pd.MultiIndex:
    secret = frame["marker"].isin(vocab.confidential_markers()).to_numpy()
    return pd.MultiIndex.from_frame(frame.loc[flags | secret, KEY])


def protect_together(frames: dict[str, pd.DataFrame], units: dict[str, str],
                     compute: Compute, first: dict[str, np.ndarray] | None = None
                     ) -> dict[str, np.ndarray]:
    """Withheld flags per indicator (``compute(code, frame)`` gives one indicator's, honouring
    the frame's ``withheld`` column); ``first``: flags already computed one by one."""
    result = dict(first) if first else {c: compute(c, f) for c, f in frames.items()}
    pairs = linked_pairs(frames, units)
    changed = bool(pairs)
    while changed:
        changed = False
        for a, b in pairs:
            for src, dst in ((a, b), (b, a)):
                target = frames[dst]
                keys = pd.MultiIndex.from_frame(target[KEY])
                wanted = keys.isin(_hidden_keys(frames[src], result[src]))
                secret = target["marker"].isin(vocab.confidential_markers()).to_numpy()
                new = wanted & ~result[dst] & ~secret
                if new.any():
                    kept = target["withheld"].fillna(0).to_numpy(dtype=bool) | result[dst]
                    frames[dst] = target.assign(withheld=(kept | new).astype(int))
                    result[dst] = compute(dst, frames[dst])
                    changed = True
    return result
