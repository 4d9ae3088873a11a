"""The one-page summary, and the exceptions and changes behind it.

Every number and sentence comes from a :class:`~mag_desktop.core.query.summary_view.SummaryView`
(the same object the window's Overview renders), built on the same Filter as the window; this
module only lays it out as briefing blocks.

A pack without the exception lists (a ward pack, by default: ward packs are printed in bulk
and kept short) still says which commitments each exception counts: under each exception in
the summary's table are the IDs of its commitments, so a councillor reading the pack before a
surgery can find each one in the commitment tables (listed by theme, then ID) and ask about
it, instead of meeting a count with no list behind it. The summary (the same words as the
window's Overview) says so in its table of exceptions, and the commitments part opens with
that short list of IDs by exception: a few lines, where the full lists would add pages to every
ward pack. A pack with the lists (an authority pack) has them after the summary instead.
"""

from __future__ import annotations

from mag_desktop.core.briefing.commitment_sections import commitments_table
from mag_desktop.core.briefing.context import BuildContext, records, status_marks
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
from mag_desktop.core.query import Changes
from mag_desktop.core.query.illustrative import DETAIL, NOTICE, holds_illustrative
from mag_desktop.core.query.summary_view import SummaryView, summary_view
from mag_desktop.core.query.summary_words import count_of


def status_grid(view: SummaryView) -> StatusGrid:
    marks = status_marks()
    return StatusGrid(
        statuses=tuple(marks[c] for c in view.grid_statuses),
        rows=tuple((row.name, row.counts, row.total) for row in view.grid),
        totals=view.grid_totals,
        total=view.grid_total,
    )


def exception_table(view: SummaryView, pointer: str = "") -> Table:
    """Each exception, its meaning and its count; ``pointer`` (words in brackets after
    "Exception" in the header) says where its commitments are named."""
    rows = tuple((Cell(line.title, detail=line.definition), Cell(str(line.count), strong=True))
                 for line in view.exceptions)
    head = f"Exception ({pointer})" if pointer else "Exception"
    return Table((Column(head, weight=5.0), Column("Commitments", "number", "right", 1.3)),
                 rows, zebra=True)


def exception_list(view: SummaryView) -> BulletList:
    """Each exception with its count and the IDs of its commitments, for a pack without the
    exception lists: "Overdue (11 commitments): RET-JOBS-007, RET-JOBS-011, …"."""
    return BulletList(tuple(
        f"{line.title} ({count_of(line.count, 'commitment')}): {', '.join(line.ids)}."
        if line.ids else line.none for line in view.exceptions))


def summary_blocks(view: SummaryView, pointer: str = "") -> tuple[Block, ...]:
    """The summary page's blocks: the Overview shows exactly these. They fit one page with the
    illustrative notice, so nothing repeats: the lead gives the "as at" quarter and how many
    commitments need attention (counted once), which the grid and the table then break down.
    ``pointer``: where the exceptions' commitments are named, in the table's header."""
    blocks: list[Block] = []
    if view.illustrative:
        blocks.append(Note(DETAIL, title=NOTICE, tone="caution"))
    blocks += [
        Paragraph(f"{view.lead} {view.attention}", "lead"),
        status_grid(view),
        Heading("Exceptions"),
        exception_table(view, pointer),
        Heading(view.since_title),
        BulletList(view.changes),
    ]
    return tuple(blocks)


#: In the exceptions' header when the pack lists them by ID under Commitments by theme (in the
#: header, which takes no more room: a ward's summary page is full).
POINTER = "listed by ID under Commitments by theme"


def summary_sections(ctx: BuildContext, changes: Changes, detail: bool = True,
                     summary: bool = True, brief: bool = False) -> list[Section]:
    """The one-page summary and (``detail``) the lists of exceptions and changes; the summary
    opens with "Illustrative sample — not official statistics" when the store holds any.
    ``brief``: the pack has commitment tables but not the lists; the summary then says where
    each exception's commitments are named, and ``ctx.attention`` holds that short list for
    the commitments part to open with."""
    view = summary_view(ctx.commitments, changes, ctx.themes, ctx.audience.label, ctx.flt,
                        illustrative=holds_illustrative(ctx.conn))
    sections = []
    if brief and not detail:
        ctx.attention = exception_list(view)
    if summary:
        pointer = POINTER if ctx.attention is not None and summary else ""
        sections.append(Section("summary", "Summary", 1, summary_blocks(view, pointer),
                                new_page=True))
    if detail:
        sections.append(Section("exceptions", "Exceptions and changes", 1,
                                tuple(_detail_blocks(ctx, changes, view)), new_page=True,
                                short_title="Exceptions and changes"))
    return sections


def _detail_blocks(ctx: BuildContext, changes: Changes, view: SummaryView) -> list[Block]:
    blocks: list[Block] = []
    by_id = ctx.commitments.set_index("id", drop=False)
    for line in view.exceptions:
        blocks.append(Heading(line.heading))
        if not line.ids:
            blocks.append(Note(line.none))
        else:
            blocks.append(commitments_table(ctx, by_id.loc[list(line.ids)]))
    moved = changes.status_changes
    blocks.append(Heading(view.status_changes_heading))
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
    blocks.append(Heading(view.new_heading))
    if not view.new_ids:
        blocks.append(Note("No new commitment this quarter."))
    else:
        blocks.append(commitments_table(ctx, by_id.loc[list(view.new_ids)]))
    return blocks


def _mark_cell(ctx: BuildContext, code: object) -> Cell:
    mark = ctx.status(code)
    return Cell(mark.text, status=mark) if mark else Cell("–")
