"""``notes``: a member's private notes on commitments and indicators, kept apart from the store.

``notes add``, ``list``, ``edit``, ``delete``, ``export`` and ``import``. The notes file is
``--notes PATH``, else ``$MAG_NOTES``, else one in the user data folder; the store (when there
is one) only supplies the quarter a new note belongs to and checks that its ids exist.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mag_desktop.cli import member_stores
from mag_desktop.core import formatting
from mag_desktop.core.notes import Note, NoteBook, NoteError, backups, grouped, resolve_notes_path
from mag_desktop.core.notes.listing import current_quarter
from mag_desktop.core.notes.model import Kind
from mag_desktop.core.notes.transfer import export_notes, import_notes
from mag_desktop.core.store import Store, resolve_store_path


def notes_path(args: argparse.Namespace) -> Path:
    return resolve_notes_path(getattr(args, "notes", None), resolve_store_path(args.store))


@contextmanager
def open_book(args: argparse.Namespace) -> Iterator[NoteBook]:
    with NoteBook.open(notes_path(args)) as book:
        yield book


def _store(args: argparse.Namespace) -> Store | None:
    if member_stores.in_member_mode(args):
        return member_stores.release_store()
    path = resolve_store_path(args.store)
    return Store.open(path, readonly=True) if path.is_file() else None


def _check_ids(store: Store, kind: str, item: str, area: str | None) -> None:
    """Refuse ids the store does not hold (a typing slip would otherwise hide a note)."""
    from mag_desktop.core.query.commitments import commitment_detail
    from mag_desktop.core.query.indicators import definition
    from mag_desktop.core.query.lookups import NotFoundError, area_info

    try:
        if kind == "commitment":
            commitment_detail(store.conn, item)
        else:
            definition(store.conn, item)
        if area:
            area_info(store.conn, area.upper())
    except NotFoundError as exc:
        raise NoteError(f"{exc}: check the id (notes are kept against the ids the data "
                        "uses, so they find their item again next quarter)") from None


def cmd_add(args: argparse.Namespace) -> int:
    kind, item = (("commitment", args.commitment) if args.commitment
                  else ("indicator", args.indicator))
    store = _store(args)
    quarter = args.quarter
    if store is not None:
        with store:
            _check_ids(store, kind, item, args.area)
            quarter = quarter or current_quarter(store.conn)
    with open_book(args) as book:
        note = book.add(kind, item, " ".join(args.text), area_code=args.area, quarter=quarter)
    print(f"added note {note.short_id} on {note.label()} ({note.quarter}) to {book.path}")
    return 0


def _when(note: Note) -> str:
    written = formatting.format_date(note.created_at.astimezone())
    if note.edited_at != note.created_at:
        return f"written {written}, edited {formatting.format_date(note.edited_at.astimezone())}"
    return f"written {written}"


def cmd_list(args: argparse.Namespace) -> int:
    store = _store(args)
    if store is not None:
        with store:
            now = current_quarter(store.conn)
    else:
        now = current_quarter()
    with open_book(args) as book:
        if args.commitment or args.indicator:
            kind: Kind = "commitment" if args.commitment else "indicator"
            notes = book.for_item(kind, args.commitment or args.indicator, args.area)
            if args.quarter:
                notes = [n for n in notes if n.quarter == args.quarter]
        else:
            notes = book.all(args.quarter)
    if not notes:
        print(f"no notes yet in {book.path}" if not args.quarter
              else f"no notes written in {args.quarter}")
        return 0
    for group in grouped(notes, now):
        print(group.heading)
        for note in group.notes:
            print(f"  {note.short_id}  {note.label()}  ({_when(note)})")
            for line in note.text.splitlines() or [""]:
                print(textwrap.fill(line, width=96, initial_indent="      ",
                                    subsequent_indent="      ") or "")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    with open_book(args) as book:
        note = book.edit(args.id, " ".join(args.text))
    print(f"edited note {note.short_id} on {note.label()} (written in {note.quarter})")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with open_book(args) as book:
        note = book.delete(args.id)
    print(f"deleted note {note.short_id} on {note.label()} (written in {note.quarter})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with open_book(args) as book:
        count = export_notes(book, Path(args.file))
    print(f"exported {count:,} note{'s' if count != 1 else ''} to {args.file}; it holds your "
          "private notes, so keep it as you would the notes themselves")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    with open_book(args) as book:
        done = import_notes(book, Path(args.file))
    print(f"imported {args.file} (exported {done.exported_at[:16].replace('T', ' ')} UTC) "
          f"into {book.path}: {done.report.text()}")
    return 0


def back_up_beside(args: argparse.Namespace, backup: Path) -> int:
    """After ``backup``: the member's notes written beside the store's backup."""
    try:
        done = backups.back_up_notes(notes_path(args), backup)
    except NoteError as exc:
        print(f"mag-desktop: the store was backed up, but your notes were not: {exc}",
              file=sys.stderr)
        return 1
    if done:
        print(f"your notes ({done[1]:,}) were written beside it, to {done[0]}")
    return 0


def restore_beside(args: argparse.Namespace, backup: Path) -> int:
    """After ``restore``: the notes kept beside the backup merged into the notes file (the
    newer edit wins, and no note written since the backup is lost)."""
    try:
        done = backups.restore_notes(notes_path(args), backup)
    except NoteError as exc:
        print(f"mag-desktop: the store was restored, but the notes beside the backup were "
              f"not: {exc}", file=sys.stderr)
        return 1
    if done:
        print(f"notes kept with the backup merged into your notes: {done.report.text()}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    mine = argparse.ArgumentParser(add_help=False, parents=[common])
    mine.add_argument("--notes", metavar="PATH", default=argparse.SUPPRESS,
                      help="the notes file (default: $MAG_NOTES, else the user data folder)")
    top = sub.add_parser(
        "notes", parents=[mine], help="your private notes on commitments and indicators",
        description="Private notes: kept in a file of their own on this laptop (never in the "
        "store, a release or a pack unless you ask), each with the quarter it was written in.",
    )
    verbs = top.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    p = verbs.add_parser("add", parents=[mine], help="write a note on a commitment or indicator")
    item = p.add_mutually_exclusive_group(required=True)
    item.add_argument("--commitment", metavar="ID", help="a commitment id, e.g. RET-JOBS-001")
    item.add_argument("--indicator", metavar="CODE", help="an indicator code")
    p.add_argument("--area", metavar="CODE",
                   help="the area the note is about (needed for an indicator), e.g. E08000025")
    p.add_argument("--quarter", metavar="Q",
                   help="the quarter it belongs to (default: the latest quarter of the data)")
    p.add_argument("text", nargs="+", help="the note (quote it, or write it after the options)")
    p.set_defaults(func=cmd_add)

    p = verbs.add_parser("list", parents=[mine], help="list notes, newest quarter first")
    p.add_argument("--quarter", metavar="Q", help="only notes written in this quarter")
    item = p.add_mutually_exclusive_group()
    item.add_argument("--commitment", metavar="ID", help="only the notes on this commitment")
    item.add_argument("--indicator", metavar="CODE", help="only the notes on this indicator")
    p.add_argument("--area", metavar="CODE", help="with --indicator: only for this area")
    p.set_defaults(func=cmd_list)

    p = verbs.add_parser("edit", parents=[mine], help="replace a note's text")
    p.add_argument("id", help="the note's id as 'notes list' shows it")
    p.add_argument("text", nargs="+", help="the new text")
    p.set_defaults(func=cmd_edit)

    p = verbs.add_parser("delete", parents=[mine], help="delete a note")
    p.add_argument("id", help="the note's id as 'notes list' shows it")
    p.set_defaults(func=cmd_delete)

    p = verbs.add_parser("export", parents=[mine],
                         help="write every note to one file, to take to another laptop")
    p.add_argument("file", help="the file to write, e.g. my-notes.json")
    p.set_defaults(func=cmd_export)

    p = verbs.add_parser(
        "import", parents=[mine], help="merge notes from an export",
        description="Merge the notes of an export into this laptop's notes: new notes are "
        "added, the newer edit of a note wins, and no note is deleted. A file with any fault "
        "changes nothing and the message says where the fault is.")
    p.add_argument("file", help="a file written by 'mag-desktop notes export'")
    p.set_defaults(func=cmd_import)
