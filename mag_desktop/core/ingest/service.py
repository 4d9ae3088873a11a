"""One import, end to end: pre-flight, read, map, validate, compare, and commit atomically.

The CLI and the window's import wizard both call :func:`run_import`. Nothing is written unless
the whole file is valid; the commit is one transaction, preceded by a backup of the store.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from mag_desktop.core import disclosure
from mag_desktop.core.ingest import textcheck
from mag_desktop.core.ingest.bulk import BULK_ROWS
from mag_desktop.core.ingest.layout import Span
from mag_desktop.core.ingest.pieces import OutOfOrder
from mag_desktop.core.ingest.plan import Plan, make_plan
from mag_desktop.core.ingest.preflight import FileRefused, Preflight, check_file
from mag_desktop.core.ingest.profile import Profile
from mag_desktop.core.ingest.readers import Workbook
from mag_desktop.core.ingest.report import Group, Issue, Report, column_letter
from mag_desktop.core.ingest.validate import Validated, validate_plan
from mag_desktop.core.store import Store, import_log
from mag_desktop.core.store.lock import os_user
from mag_desktop.core.store.maintenance import backed_up
from mag_desktop.core.tasks import CancelToken, Progress, Steps, gc_paused, no_progress

LARGE_FILE_BYTES = 10_000_000  # about 200,000 rows: opening it is worth a word


@dataclass
class ImportOptions:
    kind: str = "auto"  # "commitments" | "indicators" | "auto"
    sheet: str | None = None
    profile: Profile | None = None
    period: str | None = None
    dry_run: bool = False
    table: int | None = None  # which of a sheet's stacked tables (1-based), when it holds several
    header_row: int | None = None  # the main table's header row (0-based), when chosen by hand


@dataclass
class ImportResult:
    status: str  # "ok" | "rejected"
    file: str
    kind: str = ""
    sheet: str = ""
    rows_read: int = 0  # data rows under the header (not blank rows, notes or other tables)
    rows_valid: int = 0  # rows read with no error that give records
    rows_invalid: int = 0  # rows read with at least one error
    rows_skipped: int = 0  # rows read and left out with a warning (say, outside the WMCA)
    records: int = 0  # what the valid rows give (a wide row gives several): new+changed+same
    accounting: str = ""  # how the counts add up, in one sentence (Validated.explain)
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    omitted: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)  # the same problems, one line per value
    data_version: int = 0
    import_id: int | None = None
    dry_run: bool = False
    message: str = ""
    plan: Plan | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status, "kind": self.kind, "file": self.file, "sheet": self.sheet,
            "rows_read": self.rows_read, "rows_valid": self.rows_valid,
            "rows_invalid": self.rows_invalid, "rows_skipped": self.rows_skipped,
            "records": self.records, "accounting": self.accounting,
            "inserted": self.inserted, "updated": self.updated, "unchanged": self.unchanged,
            "superseded": self.updated, "dry_run": self.dry_run,
            "errors": [_issue_json(i) for i in self.errors],
            "warnings": [_issue_json(i) for i in self.warnings],
            "omitted": self.omitted, "groups": [g.to_json() for g in self.groups],
            "tables": [_span_json(s) for s in (self.plan.tables if self.plan else [])],
            "data_version": self.data_version,
            "import_id": self.import_id, "message": self.message,
        }


def _issue_json(issue: Issue) -> dict[str, Any]:
    return {"sheet": issue.sheet, "row": issue.row, "column": issue.column,
            "header": issue.header, "value": issue.value, "message": issue.message,
            "rule": issue.rule}


def _span_json(span: Span) -> dict[str, Any]:
    return {"table": span.number, "header_row": span.header_row + 1, "rows": span.rows,
            "headers": [h for h in span.headers if h]}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def run_import(store: Store, path: Path, options: ImportOptions | None = None,
               progress: Progress = no_progress, cancel: CancelToken | None = None
               ) -> ImportResult:
    with gc_paused(), disclosure.standing_by(_large(path, options)):
        return _run_import(store, path, options, progress, cancel)


def _large(path: Path, options: ImportOptions | None) -> bool:
    """Whether an import is worth a process of its own for disclosure control: a large file
    (see :mod:`mag_desktop.core.disclosure.worker`), written, not only checked."""
    if options is not None and (options.dry_run or options.kind == "commitments"):
        return False
    try:
        return Path(path).stat().st_size > LARGE_FILE_BYTES
    except OSError:  # reported by the pre-flight
        return False


def _run_import(store: Store, path: Path, options: ImportOptions | None,
                progress: Progress, cancel: CancelToken | None) -> ImportResult:
    options = options or ImportOptions()
    steps = Steps(progress, cancel, check=1, read=8, commit=3)
    path = Path(path)
    result = ImportResult(status="rejected", file=path.name, dry_run=options.dry_run)
    try:
        steps.report("check", 0.0, f"checking {path.name}")
        pre = check_file(path)
        digest = sha256_of(path)
        wanted = None if pre.format == "csv" else (
            options.sheet or (options.profile.sheet if options.profile else None))
        table = options.table or (options.profile.table if options.profile else None)
        with store.read() as conn:  # one import per file, sheet and table
            earlier = next((e for e in import_log.committed_with_sha256(conn, digest)
                            if _same_part(e.sheet, wanted, table)), None)
        if earlier:
            when = earlier.finished_at.replace("T", " ")[:16]
            raise FileRefused(f"{path.name} was already imported (import {earlier.id}, {when}); "
                              "nothing to do")
        steps.report("check", 1.0, f"opening {path.name} (a large sheet takes a few seconds)"
                     if pre.size > LARGE_FILE_BYTES else f"opening {path.name}")
        book = Workbook(pre, cut_ahead=True)
        try:
            profile = options.profile or Profile()
            kind = options.kind if options.kind != "auto" else profile.kind
            plan = make_plan(book, kind, options.sheet, profile, table, options.header_row)
            result.kind, result.sheet, result.plan = plan.kind, plan.sheets, plan
            if several := plan.choice_needed():
                raise FileRefused(f"{path.name}: {several}")
            steps.report("read", 0.0, f"reading {plan.sheets}")
            try:
                report = _report(path, pre, plan)
                validated = validate_plan(store, book, plan, profile, options.period, report,
                                          lambda f, m: steps.report("read", f, m))
            except OutOfOrder:  # found late, in a sheet read in pieces: read it again whole
                book.read_whole()
                for part in plan.parts.values():
                    part.table.notes_below.clear()
                report = _report(path, pre, plan)
                validated = validate_plan(store, book, plan, profile, options.period, report,
                                          lambda f, m: steps.report("read", f, m))
        finally:
            book.close()
        textcheck.finish(report)
        _formula_gaps(pre, plan, report)
        result.rows_read, result.rows_valid = validated.rows_read, validated.rows_valid
        result.rows_invalid, result.rows_skipped = validated.rows_invalid, validated.rows_skipped
        result.records = validated.records
        if validated.rows_read == 0 and report.ok:
            report.error("empty", f"no data rows were found under the header row of "
                         f"{plan.sheets}; expected at least one row")
        _fill_report(result, report)
        if not report.ok:
            result.message = (f"{report.error_count:,} error(s) found; nothing was imported. "
                              "Correct the file and import it again.")
            result.data_version = store.data_version()
            return result
        steps.report("commit", 0.0, "comparing with the store")
        _commit(store, path, digest, options, validated, result, steps)
    except FileRefused as exc:
        result.errors.append(Issue("error", "file", str(exc), file=path.name))
        result.message = str(exc)
    result.data_version = store.data_version()
    return result


def _report(path: Path, pre: Preflight, plan: Plan) -> Report:
    """A new report, with the file's notes and the warnings of the tables found."""
    report = Report(file=path.name)
    for note in pre.notes:
        report.warning("file", note)
    for part in plan.parts.values():
        report.sheet = part.sheet
        part.table.warn(report)
    return report


