"""The story of a PDF pack: the cover's facts, the contents, and every section's blocks as
reportlab flowables. Built once per render and reused by each pass."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    Spacer,
    TableStyle,
)

from mag_desktop.core import formatting
from mag_desktop.core.briefing import model
from mag_desktop.core.briefing.charts import chart_drawing
from mag_desktop.core.briefing.flowables import (
    ContentsTable,
    FastParagraph,
    RenderState,
    RoomFor,
)
from mag_desktop.core.briefing.flowables import SectionTitle as SectionTitleFlowable
from mag_desktop.core.briefing.pack_words import status_legend
from mag_desktop.core.briefing.pdf_tables import (
    note_flowable,
    status_grid_flowables,
    table_flowables,
)
from mag_desktop.core.briefing.styles import FONT, FRAME_WIDTH, colour, paragraph_styles

TITLE_STYLES = {1: "h1", 2: "h2", 3: "h3"}
#: What a paragraph leads into: measured with it when the room under a heading is reckoned.
_LEADS_INTO = (model.Table, model.StatusGrid, model.Chart, model.BulletList)


def produced_text(meta: model.BriefingMeta) -> str:
    return f"{formatting.format_date(meta.produced_at)}, {meta.produced_at:%H:%M}"


def cover_facts(meta: model.BriefingMeta) -> list[tuple[str, str]]:
    when = formatting.format_date(meta.meeting_date) if meta.meeting_date else "date not set"
    themes = ("All eight themes" if len(meta.themes) == 8 else "; ".join(meta.theme_names))
    area = meta.audience
    audience = (f"{area.name} ward ({area.code}), {area.authority_name}"
                if area.level == "ward" else f"{area.name} ({area.code})")
    return [
        ("Meeting", f"{meta.meeting or 'Members Advisory Group'}, {when}"),
        ("Audience", audience),
        ("Themes", themes),
        ("Data as at", f"{meta.as_at or 'no commitment updates yet'} "
                       f"(data version {meta.data_version})"),
        ("Produced", produced_text(meta)),
        ("Marking", meta.marking or "none"),
    ]


def cover_story(meta: model.BriefingMeta) -> list[Flowable]:
    styles = paragraph_styles()
    rows = [[FastParagraph(escape(label), styles["cover_label"]),
             FastParagraph(escape(value), styles["cover_value"])]
            for label, value in cover_facts(meta)]
    facts = LongTable(rows, colWidths=[3.2 * 28.35, FRAME_WIDTH - 3.2 * 28.35], hAlign="LEFT")
    facts.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 10), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colour("rule")),
    ]))
    return [
        facts, Spacer(1, 18),
        FastParagraph(escape(status_legend()), styles["small"]),
        NextPageTemplate("body"), PageBreak(),
    ]


def contents_story(briefing: model.Briefing, state: RenderState) -> list[Flowable]:
    contents = model.Section("contents", "Contents", 1, short_title="Contents")
    return [SectionTitleFlowable(contents, paragraph_styles()["h1"], state),
            ContentsTable(briefing.sections, state)]


def _leads_in(blocks: tuple[model.Block, ...], i: int) -> bool:
    """Whether the paragraph at ``i`` introduces what follows: only paragraphs stand between
    it and a table, chart or list. A heading's room then counts it whole with the first piece
    of that table, chart or list, so the heading and its lines never end a page alone."""
    for block in blocks[i + 1:]:
        if isinstance(block, _LEADS_INTO):
            return True
        if not isinstance(block, model.Paragraph):
            return False
    return False


def block_flowables(block: model.Block, level: int, state: RenderState,
                    following: model.Block | None = None) -> list[Flowable]:
    styles = paragraph_styles()
    if isinstance(block, model.Paragraph):
        paragraph = FastParagraph(escape(block.text), styles[block.style])
        paragraph.keepWithNext = isinstance(following, model.Chart)  # an intro stays with it
        return [paragraph]
    if isinstance(block, model.Heading):
        heading = FastParagraph(escape(block.text), styles["h3" if level == 1 else "h4"])
        heading.heading = True  # kept with the first piece of what follows: see RoomFor
        return [heading]
    if isinstance(block, model.BulletList):
        style = styles["bullet"]
        return [FastParagraph(escape(item), style, bulletText="•") for item in block.items]
    if isinstance(block, model.Table):
        return table_flowables(block, FRAME_WIDTH)
    if isinstance(block, model.StatusGrid):
        return status_grid_flowables(block, FRAME_WIDTH)
    if isinstance(block, model.Chart):
        return [chart_flowable(block, state)]
    if isinstance(block, model.Note):
        return [note_flowable(block, FRAME_WIDTH)]
    if isinstance(block, model.PageBreak):
        return [PageBreak()]
    raise TypeError(f"no PDF form for {type(block).__name__}")


def chart_flowable(chart: model.Chart, state: RenderState) -> Flowable:
    """The chart with its title and description; for a chart with no value to draw (the
    builder words those as a sentence, so this is a safeguard), its title and a sentence."""
    styles = paragraph_styles()
    if not chart.drawable:
        return FastParagraph(escape(f"No chart of {chart.title[:1].lower()}{chart.title[1:]}: "
                                    "no figure is held to draw."), styles["small"])
    parts: list[Flowable] = [
        FastParagraph(escape(chart.title), styles["h4"]),
        chart_drawing(chart, FRAME_WIDTH),
    ]
    if chart.description:
        parts.append(FastParagraph(escape(chart.description), styles["caption"]))
    return KeepTogether(parts)


def section_flows(section: model.Section, state: RenderState) -> list[Flowable]:
    """The section's title and blocks as flowables; headings marked ``heading``, paragraphs
    that introduce a table, chart or list marked ``lead_in``."""
    styles = paragraph_styles()
    title = SectionTitleFlowable(section, styles[TITLE_STYLES.get(section.level, "h3")], state)
    title.keepWithNext = False
    title.heading = True
    flows: list[Flowable] = [title]
    blocks = section.blocks
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        parts = block_flowables(block, section.level, state, following)
        if isinstance(block, model.Paragraph) and _leads_in(blocks, i):
            parts[0].lead_in = True
        flows += parts
    return flows


def _with_room(flows: list[Flowable]) -> list[Flowable]:
    """``flows`` with a :class:`RoomFor` before each heading that does not open a page or
    follow another heading: each heading is kept with the first piece of what follows it, and
    only that, so a table may start at the foot of a page, a chart moves whole, and no page
    is left half blank because a whole section was pushed over."""
    story: list[Flowable] = []
    for k, flow in enumerate(flows):
        before = flows[k - 1] if k else None
        if getattr(flow, "heading", False) and not (
                before is None or isinstance(before, PageBreak)
                or getattr(before, "heading", False)):
            story.append(RoomFor(flows[k:k + 10]))
        story.append(flow)
    return story


def body_flows(briefing: model.Briefing, state: RenderState) -> list[Flowable]:
    """Every section's flowables in order. A section of paragraphs only (a theme's list of
    its indicators) leads into the next when that one does not start a page: its heading
    then moves with the next section's first content rather than end a page alone."""
    flows: list[Flowable] = []
    sections = briefing.sections
    for i, section in enumerate(sections):
        if section.new_page:
            flows.append(PageBreak())
        part = section_flows(section, state)
        after = sections[i + 1] if i + 1 < len(sections) else None
        if (after is not None and not after.new_page and section.blocks
                and all(isinstance(b, model.Paragraph) for b in section.blocks)):
            part[-1].lead_in = True
        flows += part
    return flows


def build_story(briefing: model.Briefing, state: RenderState) -> list[Flowable]:
    return (cover_story(briefing.meta) + contents_story(briefing, state)
            + _with_room(body_flows(briefing, state)))
