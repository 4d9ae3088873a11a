"""The few custom flowables a pack needs, each small: section titles that bookmark themselves,
a contents table that fills its page numbers from the previous pass, and charts that skip
drawing while a pass only measures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from mag_desktop.core.briefing.model import Section
from mag_desktop.core.briefing.styles import colour, paragraph_styles


@dataclass
class RenderState:
    """Shared by the flowables and page decorations of one render, across its passes."""

    known_pages: dict[str, int] = field(default_factory=dict)  # from the previous pass
    known_total: int | None = None
    pages: dict[str, int] = field(default_factory=dict)  # filled by this pass
    measuring: bool = True  # first pass: layout only, charts are not drawn
    current: str = ""  # the footer title of the section being laid out
    page_title: str = ""  # the footer title of the page being drawn
    page_has_content: bool = False
    outline_level: int = -1

    def start_pass(self) -> None:
        self.pages = {}
        self.current = ""
        self.outline_level = -1

    def start_page(self) -> None:
        self.page_title = self.current
        self.page_has_content = False


class SectionTitle(Paragraph):
    """A section's title: records its page, binds a bookmark and an outline entry to it."""

    def __init__(self, section: Section, style: Any, state: RenderState) -> None:
        super().__init__(escape(section.title), style)
        self.section = section
        self.state = state
        self.keepWithNext = True

    def draw(self) -> None:
        canv, state, section = self.canv, self.state, self.section
        state.pages[section.key] = canv.getPageNumber()
        state.current = section.footer_title
        if not state.page_has_content:
            state.page_title = section.footer_title
        add_bookmark(canv, section.key, section.title, section.level - 1, state,
                     top=canv.absolutePosition(0, self.height)[1] + 8)
        super().draw()


def add_bookmark(canv: Any, key: str, title: str, level: int, state: RenderState,
                 top: float | None = None) -> None:
    """A destination and an outline entry (levels never jump by more than one)."""
    level = max(0, min(level, state.outline_level + 1))
    state.outline_level = level
    if top is None:
        canv.bookmarkPage(key)
    else:
        canv.bookmarkHorizontalAbsolute(key, top)
    canv.addOutlineEntry(title, key, level, closed=level >= 1)


class ContentsTable(Flowable):
    """Contents entries with the page numbers found by the previous pass (blank in the first:
    a number never changes a row's height, so the layout is the same in every pass)."""

    PAGE_COLUMN = 40.0

    def __init__(self, sections: tuple[Section, ...], state: RenderState) -> None:
        super().__init__()
        self.sections = sections
        self.state = state
        self._table: Table | None = None

    def _build(self, width: float) -> Table:
        styles = paragraph_styles()
        rows = []
        for s in self.sections:
            link = f'<a href="#{s.key}">{escape(s.title)}</a>'
            page = self.state.known_pages.get(s.key)
            rows.append([Paragraph(link, styles[f"contents{min(s.level, 3)}"]),
                         "" if page is None else str(page)])
        table = Table(rows, colWidths=[width - self.PAGE_COLUMN, self.PAGE_COLUMN])
        commands: list[tuple[Any, ...]] = [
            ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("FONT", (1, 0), (1, -1), "DejaVuSans", 10.5),
            ("TEXTCOLOR", (1, 0), (1, -1), colour("ink")),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        for i, s in enumerate(self.sections):
            if s.level == 1:
                commands += [("TOPPADDING", (0, i), (-1, i), 9),
                             ("FONT", (1, i), (1, i), "DejaVuSans-Bold", 11.5),
                             ("TEXTCOLOR", (1, i), (1, i), colour("navy"))]
        table.setStyle(TableStyle(commands))
        return table

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._table = self._build(available_width)
        return self._table.wrap(available_width, available_height)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        table = self._build(available_width)
        return table.split(available_width, available_height)

    def draw(self) -> None:
        assert self._table is not None
        self._table.drawOn(self.canv, 0, 0)


class ChartFlowable(Flowable):
    """A Drawing that is measured in every pass but drawn only in the pass that is kept."""

    def __init__(self, drawing: Drawing, state: RenderState) -> None:
        super().__init__()
        self.drawing = drawing
        self.state = state
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if not self.state.measuring:
            self.drawing.drawOn(self.canv, 0, 0)


class PageMark(Flowable):
    """Zero-size: notes that the page now has content (for the running footer title)."""

    def __init__(self, state: RenderState) -> None:
        super().__init__()
        self.state = state

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.state.page_has_content = True
