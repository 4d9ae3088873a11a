"""The words every renderer of a pack writes beside the briefing's own: the document's author
and subject, the status legend of the cover and the status grid's frame. Written once, so the
standard PDF, the accessible PDF and the web page cannot word them differently."""

from __future__ import annotations

from mag_desktop.core.briefing.context import status_marks
from mag_desktop.core.briefing.model import BriefingMeta
from mag_desktop.core.query.illustrative import NOTICE

AUTHOR = "MAG Desktop"
#: the status grid's first column, last column and totals row
GRID_WORDS = ("Theme", "Total", "All chosen themes")


def subject(meta: BriefingMeta) -> str:
    """The document's subject (metadata): who it is for and what data it holds."""
    return (f"Members Advisory Group briefing for {meta.audience.label}, data as at "
            f"{meta.as_at} (data version {meta.data_version})"
            + (f". {NOTICE}" if meta.illustrative else ""))


def status_legend() -> str:
    """The cover's sentence: status by shape and word as well as colour."""
    legend = "   ".join(f"{s.glyph} {s.label}" for s in list(status_marks().values())[:5])
    return ("Status is shown by shape and word as well as colour, so the pack reads in "
            f"greyscale: {legend}.")
