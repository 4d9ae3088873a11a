"""One indicator as members see it, decided once: the window's Indicators tab, the ward
profile and the pack all render this object, so they cannot disagree.

It decides which area's figures are shown (the area asked for, else the nearest larger area
that holds figures, said plainly and never titled as the area asked for), which comparators are
drawn (none for counts and £ amounts, whose scale depends on the area's size), their names
("England and Wales" when that is what the figure covers) and looks (fixed per role, see
:mod:`.series_styles`), the groups followed in the trend, the sentences (largest first, the
rest counted), whether "no group differs" may be said (only when at least one named group was
compared), and every word and number of the table.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pandas as pd

from mag_desktop.core.briefing.context import polarity_words, unit_words
from mag_desktop.core.briefing.indicator_blocks import (
    TREND_GROUPS,
    chart_block,
    disparity_table,
    ethnicity_label,
    groups_chart,
    no_chart_words,
    trend_chart,
    view_records,
)
from mag_desktop.core.briefing.model import (
    Block,
    BulletList,
    Chart,
    Heading,
    Note,
    Paragraph,
    Table,
)
from mag_desktop.core.disparity import RATIO_UNITS, group_phrase
from mag_desktop.core.geography import REGION_CODE
from mag_desktop.core.query import IndicatorView, indicator_view, lookups, trend
from mag_desktop.core.query.indicators import DEFAULT_COMPARATOR
from mag_desktop.core.query.summary_words import count_of

MAX_SENTENCES = 6
MAX_TREND_GROUPS = 6


@dataclass(frozen=True)
class IndicatorPresentation:
    view: IndicatorView  # the figures shown: for the area asked for, or a larger one
    asked_name: str  # the area asked for, as its name reads ("Shropshire")
    fallback: str  # why the figures are for another area; "" when they are the area's own
    facts: str
    about: str
    groups_chart: Chart
    trend_chart: Chart | None
    sentences: tuple[str, ...]  # the largest significant differences, at most six
    more: str  # "3 more groups differ significantly …", or ""
    verdict: str  # "No ethnic group's figure differs significantly …", or ""
    caution: str  # significant differences left undescribed because they rest on few events
    table: Table
    #: why there is no trend chart when periods are held but no value can be drawn (every
    #: figure suppressed or not held); "" otherwise
    trend_note: str = ""

    @property
    def title(self) -> str:
        return self.view.indicator.name

    @property
    def heading(self) -> str:
        """A plain line under the title: the area shown, the period, the unit and polarity."""
        ind = self.view.indicator
        against = ethnicity_label(self.view.comparator_group)
        return (f"{self.view.area.name}, {self.view.period or 'no figures held'} · "
                f"{unit_words(str(ind.unit))} · {polarity_words(str(ind.polarity))} · "
                f"groups compared with {against}")

    def blocks(self) -> tuple[Block, ...]:
        """The pack's blocks, in reading order. Figures shown for context (another area's)
        keep their chart and words but not their trend and table: a pack is about its own
        area, and pages of another area's tables would bury that."""
        out: list[Block] = []
        if self.fallback:
            out.append(Note(self.fallback, tone="caution"))
        out.append(Paragraph(self.facts, "small"))
        if self.about:
            out.append(Paragraph(self.about, "small"))
        out.append(chart_block(self.groups_chart, "Chart", self.view.area.name))
        if self.sentences:
            out += [Heading("Differences between ethnic groups"),
                    BulletList(self.sentences, "sentence")]
        for words in (self.more, self.verdict, self.caution):
            if words:
                out.append(Paragraph(words, "small"))
        if self.fallback:
            return tuple(out)
        if self.trend_chart is not None:
            out.append(self.trend_chart)
        elif self.trend_note:
            out.append(Paragraph(self.trend_note, "small"))
        out.append(self.table)
        return tuple(out)


def larger_areas(conn: sqlite3.Connection, area_code: str) -> list[str]:
    """The area, then the larger area to fall back on: a ward's authority, an authority's
    WMCA area (the WMCA's figures belong in an authority's pack, not in a ward's)."""
    info = lookups.area_info(conn, area_code)
    if info.level == "ward" and info.parent_code:
        return [area_code, info.parent_code]
    if info.level == "authority":
        return [area_code, REGION_CODE]
    return [area_code]


def comparators_for(view: IndicatorView) -> dict[str, str]:
    """Column prefix -> name of the comparator areas drawn: none for counts and £ amounts."""
    if str(view.indicator.unit) not in RATIO_UNITS:
        return {}
    order = ("authority", "region", "england")
    return {k: view.comparator_names[k] for k in order if k in view.comparator_names}


