"""Notes at the end of a pack: the data's version, sources, definitions, suppression markers."""

from __future__ import annotations

from mag_desktop.core import formatting, vocab
from mag_desktop.core.briefing.context import BuildContext
from mag_desktop.core.briefing.model import (
    Block,
    BulletList,
    Cell,
    Column,
    Heading,
    Paragraph,
    Section,
    Table,
)
from mag_desktop.core.query import DataStatus
from mag_desktop.core.query.summary_view import EXCEPTIONS

#: Markers always explained, as UK official statistics use them; others only when shown.
STANDARD_MARKERS = ("[c]", "[x]", "[z]", "[u]")


def _about(ctx: BuildContext, status: DataStatus) -> list[Block]:
    described = [part.label for part in ctx.flt.describe(ctx.names)]
    imported = status.last_import_at.replace("T", " ")[:16] if status.last_import_at else "none"
    return [
        Heading("About this pack"),
        BulletList((
            f"Data version {status.data_version} of the store: every figure in this pack was "
            "read from that version, and the pack log records it.",
            f"Commitment updates are as at {status.as_at or 'no quarter yet'}; the last import "
            f"was {imported} ({status.last_import_file or 'no file'}).",
            f"Chosen: {'; '.join(described) or 'everything'}.",
        )),
    ]


def _sources(ctx: BuildContext) -> list[Block]:
    if not ctx.sources:
        return []
    items = tuple(f"{source}: {', '.join(names)}." for source, names in ctx.sources.items())
    blocks: list[Block] = [Heading("Sources"), BulletList(items)]
    if any("illustrative" in source.lower() for source in ctx.sources):
        blocks.append(Paragraph("Figures marked “Illustrative sample” are invented for "
                                "demonstration and are not official statistics.", "small"))
    return blocks


def _definitions(ctx: BuildContext) -> list[Block]:
    statuses = tuple(
        (Cell(mark.text, status=mark), Cell("open" if vocab.status(mark.code).open
                                            else "finished"))
        for mark in ctx.statuses.values()
    )
    comparisons = "; ".join(formatting.format_comparison(w) for w in formatting.comparison_words)
    return [
        Heading("Definitions"),
        Table((Column("Status", "status", weight=2.0), Column("The commitment is", weight=4.0)),
              statuses, caption="Statuses are shown by shape and word, so they read in "
              "greyscale."),
        BulletList((
            *(f"{title}: {definition}" for title, definition, _ in EXCEPTIONS.values()),
            "95% confidence interval: the range the true value is likely to lie in, given the "
            "numbers involved; small groups have wide intervals. Where the publisher gave the "
            "counts but no limits, MAG Desktop computes them by Public Health England's "
            "methods: Wilson's score method for percentages, the exact Poisson method for "
            "rates resting on fewer than 10 events and Byar's method from 10. The publisher's "
            "own limits are always kept.",
            f"Comparisons ({comparisons}) follow OHID Fingertips: significant only when the two "
            "intervals do not overlap; “similar” otherwise; “not compared” when a value or a "
            "limit is missing.",
            "Disparity sentences follow the Ethnicity facts and figures style and appear only "
            "for significant differences in rates and percentages, largest first (the rest "
            "are counted). “Times” is used for rates, and for percentages when both are under "
            "50%; other percentages are compared in percentage points. Ratios are worked out "
            "from the unrounded figures. No sentence rests on a figure marked [u], and a share "
            "of a whole (each group's share of residents) gets none.",
            "Ethnic groups follow the ONS 2021 Census classification for England, in its "
            "publishing order.",
        )),
    ]


def _markers(ctx: BuildContext) -> list[Block]:
    meanings = vocab.suppression_markers()
    shown = [m for m in STANDARD_MARKERS if m in meanings]
    shown += sorted(m for m in ctx.markers_used if m not in shown)
    rows = tuple(
        (Cell(marker), Cell(meanings.get(marker, "not available"),
                            detail="Shown in this pack." if marker in ctx.markers_used else ""))
        for marker in shown
    )
    return [
        Heading("Suppressed and missing values"),
        Paragraph("Values suppressed by the publisher stay suppressed: the pack shows the "
                  "marker instead of a number, and never a figure derived from it. Where a "
                  "suppressed figure could be worked out by subtraction from the figures shown "
                  "(All and its ethnic groups, a heading and its detailed groups, an authority "
                  "and its wards, the WMCA area and its authorities), another figure is "
                  "suppressed as well and shown as [c] too: “suppressed to protect another "
                  "figure”. A figure resting on fewer events than its indicator's threshold "
                  "(10 unless the definition says otherwise) is shown with [u], low "
                  "reliability. An en dash (–) means no value is held.", "small"),
        Table((Column("Marker", "id", weight=1.2), Column("Meaning", weight=6.0)), rows),
    ]


def notes_sections(ctx: BuildContext, status: DataStatus) -> list[Section]:
    blocks = [*_about(ctx, status), *_sources(ctx), *_definitions(ctx), *_markers(ctx)]
    return [Section("notes", "Notes on the data", 1, tuple(blocks), new_page=True,
                    short_title="Notes")]
