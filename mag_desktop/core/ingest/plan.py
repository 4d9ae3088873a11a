"""Deciding what a file holds: which sheets are which tables, and what kind of import it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from mag_desktop.core.ingest import shape_hints
from mag_desktop.core.ingest.layout import Span
from mag_desktop.core.ingest.mapping import (
    Mapping,
    columns,
    map_headers,
    note_unread_groups,
    repeated_message,
    score,
    unread_group_message,
)
from mag_desktop.core.ingest.preflight import FileRefused
from mag_desktop.core.ingest.profile import Profile
from mag_desktop.core.ingest.readers import Workbook
from mag_desktop.core.ingest.sheet_kinds import PHRASES, kind_by_name
from mag_desktop.core.ingest.table import Table, find_table, settle, table_at

KINDS = ("commitments", "indicators")
TABLES_OF = {"commitments": ("commitments", "milestones", "links"),
             "indicators": ("definitions", "observations")}
MAIN_TABLE = {"commitments": "commitments", "indicators": "observations"}
SAMPLE_ROWS = 200  # data rows looked at for figures under a heading nothing recognised
NAME_HINTS = {"commitments": ("commitment", "action"), "milestones": ("milestone",),
              "links": ("link",),
              "definitions": ("indicator", "definition", "metadata"),
              "observations": ("observation", "data", "value")}


@dataclass
class Part:
    table_kind: str
    table: Table
    mapping: Mapping
    fit: Callable[[list[str]], float] | None = None

    @property
    def sheet(self) -> str:
        return self.table.sheet.name

    @property
    def label(self) -> str:
        """The sheet, and which of its tables when it holds several: "Data (table 2)"."""
        several = len(self.table.tables) > 1
        return f"{self.sheet} (table {self.table.number})" if several else self.sheet


@dataclass
class Plan:
    kind: str
    parts: dict[str, Part] = field(default_factory=dict)
    tied: list[str] = field(default_factory=list)  # sheets that fit the main table equally well
    chosen: int | None = None  # the table asked for (1-based), when the sheet holds several

    @property
    def main(self) -> Part | None:
        return self.parts.get(MAIN_TABLE[self.kind])

    @property
    def sheets(self) -> str:
        return ", ".join(dict.fromkeys(p.label for p in self.parts.values()))

    @property
    def tables(self) -> list[Span]:
        """The tables found in the main table's sheet (one, or several stacked)."""
        return self.main.table.tables if self.main else []

    def choice_needed(self) -> str | None:
        """A sentence when the main sheet holds several tables and none was chosen."""
        if self.main is None or len(self.tables) < 2 or self.chosen:
            return None
        return (f"sheet {self.main.sheet!r} holds {len(self.tables)} tables: "
                + "; ".join(s.describe() for s in self.tables)
                + ". Choose one with --table N (or \"table\" in the profile)")


def _candidates(book: Workbook, sheets: list[str], table_kind: str,
                profile: Profile, header_row: int | None = None) -> list[tuple[float, Part]]:
    out = []
    for name in sheets:
        sheet = book.sheet(name)

        def fit(headers: list[str], kind: str = table_kind) -> float:
            overrides = profile.columns if profile.columns else None
            mapping = map_headers(kind, headers, overrides, profile.constants,
                                  profile.group_labels)
            if not overrides:
                points = score(kind, headers)
            elif mapping.fields or mapping.wide:  # a profile's constants count as columns
                points = len(mapping.fields) + (3.0 if mapping.wide else 0.0) + len(
                    {c.field for c in columns(kind) if c.required} & set(profile.constants))
            else:
                points = 0.0
            return points if len(mapping.missing()) <= 1 else points / 4

        table = find_table(sheet, fit) if header_row is None else table_at(sheet, header_row)
        if table is None:
            continue
        mapping = map_headers(table_kind, table.headers, profile.columns or None,
                              profile.constants, profile.group_labels)
        points = fit(table.headers)
        if any(h in name.lower() for h in NAME_HINTS[table_kind]):
            points += 1.5
        out.append((points, Part(table_kind, table, mapping, fit)))
    return sorted(out, key=lambda c: -c[0])


def make_plan(book: Workbook, kind: str, sheet: str | None, profile: Profile,
              table: int | None = None, header_row: int | None = None) -> Plan:
    """The best reading of the file; ``table`` (1-based) picks one of a sheet's tables;
    ``header_row`` (0-based) is the main table's header row when the clerk chose it, else the
    profile's ``header_row`` (1-based, as Excel numbers rows), else found by its headings."""
    header_row = profile_header_row(profile, header_row)
    plan = _best_plan(book, kind, sheet, profile, header_row)
    for part in plan.parts.values():
        main = part is plan.main
        assert part.fit is not None
        part.table = settle(part.table, part.fit, table if main else None)
        part.mapping = map_headers(part.table_kind, part.table.headers, profile.columns or None,
                                   profile.constants, profile.group_labels)
        check_group_headings(part)
    plan.chosen = table
    return plan


