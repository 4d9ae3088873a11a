""""My notes": the member's own notes on what the pack shows, on pages marked personal.

Off by default: a pack holds this part only when its maker asks (``pack --with-notes``). It
lists the notes on the commitments in the pack and on indicators for the pack's area (an
authority and its wards; a ward and its authority), newest quarter first, each with the
quarter it was written in and earlier quarters marked. Every page of the part says "Personal
notes — not part of the official briefing" in its footer, and the part opens by saying so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mag_desktop.core import formatting
from mag_desktop.core.briefing.context import BuildContext
from mag_desktop.core.briefing.model import Block, Heading, Note, Paragraph, Section
from mag_desktop.core.notes import Note as MemberNote
from mag_desktop.core.notes import grouped, resolve_notes_path
from mag_desktop.core.notes.book import NoteBook
from mag_desktop.core.query.lookups import NotFoundError, ward_authorities

KEY = "my_notes"
PERSONAL = "Personal notes — not part of the official briefing"


def member_notes() -> list[MemberNote]:
    """The notes in the member's notes file (``MAG_NOTES`` or the user data folder); none when
    there is no notes file yet."""
    path = resolve_notes_path()
    if not path.is_file():
        return []
    with NoteBook.open(path) as book:
        return book.all()


def relevant(ctx: BuildContext, notes: Iterable[MemberNote]) -> list[MemberNote]:
    """The notes on this pack's commitments, and on indicators for its area."""
    notes = list(notes)
    in_pack = set(ctx.commitments["id"]) if "id" in ctx.commitments else set()
    audience = ctx.audience
    areas = {n.area_code for n in notes if n.kind == "indicator" and n.area_code}
    parents = ward_authorities(ctx.conn, areas) if areas else {}

    def keep_area(code: str) -> bool:
        if audience.level == "ward":
            return code in (audience.code, audience.authority_code)
        return code == audience.code or parents.get(code) == audience.code
    return [n for n in notes
            if (n.kind == "commitment" and n.item_id in in_pack)
            or (n.kind == "indicator" and n.area_code is not None and keep_area(n.area_code))]


def _indicator_name(ctx: BuildContext, code: str) -> str:
    from mag_desktop.core.query.indicators import definition

    try:
        return definition(ctx.conn, code).name
    except NotFoundError:
        return code


def _about(ctx: BuildContext, note: MemberNote, titles: dict[str, str]) -> str:
    if note.kind == "commitment":
        title = titles.get(note.item_id, "")
        return f"Commitment {note.item_id}" + (f": {title}" if title else "")
    area = ctx.names("authorities", note.area_code or "")
    where = f"{area} ({note.area_code})" if area != note.area_code else str(note.area_code)
    return f"Indicator: {_indicator_name(ctx, note.item_id)}, for {where}"


def my_notes_sections(ctx: BuildContext, notes: Sequence[MemberNote]) -> list[Section]:
    shown = relevant(ctx, notes)
    blocks: list[Block] = [
        Note("These are the private notes of the member who made this pack, kept on their own "
             "laptop. They are not part of the official briefing, were not checked by the "
             "clerk, and are not the Taskforce's view.", title=PERSONAL, tone="caution"),
    ]
    if not shown:
        blocks.append(Paragraph("You have no notes on the commitments or the indicators in "
                                "this pack."))
    titles = dict(zip(ctx.commitments["id"], ctx.commitments["title"], strict=True)
                  ) if shown and "title" in ctx.commitments else {}
    for group in grouped(shown, ctx.as_at):
        blocks.append(Heading(f"Written in {group.heading}"))
        for note in group.notes:
            written = formatting.format_date(note.created_at.astimezone())
            edited = formatting.format_date(note.edited_at.astimezone())
            when = written if edited == written else f"{written}, edited {edited}"
            blocks.append(Paragraph(f"{_about(ctx, note, titles)} — {note.quarter} "
                                    f"(written {when})", "lead"))
            blocks += [Paragraph(line) for line in note.text.splitlines() if line.strip()]
    return [Section(KEY, "My notes (personal)", 1, tuple(blocks), new_page=True,
                    short_title=PERSONAL)]
