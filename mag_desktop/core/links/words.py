"""The words of a link's progress: what it aims at, and the one sentence saying how the gap
moved, in the neutral voice of the disparity sentences.

Rules: both figures and both periods are always given; a movement is called narrowed,
widened, fell or rose only when the 95% intervals allow it (:mod:`.gap`), and otherwise "not a
clear change"; the sentence is about time ("since this commitment started"), never about cause
(no "because", "thanks to", "led to", "as a result").
"""

from __future__ import annotations

from mag_desktop.core.disparity import group_phrase
from mag_desktop.core.domain import IndicatorDef, LinkAim
from mag_desktop.core.formatting import format_value
from mag_desktop.core.links.gap import POINTS, TIMES
from mag_desktop.core.links.progress_model import GapPoint, Movement

#: How to read a movement, said once wherever links are shown (the window, every pack).
READING_RULE = ("A gap is said to have narrowed or widened (a figure to have fallen or risen) only "
                "when the 95% confidence intervals of the two periods do not overlap; otherwise "
                "there is no clear change. A movement beside a commitment shows what happened, "
                "not that the commitment brought it about.")

_PLAIN_KINDS = ("ALL", "MINORITY", "NON_WHITE_ALL", "MIXED", "OTHER", "OTHER_ANY", "UNKNOWN")


def short_name(group: str) -> str:
    """A group's short label ("Black Caribbean"), its code when it has none."""
    phrase = group_phrase(group, "\0")
    return phrase.replace(" \0", "").replace("\0", "").strip()


def between(focus: str, comparator: str, people: str) -> str:
    """"Black Caribbean and White British people aged 16 to 64"; groups whose name does not
    read before the population are named whole ("… and all households")."""
    if focus in _PLAIN_KINDS or comparator in _PLAIN_KINDS:
        return f"{group_phrase(focus, people)} and {group_phrase(comparator, people)}"
    return f"{short_name(focus)} and {short_name(comparator)} {people}"


def target(ind: IndicatorDef, aim: LinkAim, focus: str | None, comparator: str,
           named: bool) -> str:
    """What the commitment aims at, in words, led by the indicator's name."""
    if focus is None:
        return f"{ind.name}: narrow the gaps between ethnic groups"
    if aim == LinkAim.LOWER:
        return f"{ind.name}: lower the figure for {group_phrase(focus, ind.people)}"
    if aim == LinkAim.RAISE:
        return f"{ind.name}: raise the figure for {group_phrase(focus, ind.people)}"
    gap = f"narrow the gap between {between(focus, comparator, ind.people)}"
    return f"{ind.name}: {gap}" if named else \
        f"{ind.name}: narrow the gaps between ethnic groups (followed here: the widest on " \
        f"average, between {between(focus, comparator, ind.people)})"


def _gap_phrase(point: GapPoint, scale: str) -> str:
    if scale == TIMES:
        return point.text
    if scale == POINTS and point.gap is not None:
        return point.text.replace("points", "percentage points")
    return point.text


def _figure(value: float | None, ind: IndicatorDef) -> str:
    return format_value(value, str(ind.unit), ind.decimals)


def _since(started: str | None, baseline: str, before_start: bool) -> str:
    if started is None:
        return f"From {baseline}, the first period with figures"
    if before_start:
        return f"Since this commitment started in {started}"
    return f"Since {baseline}, the first period with figures after this commitment started " \
           f"in {started}"


def broad_note(area: str, named: tuple[str | None, str]) -> str:
    """Said after the sentence when a ward's broad groups stand in for the groups named."""
    names = " and ".join(short_name(g) for g in named if g)
    return f" Shown for the broad groups: {area} holds no figures for {names}."


_VERDICTS = {
    Movement.NARROWED: "it narrowed by more than the 95% intervals allow for chance",
    Movement.WIDENED: "it widened by more than the 95% intervals allow for chance",
    Movement.FELL: "it fell by more than the 95% intervals allow for chance",
    Movement.ROSE: "it rose by more than the 95% intervals allow for chance",
    Movement.NO_CLEAR_CHANGE: "the 95% intervals of the two periods overlap, so this is not a "
                              "clear change",
    Movement.NOT_MEASURED: "these figures have no 95% intervals, so no change is called",
    Movement.CHANGED_SIDES: "the 95% intervals of the two periods do not overlap, but the gap "
                            "changed sides and is not clearly nearer to or further from equal",
}


