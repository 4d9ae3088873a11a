"""What an import leaves out, told once in the report: the rows the survey of a sheet left out
of a table (notes, a trailing section, rows below an END marker, the next table's titles,
drop-down prompts read as empty), one warning per kind naming the rows and the column; and what
the mapping leaves out: a required field with no column (one message listing the columns the
table has, not one error per row), and a "Total" column, never taken for the denominator
without being asked."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from mag_desktop.core.ingest.layout import Layout
from mag_desktop.core.ingest.mapping import header_key
from mag_desktop.core.ingest.report import Report, column_letter

if TYPE_CHECKING:
    from mag_desktop.core.ingest.plan import Part
    from mag_desktop.core.ingest.table import Table

SHOW_ROWS = 12
_TOTAL = re.compile(r"^(grand)?totals?$")
WHY = {
    "note": "{n} of notes or labels (a single cell of text) left out, not read as data",
    "trailing": "{n} of a section below the table left out, not read as data",
    "between": "{n} between this table and the next one (its titles and notes) left out",
    "end": "the table ends at this marker; nothing below it is read",
    "after-end": "{n} below the end marker left out, not read as data",
}


def rows_text(rows: list[int]) -> str:
    """Excel row numbers, runs joined: "12, 15–19, 40 …"."""
    runs: list[list[int]] = []
    for r in sorted(rows):
        if runs and r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    parts = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]
    return ", ".join(parts[:SHOW_ROWS]) + (" …" if len(parts) > SHOW_ROWS else "")


def plural(n: int, word: str = "row") -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def warn_layout(table: Table, layout: Layout, report: Report) -> None:
    own = _own_rows(table, layout)
    kinds: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for i, (why, j, text) in sorted(layout.dropped.items()):
        if i in own:
            kinds[why].append((i, j, text))
    for why, found in kinds.items():
        i, j, text = found[0]
        rows = [r + 1 for r, _, _ in found]
        message = WHY.get(why, "{n} left out").format(n=plural(len(rows)))
        if why != "end":
            message += f": rows {rows_text(rows)}"
        report.warning(f"layout-{why}", message, row=i + 1, column=table.excel_column(j),
                       header=_header(table, j), value=text)
    cells: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (i, j), text in sorted(layout.placeholders.items()):
        if i in own and i not in layout.dropped:
            cells[text].append((i, j))
    for text, spots in cells.items():
        i, j = spots[0]
        rows = [r + 1 for r, _ in spots]
        report.warning("placeholder", f"{plural(len(rows), 'cell')} held the drop-down prompt "
                       f"{text!r} and were read as empty: rows {rows_text(rows)}",
                       row=i + 1, column=table.excel_column(j), header=_header(table, j),
                       value=text)
    if len(layout.spans) > 1:
        span = next(s for s in layout.spans if s.header_row == table.header_row)
        j = table.first_col
        report.warning("tables", f"the sheet holds {len(layout.spans)} tables; table "
                       f"{span.number} was read (" + "; ".join(s.describe() for s in layout.spans)
                       + ")", row=span.header_row + 1, column=table.excel_column(j),
                       header=_header(table, j))


def _own_rows(table: Table, layout: Layout) -> range:
    """The rows from this table's header to the next table's header."""
    later = [s.header_row for s in layout.spans if s.header_row > table.header_row]
    return range(table.header_row + 1, min(later) if later else layout.surveyed_to)


def _header(table: Table, j: int) -> str:
    return table.headers[j] if 0 <= j < len(table.headers) else ""


def check_columns(part: Part, report: Report) -> bool:
    """Report missing required columns (an error) and a Total column left unmapped (a warning).
    True when the table can be read: nothing required is missing."""
    table, mapping = part.table, part.mapping
    start = table.excel_column(table.first_col)
    missing = mapping.missing()
    if missing:
        found = "; ".join(f"{column_letter(table.excel_column(j))} {h!r}"
                          for j, h in enumerate(table.headers) if h) or "none"
        names = ", ".join(repr(c.header) for c in missing)
        fields = ", ".join(f'"<heading>": "{c.field}"' for c in missing)
        report.error(
            "missing-column",
            f"no column for {names} in the header row {table.header_row + 1}; the columns found "
            f"are: {found}. Rename a heading, or map it in a profile (\"columns\": {{{fields}}})"
            ", or give the value for every row as a profile constant",
            column=start, header=", ".join(c.header for c in missing))
    clash = False
    for j, header, name in mapping.shadowed:
        where = dict(row=table.header_row + 1, column=table.excel_column(j), header=header)
        if name in mapping.constants:  # the file says one thing, the profile another
            clash = True
            report.error("constant-and-column",
                         f"the profile gives {name} as the constant "
                         f"{mapping.constants[name]!r} for every row, and the file has a "
                         f"column for it ({header!r}): remove the constant, or map the column "
                         "to \"ignore\" in the profile", **where)
        else:
            first = mapping.fields.get(name)
            used = column_letter(table.excel_column(first)) if first is not None else "another"
            report.warning("second-column",
                           f"the column {header!r} was not used: {name} is already read from "
                           f"column {used}; map one of them in a profile if that is the wrong "
                           "one", **where)
    if part.table_kind == "observations" and "denominator" not in mapping.fields:
        for j, header in mapping.ignored:
            if _TOTAL.match(header_key(header)):
                report.warning(
                    "unmapped-total",
                    f"the column {header!r} was not used: a total is not taken for the "
                    "denominator unless the profile says so (\"columns\": {"
                    f"\"{header}\": \"denominator\"}})", row=table.header_row + 1,
                    column=table.excel_column(j), header=header)
    return not missing and not clash
