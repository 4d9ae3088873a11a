"""``info``, ``backup`` and ``restore``: looking after the store file."""

from __future__ import annotations

import argparse
from pathlib import Path

from mag_desktop.cli import member_stores, notes_cmds
from mag_desktop.core.errors import StoreReadOnlyError
from mag_desktop.core.store import Store, maintenance, resolve_store_path


def open_store(args: argparse.Namespace, *, readonly: bool = False,
               doing: str = "changing the data") -> Store:
    """The store a command works on; in member mode the installed release, which only reads."""
    if readonly and member_stores.in_member_mode(args):
        return member_stores.release_store()
    member_stores.refuse_changes(args, doing)
    return Store.open(resolve_store_path(args.store), readonly=readonly)


def cmd_info(args: argparse.Namespace) -> int:
    if member_stores.in_member_mode(args):
        with member_stores.release_store() as release:
            _print_info(maintenance.info(release))
        return 0
    path = resolve_store_path(args.store)
    if not path.exists():
        print(f"store:              {path}")
        print("                    (not created yet: import data or run 'mag-desktop demo')")
        return 0
    try:
        store = Store.open(path)
    except StoreReadOnlyError:  # read-only media: it can still be described
        store = Store.open(path, readonly=True)
    with store:
        _print_info(maintenance.info(store))
    return 0


def _print_info(details: maintenance.StoreInfo) -> None:
    print(f"store:              {details.path}")
    print(f"size:               {details.size_bytes / 1_048_576:.1f} MB")
    print(f"schema version:     {details.schema_version}")
    print(f"data version:       {details.data_version}")
    for name, count in details.counts.items():
        print(f"{name + ':':<20}{count:,}")
    print(f"last import:        {details.last_import or 'none yet'}")


def cmd_backup(args: argparse.Namespace) -> int:
    with open_store(args, doing="a backup of the store (notes: 'notes export')") as store:
        target = maintenance.backup(store, Path(args.file) if args.file else None)
    print(f"backed up to {target}")
    return notes_cmds.back_up_beside(args, target)


def cmd_restore(args: argparse.Namespace) -> int:
    with open_store(args, doing="restoring a backup") as store:
        safety = maintenance.restore(store, Path(args.file))
        version = store.data_version()
    print(f"restored {args.file} (data version now {version}); the previous content was saved "
          f"to {safety}")
    return notes_cmds.restore_beside(args, Path(args.file))


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("info", parents=[common], help="where the store is and what it holds")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser(
        "backup", parents=[common], help="copy the store to a backup file",
        description="Write a consistent copy of the store (others may keep reading meanwhile).",
    )
    p.add_argument("file", nargs="?", help="the backup file (default: beside the store, dated)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore", parents=[common], help="replace the store's content with a backup",
        description="Replace the store's content with a backup. The current content is backed "
        "up first, so a restore can itself be undone.",
    )
    p.add_argument("file", help="a backup made by 'mag-desktop backup' or before an import")
    p.set_defaults(func=cmd_restore)


def cmd_authorities(args: argparse.Namespace) -> int:
    from mag_desktop.core.store import areas

    with open_store(args) as store:
        if args.set:
            code, membership = args.set
            row = areas.set_membership(store, code, membership)
            print(f"{row.name} ({row.code}) is now {row.membership}")
            return 0
        for row in areas.authorities(store.conn):
            print(f"{row.code}  {row.name:<24} {row.membership:<16} {row.wards:>3} wards")
    return 0


def register_authorities(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "authorities", parents=[common], help="list member authorities, or change a membership",
        description="List the member authorities with their wards. Non-constituent membership "
        "is data a clerk can change; the seven constituent authorities are fixed by statute.",
    )
    p.add_argument(
        "--set", nargs=2, metavar=("CODE", "MEMBERSHIP"),
        help="record a membership change: non-constituent, former or constituent",
    )
    p.set_defaults(func=cmd_authorities)
