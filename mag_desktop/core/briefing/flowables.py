"""The custom flowables of a pack, each small: section titles that note where they land, and a
contents table whose page numbers are drawn once every page is laid out.

Both work with :class:`RenderState`: during layout they record what they need (a section's
page and height on the page; the contents' place); :mod:`.page_canvas` then adds the
bookmarks, outline, contents numbers and footers when the pages are written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Table,
    TableStyle,
)

from mag_desktop.core.briefing.model import Section
from mag_desktop.core.briefing.styles import (
    FONT,
    FONT_BOLD,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_HEIGHT,
    colour,
    paragraph_styles,
)

#: The height of a body page's frame: room asked for beyond it could never be found.
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

Deferred = Callable[[Any], None]  # draws on the canvas once the page numbers are known


@dataclass(frozen=True)
class Mark:
    """Where a section starts: its page and the height of its title on that page."""

    page: int
    key: str
    title: str
    level: int  # outline level, 0 at the top
    top: float


@dataclass
class RenderState:
    footer_titles: dict[str, str] = field(default_factory=dict)  # section key -> footer text
    marks: list[Mark] = field(default_factory=list)
    deferred: dict[int, list[Deferred]] = field(default_factory=dict)  # page -> drawings
    total: int = 0

    @property
    def pages(self) -> dict[str, int]:
        """Section key -> the page it starts on."""
        return {m.key: m.page for m in self.marks}

    def defer(self, page: int, draw: Deferred) -> None:
        self.deferred.setdefault(page, []).append(draw)

    def footer_title(self, page: int) -> str:
        """The first section starting on the page, else the one running into it."""
        title = ""
        for mark in self.marks:
            if mark.page > page:
                break
            if mark.page == page:
                return self.footer_titles.get(mark.key, mark.title)
            title = self.footer_titles.get(mark.key, mark.title)
        return title


class FastParagraph(Paragraph):
    """A Paragraph that does not break its lines again for a width it has already seen
    (tables wrap each cell several times while they measure, split and draw)."""

    _seen_width: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width == self._seen_width:
            return self.width, self.height
        size = super().wrap(available_width, available_height)
        self._seen_width = available_width
        return size

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self._seen_width = None
        return super().split(available_width, available_height)


def _outer(flow: Flowable, height: float) -> float:
    return height + flow.getSpaceBefore() + flow.getSpaceAfter()


def first_piece(flow: Flowable, width: float, height: float) -> float:
    """The height of the first piece of ``flow`` a page must hold: a table's header and
    first row, two lines of a paragraph, the whole of a chart or anything that cannot split."""
    if isinstance(flow, Table):
        flow.wrap(width, height)
        rows = flow._rowHeights[:flow.repeatRows + 1]
        return _outer(flow, float(sum(rows)))
    if isinstance(flow, Paragraph):
        full = flow.wrap(width, height)[1]
        return _outer(flow, min(full, 2 * flow.style.leading))
    if isinstance(flow, KeepTogether):
        return sum(_outer(f, f.wrap(width, height)[1]) for f in flow._content)
    return _outer(flow, flow.wrap(width, height)[1])


class RoomFor(CondPageBreak):
    """A page break taken only when a heading (with any headings and lead-in lines right
    after it) and the first piece of what follows would not fit below: measured at layout
    time, so a heading is never stranded at the foot of a page, and a long table or a
    section is never pushed whole to the next page, leaving this one half blank.

    ``after`` holds the flowables from the heading on; a flowable whose ``lead_in`` (or
    ``keepWithNext``) is set is measured whole and the one after it too."""

    def __init__(self, after: list[Flowable]) -> None:
        super().__init__(0.0)
        self.after = after

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        need = 0.0
        for flow in self.after:
            if isinstance(flow, PageBreak):
                break
            if isinstance(flow, CondPageBreak):
                continue
            if getattr(flow, "heading", False) or getattr(flow, "lead_in", False) or \
                    flow.getKeepWithNext():
                need += _outer(flow, flow.wrap(available_width, available_height)[1])
                continue
            need += first_piece(flow, available_width, available_height)
            break
        self.height = need if need < FRAME_HEIGHT else FRAME_HEIGHT / 2
        return super().wrap(available_width, available_height)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"RoomFor({self.height:.0f})"


class SectionTitle(FastParagraph):
    """A section's title; notes its page and position for the bookmark and the contents."""

    def __init__(self, section: Section, style: Any, state: RenderState) -> None:
        super().__init__(escape(section.title), style)
        self.section = section
        self.state = state
        self.keepWithNext = True
        state.footer_titles[section.key] = section.footer_title

    def draw(self) -> None:
        canv, section = self.canv, self.section
        top = canv.absolutePosition(0, self.height)[1] + 8
        self.state.marks.append(Mark(canv.getPageNumber(), section.key, section.title,
                                     section.level - 1, top))
        super().draw()


class ContentsTable(Flowable):
    """Contents rows laid out now (a page number never changes a row's height) and drawn
    when the pages are written, with the page each section starts on and a link to it."""

    PAGE_COLUMN = 40.0

    def __init__(self, sections: tuple[Section, ...], state: RenderState) -> None:
        super().__init__()
        self.sections = sections
        self.state = state
        self.width = self.height = 0.0

    def table(self, width: float, pages: dict[str, int] | None = None) -> Table:
        styles = paragraph_styles()
        rows = []
        for s in self.sections:
            link = f'<a href="#{s.key}">{escape(s.title)}</a>'
            page = (pages or {}).get(s.key)
            rows.append([FastParagraph(link, styles[f"contents{min(s.level, 3)}"]),
                         "" if page is None else str(page)])
        table = Table(rows, colWidths=[width - self.PAGE_COLUMN, self.PAGE_COLUMN])
        commands: list[tuple[Any, ...]] = [
            ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("FONT", (0, 0), (-1, -1), FONT, 10.5), ("TEXTCOLOR", (1, 0), (1, -1), colour("ink")),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        for i, s in enumerate(self.sections):
            if s.level == 1:
                commands += [("TOPPADDING", (0, i), (-1, i), 9),
                             ("FONT", (1, i), (1, i), FONT_BOLD, 11.5),
                             ("TEXTCOLOR", (1, i), (1, i), colour("navy"))]
        table.setStyle(TableStyle(commands))
        return table

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.table(available_width).wrap(available_width,
                                                                   available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = self.table(available_width).split(available_width, available_height)
        if len(parts) < 2:
            return []
        rows = len(parts[0]._cellvalues)
        return [ContentsTable(self.sections[:rows], self.state),
                ContentsTable(self.sections[rows:], self.state)]

    def draw(self) -> None:
        canv = self.canv
        x, y = canv.absolutePosition(0, 0)
        width = self.width

        def finish(target: Any) -> None:
            table = self.table(width, self.state.pages)
            table.wrap(width, self.height + 1)
            table.drawOn(target, x, y)

        self.state.defer(canv.getPageNumber(), finish)