def _in_order(issues: list[Issue]) -> list[Issue]:
    """Issues as the file reads: by sheet, then row, then column (whole-file issues first)."""
    return sorted(issues, key=lambda i: (i.sheet, i.row or 0, len(i.column), i.column))


def _fill_report(result: ImportResult, report: Report) -> None:
    result.errors = _in_order(report.errors())
    result.warnings = _in_order(report.warnings())
    result.omitted = report.omitted()
    result.groups = report.grouped()


def _same_part(logged: str, sheet: str | None, table: int | None) -> bool:
    """Whether an earlier import of the same file read the same sheet (and table)."""
    parts = logged.split(", ")
    if table is None:
        return not sheet or sheet in parts
    suffix = f" (table {table})"
    return any(p.endswith(suffix) and (not sheet or p == sheet + suffix) for p in parts)


def _formula_gaps(pre: Preflight, plan: Plan, report: Report) -> None:
    """A formula saved without a value blocks the import inside the table; elsewhere (notes,
    unmapped columns) it is a warning."""
    tables = {part.sheet: part for part in plan.parts.values()}
    for sheet, row, col in pre.cells.formula_gaps():
        part = tables.get(sheet)
        if part is None:
            continue
        cell = f"{column_letter(col)}{row}"
        mapped = {part.table.excel_column(j) for j in part.mapping.fields.values()}
        mapped |= {part.table.excel_column(j) for j, _ in part.mapping.wide_columns}
        inside = row > part.table.header_row + 1 and col in mapped
        report.add("error" if inside else "warning", "formula",
                   f"the formula in {cell} has no saved value; open the file in Excel, let it "
                   "calculate, and save it again", row=row, column=col, sheet=sheet, value=cell)


