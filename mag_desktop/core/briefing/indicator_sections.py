"""Indicators by theme: for each indicator the catalogue lists for the Filter, its groups chart,
disparity sentences, trend chart and table for the audience's area.

Decisions:

* When the audience's area holds no figures for an indicator, the nearest larger area that does
  (the ward's authority, then the WMCA area) is shown, and a note says so plainly.
* A ward's figures are compared with White residents when the ward holds no White British row
  (ward tables are often published by heading only); otherwise with White British, as the
  window does.
* In a ward pack the Census 2021 residents indicators appear in the ward profile instead.
"""

from __future__ import annotations

import pandas as pd

from mag_desktop.core.briefing.context import BuildContext, marker_of, polarity_words, unit_words
from mag_desktop.core.briefing.indicator_blocks import (
    disparity_table,
    groups_chart,
    trend_chart,
    view_records,
)
from mag_desktop.core.briefing.model import Block, BulletList, Heading, Note, Paragraph, Section
from mag_desktop.core.geography import ENGLAND_CODE, REGION_CODE
from mag_desktop.core.query import IndicatorView, indicator_catalogue, indicator_view, trend
from mag_desktop.core.query.indicators import DEFAULT_COMPARATOR
from mag_desktop.core.query.ward import CENSUS_COUNT, CENSUS_PERCENT
from mag_desktop.core.stats import RATIO_UNITS

REGION_SHORT = "WMCA"
MAX_SENTENCES = 6
FALLBACK_COMPARATOR = "WHITE"


def _areas(ctx: BuildContext) -> list[str]:
    """The audience's area, then the larger area to fall back on: the authority for a ward
    (figures for the whole WMCA area belong in the authority's pack, not a ward's), the WMCA
    area for an authority."""
    audience = ctx.audience
    if audience.level == "ward":
        return [audience.code, audience.authority_code]
    return [audience.code, REGION_CODE]


def _view(ctx: BuildContext, code: str, held_here: bool
          ) -> tuple[IndicatorView, pd.DataFrame] | None:
    """The view and the trend for the first area (audience, then larger) holding figures.

    The trend (a cheap read of every period and group) shows whether the area holds figures
    and which comparator group it has, so each indicator costs one view, not several.
    ``held_here`` (from the catalogue) is False when the audience's own area holds none."""
    for area in _areas(ctx)[0 if held_here else 1:]:
        series = trend(ctx.conn, code, area)
        if series.empty:
            continue
        periods = series["period"].tolist()
        held = {g for g, p in zip(series["group_code"].tolist(), periods, strict=True)
                if p == periods[-1]}
        comparator = DEFAULT_COMPARATOR
        if DEFAULT_COMPARATOR not in held and FALLBACK_COMPARATOR in held:
            comparator = FALLBACK_COMPARATOR
        view = indicator_view(ctx.conn, code, area, comparator_group=comparator)
        return view, series
    return None


def _comparators(ctx: BuildContext, view: IndicatorView) -> dict[str, str]:
    found = {}
    if view.area.level == "ward" and view.area.parent_name:
        found["authority"] = view.area.parent_name
    if view.area.code != REGION_CODE:
        found["region"] = REGION_SHORT
    if view.area.code != ENGLAND_CODE:
        found["england"] = "England"
    return found


def _facts(view: IndicatorView) -> str:
    ind = view.indicator
    held = len(view.periods)
    when = f"{view.period} (latest of {held} periods held)" if held > 1 else f"{view.period}"
    return (f"Period: {when}. Unit: {unit_words(str(ind.unit))}; "
            f"{polarity_words(str(ind.polarity))}. Frequency: {ind.frequency or 'not stated'}.")


