"""Build a :class:`Briefing` for one audience from the store, through the core queries only.

The pack reads with the same :class:`Filter` the window builds for "my authority (or ward), my
themes", so every count, status and value equals what the window shows for that filter.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from mag_desktop.core import vocab
from mag_desktop.core.briefing.commitment_sections import commitment_sections
from mag_desktop.core.briefing.context import BuildContext, per_store, status_marks
from mag_desktop.core.briefing.indicator_sections import indicator_sections
from mag_desktop.core.briefing.link_section import link_sections
from mag_desktop.core.briefing.model import Audience, Briefing, BriefingMeta, Section
from mag_desktop.core.briefing.my_notes_section import member_notes, my_notes_sections
from mag_desktop.core.briefing.notes_section import notes_sections
from mag_desktop.core.briefing.summary_section import summary_sections
from mag_desktop.core.briefing.ward_section import ward_sections
from mag_desktop.core.domain import Theme
from mag_desktop.core.errors import UsageError
from mag_desktop.core.notes import Note as MemberNote
from mag_desktop.core.plain_text import one_line
from mag_desktop.core.query import (
    Filter,
    commitments_frame,
    data_status,
    label_lookup,
    since_last_quarter,
)
from mag_desktop.core.query.illustrative import holds_illustrative
from mag_desktop.core.query.lookups import area_info

#: The parts of a pack, in order; "ward_profile" applies to ward packs only.
SECTIONS = ("summary", "exceptions", "commitments", "links", "ward_profile", "indicators",
            "notes")
#: A ward pack leaves out the exception lists (its summary counts them and says where they
#: are named: the IDs of each list open its commitments part, whose tables flag them): ward
#: packs are printed in bulk for surgeries and kept short.
DEFAULT_SECTIONS = {"authority": SECTIONS,
                    "ward": tuple(s for s in SECTIONS if s != "exceptions")}
DEFAULT_MARKING = "OFFICIAL"
#: Parts a pack holds only when asked for: "my_notes", the member's private notes.
OPTIONAL_SECTIONS = ("my_notes",)


def audience_of(conn: sqlite3.Connection, code: str) -> Audience:
    """The authority or ward with this code; UsageError for any other kind of area."""
    area = area_info(conn, code.strip().upper())
    if area.level == "authority":
        return Audience("authority", area.code, area.name, area.code, area.name)
    if area.level == "ward" and area.parent_code:
        return Audience("ward", area.code, area.name, area.parent_code, area.parent_name or "")
    raise UsageError(f"{area.name} ({area.code}) is not an authority or a ward: packs are made "
                     "for one authority or one ward")


def pack_filter(audience: Audience, themes: Iterable[str] = ()) -> Filter:
    """The window's filter for this audience and these themes."""
    if audience.level == "ward":
        return Filter(wards=(audience.code,), themes=tuple(themes))
    return Filter(authorities=(audience.code,), themes=tuple(themes))


def chosen_themes(codes: Iterable[str]) -> tuple[Theme, ...]:
    """The themes asked for, in strategy order (all of them when none are asked for)."""
    wanted = {c.strip().upper() for c in codes}
    unknown = wanted - {t.code for t in vocab.themes()}
    if unknown:
        raise UsageError(f"unknown theme code {', '.join(sorted(unknown))}; themes are "
                         f"{', '.join(t.code for t in vocab.themes())}")
    return tuple(t for t in vocab.themes() if not wanted or t.code in wanted)


def _title(audience: Audience) -> str:
    kind = "Ward briefing" if audience.level == "ward" else "Authority briefing"
    return f"{kind}: {audience.label}"


def build_briefing(
    conn: sqlite3.Connection,
    audience_code: str,
    themes: Sequence[str] = (),
    meeting: str = "",
    meeting_date: date | None = None,
    marking: str = DEFAULT_MARKING,
    sections: Sequence[str] | None = None,
    produced_at: datetime | None = None,
    my_notes: Sequence[MemberNote] | None = None,
) -> Briefing:
    """A briefing for one authority or ward (``audience_code``), for the ``themes`` (codes;
    all when empty), with the parts named in ``sections`` (see :data:`SECTIONS`; by default
    :data:`DEFAULT_SECTIONS` for the audience's level). "my_notes" adds the member's notes
    (``my_notes``, else those in the member's notes file) on pages marked personal. The
    meeting and the marking are typed by a person: each becomes one line of plain text."""
    meeting, marking = one_line(meeting), one_line(marking)
    audience = audience_of(conn, audience_code)
    sections = DEFAULT_SECTIONS[audience.level] if sections is None else tuple(sections)
    unknown = set(sections) - set(SECTIONS) - set(OPTIONAL_SECTIONS)
    if unknown:
        raise UsageError(f"unknown pack section {', '.join(sorted(unknown))}; sections are "
                         f"{', '.join(SECTIONS + OPTIONAL_SECTIONS)}")
    picked = chosen_themes(themes)
    flt = pack_filter(audience, (t.code for t in picked) if themes else ())
    frame = commitments_frame(conn, flt)
    status = per_store(conn, "data_status", data_status)
    ctx = BuildContext(conn=conn, audience=audience, flt=flt, themes=picked, commitments=frame,
                       as_at=frame.attrs.get("as_at"),
                       names=per_store(conn, "label_lookup", label_lookup),
                       statuses=status_marks())
    parts: list[Section] = []
    if "summary" in sections or "exceptions" in sections:
        changes = since_last_quarter(conn, flt, frame=frame)
        parts += summary_sections(ctx, changes, detail="exceptions" in sections,
                                  summary="summary" in sections,
                                  brief="commitments" in sections)
    if "commitments" in sections:
        parts += commitment_sections(ctx)
    if "links" in sections:
        parts += link_sections(ctx)
    if "ward_profile" in sections and audience.level == "ward":
        parts += ward_sections(ctx)
    if "indicators" in sections:
        parts += indicator_sections(ctx)
    if "notes" in sections:
        parts += notes_sections(ctx, status)
    if "my_notes" in sections:
        parts += my_notes_sections(ctx, member_notes() if my_notes is None else my_notes)
    parameters: dict[str, Any] = {
        "audience": audience.code, "audience_name": audience.label, "level": audience.level,
        "themes": [t.code for t in picked],
        "meeting": meeting, "meeting_date": meeting_date.isoformat() if meeting_date else None,
        "marking": marking, "sections": [s for s in SECTIONS + OPTIONAL_SECTIONS if s in sections],
        "filter": flt.to_dict(("authorities", "wards", "themes")),
    }
    illustrative = holds_illustrative(conn)
    if illustrative:
        parameters["illustrative"] = True
    meta = BriefingMeta(
        title=_title(audience), audience=audience, meeting=meeting, meeting_date=meeting_date,
        marking=marking, data_version=status.data_version, as_at=ctx.as_at,
        produced_at=produced_at or datetime.now().replace(microsecond=0),
        themes=tuple(t.code for t in picked), theme_names=tuple(t.name for t in picked),
        parameters=parameters, illustrative=illustrative,
    )
    return Briefing(meta, tuple(parts))