def _commit(store: Store, path: Path, digest: str, options: ImportOptions,
            validated: Validated, result: ImportResult, steps: Steps) -> None:
    if options.dry_run:
        with store.read() as conn:
            counts = validated.count(conn)
        result.inserted, result.updated, result.unchanged = (
            counts.inserted, counts.updated, counts.unchanged)
        result.status = "ok"
        result.accounting = validated.explain(counts.inserted, counts.updated, counts.unchanged)
        result.message = f"dry run: nothing was written. {result.accounting}"
        return
    steps.report("commit", 0.1, "backing up the store")
    with backed_up(store, "before-import", f"importing {path.name}") as saved:
        started = datetime.now().isoformat(timespec="seconds")
        with store.write(f"importing {path.name}", foreign_keys=False,
                         bulk=result.rows_valid >= BULK_ROWS) as conn:
            import_id = import_log.begin(
                conn, file_name=path.name, sha256=digest, kind=result.kind,
                sheet=result.sheet, period=options.period, rows_read=result.rows_read,
                rows_valid=result.rows_valid, started_at=started, os_user=os_user(),
                backup_path=str(saved))
            steps.report("commit", 0.3, "writing")
            counts = validated.apply(conn, import_id)  # protecting suppressed figures too
            version = store.bump_data_version(conn)
            import_log.finish(
                conn, import_id, inserted=counts.inserted, updated=counts.updated,
                unchanged=counts.unchanged,
                finished_at=datetime.now().isoformat(timespec="seconds"), data_version=version,
                contents=import_log.Contents.of(validated.contents(), counts.confirms))
            steps.report("commit", 0.95, "committing")
    result.status, result.import_id = "ok", import_id
    result.inserted, result.updated, result.unchanged = (
        counts.inserted, counts.updated, counts.unchanged)
    result.accounting = validated.explain(counts.inserted, counts.updated, counts.unchanged)
    result.message = (f"imported as import {import_id}; data version {version}. "
                      f"{result.accounting}")
