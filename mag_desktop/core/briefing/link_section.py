"""Is it working? For each theme, the commitments linked to an indicator they aim to move:
each commitment's status beside how the gap it targets (or its group's figure) moved in the
pack's area (an authority pack: the authority; a ward pack: the ward) since it started.

Every block comes from :class:`~mag_desktop.core.links.progress_model.LinkProgress`, the same
object the window's commitment detail renders, so the pack and the window cannot disagree.

Decisions:

* One part, after the commitments by theme, with one section (contents entry and bookmark)
  per theme that has a linked commitment. What is shown, the rule that a movement is called a
  change only when the 95% intervals of the two periods do not overlap, and that a movement
  beside a commitment does not show the commitment caused it are said once, in the part's
  introduction, not repeated per theme.
* A theme with no linked commitment gets no section: a member looking for it finds, in the
  introduction, one sentence naming the themes with none, so a missing theme is never
  mistaken for a page left out. A pack with no link at all holds the part with one note.
* Per theme: a table (one row per link: commitment, its status by shape and word, the
  indicator and its aim in a few words, the gap (or figure) then and now, each with its
  period, the movement by shape and word and whether it went the way the commitment aims),
  then the sentence of each link that moved clearly (or has too few periods to tell), the
  links with no clear change named together in one sentence, then a few small trend charts
  (:mod:`.link_charts` chooses them). Members read the pack before a meeting: every link is
  in the table; the words go to what moved, the charts to the gaps a member most needs to
  see over time. Links with no figures for the area are named in one sentence, not given
  rows of dashes.
* The part is the pack section "links" (:data:`~.builder.SECTIONS`, "Is it working?" in the
  pack dialog): an officer may leave it out like any other part.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mag_desktop.core.briefing.context import BuildContext, records
from mag_desktop.core.briefing.indicator_blocks import ethnicity_label
from mag_desktop.core.briefing.link_charts import ChartSource, chart_blocks, own_chart
from mag_desktop.core.briefing.model import (
    Block,
    BulletList,
    Cell,
    Chart,
    Column,
    Note,
    Paragraph,
    Section,
    StatusMark,
    Table,
)
from mag_desktop.core.domain import LinkAim, Theme
from mag_desktop.core.formatting import MISSING, format_value
from mag_desktop.core.links.listing import theme_progress
from mag_desktop.core.links.progress_model import (
    MOVEMENT_MARKS,
    GapPoint,
    LinkProgress,
    Movement,
)
from mag_desktop.core.links.words import READING_RULE
from mag_desktop.core.query.summary_words import and_

TITLE = "Is it working?"
COLUMNS = (  # in points of the standard pack's 482: "2025 Q3", "▼ Narrowed" on one line
    Column("Commitment", "id", weight=108),
    Column("Status", "status", weight=76),
    Column("Indicator and aim", "text", weight=108),
    Column("Then", "text", weight=55),
    Column("Now", "text", weight=55),
    Column("Movement", "text", weight=80),
)
#: Movement colours (the word and shape carry the meaning; the colour only repeats it).
AIM_COLOURS = {True: "#1A7F37", False: "#B3261E", None: "#4D4D4D"}


def intro_blocks(area: str, unlinked: Sequence[str]) -> tuple[Block, ...]:
    """The part's introduction: what is shown and how to read it, once for the pack."""
    marks = MOVEMENT_MARKS
    legend = (f"{marks[Movement.NARROWED]} Narrowed or Fell, {marks[Movement.WIDENED]} Widened "
              f"or Rose, {marks[Movement.CHANGED_SIDES]} Changed sides (the gap moved across "
              "equal but is not clearly nearer to it or further from it), "
              f"{marks[Movement.NO_CLEAR_CHANGE]} No clear change, "
              f"{marks[Movement.TOO_FEW_PERIODS]} Too few periods or Not measured")
    blocks: list[Block] = [
        Paragraph(f"For each theme, the commitments linked to an indicator they aim to move: "
                  f"each commitment's status beside how the gap it targets (or its group's "
                  f"figure) has moved in {area} since it started.", "lead"),
        Paragraph(f"{READING_RULE} Movement is shown by shape and word: {legend}.", "small"),
    ]
    if unlinked:
        verb = "has" if len(unlinked) == 1 else "have"
        blocks.append(Paragraph(f"{and_(list(unlinked))} {verb} no commitment linked to an "
                                f"indicator for {area}.", "small"))
    return tuple(blocks)


