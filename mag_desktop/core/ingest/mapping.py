"""Column mapping: headers → canonical fields (aliases are data), and wide layouts detected.

Headers match ignoring case, spacing and punctuation. Headers that are ethnic groups (as in the
Nomis Census file) or periods make a *wide* layout, unpivoted to one observation per cell.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from mag_desktop.core.ethnicity import map_label
from mag_desktop.core.periods import PeriodError, parse_period
from mag_desktop.paths import resource_path

TABLE_KINDS = ("commitments", "milestones", "definitions", "observations")
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
    if kind == "observations":
        if len(groups) >= WIDE_MIN and "ethnic_group" not in mapping.fields:
            mapping.wide, mapping.wide_columns = "ethnic_group", groups
            mapping.ignored += periods
        elif len(periods) >= WIDE_MIN and "period" not in mapping.fields:
            mapping.wide, mapping.wide_columns = "period", periods
            mapping.ignored += groups
        else:
            mapping.ignored += groups + periods
    return mapping


def score(kind: str, headers: list[str]) -> float:
    """How well a row of headers fits a table kind: mapped required fields weigh most."""
    mapping = map_headers(kind, headers)
    required = {c.field for c in columns(kind) if c.required}
    points = sum(2.0 if f in required else 1.0 for f in mapping.fields)
    if mapping.wide:
        points += 2.0 + 0.1 * len(mapping.wide_columns)
    return points if len(mapping.fields) + (1 if mapping.wide else 0) >= 2 else 0.0
