"""What "Is it working?" shows for one link, one area: the presentation object the window's
commitment detail, the indicator view and every pack format render, so they cannot disagree.

Words of honesty, decided once here and in :mod:`.gap`: a change over time is called a change
only when the 95% intervals of the gap (or of the group's figure) at the two periods do not
overlap; a link with fewer than two periods since the commitment started says so; no sentence
says or implies that the commitment caused a movement.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mag_desktop.core.briefing.model import Chart
from mag_desktop.core.domain import IndicatorDef, IndicatorLink


class Movement(StrEnum):
    """How the targeted gap (or, for an aim to lower or raise, the group's figure) moved
    between the baseline period and the latest one."""

    NARROWED = "narrowed"  # the gap, beyond what the intervals allow for
    WIDENED = "widened"
    FELL = "fell"  # the group's figure
    ROSE = "rose"
    #: the gap moved across equality (the intervals do not overlap), but is not clearly
    #: nearer to or further from it: 0.96 times to 1.03 times
    CHANGED_SIDES = "changed sides"
    NO_CLEAR_CHANGE = "no clear change"  # the intervals of the two periods overlap
    TOO_FEW_PERIODS = "too few periods"  # fewer than two periods since the start
    NO_FIGURES = "no figures"  # none for the area, or every one suppressed
    NOT_MEASURED = "not measured"  # counts and £ amounts: no gap can be stated


#: Each movement as shape and word (status by word and shape, never colour alone).
MOVEMENT_MARKS: dict[Movement, str] = {
    Movement.NARROWED: "▼", Movement.WIDENED: "▲", Movement.FELL: "▼", Movement.ROSE: "▲",
    Movement.CHANGED_SIDES: "⇄", Movement.NO_CLEAR_CHANGE: "≈",
    Movement.TOO_FEW_PERIODS: "○", Movement.NO_FIGURES: "○", Movement.NOT_MEASURED: "○",
}


@dataclass(frozen=True)
class GapPoint:
    """One period's figures for the two groups and the gap between them, unrounded."""

    period: str
    focus: float | None  # the focus group's value (None when suppressed or not held)
    focus_lower: float | None
    focus_upper: float | None
    comparator: float | None
    comparator_lower: float | None
    comparator_upper: float | None
    gap: float | None  # a ratio (times) or a difference in points, as ``LinkProgress.scale``
    gap_lower: float | None
    gap_upper: float | None
    text: str  # the gap as the sentence shows it: "2.2 times", "12.3 percentage points"


@dataclass(frozen=True)
class GroupFigure:
    """One group's latest figure, worded: a row of the "latest value by group" table."""

    group: str  # code
    label: str  # "Black Caribbean"
    value: str  # "8.4%", "[c]"
    interval: str  # "7.9 to 8.9", or ""
    comparison: str  # against the comparator group: "higher", "similar", "not compared", ""
    focus: bool  # the group the link targets, or its comparator


@dataclass(frozen=True)
class LinkProgress:
    """One link of one commitment, for one area."""

    commitment_id: str
    link: IndicatorLink
    indicator: IndicatorDef
    area_code: str
    area_name: str
    focus_group: str | None  # the group resolved (the widest gap at the start when unnamed)
    comparator_group: str
    #: what the commitment aims at, in words: "narrow the gap between Black Caribbean and
    #: White British people aged 16 to 64 in the claimant rate"
    target: str
    scale: str  # "times", "points" or "" (no gap measured)
    started: str | None  # the quarter the commitment started in ("2025 Q3"), None if unknown
    baseline: GapPoint | None  # the last period before the start (or the first held)
    latest: GapPoint | None
    periods: tuple[str, ...]  # the periods from the baseline to the latest, oldest first
    movement: Movement
    #: True when it moved the way the commitment aims, False against it, None when no change
    #: can be told
    toward_aim: bool | None
    sentence: str  # the whole statement, with both figures and the honesty clause
    latest_by_group: tuple[GroupFigure, ...]
    chart: Chart | None  # the two groups over the periods, with 95% limits; None: no figure
    #: the area holds no figures for the groups the link names, so their broad groups (the
    #: headings, "Black" for Black Caribbean) are compared instead, as the sentence says
    broad_groups: bool = False

    @property
    def word(self) -> str:
        """The movement in words only ("Narrowed"), for a screen reader's name."""
        word = str(self.movement)
        return f"{word[:1].upper()}{word[1:]}"

    @property
    def mark(self) -> str:
        """The movement in shape and word: "▼ Narrowed", "≈ No clear change"."""
        return f"{MOVEMENT_MARKS[self.movement]} {self.word}"

    @property
    def aim_words(self) -> str:
        """"as aimed" or "against the aim" when that can be told, else ""."""
        return "" if self.toward_aim is None else \
            "as aimed" if self.toward_aim else "against the aim"

    @property
    def mark_and_aim(self) -> str:
        """"▲ Widened, against the aim"; the mark alone when the aim cannot be told."""
        return f"{self.mark}, {self.aim_words}" if self.aim_words else self.mark
