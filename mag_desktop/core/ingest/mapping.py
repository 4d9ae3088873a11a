"""Column mapping: headers → canonical fields (aliases are data), and wide layouts detected.

Headers match ignoring case, spacing and punctuation. Headers that are ethnic groups (as in the
Nomis Census file) or periods make a *wide* layout, unpivoted to one observation per cell.

In a layout by ethnic group, a column whose heading nothing recognises but which holds figures
("Eastern European", "Black/Black British (any)") is never left out silently: it is listed
(:func:`note_unread_groups`) for the clerk to name its group (``group_labels``) or ignore it
(``columns``); and a group is read from one column only (:attr:`Mapping.repeated`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from mag_desktop.core.ethnicity import group, map_label
from mag_desktop.core.ingest.cells import parse_marked_number, parse_number_text
from mag_desktop.core.periods import PeriodError, parse_period
from mag_desktop.paths import resource_path

TABLE_KINDS = ("commitments", "milestones", "links", "definitions", "observations")
WIDE_MIN = 2


def header_key(text: str) -> str:
    text = text.lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9%]+", "", text)


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    required: bool
    aliases: tuple[str, ...]


@cache
def columns(kind: str) -> tuple[Column, ...]:
    raw = json.loads(resource_path("import", "columns.json").read_text(encoding="utf-8"))
    return tuple(
        Column(c["field"], c["header"], c["required"], tuple(c["aliases"])) for c in raw[kind]
    )


@cache
def _alias_index(kind: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for col in columns(kind):
        for name in (col.field, col.header, *col.aliases):
            index.setdefault(header_key(name), col.field)
    return index


def match_header(kind: str, header: str) -> str | None:
    return _alias_index(kind).get(header_key(header)) if header else None


def group_of_header(header: str, extra: dict[str, str] | None = None) -> str | None:
    """The ethnic group a header names ("Ethnic group: Asian …: Bangladeshi"), if any."""
    if not header:
        return None
    if extra:
        wanted = header_key(header)
        for label, code in extra.items():
            if header_key(label) == wanted:
                return code
    match = map_label(header)
    return match.code if match.code else None


def period_of_header(header: str) -> str | None:
    if not header or not re.search(r"\d{4}", header):
        return None
    try:
        return parse_period(header).label
    except PeriodError:
        return None


@dataclass
class Mapping:
    kind: str
    fields: dict[str, int] = field(default_factory=dict)  # field → column index in the row
    wide: str | None = None  # "ethnic_group" | "period"
    wide_columns: list[tuple[int, str]] = field(default_factory=list)  # (index, header)
    ignored: list[tuple[int, str]] = field(default_factory=list)
    constants: dict[str, Any] = field(default_factory=dict)
    #: (index, header, field) of columns left unread because the field already has a column
    #: or a constant: never silently, see leftout.check_columns
    shadowed: list[tuple[int, str, str]] = field(default_factory=list)
    #: (index, header) of headings nothing recognised: not a field, a group or a period
    unknown: list[tuple[int, str]] = field(default_factory=list)
    #: those of them that hold figures in a layout by ethnic group: see note_unread_groups
    unread_groups: list[tuple[int, str]] = field(default_factory=list)
    #: (index, header, code, index, header) of a group column left unread because an earlier
    #: column gives the same group: never two figures for one group
    repeated: list[tuple[int, str, str, int, str]] = field(default_factory=list)
    group_codes: dict[int, str] = field(default_factory=dict)  # group column → its group

    def missing(self) -> list[Column]:
        have = set(self.fields) | set(self.constants)
        if self.wide:
            have |= {self.wide, "value"}
        if self.kind == "observations" and have & {"area_code", "area_name"}:
            have |= {"area_code", "area_name"}
        return [c for c in columns(self.kind) if c.required and c.field not in have]


def map_headers(
    kind: str,
    headers: list[str],
    overrides: dict[str, str] | None = None,
    constants: dict[str, Any] | None = None,
    group_labels: dict[str, str] | None = None,
) -> Mapping:
    """Map a header row. ``overrides`` (from a profile) say header → field or "ignore"."""
    overrides = {header_key(k): v for k, v in (overrides or {}).items()}
    mapping = Mapping(kind=kind, constants=dict(constants or {}))
    groups: list[tuple[int, str]] = []
    periods: list[tuple[int, str]] = []
    for j, header in enumerate(headers):
        if not header:
            continue
        forced = overrides.get(header_key(header))
        if forced == "ignore":
            mapping.ignored.append((j, header))
            continue
        name = forced or match_header(kind, header)
        if name and name not in mapping.fields and name not in mapping.constants:
            mapping.fields[name] = j
        elif name:
            mapping.shadowed.append((j, header, name))
            mapping.ignored.append((j, header))
        elif kind == "observations" and group_of_header(header, group_labels):
            groups.append((j, header))
        elif kind == "observations" and period_of_header(header):
            periods.append((j, header))
        else:
            mapping.ignored.append((j, header))
            if not forced:
                mapping.unknown.append((j, header))
    if kind == "observations":
        if len(groups) >= WIDE_MIN and "ethnic_group" not in mapping.fields:
            mapping.wide, mapping.wide_columns = "ethnic_group", _once(mapping, groups,
                                                                       group_labels)
            mapping.ignored += periods
        elif len(periods) >= WIDE_MIN and "period" not in mapping.fields:
            mapping.wide, mapping.wide_columns = "period", periods
            mapping.ignored += groups
        else:
            mapping.ignored += groups + periods
    return mapping


def _once(mapping: Mapping, groups: list[tuple[int, str]],
          labels: dict[str, str] | None) -> list[tuple[int, str]]:
    """The group columns, each group from its first column; the others are noted as repeated
    (and left unread): a file gives one figure per group."""
    first: dict[str, tuple[int, str]] = {}
    kept = []
    for j, header in groups:
        code = str(group_of_header(header, labels))
        if code in first:
            mapping.repeated.append((j, header, code, *first[code]))
            mapping.ignored.append((j, header))
        else:
            first[code] = (j, header)
            mapping.group_codes[j] = code
            kept.append((j, header))
    return kept


def holds_figures(rows: list[list[object]], j: int) -> bool:
    """Whether cell ``j`` of any of ``rows`` is a figure or a suppression marker."""
    for row in rows:
        cell = row[j] if j < len(row) else None
        if isinstance(cell, bool) or cell is None:
            continue
        if isinstance(cell, (int, float)):
            return True
        if isinstance(cell, str) and cell.strip() and (
                parse_number_text(cell)[2] or parse_marked_number(cell) != (None, None, None)):
            return True
    return False


def note_unread_groups(mapping: Mapping, rows: list[list[object]]) -> None:
    """In a layout by ethnic group, the columns whose heading nothing recognised and which
    hold figures in ``rows`` (the first data rows) are the groups a clerk must name or ignore:
    their figures are never left out without a word."""
    mapping.unread_groups = [(j, h) for j, h in mapping.unknown if holds_figures(rows, j)] \
        if mapping.wide == "ethnic_group" else []


def unread_group_message(header: str, letter: str) -> str:
    return (f"the heading {header!r} of column {letter} is not an ethnic group the importer "
            "knows, and the column holds figures: say which group it is (in the import wizard, "
            "under Values not recognised; in a profile, \"group_labels\": {"
            f"{_json(header)}: \"<group code>\"}}) or leave the column out (\"columns\": "
            f"{{{_json(header)}: \"ignore\"}})")


def repeated_message(header: str, letter: str, code: str, first: str,
                     first_letter: str) -> str:
    return (f"the heading {header!r} of column {letter} is read as {group_name(code)}, which "
            f"column {first_letter} ({first!r}) already gives: a group is read from one column "
            "only, never added up or stored twice. Say which group it is instead, or leave one "
            f"of the columns out (\"columns\": {{{_json(header)}: \"ignore\"}})")


def group_name(code: str) -> str:
    """A group as a clerk reads it: a group by its short name ("Black African"), a heading or
    an aggregate by its whole name."""
    found = group(code)
    return found.short_label if found.kind == "group" else found.label


def _json(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def score(kind: str, headers: list[str]) -> float:
    """How well a row of headers fits a table kind: mapped required fields weigh most."""
    mapping = map_headers(kind, headers)
    required = {c.field for c in columns(kind) if c.required}
    points = sum(2.0 if f in required else 1.0 for f in mapping.fields)
    if mapping.wide:
        points += 2.0 + 0.1 * len(mapping.wide_columns)
    return points if len(mapping.fields) + (1 if mapping.wide else 0) >= 2 else 0.0
