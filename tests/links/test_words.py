"""The sentences of a link's progress: both figures and periods, a change only beyond the
intervals, never a word of cause."""

from __future__ import annotations

import re

from mag_desktop.core.domain import IndicatorDef, LinkAim, Polarity, Unit
from mag_desktop.core.links import words
from mag_desktop.core.links.gap import TIMES
from mag_desktop.core.links.progress_model import GapPoint, Movement

YJ = IndicatorDef("YJ_FTE", "Youth justice first-time entrants", "JUSTICE", Unit.PER_100000,
                  Polarity.LOWER_IS_BETTER, population="children aged 10 to 17")
CAUSAL = re.compile(r"\b(because|caused|thanks to|led to|as a result|due to|result of)\b", re.I)


def _point(period: str, gap: float, text: str, focus: float = 300.0) -> GapPoint:
    return GapPoint(period, focus, focus * .9, focus * 1.1, 100.0, 95.0, 105.0, gap, gap * .9,
                    gap * 1.1, text)


def _say(move: Movement, before: GapPoint, after: GapPoint | None,
         aim: LinkAim = LinkAim.NARROW, before_start: bool = True) -> str:
    return words.sentence(YJ, aim, "BLACK_CARIBBEAN", "WHITE_BRITISH", "Birmingham", TIMES,
                          "2025 Q3", before, after, before_start, move)


def test_a_change_states_both_gaps_both_periods_and_no_cause() -> None:
    text = _say(Movement.NARROWED, _point("2025 Q2", 3.0, "3.0 times"),
                _point("2026 Q3", 2.0, "2.0 times"))
    assert text == (
        "Since this commitment started in 2025 Q3, the gap between Black Caribbean and White "
        "British children aged 10 to 17 in Birmingham went from 3.0 times (2025 Q2) to 2.0 "
        "times (2026 Q3): it narrowed by more than the 95% intervals allow for chance.")
    assert not CAUSAL.search(text)


def test_overlapping_intervals_are_not_a_change() -> None:
    text = _say(Movement.NO_CLEAR_CHANGE, _point("2025 Q2", 3.0, "3.0 times"),
                _point("2026 Q3", 2.8, "2.8 times"))
    assert text.endswith("the 95% intervals of the two periods overlap, so this is not a "
                         "clear change.")
    assert "narrowed" not in text


def test_a_gap_carried_across_parity_says_so() -> None:
    text = _say(Movement.WIDENED, _point("2025 Q2", 1.2, "1.2 times"),
                _point("2026 Q3", 0.5, "0.5 times"))
    assert text.endswith("; the figure for Black Caribbean children aged 10 to 17 is now "
                         "below that for White British children aged 10 to 17.")


def test_too_few_periods_and_an_aim_for_the_figure() -> None:
    text = _say(Movement.TOO_FEW_PERIODS, _point("2026 Q3", 2.0, "2.0 times"), None,
                before_start=False)
    assert text.startswith("Only one period has figures for the gap between Black Caribbean")
    assert "(2026 Q3: 2.0 times): too few periods to tell whether it moved." in text
    # the one period held ended before the start: none since, said as such
    text = _say(Movement.TOO_FEW_PERIODS, _point("2025 Q2", 2.0, "2.0 times"), None)
    assert text.startswith("No period with figures for the gap between Black Caribbean")
    assert "has ended since this commitment started in 2025 Q3; the latest, 2025 Q2, gives " \
           "2.0 times" in text
    lower = _say(Movement.FELL, _point("2025 Q2", 3.0, "", focus=320.0),
                 _point("2026 Q3", 2.0, "", focus=250.0), LinkAim.LOWER)
    assert "the figure for Black Caribbean children aged 10 to 17 in Birmingham went from " \
           "320.0 per 100,000 (2025 Q2) to 250.0 per 100,000 (2026 Q3): it fell" in lower


def test_the_target_in_words() -> None:
    assert words.target(YJ, LinkAim.NARROW, "BLACK_CARIBBEAN", "WHITE_BRITISH", True) == (
        "Youth justice first-time entrants: narrow the gap between Black Caribbean and White "
        "British children aged 10 to 17")
    assert words.target(YJ, LinkAim.RAISE, "BLACK", "WHITE", True).endswith(
        "raise the figure for Black children aged 10 to 17")
    assert words.target(YJ, LinkAim.NARROW, None, "WHITE_BRITISH", False).endswith(
        "narrow the gaps between ethnic groups")


def test_a_gap_that_changed_sides_is_neither_narrower_nor_wider() -> None:
    text = _say(Movement.CHANGED_SIDES, _point("2025 Q2", 0.96, "0.96 times"),
                _point("2026 Q3", 1.03, "1.03 times"))
    assert "do not overlap, but the gap changed sides and is not clearly nearer to or further " \
           "from equal; the figure for Black Caribbean children aged 10 to 17 is now above " \
           "that for White British children aged 10 to 17." in text
    assert "narrowed" not in text and "widened" not in text


def test_why_two_groups_cannot_be_compared() -> None:
    def why(held: set[str]) -> str:
        return words.sentence(YJ, LinkAim.NARROW, "BLACK_CARIBBEAN", "WHITE_BRITISH",
                              "Dudley", TIMES, "2025 Q3", None, None, False,
                              Movement.NO_FIGURES, frozenset(held))

    assert why(set()).startswith("No figures for Black Caribbean and White British children")
    assert why({"WHITE_BRITISH"}).startswith(
        "No figures for Black Caribbean children aged 10 to 17 in Dudley are held for this "
        "indicator, so the gap cannot be measured.")
    assert "are suppressed or missing in every period" in why({"WHITE_BRITISH",
                                                                "BLACK_CARIBBEAN"})
