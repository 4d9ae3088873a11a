"""The story of a PDF pack: the cover's facts, the contents, and every section's blocks as
reportlab flowables. Built once per render and reused by each pass."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import (
    CondPageBreak,
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
from mag_desktop.core.briefing.context import status_marks
from mag_desktop.core.briefing.flowables import ContentsTable, FastParagraph, RenderState
from mag_desktop.core.briefing.flowables import SectionTitle as SectionTitleFlowable
from mag_desktop.core.briefing.pdf_tables import (
    note_flowable,
    status_grid_flowables,
    table_flowables,
)
from mag_desktop.core.briefing.styles import FONT, FRAME_WIDTH, colour, paragraph_styles

TITLE_STYLES = {1: "h1", 2: "h2", 3: "h3"}
ROOM_AFTER_HEADING = 130.0  # points: a heading never ends a page without this much below it


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
    legend = "   ".join(f"{s.glyph} {s.label}" for s in list(status_marks().values())[:5])
    return [
        facts, Spacer(1, 18),
        FastParagraph("Status is shown by shape and word as well as colour, so the pack reads in "
                  f"greyscale: {escape(legend)}.", styles["small"]),
        NextPageTemplate("body"), PageBreak(),
    ]


def contents_story(briefing: model.Briefing, state: RenderState) -> list[Flowable]:
    contents = model.Section("contents", "Contents", 1, short_title="Contents")
    return [SectionTitleFlowable(contents, paragraph_styles()["h1"], state),
            ContentsTable(briefing.sections, state)]


def _keeps_with(following: model.Block | None) -> bool:
    """Whether a heading should move with what follows it. Not with a table: a table may start
    at the foot of a page (its header repeats), so the heading gets a conditional page break
    instead, which avoids pushing a whole table over and leaving half a page blank."""
    return not isinstance(following, model.Table | model.StatusGrid)


def block_flowables(block: model.Block, level: int, state: RenderState,
                    following: model.Block | None = None) -> list[Flowable]:
    styles = paragraph_styles()
    if isinstance(block, model.Paragraph):
        paragraph = FastParagraph(escape(block.text), styles[block.style])
        paragraph.keepWithNext = isinstance(following, model.Chart)  # an intro stays with it
        return [paragraph]
    if isinstance(block, model.Heading):
        heading = FastParagraph(escape(block.text), styles["h3" if level == 1 else "h4"])
        heading.keepWithNext = _keeps_with(following)
        return [CondPageBreak(ROOM_AFTER_HEADING), heading]
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
    styles = paragraph_styles()
    parts: list[Flowable] = [
        FastParagraph(escape(chart.title), styles["h4"]),
        chart_drawing(chart, FRAME_WIDTH),
    ]
    if chart.description:
        parts.append(FastParagraph(escape(chart.description), styles["caption"]))
    return KeepTogether(parts)


def section_story(section: model.Section, state: RenderState) -> list[Flowable]:
    styles = paragraph_styles()
    story: list[Flowable] = [PageBreak() if section.new_page
                             else CondPageBreak(ROOM_AFTER_HEADING + 40)]
    title = SectionTitleFlowable(section, styles[TITLE_STYLES.get(section.level, "h3")], state)
    blocks = section.blocks
    title.keepWithNext = _keeps_with(blocks[0] if blocks else None)
    story.append(title)
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, model.Paragraph) and isinstance(following, model.Table) and i == 0:
            story.append(CondPageBreak(ROOM_AFTER_HEADING))
        story += block_flowables(block, section.level, state, following)
    return story


def build_story(briefing: model.Briefing, state: RenderState) -> list[Flowable]:
    story = cover_story(briefing.meta) + contents_story(briefing, state)
    for section in briefing.sections:
        story += section_story(section, state)
    return story