def sentence(ind: IndicatorDef, aim: LinkAim, focus: str | None, comparator: str,
             area: str, scale: str, started: str | None, baseline: GapPoint | None,
             latest: GapPoint | None, before_start: bool, move: Movement,
             held: frozenset[str] = frozenset()) -> str:
    """The statement members read: the gap (or figure) at the baseline and latest periods,
    and whether that is a change the intervals can tell. ``held``: the groups the area holds
    any row for (figure or marker), to say why two groups cannot be compared."""
    if move == Movement.NOT_MEASURED and scale == "" and aim == LinkAim.NARROW:
        return (f"No gap between groups is stated for {ind.name}: it is a count, an amount or "
                "a score, whose size depends on how many people each group has.")
    if focus is None or move == Movement.NO_FIGURES or baseline is None:
        return _no_figures(ind, focus, comparator, area, held)
    figure_aim = aim in (LinkAim.LOWER, LinkAim.RAISE)
    what = (f"the figure for {group_phrase(focus, ind.people)}" if figure_aim else
            f"the gap between {between(focus, comparator, ind.people)}")
    then = _figure(baseline.focus, ind) if figure_aim else _gap_phrase(baseline, scale)
    if move == Movement.TOO_FEW_PERIODS or latest is None:
        if before_start and started:  # the one period held ended before the start
            return (f"No period with figures for {what} in {area} has ended since this "
                    f"commitment started in {started}; the latest, {baseline.period}, gives "
                    f"{then}: too few periods to tell whether it moved.")
        when = f"since this commitment started in {started}" if started else "so far"
        return (f"Only one period has figures for {what} in {area} {when} ({baseline.period}:"
                f" {then}): too few periods to tell whether it moved.")
    now = _figure(latest.focus, ind) if figure_aim else _gap_phrase(latest, scale)
    opening = _since(started, baseline.period, before_start)
    turned = "" if figure_aim else _reversed(baseline, latest, scale, focus, comparator,
                                             ind.people, move)
    return (f"{opening}, {what} in {area} went from {then} ({baseline.period}) to {now} "
            f"({latest.period}): {_VERDICTS[move]}{turned}.")


def _reversed(baseline: GapPoint, latest: GapPoint, scale: str, focus: str, comparator: str,
              people: str, move: Movement) -> str:
    """"; the figure for Asian people is now above that for White people" when a change
    carried the gap across parity (the narrowing or widening is then measured the other
    way)."""
    moved = (Movement.NARROWED, Movement.WIDENED, Movement.CHANGED_SIDES)
    if move not in moved or None in (baseline.gap, latest.gap):
        return ""
    parity = 1.0 if scale == TIMES else 0.0
    before, after = baseline.gap - parity, latest.gap - parity  # type: ignore[operator]
    if before * after >= 0:
        return ""
    side = "above" if after > 0 else "below"
    return (f"; the figure for {group_phrase(focus, people)} is now {side} that for "
            f"{group_phrase(comparator, people)}")


def _no_figures(ind: IndicatorDef, focus: str | None, comparator: str, area: str,
                held: frozenset[str]) -> str:
    """Why two groups cannot be compared in the area: not held at all, one of them not held,
    or held but suppressed or missing whenever the other has a figure."""
    if focus is None:
        return (f"No figures for the ethnic groups of {ind.people} in {area} can be compared "
                "for this indicator.")
    who = between(focus, comparator, ind.people)
    missing = [g for g in (focus, comparator) if g not in held]
    if len(missing) == 2:
        return f"No figures for {who} in {area} are held for this indicator."
    if missing:
        return (f"No figures for {group_phrase(missing[0], ind.people)} in {area} are held for "
                "this indicator, so the gap cannot be measured.")
    return (f"The figures for {who} in {area} are suppressed or missing in every period, so "
            "the two groups cannot be compared.")
