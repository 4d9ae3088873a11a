"""Render a :class:`Briefing` to an A4 PDF with reportlab.

One layout pass: pages are held by :class:`PageCanvas` and written at the end, when the page
count, the contents' page numbers and each page's section are known. Page numbers count from
the cover, as a PDF viewer does, so the footer, the contents and the viewer agree.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from mag_desktop.core.briefing.flowables import Mark, RenderState
from mag_desktop.core.briefing.model import Briefing, Chart
from mag_desktop.core.briefing.pack_words import AUTHOR, subject
from mag_desktop.core.briefing.page_canvas import PageCanvas
from mag_desktop.core.briefing.pdf_story import build_story
from mag_desktop.core.briefing.styles import (
    FONT,
    FONT_BOLD,
    FOOTER_SIZE,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    colour,
    ensure_fonts,
    paragraph_styles,
)
from mag_desktop.core.query.illustrative import DETAIL, NOTICE

LANGUAGE = "en-GB"
COVER_BAND = 10.5 * 28.35  # height of the navy band at the top of the cover


@dataclass(frozen=True)
class RenderResult:
    pages: int
    charts: int
    section_pages: dict[str, int]


def _frame(frame_id: str, height: float) -> Frame:
    return Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, height, id=frame_id, leftPadding=0,
                 rightPadding=0, topPadding=0, bottomPadding=0)


class BriefingDoc(BaseDocTemplate):
    def __init__(self, out: BinaryIO, briefing: Briefing, state: RenderState) -> None:
        meta = briefing.meta
        super().__init__(
            out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            title=meta.title, author=AUTHOR, creator=AUTHOR,
            subject=subject(meta),
            keywords=["WMCA", "Race Equalities Taskforce", "Members Advisory Group",
                      meta.audience.name, meta.audience.code],
            lang=LANGUAGE, initialFontName=FONT, initialFontSize=10,
        )
        self.briefing, self.state = briefing, state
        cover_height = PAGE_HEIGHT - COVER_BAND - MARGIN_BOTTOM - 30
        self.addPageTemplates([
            PageTemplate("cover", [_frame("cover", cover_height)], onPage=self._cover),
            PageTemplate("body", [_frame("body", PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM)],
                         onPage=self._header),
        ])

    def _cover(self, canv: Any, doc: Any) -> None:
        meta = self.briefing.meta
        self.state.marks.append(Mark(canv.getPageNumber(), "cover", "Cover", 0, PAGE_HEIGHT))
        self.state.footer_titles["cover"] = "Cover"
        canv.saveState()
        canv.setFillColor(colour("cover_band"))
        canv.rect(0, PAGE_HEIGHT - COVER_BAND, PAGE_WIDTH, COVER_BAND, stroke=0, fill=1)
        top = PAGE_HEIGHT - 2.2 * 28.35
        canv.setFillColor(colour("#C9D6E8"))
        canv.setFont(FONT, 11)
        canv.drawString(MARGIN_LEFT, top, "West Midlands Combined Authority · "
                                          "Race Equalities Taskforce")
        canv.drawString(MARGIN_LEFT, top - 16, "Members Advisory Group briefing")
        canv.setFont(FONT_BOLD, 11)
        canv.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, top, meta.marking)
        styles = paragraph_styles()
        if meta.audience.level == "ward":
            subtitle = f"Ward pack · a ward of {meta.audience.authority_name}"
        else:
            subtitle = "Authority pack"
        y = PAGE_HEIGHT - COVER_BAND + 1.6 * 28.35
        for text, style in ((subtitle, "cover_sub"), (meta.audience.name, "cover_title")):
            flow = Paragraph(escape(text), styles[style])
            _, height = flow.wrap(FRAME_WIDTH, 200)
            flow.drawOn(canv, MARGIN_LEFT, y)
            y += height + 8
        if meta.illustrative:  # between the heading lines and the title, however tall it is
            _illustrative_notice(canv, top - 16 - 12, y + 8)
        canv.restoreState()

    def _header(self, canv: Any, doc: Any) -> None:
        meta = self.briefing.meta
        canv.saveState()
        y = PAGE_HEIGHT - MARGIN_TOP + 22
        canv.setFont(FONT, FOOTER_SIZE)
        canv.setFillColor(colour("muted"))
        canv.drawString(MARGIN_LEFT, y, f"Members Advisory Group briefing · "
                                        f"{meta.audience.label}")
        canv.setFont(FONT_BOLD, 10)
        canv.setFillColor(colour("navy"))
        canv.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, y, meta.marking)
        canv.setStrokeColor(colour("rule"))
        canv.setLineWidth(0.6)
        canv.line(MARGIN_LEFT, y - 7, PAGE_WIDTH - MARGIN_RIGHT, y - 7)
        canv.restoreState()


def _illustrative_notice(canv: Any, top: float, floor: float) -> None:
    """"Illustrative sample — not official statistics" in a box across the cover's band, from
    ``top`` down (not below ``floor``), with a warning sign and words as well as colour so it
    reads in greyscale; the line of explanation is left out when a long title leaves no room."""
    detail = Paragraph(escape(DETAIL), ParagraphStyle(
        "notice_detail", fontName=FONT, fontSize=10, leading=13, textColor=colour("caution")))
    _, detail_height = detail.wrap(FRAME_WIDTH - 24, 100)
    height = 9 + 15 + 5 + detail_height + 9
    if top - height < floor:
        height = 9 + 15 + 9
    bottom = top - height
    canv.setFillColor(colour("caution_fill"))
    canv.setStrokeColor(colour("caution"))
    canv.setLineWidth(1.5)
    canv.roundRect(MARGIN_LEFT, bottom, FRAME_WIDTH, height, 4, stroke=1, fill=1)
    canv.setFillColor(colour("caution"))
    canv.setFont(FONT_BOLD, 15)
    canv.drawString(MARGIN_LEFT + 12, top - 9 - 12, f"⚠ {NOTICE}")
    if height > 9 + 15 + 9:
        detail.drawOn(canv, MARGIN_LEFT + 12, bottom + 9)


def render_pdf(briefing: Briefing, out: str | Path | BinaryIO) -> RenderResult:
    """Write the briefing as a PDF to a path or a binary file object."""
    ensure_fonts()
    state = RenderState()
    buffer = io.BytesIO()
    doc = BriefingDoc(buffer, briefing, state)
    doc.build(build_story(briefing, state),
              canvasmaker=partial(PageCanvas, state=state, meta=briefing.meta))
    data = buffer.getvalue()
    if isinstance(out, str | Path):
        Path(out).write_bytes(data)
    else:
        out.write(data)
    return RenderResult(pages=state.total, charts=briefing.count(Chart),
                        section_pages=state.pages)
