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

from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from mag_desktop.core.briefing.flowables import Mark, RenderState
from mag_desktop.core.briefing.model import Briefing, Chart
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

AUTHOR = "MAG Desktop"
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
            subject=f"Members Advisory Group briefing for {meta.audience.label}, data as at "
                    f"{meta.as_at} (data version {meta.data_version})",
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
