"""What a value the importer did not recognise may be translated to, or a constant set to: the
store's ethnic groups (by label), statuses, themes, areas and indicators, each as
(value written to the profile, label shown). Periods are typed, and checked by
:func:`period_problem`, which names the accepted forms. A group column's heading is chosen
from the groups described for a column (:func:`heading_groups`): a heading and all its groups,
a 2021 group under its heading, or a group of another classification kept as its own."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from mag_desktop.core import ethnicity
from mag_desktop.core.area_levels import levels_of_type
from mag_desktop.core.geography import load_geography
from mag_desktop.core.ingest.profile import Profile
from mag_desktop.core.periods import ACCEPTED_FORMS, PeriodError, parse_period
from mag_desktop.core.query.catalogue import definitions
from mag_desktop.core.query.choices import filter_choices

#: levels above the authority offered for an area, from the bundled reference lists
WIDER = ("combined authority", "region", "country")
PERIOD_FORMS = ", ".join(ACCEPTED_FORMS[i] for i in (0, 3, 4, 6, 8))  # the usual forms


@dataclass(frozen=True)
class Allowed:
    value: str  # what the profile holds: a code, a status's or theme's name
    label: str  # what the drop-down shows
    level: str = ""  # an area's level: "authority", "ward", "region"…


def allowed_values(conn: sqlite3.Connection, kind: str, profile: Profile | None = None,
                   area_type: str = "") -> list[Allowed]:
    """The values of ``kind`` ("group", "status", "theme", "area", "authority",
    "indicator"); none for "period", which is typed. ``area_type`` (an area type constant:
    "Ward", "Local authority") keeps the areas of that level."""
    choices = filter_choices(conn)
    if kind == "group":
        return [Allowed(c.code, c.label) for c in choices.groups]
    if kind == "heading":
        return heading_groups({c.code for c in choices.groups})
    if kind == "status":
        return [Allowed(c.label, c.label) for c in choices.statuses]
    if kind == "theme":
        return [Allowed(c.label, c.label) for c in choices.themes]
    if kind == "indicator":
        return indicators(conn, profile)
    if kind == "authority":
        return [Allowed("Regional", "Regional (the whole combined authority)")] + [
            Allowed(c.code, f"{c.label} ({c.code})") for c in choices.authorities]
    if kind == "area":
        return areas(conn, area_type)
    return []


def indicators(conn: sqlite3.Connection, profile: Profile | None = None) -> list[Allowed]:
    """The indicators defined in the store, then those the profile defines."""
    stored = [Allowed(str(r.code), f"{r.code}: {r.name}")
              for r in definitions(conn).itertuples()]
    return with_profile_indicators(stored, profile)


def with_profile_indicators(stored: list[Allowed], profile: Profile | None) -> list[Allowed]:
    """``stored`` and then the indicators ``profile`` defines that it does not hold."""
    out = {a.value: a for a in stored}
    for raw in (profile.definitions if profile else []):
        code = str(raw.get("indicator_id", "")).upper()
        if code and code not in out:
            out[code] = Allowed(code, f"{code}: {raw.get('name', '')} (in the profile)")
    return list(out.values())


def vocabulary(conn: sqlite3.Connection) -> dict[str, list[Allowed]]:
    """Every kind's allowed values at once (the import wizard reads them in the background)."""
    return {kind: allowed_values(conn, kind) for kind in (
        "group", "heading", "status", "theme", "area", "authority", "indicator")}


def heading_groups(codes: set[str] | None = None) -> list[Allowed]:
    """The ethnic groups a column of figures may be read as (those of ``codes``, when given),
    in publishing order, each said so that a clerk sees what it counts: "Black, the whole
    heading (…)", "Black African (under Black)", "Gypsy/Roma: kept as its own group under
    White (DfE classification, not a 2021 group)"."""
    out = []
    for g in ethnicity.groups():
        if codes is not None and g.code not in codes:
            continue
        out.append(Allowed(g.code, _column_label(g)))
    return out


def _column_label(g: ethnicity.EthnicGroup) -> str:
    if g.kind == "heading":
        return f"{g.short_label}, the whole heading" + (
            f" ({g.label})" if g.label != g.short_label else "")
    if g.kind != "group":
        return g.label
    head = ethnicity.group(str(g.heading_code)).short_label
    name = g.label if g.short_label.lower().startswith("any other") else g.short_label
    if g.classification != "2021":
        return (f"{name}: kept as its own group under {head} ({g.classification} "
                "classification, not a 2021 group)")
    return f"{name} (under {head})"


def areas(conn: sqlite3.Connection, area_type: str = "") -> list[Allowed]:
    """Authorities, then the wider areas, then wards with their authority: the levels an
    area type names, when one is given."""
    choices = filter_choices(conn)
    names = {c.code: c.label for c in choices.authorities}
    out = [Allowed(c.code, f"{c.label} ({c.code})", "authority") for c in choices.authorities]
    out += [Allowed(a.code, f"{a.name} ({a.level}, {a.code})", a.level)
            for a in load_geography().reference if a.level in WIDER]
    out += [Allowed(c.code, f"{c.label}, {names.get(c.parent, c.parent)} ({c.code})", "ward")
            for c in choices.wards]
    return of_area_type(out, area_type)


def of_area_type(allowed: list[Allowed], area_type: str) -> list[Allowed]:
    """The areas of the levels an area type names ("Ward", "Local authority"); all of them
    when it names none."""
    levels = levels_of_type(area_type) if area_type else None
    return [a for a in allowed if levels is None or a.level in levels]


def period_problem(text: str) -> str:
    """"" when ``text`` is a period; else a sentence naming the accepted forms."""
    if not text.strip():
        return f"type a period, such as {PERIOD_FORMS}"
    try:
        parse_period(text)
    except PeriodError:
        return f"{text.strip()!r} is not a period: type one such as {PERIOD_FORMS}"
    return ""


def period_label(text: str) -> str:
    """How a typed period is read ("2026 Q3"), or "" when it is not one."""
    try:
        return parse_period(text).label
    except PeriodError:
        return ""
