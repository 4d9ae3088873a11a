"""The commitments behind a number: every count the summary shows names a set of commitments,
and the Commitments tab can show exactly that set.

A :class:`Selection` says which set (a cell of the theme × status grid, an exception list,
the status changes or new commitments since last quarter, the rest of a list cut short by
"and N more"); :func:`select` takes it from the filter's commitments frame with the same
definitions the summary counts with (:func:`~mag_desktop.core.query.summary.exceptions`, the
flags of :mod:`.commitments`, :func:`~mag_desktop.core.query.summary.since_last_quarter`), so
the set shown always has as many commitments as the number clicked.

The **quick filters** of the Commitments tab are the selections a member asks for most:
overdue, off track, slipped, no update this quarter, changed since last quarter, and "gap
widening" (a linked indicator's gap widened beyond what the 95% intervals allow, for the
commitment's own authority or region: the frame's ``gap_widening`` column, worked out by
:mod:`mag_desktop.core.links`). They apply on top of the filter panel's choices (the frame is
already filtered), so they combine with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from mag_desktop.core.query.commitments import FLAGS
from mag_desktop.core.query.summary import Changes

#: The quick filters, in the order the Commitments tab offers them, with their words.
QUICK: dict[str, str] = {
    "overdue": "Overdue",
    "off_track": "Off track",
    "slipped": "Slipped since last quarter",
    "no_update": "No update this quarter",
    "changed": "Changed status since last quarter",
    "gap_widening": "Gap widening",
}
#: Quick filters read straight from a boolean column of the commitments frame of that name
#: (not one of the summary's exception flags, so never counted as "needing attention").
COLUMN_KINDS = ("gap_widening",)
#: Every kind of selection: a grid cell, the quick filters, the summary's other counts, and a
#: list of commitments named elsewhere (the rest of a list of changes since a release).
KINDS = ("all", "cell", *QUICK, "attention", "new", "new_more", "listed")


@dataclass(frozen=True)
class Selection:
    """Which commitments a number stands for.

    ``kind`` is one of :data:`KINDS`. For ``"cell"``, ``theme`` and ``status`` are codes, and
    either may be None for a total (a theme's row total, a status's column total, or both for
    the grand total). ``skip`` leaves out the first commitments of the list (the ones a
    sentence named before "and N more"). For ``"listed"``, ``ids`` names the commitments and
    ``words`` says what they are.
    """

    kind: str
    theme: str | None = None
    status: str | None = None
    skip: int = 0
    ids: tuple[str, ...] = ()
    words: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"no such set of commitments: {self.kind!r}")

    @property
    def quick(self) -> bool:
        """True for one of the Commitments tab's quick filters."""
        return self.kind in QUICK

    def key(self) -> str:
        """The selection as one string (a link's target): ``cell:HOUSING:ON_TRACK:0``; a
        ``"listed"`` selection carries its IDs itself and has no key."""
        if self.kind == "listed":
            raise ValueError("a list of commitments named elsewhere is not written as a key")
        return ":".join((self.kind, self.theme or "", self.status or "", str(self.skip)))

    @classmethod
    def from_key(cls, key: str) -> Selection:
        """The selection :meth:`key` wrote; ValueError for anything else."""
        parts = key.split(":")
        if len(parts) != 4 or not parts[3].isdigit():
            raise ValueError(f"not a set of commitments: {key!r}")
        kind, theme, status, skip = parts
        return cls(kind, theme or None, status or None, int(skip))

    def describe(self, names: Callable[[str], str]) -> str:
        """What the Commitments tab says it shows, e.g. "Housing, On track" or "Overdue";
        ``names(code)`` gives a theme's or status's words."""
        if self.kind in QUICK:
            return QUICK[self.kind]
        if self.kind == "listed":
            return self.words or "The commitments listed"
        if self.kind == "cell":
            theme = names(self.theme) if self.theme else "All chosen themes"
            status = names(self.status) if self.status else "every status"
            return f"{theme}, {status}"
        return {"all": "All commitments", "attention": "Needing members' attention",
                "new": "New this quarter",
                "new_more": "New this quarter, beyond those named"}[self.kind]


def _ids(frame: pd.DataFrame, ids: pd.Series) -> pd.Series:
    return frame["id"].isin(set(ids.astype(str)))


def mask(frame: pd.DataFrame, changes: Changes, selection: Selection) -> pd.Series:
    """True for the rows of ``frame`` (the filter's commitments) in ``selection``."""
    kind = selection.kind
    if kind == "cell":
        keep = pd.Series(True, index=frame.index)
        if selection.theme:
            keep &= frame["theme"].eq(selection.theme)
        if selection.status:
            keep &= frame["status"].eq(selection.status)
        return keep
    if kind in FLAGS:
        return frame[kind].astype(bool)
    if kind in COLUMN_KINDS:
        return frame[kind].eq(True)  # a missing value (NaN) is not a widening
    if kind == "attention":
        return frame[list(FLAGS)].astype(bool).any(axis=1)
    if kind == "changed":
        return _ids(frame, changes.status_changes["id"])
    if kind in ("new", "new_more"):
        return _ids(frame, changes.new_commitments["id"])
    if kind == "listed":
        return frame["id"].isin(set(selection.ids))
    return pd.Series(True, index=frame.index)


def select(frame: pd.DataFrame, changes: Changes, selection: Selection | None) -> pd.DataFrame:
    """The commitments of ``frame`` in ``selection`` (all of them for None), in the frame's
    order, leaving out the first ``selection.skip``."""
    if selection is None:
        return frame
    chosen = frame[mask(frame, changes, selection)]
    return chosen.iloc[selection.skip:] if selection.skip else chosen


def outside(frame: pd.DataFrame, selection: Selection | None) -> int:
    """How many of a ``"listed"`` selection's commitments the frame (the filter) leaves out."""
    if selection is None or selection.kind != "listed":
        return 0
    return len(set(selection.ids) - set(frame["id"].astype(str)))


def quick_counts(frame: pd.DataFrame, changes: Changes) -> dict[str, int]:
    """How many commitments each quick filter would show."""
    return {kind: int(mask(frame, changes, Selection(kind)).sum()) for kind in QUICK}
