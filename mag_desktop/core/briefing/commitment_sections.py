"""Commitments by theme: one table per theme, status as shape and word, latest narrative.

Rows come straight from the commitments frame (``commitments_frame(conn, flt)``), in its order
(theme, then ID), so IDs and order match the window's table. Under each ID is where the
commitment applies; in a ward pack a commitment that names the pack's own ward always lists
that ward first, and a list is cut short ("and 2 more") only when two or more names are left.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from mag_desktop.core import formatting
from mag_desktop.core.briefing.context import BuildContext, records
from mag_desktop.core.briefing.model import (
    Block,
    Cell,
    Column,
    Heading,
    Note,
    Paragraph,
    Section,
    Table,
)
from mag_desktop.core.query.summary_words import and_, count_of

Row = Mapping[str, Any]
SHOWN_WARDS = 2  # ward names given under an ID before "and N more"
COLUMNS = (
    Column("ID", "id", weight=2.2),
    Column("Commitment and latest update", "text", weight=4.05),
    Column("Status", "status", weight=1.85),
    Column("Due", "date", weight=1.8),  # "30 Sep 2026" on one line
    Column("Lead", "text", weight=2.1),  # "Commissioner", "Homelessness" unbroken
)


def _where(ctx: BuildContext, row: Row) -> str:
    """Where a commitment applies: "Regional", "Birmingham", or its wards' names."""
    wards = tuple(row["wards"]) if isinstance(row["wards"], tuple) else ()
    if wards:
        own = ctx.audience.code if ctx.audience.level == "ward" else None
        names = [ctx.names("wards", code) for code in sorted(wards, key=lambda c: c != own)]
        if len(names) <= SHOWN_WARDS + 1:  # never "and 1 more": that name fits as well
            return and_(names)
        return f"{', '.join(names[:SHOWN_WARDS])} and {len(names) - SHOWN_WARDS} more"
    return str(row["authority_name"])


def _update(ctx: BuildContext, row: Row) -> str:
    quarter = row["quarter"] if isinstance(row["quarter"], str) else None
    narrative = str(row["narrative"] or "").strip()
    if quarter is None:
        return "No update received yet."
    if row["no_update"]:
        return f"No update for {ctx.as_at}. Latest ({quarter}): {narrative or 'no narrative'}"
    return f"{quarter}: {narrative}" if narrative else f"{quarter}: no narrative given."


def _status_cell(ctx: BuildContext, row: Row) -> Cell:
    mark = ctx.status(row["status"])
    if mark is None:
        return Cell("No update")
    detail = ""
    if row["slipped"]:
        before = ctx.status(row["previous_status"])
        detail = f"Slipped from {before.label.lower()}" if before else "Slipped"
    return Cell(mark.text, detail=detail, status=mark)


USED = ("id", "title", "theme", "wards", "authority_name", "quarter", "narrative",
        "no_update", "status", "slipped", "previous_status", "due_date", "overdue", "lead")


def commitment_rows(ctx: BuildContext, frame: pd.DataFrame | list[Row]
                    ) -> tuple[tuple[Cell, ...], ...]:
    """Table rows for commitments, from a slice of the commitments frame or its records."""
    rows = []
    for row in frame if isinstance(frame, list) else records(frame, USED):
        due = formatting.format_date(row["due_date"])
        rows.append((
            Cell(str(row["id"]), detail=_where(ctx, row)),
            Cell(str(row["title"]), detail=_update(ctx, row), strong=True),
            _status_cell(ctx, row),
            Cell(due, detail="Overdue" if row["overdue"] else ""),
            Cell(str(row["lead"] or formatting.MISSING)),
        ))
    return tuple(rows)


def commitments_table(ctx: BuildContext, frame: pd.DataFrame | list[Row],
                      caption: str = "") -> Table:
    return Table(COLUMNS, commitment_rows(ctx, frame), caption=caption)


def _intro(ctx: BuildContext) -> tuple[Block, ...]:
    frame = ctx.commitments
    regional = int(frame["authority_code"].isna().sum())
    whose = ctx.audience.authority_name
    verb = "applies" if len(frame) == 1 else "apply"
    covers = "covers" if regional == 1 else "cover"
    text = (
        f"{count_of(len(frame), 'commitment')} {verb} to {ctx.audience.label}: "
        f"{len(frame) - regional:,} made for {whose} and "
        f"{count_of(regional, 'regional commitment')} that {covers} every member "
        f"authority. Status and narrative are as at {ctx.as_at or 'the latest update'}."
    )
    legend = "   ".join(mark.text for mark in ctx.statuses.values() if mark.code != "CLOSED")
    blocks: tuple[Block, ...] = (
        Paragraph(text, "lead"),
        Paragraph(f"Status is shown by shape and word: {legend}. Under each ID is where the "
                  "commitment applies; “Overdue” means due by the end of the as-at quarter "
                  "and not complete.", "small"),
    )
    if ctx.attention is not None:  # the pack has no exception lists: name them here
        blocks += (Heading("Needing attention, by exception"), ctx.attention)
    return blocks


def commitment_sections(ctx: BuildContext) -> list[Section]:
    sections = [Section("commitments", "Commitments by theme", 1, _intro(ctx), new_page=True,
                        short_title="Commitments")]
    every = records(ctx.commitments, USED)  # once, then grouped by theme in order
    for theme in ctx.themes:
        rows = [row for row in every if row["theme"] == theme.code]
        blocks: list[Block] = [Paragraph(f"Mission: {theme.mission}", "small")]
        if not rows:
            blocks.append(Note(f"No commitments under this theme apply to "
                               f"{ctx.audience.label}."))
        else:
            blocks.append(commitments_table(ctx, rows))
        sections.append(Section(f"commitments-{theme.code.lower()}", theme.name, 2,
                                tuple(blocks), short_title=f"Commitments · {theme.short_name}"))
    return sections