def _aim(p: LinkProgress) -> str:
    """The aim in a few words under the indicator's name ("Gap between Black African and
    White British"; "Raise the figure for Pakistani"): the sentence under the table gives it
    in full, and short rows keep the table to a glance."""
    focus = ethnicity_label(p.focus_group) if p.focus_group else ""
    if p.link.aim is LinkAim.LOWER and focus:
        return f"Lower the figure for {focus}"
    if p.link.aim is LinkAim.RAISE and focus:
        return f"Raise the figure for {focus}"
    between = f"{focus} and {ethnicity_label(p.comparator_group)}" if focus else ""
    if not between:
        return "Gaps between ethnic groups"
    return f"Widest gap on average: {between}" if p.link.group is None else \
        f"Gap between {between}"


def _point_cell(p: LinkProgress, point: GapPoint | None) -> Cell:
    """The gap at one period ("2.2 times"), or, for an aim to lower or raise a group's
    figure, that figure ("19.0 per 1,000"), as the sentence words it; its period under it."""
    if point is None:
        return Cell(MISSING)
    if p.link.aim in (LinkAim.LOWER, LinkAim.RAISE):
        text = format_value(point.focus, str(p.indicator.unit), p.indicator.decimals)
        return Cell(text, detail=point.period)
    return Cell(point.text, detail=point.period)


def _gap_cells(p: LinkProgress) -> tuple[Cell, Cell]:
    """The gap (or figure) at the baseline period and at the latest, each with its period;
    a single period is shown as the latest only."""
    if p.movement is Movement.NOT_MEASURED:
        return Cell(MISSING), Cell("Not measured", detail="no gap for counts or £")
    then, now = p.baseline, p.latest
    if then is not None and now is not None and then.period == now.period:
        then = None
    return _point_cell(p, then), _point_cell(p, now)


def _movement_cell(p: LinkProgress) -> Cell:
    return Cell(p.mark, detail=p.aim_words, strong=True, colour=AIM_COLOURS[p.toward_aim])


def link_row(p: LinkProgress, title: str, status: StatusMark | None) -> tuple[Cell, ...]:
    """One link as a table row: commitment, status, indicator and aim, then, now, movement."""
    return (
        Cell(p.commitment_id, detail=title),
        Cell(status.text, status=status) if status is not None else Cell("No update"),
        Cell(p.indicator.name, detail=_aim(p)),
        *_gap_cells(p),
        _movement_cell(p),
    )


def without_figures(links: Sequence[LinkProgress]) -> str:
    """One sentence for the links with no figures for the area, by indicator: "No figures
    for Acocks Green can be compared for Claimant rate, aged 16 to 64 (RET-JOBS-001 and
    RET-JOBS-011) and …"."""
    if not links:
        return ""
    ids: dict[str, list[str]] = {}
    for p in links:
        named = ids.setdefault(p.indicator.name, [])
        if p.commitment_id not in named:
            named.append(p.commitment_id)
    each = [f"{name} ({and_(named)})" for name, named in ids.items()]
    return (f"No figures for {links[0].area_name} can be compared for {and_(each)}: none are "
            "held for the groups the links target, or they are suppressed.")


def no_clear_change(links: Sequence[LinkProgress],
                    others: Sequence[LinkProgress] = ()) -> str:
    """One sentence for the links with no clear change (their figures are in the table):
    eleven sentences differing only in their figures would bury the few that moved. A
    commitment with another link among ``others`` (the theme's links that moved) is named
    with the aim that did not move, so it is not read as not having moved at all."""
    if not links:
        return ""
    twice = {p.commitment_id for p in others}
    ids = list(dict.fromkeys(
        f"{p.commitment_id} ({_aim(p)[:1].lower()}{_aim(p)[1:]})"
        if p.commitment_id in twice else p.commitment_id for p in links))
    text = (f"No clear change for {and_(ids)}: for each, the 95% intervals of the two periods "
            "in the table overlap.")
    broad = [p for p in links if p.broad_groups]
    if broad:
        text += (f" {broad[0].area_name} holds no figures for some of the groups these "
                 "commitments name, so their broad groups are compared (the table's aim names "
                 "the groups compared).")
    return text


