"""A ward's indicators against its authority, as one table: the ward profile tab and the ward
pack's profile show it word for word (figures for everyone in the ward at its latest period,
suppression markers, [u] beside a figure resting on few events, the comparison in words)."""

from __future__ import annotations

from mag_desktop.core import formatting
from mag_desktop.core.briefing.context import comparison_cell, marker_of, records, value_text
from mag_desktop.core.briefing.model import Cell, Column, Table
from mag_desktop.core.query.ward import WardProfile


def _value(value: object, unit: str, decimals: int, marker: object, flag: object = "") -> Cell:
    mark = marker_of(marker)
    text = value_text(value, unit, decimals, marker)
    if mark is None and flag:
        text = f"{text} {flag}"
    return Cell(text, suppressed=mark is not None)


def ward_indicator_table(profile: WardProfile, themes: set[str] | None = None) -> Table:
    """The ward's indicators (those of ``themes`` when given) against its authority."""
    frame = profile.indicators
    if themes is not None:
        frame = frame[frame["theme"].isin(themes)]
    authority = profile.authority_name or "the authority"
    rows = []
    for r in records(frame):
        unit, decimals = str(r["unit"]), int(r["decimals"])
        rows.append((
            Cell(str(r["name"]), detail=str(r["theme_name"])),
            Cell(str(r["period"])),
            _value(r["value"], unit, decimals, r["marker"], r.get("flag")),
            _value(r["authority_value"], unit, decimals, r["authority_marker"]),
            comparison_cell(r["comparison"]) if r["comparison"] != "not compared"
            else Cell(formatting.MISSING),
        ))
    caption = "– means not compared (a value or a limit is missing)."
    if any(r.get("flag") for r in records(frame, ("flag",))):
        caption += " [u]: low reliability, resting on few events."
    return Table((Column("Indicator", weight=5.4), Column("Period", weight=1.7),
                  Column(profile.ward.name, "number", "right", 2.6),
                  Column(authority, "number", "right", 2.6),
                  Column("Ward compared", "comparison", weight=2.4)), tuple(rows),
                 caption=caption)