def check_group_headings(part: Part) -> None:
    """In a layout by ethnic group: the columns of figures whose heading is no group the
    importer knows, and the columns that repeat another's group, as errors of the table's
    headings (reported with its layout), so that no figure is left out or counted twice
    without a word."""
    mapping, table = part.mapping, part.table
    if mapping.wide != "ethnic_group":
        return
    if mapping.unknown:
        top = table.header_row + 1
        dropped = table.layout.dropped if table.layout else {}
        stop = top + SAMPLE_ROWS if table.end is None else min(table.end, top + SAMPLE_ROWS)
        rows = [r for i, r in enumerate(table.sheet.head(stop)) if i >= top and i not in dropped]
        note_unread_groups(mapping, rows)
    letter = table.excel_letter
    table.heading_errors = [("group-heading", j, unread_group_message(h, letter(j)))
                            for j, h in mapping.unread_groups]
    table.heading_errors += [("group-twice", j, repeated_message(h, letter(j), code, first,
                                                                 letter(k)))
                             for j, h, code, k, first in mapping.repeated]


def profile_header_row(profile: Profile, header_row: int | None) -> int | None:
    """The header row to read (0-based): the one chosen now, else the profile's."""
    if header_row is not None:
        return header_row
    return profile.header_row - 1 if profile.header_row else None


def _best_plan(book: Workbook, kind: str, sheet: str | None, profile: Profile,
               header_row: int | None = None) -> Plan:
    names = book.sheet_names
    # a CSV's one "sheet" is named after the file, so a profile's sheet name cannot apply
    wanted = sheet or (profile.sheet if book.pre.format != "csv" else None)
    if wanted and wanted not in names:
        raise FileRefused(f"{book.path.name}: there is no sheet {wanted!r}; the sheets are "
                          f"{', '.join(repr(n) for n in names)}")
    kinds = [kind] if kind in KINDS else list(KINDS)
    best: tuple[float, Plan] | None = None
    for k in kinds:
        plan = Plan(k)
        total = 0.0
        used: set[str] = set()
        for table_kind in TABLES_OF[k]:
            main = table_kind == MAIN_TABLE[k]
            pool = [wanted] if (wanted and main) else [n for n in names if n not in used]
            forced = header_row if main else None
            found = [c for c in _candidates(book, pool, table_kind, profile, forced)
                     if c[0] >= 3 or (forced is not None and c[0] > 0)]
            if found:
                points, part = found[0]
                if main and not wanted:
                    plan.tied = [c[1].sheet for c in found if c[0] == points]
                if not main and part.mapping.missing():
                    continue
                plan.parts[table_kind] = part
                used.add(part.sheet)
                total += points
        if plan.main is None and not (k == "indicators" and "definitions" in plan.parts):
            continue
        if best is None or total > best[0]:
            best = (total, plan)
    if best is None:
        raise FileRefused(_nothing_found(book, kinds, wanted))
    if len(best[1].tied) > 1:  # never pick one of several equal sheets silently
        raise FileRefused(f"{book.path.name}: several sheets hold a table of "
                          f"{MAIN_TABLE[best[1].kind]}: {', '.join(repr(n) for n in best[1].tied)}"
                          "; choose one with --sheet")
    return best[1]


def _nothing_found(book: Workbook, kinds: list[str], wanted: str | None) -> str:
    expected = "; ".join(
        f"{k}: " + ", ".join(c.header for c in columns(MAIN_TABLE[k]) if c.required)
        for k in kinds
    )
    seen = []
    for name in [wanted] if wanted else book.sheet_names:
        kind = kind_by_name(name)
        if kind:
            seen.append(f"sheet {name!r} is {PHRASES[kind]}")
            continue
        head = book.sheet(name).head(40)
        why = shape_hints.hint(head)
        if why:
            seen.append(f"sheet {name!r}: {why}")
            continue
        cells = [str(c).strip() for row in head[:12] for c in row if str(c).strip()][:8]
        seen.append(f"sheet {name!r} begins {', '.join(repr(c[:40]) for c in cells) or '(empty)'}")
    return (f"{book.path.name}: no table of {' or '.join(kinds)} found. Expected a header row "
            f"with columns such as {expected} (or ethnic groups as columns). "
            + "; ".join(seen) + ". Use --sheet, or a profile (--profile) to map other layouts.")
