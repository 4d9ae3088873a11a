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
  indicator and aim, the gap then and now with their periods, the movement by shape and
  word), then each link's sentence, then at most :data:`MAX_CHARTS` small trend charts.
  Members read the pack before a meeting: every link is in the table and the sentences, and
  the charts go to the links a member most needs to see over time: a clear movement against
  the aim first, then one toward it, then the rest, in the table's order among equals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

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
from mag_desktop.core.domain import Theme
from mag_desktop.core.links.progress_model import MOVEMENT_MARKS, LinkProgress, Movement
from mag_desktop.core.query.summary_words import and_

TITLE = "Is it working?"
#: Trend charts per theme; every other link is still in the table and the sentences.
MAX_CHARTS = 2
COLUMNS = (
    Column("Commitment", "id", weight=3.3),
    Column("Status", "status", weight=1.9),
    Column("Indicator and aim", "text", weight=3.6),
    Column("Then → now", "text", weight=2.3),
    Column("Movement", "text", weight=1.9),
)
#: The words beside a movement when it can be told which way the commitment aimed.
AIM_WORDS = {True: "the way the commitment aims", False: "against the commitment's aim"}
#: Movement colours (the word and shape carry the meaning; the colour only repeats it).
AIM_COLOURS = {True: "#1A7F37", False: "#B3261E", None: "#4D4D4D"}
_CLEAR = (Movement.NARROWED, Movement.WIDENED, Movement.FELL, Movement.ROSE)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def intro_blocks(area: str, unlinked: Sequence[str]) -> tuple[Block, ...]:
    """The part's introduction: what is shown and how to read it, once for the pack."""
    legend = "   ".join(f"{MOVEMENT_MARKS[m]} {_sentence_case(str(m))}" for m in (
        Movement.NARROWED, Movement.WIDENED, Movement.NO_CLEAR_CHANGE, Movement.TOO_FEW_PERIODS))
    blocks: list[Block] = [
        Paragraph(f"For each theme, the commitments linked to an indicator they aim to move: "
                  f"each commitment's status beside how the gap it targets (or its group's "
                  f"figure) has moved in {area} since it started.", "lead"),
        Paragraph("A gap is said to have narrowed or widened (a figure to have fallen or "
                  "risen) only when the 95% confidence intervals of the two periods do not "
                  "overlap; otherwise there is no clear change. A movement beside a commitment "
                  "shows what happened, not that the commitment brought it about. Movement is "
                  f"shown by shape and word: {legend} (○ also: no figures).", "small"),
    ]
    if unlinked:
        verb = "has" if len(unlinked) == 1 else "have"
        blocks.append(Paragraph(f"{and_(list(unlinked))} {verb} no commitment linked to an "
                                f"indicator for {area}.", "small"))
    return tuple(blocks)


def _gap_cell(p: LinkProgress) -> Cell:
    """The gap (or figure) at the baseline and latest periods: "2.2 times → 1.9 times"."""
    if p.movement is Movement.NOT_MEASURED:
        return Cell("Not measured", detail="counts and £ amounts have no gap")
    then, now = p.baseline, p.latest
    if now is None and then is None:
        return Cell("No figures")
    if then is None or now is None or then.period == now.period:
        point = now or then
        assert point is not None
        return Cell(point.text, detail=f"{point.period} only")
    return Cell(f"{then.text} → {now.text}", detail=f"{then.period} → {now.period}")


def _movement_cell(p: LinkProgress) -> Cell:
    aim = "" if p.toward_aim is None else AIM_WORDS[p.toward_aim]
    return Cell(p.mark, detail=aim, strong=True, colour=AIM_COLOURS[p.toward_aim])


def link_row(p: LinkProgress, title: str, status: StatusMark | None) -> tuple[Cell, ...]:
    """One link as a table row: commitment, status, indicator and aim, then → now, movement."""
    return (
        Cell(p.commitment_id, detail=title),
        Cell(status.text, status=status) if status is not None else Cell("No update"),
        Cell(p.indicator.name, detail=_sentence_case(p.target)),
        _gap_cell(p),
        _movement_cell(p),
    )


def _chart_rank(p: LinkProgress) -> int:
    """Lower first: a clear movement against the aim, then toward it, then the rest."""
    if p.movement in _CLEAR:
        return 0 if p.toward_aim is False else 1
    return 2 if p.movement is Movement.NO_CLEAR_CHANGE else 3


def drawable(links: Sequence[LinkProgress]) -> list[int]:
    """The positions of the links with a chart worth drawing: a figure in two periods or
    more (a link with none has its sentence say so, as the window does)."""
    return [i for i, p in enumerate(links)
            if p.chart is not None and p.chart.drawable and len(p.chart.labels) >= 2
            and p.movement not in (Movement.NO_FIGURES, Movement.NOT_MEASURED)]


def charted(links: Sequence[LinkProgress], limit: int = MAX_CHARTS) -> tuple[int, ...]:
    """The positions (in table order) of the links given a chart, the most telling first
    (see :func:`_chart_rank`) when more than ``limit`` could have one."""
    best = sorted(drawable(links), key=lambda i: (_chart_rank(links[i]), i))[:limit]
    return tuple(sorted(best))


def _chart(p: LinkProgress) -> Chart:
    """The link's chart, titled with its commitment's ID."""
    assert p.chart is not None
    return replace(p.chart, title=f"{p.commitment_id}: {p.chart.title}")


def _charts_words(shown: int, could: int, links: int) -> str:
    """What the charts leave out, in one sentence; "" when every link has its chart."""
    if shown == links:
        return ""
    if not shown:
        return ("No chart is drawn: none of these links has figures in two periods or more "
                "to draw.")
    why = " (a clear movement first)" if could > shown else ""
    return (f"Charts are drawn for {shown} of the {links} links{why}; every link is in the "
            "table and the sentences above.")


def theme_blocks(links: Sequence[LinkProgress], titles: Mapping[str, str],
                 statuses: Mapping[str, StatusMark | None]) -> tuple[Block, ...]:
    """One theme's blocks: the table, each link's sentence, then its few charts.
    ``titles`` and ``statuses``: each commitment's title and status mark by ID."""
    rows = tuple(link_row(p, titles.get(p.commitment_id, ""), statuses.get(p.commitment_id))
                 for p in links)
    blocks: list[Block] = [Table(COLUMNS, rows),
                           BulletList(tuple(f"{p.commitment_id}: {p.sentence}" for p in links),
                                      "sentence")]
    shown = charted(links)
    blocks += [_chart(links[i]) for i in shown]
    words = _charts_words(len(shown), len(drawable(links)), len(links))
    if words:
        blocks.append(Paragraph(words, "small"))
    return tuple(blocks)


def link_part(themes: Sequence[Theme], progress: Mapping[str, Sequence[LinkProgress]],
              titles: Mapping[str, str], statuses: Mapping[str, StatusMark | None],
              area: str) -> list[Section]:
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
                                theme_blocks(progress[theme.code], titles, statuses),
                                short_title=f"{TITLE} · {theme.short_name}"))
    return sections
