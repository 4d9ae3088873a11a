"""What the import wizard's mapping step shows: the first rows of the sheet, the table's header
row, and every column of the table with the field it is read as (or ignored).

:func:`read_preview` opens the file and plans the import exactly as :func:`run_import` would
(same profile, table and header row), so what the clerk sees is what the check will read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mag_desktop.core.ingest.layout import header_like
from mag_desktop.core.ingest.mapping import Mapping, map_headers, note_unread_groups, score
from mag_desktop.core.ingest.plan import Plan, make_plan, profile_header_row
from mag_desktop.core.ingest.preflight import FileRefused, check_file
from mag_desktop.core.ingest.profile import Profile
from mag_desktop.core.ingest.readers import Row, Workbook
from mag_desktop.core.ingest.report import column_letter
from mag_desktop.core.ingest.sheet_kinds import SheetKind, first_data_sheet, sheet_kinds
from mag_desktop.core.ingest.table import blank, cell_text
from mag_desktop.core.tasks import CancelToken, Progress, no_progress

PREVIEW_ROWS = 30  # rows shown from the top of the sheet
MAX_ROWS = 230  # a header further down is shown with 10 rows under it, up to this
MAX_COLUMNS = 200
IGNORE = "ignore"
WIDE = "wide"  # one of a wide layout's columns: one ethnic group (or period) per column
#: a column of figures in a layout by ethnic group whose heading is no group the importer
#: knows (or repeats another column's group): answered among the values not recognised
UNREAD = "unread"
MAIN_OF = {"indicators": "observations", "commitments": "commitments"}


@dataclass(frozen=True)
class ColumnChoice:
    index: int  # the cell's index in a row
    letter: str  # its Excel column: "F"
    header: str  # how a profile names it: its heading, or "Column F" when it has none
    field: str  # a canonical field, IGNORE, WIDE or UNREAD
    example: str = ""  # the first value under the header


@dataclass
class Preview:
    file: str
    sheet: str
    kind: str  # "indicators" | "commitments"
    table_kind: str  # the main table's kind: "observations", "commitments", "definitions"
    rows: list[list[str]]  # the first rows of the sheet as text, from Excel row 1
    letters: list[str]  # the Excel letter of each cell of a row
    header_row: int | None  # 0-based; None when no header row was found
    columns: list[ColumnChoice] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # each table, when the sheet holds several
    table: int | None = None  # the table asked for (1-based); never chosen silently
    wide: str | None = None  # "ethnic_group" | "period" when groups or periods head columns
    message: str = ""  # a sentence for the clerk: several tables, or no table recognised
    found: bool = True  # False: no table was recognised, the header row shown is a guess
    sheets: list[str] = field(default_factory=list)  # every sheet of the file
    kinds: list[SheetKind] = field(default_factory=list)  # each sheet: data, cover, notes…

    def field_of(self, header: str) -> str:
        return next((c.field for c in self.columns if c.header == header), IGNORE)


def read_preview(path: Path, kind: str = "auto", sheet: str | None = None,
                 profile: Profile | None = None, table: int | None = None,
                 header_row: int | None = None, progress: Progress = no_progress,
                 cancel: CancelToken | None = None) -> Preview:
    """Read the first rows of the sheet the import would read, and how it maps them."""
    path = Path(path)
    profile = profile or Profile()
    progress(0.0, f"reading {path.name}")
    pre = check_file(path)
    book = Workbook(pre)
    try:
        kinds = sheet_kinds(book)
        try:
            plan = make_plan(book, kind if kind != "auto" else profile.kind, sheet, profile,
                             table, header_row)
        except FileRefused:
            wanted = sheet or (profile.sheet if pre.format != "csv" else None)
            preview = _unplanned(book, kind, wanted or first_data_sheet(kinds), profile,
                                 profile_header_row(profile, header_row))
        else:
            preview = _planned(path, plan, table)
        preview.sheets, preview.kinds = list(book.sheet_names), kinds
        shown = next((k for k in kinds if k.name == preview.sheet), None)
        if shown is not None and not shown.is_data:
            preview.message = (f"Sheet {shown.name!r} is {shown.phrase}, not a table of "
                               "data: choose another sheet. " + preview.message)
    finally:
        book.close()
    progress(1.0, f"read {path.name}")
    return preview


def _planned(path: Path, plan: Plan, table: int | None) -> Preview:
    part = plan.main or next(iter(plan.parts.values()))
    top = part.table.header_row
    rows = part.table.sheet.head(min(MAX_ROWS, max(PREVIEW_ROWS, top + 11)))
    several = [s.describe() for s in plan.tables] if len(plan.tables) > 1 else []
    return Preview(path.name, part.sheet, plan.kind, part.table_kind, _texts(rows),
                   _letters(rows, part.table.sheet.col_offset), top,
                   _columns(part.table.headers, part.mapping, rows, top,
                            part.table.sheet.col_offset),
                   several, table, part.mapping.wide, plan.choice_needed() or "")


def _unplanned(book: Workbook, kind: str, sheet: str | None, profile: Profile,
               header_row: int | None) -> Preview:
    """No table was found: show the sheet anyway, so the clerk can point at the header row."""
    name = sheet if sheet in book.sheet_names else book.sheet_names[0]
    source = book.sheet(name)
    rows = source.head(min(MAX_ROWS, max(PREVIEW_ROWS, (header_row or 0) + 11)))
    kind = kind if kind in MAIN_OF else (profile.kind if profile.kind in MAIN_OF
                                         else "indicators")
    if header_row is None:  # the row of words most like known headings, else the first
        fits = [(score(MAIN_OF[kind], [cell_text(c) for c in r]), -i)
                for i, r in enumerate(rows) if header_like(r)]
        header_row = -max(fits)[1] if fits else None
    preview = Preview(book.path.name, name, kind, MAIN_OF[kind], _texts(rows),
                      _letters(rows, source.col_offset), header_row, found=False,
                      message="No table was recognised by itself: check the header row, "
                      "then choose what each column holds.")
    if header_row is not None and header_row < len(rows):
        headers = [cell_text(c) for c in rows[header_row]]
        width = max((len(r) for r in rows[header_row:]), default=0)
        headers += [""] * (width - len(headers))
        for j in range(width):
            if not headers[j] and any(j < len(r) and not blank(r[j])
                                      for r in rows[header_row + 1:]):
                headers[j] = f"Column {column_letter(source.col_offset + j)}"
        mapping = map_headers(MAIN_OF[kind], headers, profile.columns or None,
                              profile.constants, profile.group_labels)
        note_unread_groups(mapping, rows[header_row + 1:])
        preview.columns = _columns(headers, mapping, rows, header_row, source.col_offset)
        preview.wide = mapping.wide
    return preview


def _columns(headers: list[str], mapping: Mapping, rows: list[Row], top: int,
             offset: int) -> list[ColumnChoice]:
    fields = {j: name for name, j in mapping.fields.items()}
    wide = {j for j, _ in mapping.wide_columns}
    unread = {j for j, _ in mapping.unread_groups} | {r[0] for r in mapping.repeated}
    out = []
    for j, header in enumerate(headers[:MAX_COLUMNS]):
        if not header:
            continue
        example = next((cell_text(r[j]) for r in rows[top + 1:]
                        if j < len(r) and not blank(r[j])), "")
        chosen = fields.get(j) or (WIDE if j in wide else UNREAD if j in unread else IGNORE)
        out.append(ColumnChoice(j, column_letter(offset + j), header, chosen, example[:60]))
    return out


def _texts(rows: list[Row]) -> list[list[str]]:
    return [[cell_text(c) for c in row[:MAX_COLUMNS]] for row in rows]


def _letters(rows: list[Row], offset: int) -> list[str]:
    width = min(MAX_COLUMNS, max((len(r) for r in rows), default=0))
    return [column_letter(offset + j) for j in range(width)]
