"""The one-page summary, and the exceptions and changes behind it.

Counts come from ``theme_status_counts``, ``exceptions`` and ``since_last_quarter`` on the same
Filter as the window, so the numbers match the window's summary panel.
"""

from __future__ import annotations

import pandas as pd

from mag_desktop.core.briefing.commitment_sections import commitments_table
from mag_desktop.core.briefing.context import BuildContext, records
from mag_desktop.core.briefing.model import (
    Block,
    BulletList,
    Cell,
    Column,
    Heading,
    Note,
    Paragraph,
    Section,
    StatusGrid,
    Table,
)
from mag_desktop.core.query import Changes, Exceptions, exceptions, theme_status_counts
from mag_desktop.core.query.summary import TOTAL

ALWAYS_SHOWN = ("NOT_STARTED", "ON_TRACK", "AT_RISK", "OFF_TRACK", "COMPLETE")
#: exception -> (heading, plain-words definition, what to say when there are none)
EXCEPTIONS = {
    "overdue": ("Overdue", "Due by the end of the as-at quarter and not complete.",
                "No commitment is overdue."),
    "off_track": ("Off track", "The latest update says off track.",
                  "No commitment is off track."),
    "slipped": ("Slipped since last quarter", "Worse than at the previous update.",
                "No commitment slipped since the last quarter."),
    "no_update": ("No update this quarter", "No update received for the as-at quarter.",
                  "Every commitment has an update for the as-at quarter."),
}


def status_grid(ctx: BuildContext) -> StatusGrid:
    counts = theme_status_counts(ctx.commitments)
    codes = [c for c in counts.columns if c != TOTAL
             and (c in ALWAYS_SHOWN or counts[c].sum() > 0)]
    chosen = counts.loc[[t.code for t in ctx.themes]]
    rows = tuple(
        (theme.short_name, tuple(int(chosen.at[theme.code, c]) for c in codes),
         int(chosen.at[theme.code, TOTAL]))
        for theme in ctx.themes
    )
    return StatusGrid(
        statuses=tuple(ctx.statuses[c] for c in codes),
        rows=rows,
        totals=tuple(int(chosen[c].sum()) for c in codes),
        total=int(chosen[TOTAL].sum()),
        caption=f"Commitments by theme and status, as at {ctx.as_at or 'no update yet'}.",
    )


def _listing(items: list[str], limit: int = 4) -> str:
    if len(items) > limit:
        return f"{'; '.join(items[:limit])} and {len(items) - limit} more"
    return "; ".join(items)


def _changes_bullets(ctx: BuildContext, changes: Changes, found: Exceptions) -> list[str]:
    moved = changes.status_changes
    bullets = []
    if len(moved):
        slipped = len(found.slipped)
        bullets.append(f"{len(moved)} commitments changed status; {slipped} of them slipped "
                       "(got worse).")
    else:
        bullets.append("No commitment changed status.")
    new = changes.new_commitments
    if len(new):
        titles = [f"{t} ({i})" for i, t in zip(new["id"], new["title"], strict=True)]
        bullets.append(f"{len(new)} new commitments: {_listing(titles)}.")
    data = changes.new_data
    if len(data):
        bullets.append(f"New or revised data for {len(data)} indicators: "
                       f"{_listing(list(data['name']))}.")
    else:
        bullets.append("No new indicator data.")
    return bullets


def _exception_table(found: Exceptions) -> Table:
    counts = found.counts()
    rows = tuple(
        (Cell(title, detail=definition), Cell(str(counts[key]), strong=True))
        for key, (title, definition, _) in EXCEPTIONS.items()
    )
    return Table((Column("Exception", weight=5.0), Column("Commitments", "number", "right", 1.3)),
                 rows, zebra=True)


def summary_sections(ctx: BuildContext, changes: Changes, detail: bool = True,
                     summary: bool = True) -> list[Section]:
    """The one-page summary and (``detail``) the lists of exceptions and changes."""
    found = exceptions(ctx.commitments)
    previous = changes.previous_quarter or "the previous quarter"
    applying = (f"{len(ctx.commitments)} commitments apply to {ctx.audience.label} across "
                f"{len(ctx.themes)} themes")
    when = f"As at {ctx.as_at}, " if ctx.as_at else "No commitment updates are held yet; "
    lead = (f"{when}{applying}. {sum(found.counts().values())} exceptions need members' "
            "attention.")
    blocks: list[Block] = [
        Paragraph(lead, "lead"),
        status_grid(ctx),
        Heading("Exceptions"),
        _exception_table(found),
        Heading(f"Since last quarter ({previous})"),
        BulletList(tuple(_changes_bullets(ctx, changes, found))),
    ]
    sections = []
    if summary:
        sections.append(Section("summary", "Summary", 1, tuple(blocks), new_page=True))
    if detail:
        sections.append(Section("exceptions", "Exceptions and changes", 1,
                                tuple(_detail_blocks(ctx, changes, found)), new_page=True,
                                short_title="Exceptions and changes"))
    return sections


def _detail_blocks(ctx: BuildContext, changes: Changes, found: Exceptions) -> list[Block]:
    blocks: list[Block] = []
    for key, (title, _, none) in EXCEPTIONS.items():
        frame: pd.DataFrame = getattr(found, key)
        blocks.append(Heading(f"{title} ({len(frame)})"))
        if frame.empty:
            blocks.append(Note(none))
        else:
            blocks.append(commitments_table(ctx, frame))
    moved = changes.status_changes
    blocks.append(Heading(f"Status changes since {changes.previous_quarter or 'last quarter'} "
                          f"({len(moved)})"))
    if moved.empty:
        blocks.append(Note("No commitment changed status."))
    else:
        rows = tuple(
            (Cell(str(r["id"])), Cell(str(r["title"])),
             _mark_cell(ctx, r["from_status"]), _mark_cell(ctx, r["to_status"]))
            for r in records(moved)
        )
        columns = (Column("ID", "id", weight=2.8), Column("Commitment", weight=6.6),
                   Column(f"Was ({changes.previous_quarter})", "status", weight=2.6),
                   Column(f"Now ({changes.as_at})", "status", weight=2.6))
        blocks.append(Table(columns, rows))
    new = changes.new_commitments
    blocks.append(Heading(f"New this quarter ({len(new)})"))
    if new.empty:
        blocks.append(Note("No new commitments this quarter."))
    else:
        blocks.append(commitments_table(ctx, ctx.commitments[ctx.commitments["id"].isin(
            set(new["id"]))]))
    return blocks


def _mark_cell(ctx: BuildContext, code: object) -> Cell:
    mark = ctx.status(code)
    return Cell(mark.text, status=mark) if mark else Cell("–")