def theme_blocks(links: Sequence[LinkProgress], titles: Mapping[str, str],
                 statuses: Mapping[str, StatusMark | None],
                 source: ChartSource = own_chart) -> tuple[Block, ...]:
    """One theme's blocks: the table, each link's sentence, then its few charts; the links
    with no figures for the area in one sentence after them (a row of dashes each would
    only lengthen the pack: ward packs, printed in bulk, meet many, since wards hold only the
    broad ethnic groups). ``titles`` and ``statuses``: each commitment's title and status
    mark by ID; ``source`` gives a link's chart."""
    held = [p for p in links if p.movement is not Movement.NO_FIGURES]
    told = [p for p in held if p.movement is not Movement.NO_CLEAR_CHANGE]
    blocks: list[Block] = []
    if held:
        rows = tuple(link_row(p, titles.get(p.commitment_id, ""),
                              statuses.get(p.commitment_id)) for p in held)
        blocks.append(Table(COLUMNS, rows))
        if told:
            blocks.append(BulletList(tuple(f"{p.commitment_id}: {p.sentence}" for p in told),
                                     "sentence"))
        steady = no_clear_change([p for p in held if p not in told], told)
        if steady:
            blocks.append(Paragraph(steady, "small"))
        blocks += chart_blocks(held, source=source)
    missing = without_figures([p for p in links if p.movement is Movement.NO_FIGURES])
    if missing:
        blocks.append(Paragraph(missing, "small" if held else "body"))
    return tuple(blocks)


def link_part(themes: Sequence[Theme], progress: Mapping[str, Sequence[LinkProgress]],
              titles: Mapping[str, str], statuses: Mapping[str, StatusMark | None],
              area: str, source: ChartSource = own_chart) -> list[Section]:
    """The "Is it working?" part: its introduction, then a section per theme with a link
    (``progress``: each theme's links by theme code, for the area named ``area``)."""
    linked = [t for t in themes if progress.get(t.code)]
    unlinked = [t.name for t in themes if not progress.get(t.code)]
    intro = intro_blocks(area, unlinked if linked else ())
    if not linked:
        intro = (*intro[:1], Note("None of the commitments in this pack is linked to an "
                                  "indicator yet: a link is given with a commitment's "
                                  "quarterly update."))
    sections = [Section("links", TITLE, 1, intro, new_page=True, short_title=TITLE)]
    for theme in linked:
        sections.append(Section(f"links-{theme.code.lower()}", theme.name, 2,
                                theme_blocks(progress[theme.code], titles, statuses, source),
                                short_title=f"{TITLE} · {theme.short_name}"))
    return sections


def link_sections(ctx: BuildContext) -> list[Section]:
    """The part for the pack's audience: its commitments' links read for its own area (the
    authority, or the ward), each theme's in the commitments table's order. The indicators'
    sources and the charts' suppression markers are noted for the pack's notes."""
    rows = records(ctx.commitments, ("id", "title", "status"))
    ids = tuple(str(r["id"]) for r in rows)
    found = theme_progress(ctx.conn, ctx.audience.code, tuple(t.code for t in ctx.themes), ids,
                           by_group=False)  # a pack shows no table by group
    for links in found.values():
        for p in links:
            ctx.note_source(p.indicator.source, p.indicator.name)

    def chart(p: LinkProgress) -> Chart | None:
        if p.chart is not None:
            ctx.markers_used.update(p.chart.markers())
        return p.chart

    return link_part(ctx.themes, found, {str(r["id"]): str(r["title"]) for r in rows},
                     {str(r["id"]): ctx.status(r["status"]) for r in rows}, ctx.audience.label,
                     chart)