def indicator_blocks(ctx: BuildContext, code: str, name: str,
                     held_here: bool = True) -> tuple[Block, ...] | None:
    """The indicator's blocks; None when no figures are held for the area (or the larger
    area it falls back on)."""
    found = _view(ctx, code, held_here)
    if found is None:
        return None
    view, series = found
    ind = view.indicator
    ctx.note_source(ind.source, ind.name)
    ctx.markers_used.update(m for m in set(view.rows["marker"].tolist()) if marker_of(m))
    blocks: list[Block] = []
    if view.area.code != ctx.audience.code:
        blocks.append(Note(f"No figures for {ctx.audience.label} are held for this indicator; "
                           f"the figures shown are for {view.area.name}.", tone="caution"))
    blocks.append(Paragraph(_facts(view), "small"))
    about = " ".join(t for t in (ind.notes, f"Source: {ind.source}." if ind.source else "") if t)
    if about:
        blocks.append(Paragraph(about, "small"))
    comparators = _comparators(ctx, view)
    rows = view_records(view)
    blocks.append(groups_chart(view, rows, comparators,
                               f"By ethnic group: {view.area.name}, {view.period}"))
    if view.sentences:
        blocks.append(Heading("Differences between ethnic groups"))
        blocks += _sentences(view)
    elif str(ind.unit) in RATIO_UNITS and (view.rows["comparison"] != "not compared").any():
        blocks.append(Paragraph("No ethnic group's figure differs significantly from the "
                                "comparator group's (the 95% confidence intervals overlap).",
                                "small"))
    chart = trend_chart(series, view, f"Over time: {view.area.name}")
    if chart is not None:
        blocks.append(chart)
    blocks.append(disparity_table(view, rows, comparators))
    return tuple(blocks)


def _sentences(view: IndicatorView) -> list[Block]:
    """The core's disparity sentences: all of them when few, else the first few (headings
    first, in publishing order) with a pointer to the table for the rest."""
    shown = view.sentences[:MAX_SENTENCES]
    blocks: list[Block] = [BulletList(shown, "sentence")]
    rest = len(view.sentences) - len(shown)
    if rest:
        blocks.append(Paragraph(f"{rest} more groups differ significantly from the comparator "
                                "group; the table below marks every comparison.", "small"))
    return blocks


def _intro() -> tuple[Block, ...]:
    return (
        Paragraph("Each indicator is shown for the pack's area by ethnic group: a chart with "
                  "95% confidence intervals (the whiskers) beside the WMCA area and England, "
                  "its trend over time, and a table of the figures.", "lead"),
        Paragraph("A difference is called better, worse, higher or lower only when the two "
                  "95% confidence intervals do not overlap; otherwise it is “similar”. Cells "
                  "suppressed by the publisher show their marker, such as [c], instead of a "
                  "number (see the notes at the end).", "small"),
    )


def indicator_sections(ctx: BuildContext) -> list[Section]:
    listed = indicator_catalogue(ctx.conn, ctx.flt)
    sections = [Section("indicators", "Indicators by theme", 1, _intro(), new_page=True,
                        short_title="Indicators")]
    ward = ctx.audience.level == "ward"
    first = True
    for theme in ctx.themes:
        rows = listed[listed["theme"] == theme.code]
        if rows.empty:
            continue
        blocks: list[Block] = []
        census = rows["code"].isin([CENSUS_COUNT, CENSUS_PERCENT])
        if ward and census.any():
            blocks.append(Note("Census 2021 residents by ethnic group are shown in the ward "
                               "profile."))
            rows = rows[~census]
        shown: list[tuple[str, str, tuple[Block, ...]]] = []
        empty: list[str] = []
        held = (rows["observations"] > 0).tolist()
        for code, name, here in zip(rows["code"], rows["name"], held, strict=True):
            found = indicator_blocks(ctx, code, name, here)
            if found is None:
                empty.append(name)
            else:
                shown.append((code, name, found))
        if empty:
            blocks.append(Note(f"No figures for {ctx.audience.label} are held for: "
                               f"{'; '.join(empty)}."))
        names = "; ".join(name for _, name, _ in shown) or "none with figures for this area"
        blocks.insert(0, Paragraph(f"Indicators: {names}.", "small"))
        short = f"Indicators · {theme.short_name}"
        sections.append(Section(f"indicators-{theme.code.lower()}", theme.name, 2,
                                tuple(blocks), new_page=not first, short_title=short))
        first = False
        sections += [Section(f"indicator-{code.lower()}", name, 3, found, new_page=i > 0,
                             short_title=short)
                     for i, (code, name, found) in enumerate(shown)]
    if len(sections) == 1:
        sections[0] = Section("indicators", "Indicators by theme", 1,
                              (Note("No indicators are held for the chosen themes."),),
                              new_page=True, short_title="Indicators")
    return sections
