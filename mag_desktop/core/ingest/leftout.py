"""What the survey of a sheet left out of a table, told in the report: one warning per kind of
row (notes, a trailing section, rows below an END marker, the next table's titles, drop-down
prompts read as empty), each naming the rows and the column where it was found."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from mag_desktop.core.ingest.layout import Layout
from mag_desktop.core.ingest.report import Report

if TYPE_CHECKING:
    from mag_desktop.core.ingest.table import Table

SHOW_ROWS = 12
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