def _facts(view: IndicatorView) -> str:
    ind = view.indicator
    held = len(view.periods)
    when = f"{view.period}"
    if held > 1:
        latest = view.periods[-1] == view.period
        when += f" ({'latest' if latest else 'one'} of {count_of(held, 'period')} held)"
    return (f"Period: {when}. Unit: {unit_words(str(ind.unit))}; "
            f"{polarity_words(str(ind.polarity))}. Frequency: {ind.frequency or 'not stated'}."
            f" Population: {ind.people}.")


def _words(view: IndicatorView) -> tuple[tuple[str, ...], str, str, str]:
    """(sentences shown, "and N more", the verdict when none differs, the caution)."""
    found = view.disparities
    shown = found.sentences[:MAX_SENTENCES]
    rest = len(found.sentences) - len(shown)
    more = (f"{count_of(rest, 'more group')} {'differs' if rest == 1 else 'differ'} significantly "
            "from the comparator group; the table marks every comparison." if rest else "")
    verdict = ""
    against = group_phrase(view.comparator_group, view.indicator.people)
    if not found.found and not found.unreliable and found.compared >= 1:
        n = found.compared
        groups = "the one group" if n == 1 else f"the {n} groups"
        verdict = (f"None of {groups} compared differs significantly from {against} (the 95% "
                   "confidence intervals overlap).")
        if found.named > n:
            rest = found.named - n
            verdict += (f" {count_of(rest, 'other group')} {'has' if rest == 1 else 'have'} no "
                        "figure to compare.")
    caution = ""
    if found.unreliable:
        n = found.unreliable
        caution = (f"{count_of(n, 'significant difference')} {'rests' if n == 1 else 'rest'} "
                   f"on fewer than {view.indicator.min_count} events and "
                   f"{'is' if n == 1 else 'are'} not described; the table marks "
                   f"{'it' if n == 1 else 'them'} [u].")
    return shown, more, verdict, caution


def trend_groups(groups: tuple[str, ...]) -> tuple[str, ...]:
    """All ethnic groups and the five headings, or All and the groups a member chose."""
    if not groups:
        return TREND_GROUPS
    return ("ALL", *[g for g in groups if g != "ALL"][:MAX_TREND_GROUPS - 1])


def present(view: IndicatorView, series: pd.DataFrame, asked: tuple[str, str],
            groups: tuple[str, ...] = ()) -> IndicatorPresentation:
    """The presentation of a view already read (``series``: its trend) for the area asked for
    (``asked``: its code and name)."""
    ind = view.indicator
    fallback = ""
    asked_code, asked_name = asked
    if view.area.code != asked_code:
        fallback = (f"No figures for {asked_name} are held for this indicator; the figures "
                    f"for {view.area.name} are shown for context.")
    comparators = comparators_for(view)
    rows = view_records(view)
    chart = groups_chart(view, rows, comparators,
                         f"By ethnic group: {view.area.name}, {view.period}")
    sentences, more, verdict, caution = _words(view)
    about = " ".join(t for t in (ind.notes, f"Source: {ind.source}." if ind.source else "")
                     if t)
    over_time = trend_chart(series, view, f"Over time: {view.area.name}", trend_groups(groups))
    trend_note = ""
    if over_time is not None and not over_time.drawable:
        trend_note = no_chart_words(over_time, "Trend chart", view.area.name)
        over_time = None
    return IndicatorPresentation(
        view=view, asked_name=asked_name, fallback=fallback, facts=_facts(view), about=about,
        groups_chart=chart,
        trend_chart=over_time,
        sentences=sentences, more=more, verdict=verdict, caution=caution,
        table=disparity_table(view, rows, comparators), trend_note=trend_note,
    )


def present_indicator(conn: sqlite3.Connection, code: str, area_code: str,
                      period: str | None = None, groups: tuple[str, ...] = (),
                      asked_name: str | None = None,
                      within: tuple[str | None, str | None] = (None, None),
                      ) -> IndicatorPresentation | None:
    """The indicator for the first of the area and its larger areas that holds figures;
    None when none does. ``asked_name`` names the area asked for (default: its name, and a
    ward's authority: "Acocks Green ward, Birmingham", as a pack's audience reads).
    ``within`` (the filter's period from and to) narrows the periods offered and the trend."""
    info = lookups.area_info(conn, area_code)
    name = asked_name or (f"{info.name} ward, {info.parent_name}" if info.level == "ward"
                          and info.parent_name else info.name)
    for area in larger_areas(conn, area_code):
        series = trend(conn, code, area, period_from=within[0], period_to=within[1])
        if series.empty:
            continue
        chosen = period if area == area_code else None
        view = indicator_view(conn, code, area, chosen, groups,
                              comparator_group=DEFAULT_COMPARATOR,
                              period_from=within[0], period_to=within[1])
        return present(view, series, (area_code, name), groups)
    return None
