"""What the import wizard shows of a check or an import: the report as one line per problem
(its rule, column and value, with the rows), and the summary above it."""

from __future__ import annotations

import pandas as pd

from mag_desktop.core.ingest.mapping import columns, header_key
from mag_desktop.core.ingest.service import ImportResult
from mag_desktop.gui.models.frame_model import Column

REPORT = [Column("severity", "Kind"), Column("sheet", "Sheet"),
          Column("row", "Row", align="right", format=lambda v: "" if v is None else str(int(v))),
          Column("rows", "Rows"),
          Column("column", "Column"), Column("header", "Header"), Column("value", "Value found"),
          Column("message", "What is wrong, and what was expected")]


def report_frame(result: ImportResult) -> pd.DataFrame:
    """One line per problem (rule, column, value): its first row, and how many rows."""
    lines = [{"severity": g.severity, "sheet": g.sheet, "row": min(g.rows, default=None),
              "rows": f"{g.count:,} rows: {g.rows_text()}" if g.count > 1 else "",
              "column": g.column, "header": g.header, "value": g.value, "message": g.message}
             for g in result.groups]
    if not lines:  # a file refused before its rows were read
        lines = [{"severity": i.severity, "sheet": i.sheet, "row": i.row, "rows": "",
                  "column": i.column, "header": i.header, "value": i.value,
                  "message": i.message} for i in [*result.errors, *result.warnings]]
    return pd.DataFrame(lines, columns=[c.key for c in REPORT])


def field_label(table_kind: str, field: str) -> str:
    """The field as a clerk reads it in the templates ("Commitment ID"), never its internal
    name ("commitment_id")."""
    try:
        known = {c.field: c.header for c in columns(table_kind)}
    except KeyError:
        known = {}
    return known.get(field) or field.replace("_", " ").capitalize()


def read_as(heading: str, label: str) -> str:
    """A column and the field it is read as, the field named only when it differs."""
    return heading if header_key(heading) == header_key(label) else f"{heading} → {label}"


def summary(result: ImportResult) -> str:
    if result.status != "ok":
        fix = (" Or change what the columns are read as, or the constants, in step 1 and "
               "Check again." if result.plan is not None else "")
        return f"<b>Rejected.</b> {result.message}{fix}"
    verb = "Would import" if result.dry_run else "Imported"
    mapping = ""
    if result.plan is not None and result.plan.main is not None:
        main = result.plan.main
        headers = main.table.headers
        mapping = "<br>Columns read: " + ", ".join(
            read_as(headers[j], field_label(main.table_kind, f))
            for f, j in main.mapping.fields.items())
        if main.mapping.wide:
            per = field_label(main.table_kind, main.mapping.wide).lower()
            mapping += f" (wide layout: one column per {per})"
    return (f"<b>{verb} {result.kind}</b> from {result.file} ({result.sheet}): "
            f"{result.rows_read:,} rows read, {result.rows_valid:,} valid"
            + (f", {result.rows_skipped:,} left out" if result.rows_skipped else "") + "; "
            f"<b>{result.inserted:,} new, {result.updated:,} changed, {result.unchanged:,} "
            f"unchanged</b>; {len(result.warnings):,} warnings.{mapping}")
