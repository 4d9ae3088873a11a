"""The ward profile of a ward pack: residents (Census 2021), indicators against the authority,
and the commitments that name the ward - all from ``ward_profile``."""

from __future__ import annotations

from mag_desktop.core import formatting
from mag_desktop.core.briefing.commitment_sections import commitments_table
from mag_desktop.core.briefing.context import (
    BuildContext,
    marker_of,
    missing,
    number_cell,
    records,
)
from mag_desktop.core.briefing.indicator_blocks import chart_block
from mag_desktop.core.briefing.model import (
    Block,
    Cell,
    Chart,
    Column,
    Note,
    Paragraph,
    Section,
    Series,
    Table,
)
from mag_desktop.core.briefing.ward_table import ward_indicator_table
from mag_desktop.core.query import WardProfile, ward_profile
from mag_desktop.core.query.summary_words import count_of

_TOP_KINDS = ("all", "heading", "aggregate", "unknown")


def _floats(values: object) -> tuple[float | None, ...]:
    return tuple(None if missing(v) else float(v) for v in values)  # type: ignore[attr-defined]


def _residents(profile: WardProfile) -> list[Block]:
    frame = profile.residents
    authority = profile.authority_name or "the authority"
    if frame.empty:
        return [Note("No Census 2021 figures for this ward are held in the store.")]
    total = frame.loc[frame["group_code"] == "ALL", "count"]
    people = formatting.format_count(total.iloc[0]) if len(total) else formatting.MISSING
    groups = frame[frame["group_code"] != "ALL"]
    chart = Chart(
        kind="groups", title=f"Residents by ethnic group: {profile.ward.name} and {authority}",
        labels=tuple(groups["short_label"].fillna(groups["group_code"])),
        series=(
            Series(profile.ward.name, _floats(groups["percent"]),
                   markers=tuple(marker_of(m) for m in groups["marker"]), role="area"),
            Series(authority, _floats(groups["authority_percent"]), role="comparator"),
        ),
        unit="%", decimals=1,
        levels=tuple(0 if k in _TOP_KINDS else 1 for k in groups["kind"]),
        description=f"Share of usual residents by ethnic group in {profile.ward.name}, "
                    f"beside {authority}, Census 2021.",
    )
    rows = []
    for r in records(frame):
        top = r["kind"] in _TOP_KINDS
        rows.append((
            Cell(str(r["short_label"] or r["label"] or r["group_code"]), strong=top,
                 indent=0 if top else 1),
            number_cell(r["count"], 0, r["marker"], strong=top),
            number_cell(r["percent"], 1, r["marker"]),
            number_cell(r["authority_percent"], 1),
        ))
    table = Table((Column("Ethnic group", "label", weight=5.0),
                   Column("Residents", "number", "right", 2.2),
                   Column("Share (%)", "number", "right", 2.0),
                   Column(f"{authority} (%)", "number", "right", 2.4)), tuple(rows),
                  caption=f"Usual residents on Census Day, 21 March 2021 "
                          f"({profile.census_period}).")
    lead = Paragraph(f"{people} people lived in {profile.ward.name} on Census Day 2021.", "lead")
    return [lead, chart_block(chart, "Chart", profile.ward.name), table]


def _indicators(ctx: BuildContext, profile: WardProfile) -> list[Block]:
    chosen = {t.code for t in ctx.themes}
    frame = profile.indicators[profile.indicators["theme"].isin(chosen)]
    authority = profile.authority_name or "the authority"
    if frame.empty:
        return [Note("No indicators for this ward are held for the chosen themes.")]
    for r in records(frame, ("marker", "authority_marker", "flag")):
        ctx.markers_used.update(m for m in (marker_of(r["marker"]),
                                            marker_of(r["authority_marker"]),
                                            marker_of(r["flag"] or None)) if m)
    return [
        Paragraph(f"Each indicator for everyone in the ward at its latest period, against "
                  f"{authority} for the same period.", "small"),
        ward_indicator_table(profile, chosen),
    ]


def _commitments(ctx: BuildContext, profile: WardProfile) -> list[Block]:
    frame = profile.commitments
    chosen = {t.code for t in ctx.themes}
    frame = frame[frame["theme"].isin(chosen)]
    named = frame[frame["wards"].map(lambda wards: profile.ward.code in wards)]
    regional = int(frame["authority_code"].isna().sum())
    rest = len(frame) - len(named) - regional
    names = "names" if len(named) == 1 else "name"
    apply = "applies" if rest + regional == 1 else "apply"
    text = (f"{count_of(len(named), 'commitment')} {names} {profile.ward.name}. A further "
            f"{count_of(rest, 'commitment')} of {profile.authority_name} and "
            f"{count_of(regional, 'regional commitment')} {apply} to it; all are listed under "
            "Commitments by theme.")
    blocks: list[Block] = [Paragraph(text, "small")]
    blocks.append(commitments_table(ctx, named) if len(named) else
                  Note(f"No commitment names {profile.ward.name} specifically."))
    return blocks


def ward_sections(ctx: BuildContext) -> list[Section]:
    profile = ward_profile(ctx.conn, ctx.audience.code)
    name = profile.ward.name
    short = f"Ward profile · {name}"
    return [
        Section("ward-profile", f"Ward profile: {name}", 1,
                (Paragraph(f"{name} is a ward of {profile.authority_name} ({profile.ward.code}).",
                           "lead"),), new_page=True, short_title=short),
        Section("ward-residents", "Residents by ethnic group (Census 2021)", 2,
                tuple(_residents(profile)), short_title=short),
        Section("ward-indicators", f"Indicators against {profile.authority_name}", 2,
                tuple(_indicators(ctx, profile)), new_page=True, short_title=short),
        Section("ward-commitments", f"Commitments naming {name}", 2,
                tuple(_commitments(ctx, profile)), short_title=short),
    ]
