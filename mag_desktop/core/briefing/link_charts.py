"""The few trend charts of a theme's "Is it working?" section: which links get one, and how
each is titled.

Decisions:

* One chart per disparity followed (indicator, focus group, comparator group), not per link:
  commitments of a theme often target the same gap, and the same two lines drawn twice tell a
  member nothing new. The chart names every commitment it stands for, and is drawn from the
  link with the most periods (the earliest start), so each one's periods are within it.
* At most :data:`MAX_CHARTS` per theme, so a member reads the part before a meeting: a gap
  that moved clearly against the commitment's aim first, then one that moved clearly toward
  it, then one with no clear change; among equals, the table's order. A link with no figures,
  a single period or no gap measured (counts, £) gets no chart: its sentence says why.
* Charts are drawn compact (:attr:`Chart.compact`): a small picture beside the table, not a
  page of its own. A chart read with no value to draw is left out and counted as not drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from mag_desktop.core.briefing.model import Block, Chart, Paragraph
from mag_desktop.core.links.progress_model import LinkProgress, Movement
from mag_desktop.core.query.summary_words import and_

#: Charts per theme; every other link is still in the table and the sentences.
MAX_CHARTS = 2
_CLEAR = (Movement.NARROWED, Movement.WIDENED, Movement.FELL, Movement.ROSE,
          Movement.CHANGED_SIDES)
_UNDRAWN = (Movement.NO_FIGURES, Movement.NOT_MEASURED, Movement.TOO_FEW_PERIODS)


def rank(p: LinkProgress) -> int:
    """Lower first: a clear movement against the aim, then toward it, then the rest."""
    if p.movement in _CLEAR:
        return 0 if p.toward_aim is False else 1
    return 2 if p.movement is Movement.NO_CLEAR_CHANGE else 3


#: Where a link's chart comes from: the link itself (its ``chart``), or, for a pack that reads
#: its links without charts, a read of the few it draws.
ChartSource = Callable[[LinkProgress], Chart | None]


def own_chart(p: LinkProgress) -> Chart | None:
    return p.chart


def _worth_drawing(p: LinkProgress) -> bool:
    """Two periods or more with both groups' figures, and a movement to see."""
    return len(p.periods) >= 2 and p.focus_group is not None and p.movement not in _UNDRAWN


def disparities(links: Sequence[LinkProgress]) -> list[tuple[int, ...]]:
    """The positions of the links worth a chart, grouped by the disparity they follow, in the
    order of each group's first link."""
    groups: dict[tuple[str, str | None, str], list[int]] = {}
    for i, p in enumerate(links):
        if _worth_drawing(p):
            groups.setdefault((p.indicator.code, p.focus_group, p.comparator_group),
                              []).append(i)
    return [tuple(group) for group in groups.values()]


def charted(links: Sequence[LinkProgress], limit: int = MAX_CHARTS) -> list[tuple[int, ...]]:
    """The disparities given a chart (each as its links' positions), in table order, the
    most telling first when more than ``limit`` could have one."""
    found = disparities(links)
    best = sorted(found, key=lambda g: (min(rank(links[i]) for i in g), g[0]))[:limit]
    return sorted(best, key=lambda g: g[0])


def chart_of(links: Sequence[LinkProgress], group: tuple[int, ...],
             source: ChartSource = own_chart) -> Chart | None:
    """The disparity's chart, from its link with the most periods, titled with the IDs of
    every commitment it stands for; None when it has no value to draw."""
    widest = max(group, key=lambda i: (len(links[i].periods), -i))
    chart = source(links[widest])
    if chart is None or not chart.drawable:
        return None
    ids = and_(list(dict.fromkeys(links[i].commitment_id for i in group)))
    return replace(chart, title=f"{ids}: {chart.title}", compact=True)


def _words(links: Sequence[LinkProgress], shown: list[tuple[int, ...]], could: int) -> str:
    """What the charts leave out, in one sentence; "" when every link is in a chart."""
    covered = sum(len(g) for g in shown)
    if covered == len(links):
        return ""
    if not shown:
        return ("No chart is drawn: none of these links has a gap or figure held for two "
                "periods or more since its commitment started.")
    clear = could > len(shown) and any(links[i].movement in _CLEAR for g in shown for i in g)
    why = ", chosen from those that moved clearly" if clear else ""
    return (f"The {'chart covers' if len(shown) == 1 else 'charts cover'} {covered} of the "
            f"{len(links)} links{why}, in the table's order; every link is in the table "
            "above.")


def chart_blocks(links: Sequence[LinkProgress], limit: int = MAX_CHARTS,
                 source: ChartSource = own_chart) -> list[Block]:
    """The theme's charts, then a sentence saying what they leave out (if anything)."""
    drawn = [(group, chart) for group in charted(links, limit)
             if (chart := chart_of(links, group, source)) is not None]
    blocks: list[Block] = [chart for _, chart in drawn]
    words = _words(links, [group for group, _ in drawn], len(disparities(links)))
    if words:
        blocks.append(Paragraph(words, "small"))
    return blocks
