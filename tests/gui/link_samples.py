"""LinkProgress objects and linked-commitment frames built by hand, for the window's "Is it
working?" tests (the widgets only render, so any object the core could give will do)."""

from __future__ import annotations

import pandas as pd

from mag_desktop.core.briefing.model import Chart, Series
from mag_desktop.core.domain import IndicatorDef, IndicatorLink, LinkAim, Polarity, Unit
from mag_desktop.core.links.progress_model import GapPoint, GroupFigure, LinkProgress, Movement

CLAIMANT = IndicatorDef("CLAIMANT_RATE", "Claimant rate, aged 16 to 64", "JOBS", Unit.PERCENT,
                        Polarity.LOWER_IS_BETTER, population="people aged 16 to 64")


def point(period: str, focus: float, comparator: float, gap: float) -> GapPoint:
    return GapPoint(period, focus, focus - 0.4, focus + 0.4, comparator, comparator - 0.2,
                    comparator + 0.2, gap, gap - 0.2, gap + 0.2, f"{gap:.1f} times")


def progress(area: str = "Birmingham", movement: Movement = Movement.NARROWED,
             chart: bool = True) -> LinkProgress:
    """A narrowed gap between Black Caribbean and White British people in Birmingham."""
    periods = ("2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3")
    drawn = Chart("trend", f"Black Caribbean and White British: {area}", periods, (
        Series("Black Caribbean", (9.9, 9.7, 9.5, 9.0, 8.8, 8.4), key="BLACK_CARIBBEAN"),
        Series("White British", (4.5, 4.4, 4.5, 4.4, 4.4, 4.4), key="WHITE_BRITISH")), "%",
        description=f"Claimant rate over time in {area}: Black Caribbean fell from 9.9% to "
                    "8.4%; White British stayed near 4.4%.")
    return LinkProgress(
        commitment_id="RET-JOBS-007",
        link=IndicatorLink("CLAIMANT_RATE", "BLACK_CARIBBEAN", "WHITE_BRITISH", LinkAim.NARROW),
        indicator=CLAIMANT, area_code="E08000025", area_name=area,
        focus_group="BLACK_CARIBBEAN", comparator_group="WHITE_BRITISH",
        target=f"{CLAIMANT.name}: narrow the gap between Black Caribbean and White British "
               "people aged 16 to 64",  # led by the indicator's name, as the core words it
        scale="times", started="2025 Q3", baseline=point("2025 Q2", 9.9, 4.5, 2.2),
        latest=point("2026 Q3", 8.4, 4.4, 1.9), periods=periods, movement=movement,
        toward_aim=True,
        sentence=f"Since this commitment started in 2025 Q3, the gap between Black Caribbean "
                 f"and White British people aged 16 to 64 in the claimant rate went from 2.2 "
                 f"times (2025 Q2) to 1.9 times (2026 Q3) in {area}: it narrowed by more than "
                 f"the 95% intervals allow for chance.",
        latest_by_group=(
            GroupFigure("ALL", "All ethnic groups", "5.2%", "5.2 to 5.3", "higher", False),
            GroupFigure("BLACK_CARIBBEAN", "Black Caribbean", "8.4%", "8.0 to 8.8", "higher",
                        True),
            GroupFigure("INDIAN", "Indian", "3.2%", "3.0 to 3.4", "similar", False),
            GroupFigure("ROMA", "Roma", "[c]", "", "not compared", False),
            GroupFigure("WHITE_BRITISH", "White British", "4.4%", "4.2 to 4.6", "", True),
        ),
        chart=drawn if chart else None)


def linked_frame(n: int = 3) -> pd.DataFrame:
    """What ``linked_to_indicator`` gives: one row per commitment linked to the indicator."""
    rows = [("RET-JOBS-007", "Underemployment task group in Birmingham", "JOBS",
             "Jobs and skills", "Birmingham", "AT_RISK", "At risk", "▲", "#B35C00",
             f"{CLAIMANT.name}: narrow the gap between Black Caribbean and White British "
             "people"),
            ("RET-JOBS-010", "Underemployment task group in Solihull", "JOBS",
             "Jobs and skills", "Solihull", "ON_TRACK", "On track", "●", "#1E7B34",
             f"{CLAIMANT.name}: lower the figure for Pakistani people"),
            ("RET-JOBS-011", "Fair recruitment standard (Birmingham)", "JOBS",
             "Jobs and skills", "Birmingham", "OFF_TRACK", "Off track", "◆", "#B42318",
             f"{CLAIMANT.name}: narrow the gap between Black African and White British "
             "people")]
    columns = ["id", "title", "theme", "theme_name", "authority_name", "status",
               "status_label", "status_glyph", "status_colour", "target"]
    return pd.DataFrame(rows[:n], columns=columns)
