"""What a mapping leaves out, said once: a required field with no column (one message listing
the columns the table has, not one error per row), and columns worth a word although they are
not used (a "Total" column is never taken for the denominator without being asked)."""

from __future__ import annotations

import re

from mag_desktop.core.ingest.mapping import header_key
from mag_desktop.core.ingest.plan import Part
from mag_desktop.core.ingest.report import Report, column_letter

_TOTAL = re.compile(r"^(grand)?totals?$")


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
    if part.table_kind == "observations" and "denominator" not in mapping.fields:
        for j, header in mapping.ignored:
            if _TOTAL.match(header_key(header)):
                report.warning(
                    "unmapped-total",
                    f"the column {header!r} was not used: a total is not taken for the "
                    "denominator unless the profile says so (\"columns\": {"
                    f"\"{header}\": \"denominator\"}})", row=table.header_row + 1,
                    column=table.excel_column(j), header=header)
    return not missing
