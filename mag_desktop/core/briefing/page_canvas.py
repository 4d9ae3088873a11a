"""A canvas that holds every page until the layout is finished, then writes them with what only
the end knows: "Page X of Y", the section named in each footer, the contents' page numbers,
the bookmarks and the outline. One layout pass is enough (the contents reserve their height
up front), which halves the time of the usual two-pass build.

The technique is reportlab's "numbered canvas": ``showPage`` keeps the page's state instead of
writing it, and ``save`` replays each page. Bookmarks are bound while replaying, because
reportlab names a destination after the page being written.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from mag_desktop.core.briefing.flowables import RenderState
from mag_desktop.core.briefing.model import BriefingMeta
from mag_desktop.core.briefing.styles import (
    FONT,
    FONT_BOLD,
    FOOTER_SIZE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_WIDTH,
    colour,
)

FOOTER_TITLE_WIDTH = 220.0


def fit(text: str, width: float, font: str = FONT, size: float = FOOTER_SIZE) -> str:
    """The text, shortened with an ellipsis to fit ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_footer(canv: Canvas, meta: BriefingMeta, title: str, page: int, total: int) -> None:
    canv.saveState()
    y = MARGIN_BOTTOM - 28
    canv.setStrokeColor(colour("rule"))
    canv.setLineWidth(0.6)
    canv.line(MARGIN_LEFT, y + 12, PAGE_WIDTH - MARGIN_RIGHT, y + 12)
    canv.setFont(FONT, FOOTER_SIZE)
    canv.setFillColor(colour("muted"))
    canv.drawString(MARGIN_LEFT, y, fit(title or meta.title, FOOTER_TITLE_WIDTH))
    canv.drawCentredString(PAGE_WIDTH / 2 + 45, y,
                           f"Data version {meta.data_version} · as at {meta.as_at or '–'}")
    canv.setFont(FONT_BOLD, FOOTER_SIZE)
    canv.setFillColor(colour("ink"))
    canv.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, y, f"Page {page} of {total}")
    if meta.marking:
        canv.setFillColor(colour("navy"))
        canv.drawCentredString(PAGE_WIDTH / 2, y - 14, meta.marking)
    canv.restoreState()


class PageCanvas(Canvas):
    """Keeps pages until :meth:`save`, then finishes and writes each one."""

    def __init__(self, *args: Any, state: RenderState, meta: BriefingMeta,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self._state = state
        self._meta = meta

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        state, meta = self._state, self._meta
        state.total = len(self._held)
        marks = iter(state.marks)
        mark = next(marks, None)
        level = -1
        for held in self._held:
            self.__dict__.update(held)
            page = self.getPageNumber()
            while mark is not None and mark.page == page:
                level = min(mark.level, level + 1)  # an outline never skips a level
                self.bookmarkHorizontalAbsolute(mark.key, mark.top)
                self.addOutlineEntry(mark.title, mark.key, level, closed=level >= 1)
                mark = next(marks, None)
            for draw in state.deferred.get(page, ()):
                draw(self)
            draw_footer(self, meta, state.footer_title(page), page, state.total)
            Canvas.showPage(self)
        self.showOutline()
        Canvas.save(self)
