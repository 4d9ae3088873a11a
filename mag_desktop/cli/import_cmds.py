"""``import``, ``imports`` and ``undo-import``: the clerk's commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mag_desktop.cli import member_stores
from mag_desktop.cli.progress import TerminalProgress
from mag_desktop.cli.store_cmds import open_store
from mag_desktop.core.ingest.choices import profile_of
from mag_desktop.core.ingest.history import list_imports, undo_import
from mag_desktop.core.ingest.profile import load_profile, save_profile
from mag_desktop.core.ingest.report_xlsx import write_report
from mag_desktop.core.ingest.service import ImportOptions, ImportResult, run_import

SHOW_ISSUES = 25


def cmd_import(args: argparse.Namespace) -> int:
    profile = load_profile(Path(args.profile)) if args.profile else None
    options = ImportOptions(kind=args.kind, sheet=args.sheet, profile=profile,
                            period=args.period, dry_run=args.dry_run, table=args.table)
    bar = TerminalProgress(enabled=None if not args.json else False)
    with open_store(args, doing="an import") as store:
        try:
            result = run_import(store, Path(args.path), options, progress=bar)
        finally:
            bar.done()
    if args.save_profile and result.plan is not None:
        save_profile(profile_of(result, options), Path(args.save_profile))
    if args.report:
        write_report(result, Path(args.report))
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    else:
        print_result(result)
    return 0 if result.status == "ok" else 1


def print_result(result: ImportResult) -> None:
    if result.status == "ok":
        verb = "would import" if result.dry_run else "imported"
        print(f"{verb} {result.kind} from {result.file} ({result.sheet}): "
              f"{result.rows_read:,} rows read, {result.rows_valid:,} valid; "
              f"{result.inserted:,} new, {result.updated:,} changed (older values kept as "
              f"history), {result.unchanged:,} unchanged")
        print(result.message)
    else:
        # a refusal of the whole file already begins with its name
        print(f"rejected: {result.file}: {result.message.removeprefix(result.file + ': ')}")
    if result.rows_skipped or result.rows_invalid:
        print(f"  rows: {result.rows_read:,} read = {result.rows_valid:,} valid + "
              f"{result.rows_invalid:,} with errors + {result.rows_skipped:,} left out")
    for severity in ("error", "warning"):  # one line per problem: rule, column and value
        groups = [g for g in result.groups if g.severity == severity
                  and g.message != result.message.removeprefix(result.file + ": ")]
        for group in groups[:SHOW_ISSUES]:
            print("  " + group.line())
        if len(groups) > SHOW_ISSUES:
            print(f"  … and {len(groups) - SHOW_ISSUES:,} more {severity}s "
                  "(--report FILE.xlsx or --json lists them)")
    if not result.groups:  # a file refused before any row was read
        for issue in [i for i in result.errors if i.message != result.message]:
            print("  " + issue.line())


def cmd_imports(args: argparse.Namespace) -> int:
    reading = member_stores.in_member_mode(args)  # the release's own imports, read-only
    with member_stores.release_store() if reading else open_store(args) as store:
        records = list_imports(store.conn)
    if args.json:
        print(json.dumps([r.__dict__ for r in records], indent=1))
        return 0
    if not records:
        print("no imports yet")
    for r in records:
        print(f"{r.id:>4}  {r.started_at.replace('T', ' ')[:16]}  {r.outcome:<9} {r.kind:<11} "
              f"{r.file_name}  ({r.inserted:,} new, {r.updated:,} changed, "
              f"{r.unchanged:,} unchanged; by {r.os_user}; data version {r.data_version})")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    with open_store(args, doing="undoing an import") as store:
        print(undo_import(store, args.id))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import", parents=[common], help="import a quarterly spreadsheet (xlsx, xlsm, ods, csv)",
        description="Check a partner's file and import it: all of it or none of it. Exit 0 "
        "when imported (or a clean dry run), 1 when rejected, 2 for a usage error.",
    )
    p.add_argument("path", help="the file to import")
    p.add_argument("--kind", choices=["commitments", "indicators", "auto"], default="auto")
    p.add_argument("--sheet", help="the sheet to read (default: found automatically)")
    p.add_argument("--profile", metavar="FILE", help="an import profile for this layout")
    p.add_argument("--save-profile", metavar="FILE", help="save the mapping used as a profile")
    p.add_argument("--period", help="the period of every row, when the file has no period "
                   "column (e.g. '2026 Q3')")
    p.add_argument("--table", type=int, metavar="N", help="which table of the sheet to read, "
                   "when it holds several one under another (1 is the top one)")
    p.add_argument("--dry-run", action="store_true", help="check and compare; write nothing")
    p.add_argument("--report", metavar="FILE.xlsx", help="save the report as a workbook to "
                   "send back to the partner")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("imports", parents=[common], help="list the import history")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_imports)

    p = sub.add_parser("undo-import", parents=[common], help="revert one import exactly")
    p.add_argument("id", type=int, help="the import's number, from 'mag-desktop imports'")
    p.set_defaults(func=cmd_undo)





def cmd_templates(args: argparse.Namespace) -> int:
    from mag_desktop.core.ingest.templates import write_templates

    for path in write_templates(Path(args.dir)):
        print(f"wrote {path}")
    return 0


def register_templates(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "templates", parents=[common], help="write blank xlsx templates for partners",
        description="Write commitments_template.xlsx and indicators_template.xlsx, with an "
        "instructions sheet, the header row and drop-down lists.",
    )
    p.add_argument("dir", help="the folder to write them into")
    p.set_defaults(func=cmd_templates)
