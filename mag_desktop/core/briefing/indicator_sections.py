"""Indicators by theme: for each indicator the catalogue lists for the Filter, its
presentation (:mod:`.presentation`, the same object the window renders) for the audience.

Decisions:

* When the audience's area holds no figures for an indicator, the nearest larger area that does
  (the ward's authority, then the WMCA area) is shown for context, compactly, and a note says so
  plainly; the figures are always titled with the area they are for.
* In a ward pack the Census 2021 residents indicators appear in the ward profile instead.
"""

from __future__ import annotations

from mag_desktop.core.briefing.context import BuildContext, marker_of
from mag_desktop.core.briefing.model import Block, Note, Paragraph, Section
from mag_desktop.core.briefing.presentation import present_indicator
from mag_desktop.core.query import indicator_catalogue
from mag_desktop.core.query.ward import CENSUS_COUNT, CENSUS_PERCENT


def indicator_blocks(ctx: BuildContext, code: str) -> tuple[Block, ...] | None:
    """The indicator's blocks; None when no figures are held for the area (or the larger
    area it falls back on)."""
    shown = present_indicator(ctx.conn, code, ctx.audience.code, groups=ctx.flt.groups,
                              within=(ctx.flt.period_from, ctx.flt.period_to))  # as listed
    if shown is None:
        return None
    ind = shown.view.indicator
    ctx.note_source(ind.source, ind.name)
    ctx.markers_used.update(m for m in set(shown.view.rows["marker"].tolist()) if marker_of(m))
    if (shown.view.rows["flag"] != "").any():
        ctx.markers_used.add("[u]")
    return shown.blocks()


def _intro() -> tuple[Block, ...]:
    return (
        Paragraph("Each indicator is shown for the pack's area by ethnic group: a chart with "
                  "95% confidence intervals (the whiskers) beside the WMCA area and the national "
                  "figure (England, or England and Wales where the source covers both), "
                  "its trend over time, and a table of the figures.", "lead"),
        Paragraph("A difference is called better, worse, higher or lower only when the two "
                  "95% confidence intervals do not overlap; otherwise it is “similar”. A "
                  "suppressed figure shows [c] instead of a number, whether the publisher "
                  "suppressed it or it is withheld so that another cannot be worked out by "
                  "subtraction; [u] beside a figure means it rests on few events (see the notes "
                  "at the end).", "small"),
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
        for code, name in zip(rows["code"], rows["name"], strict=True):
            found = indicator_blocks(ctx, code)
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
