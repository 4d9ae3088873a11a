"""``release``: publishing signed data releases, and opening them on members' laptops."""

from __future__ import annotations

import argparse
from pathlib import Path

from mag_desktop.cli.progress import TerminalProgress
from mag_desktop.core.release import keys, trust
from mag_desktop.core.release.compare import Changes, changes
from mag_desktop.core.release.container import NOTHING
from mag_desktop.core.release.folder import check_folder
from mag_desktop.core.release.installed import installed
from mag_desktop.core.release.manifest import ReleaseError
from mag_desktop.core.release.member import reads_releases
from mag_desktop.core.release.opening import open_release
from mag_desktop.core.release.publish import publish
from mag_desktop.core.store import Store, resolve_store_path


def cmd_keygen(args: argparse.Namespace) -> int:
    if keys.private_key_path().exists():
        if not args.export:
            raise ReleaseError(f"a publisher key already exists ({keys.private_key_path()}); "
                               "it is kept, since members trust it: add --export FILE to "
                               "export its public key")
        key = keys.own_public_key()
    else:
        key = keys.keygen(args.name or "")
        print(f"made the publisher key; the private half stays in {keys.private_key_path()} "
              "(readable by you only)")
    if args.export:
        keys.export_public_key(Path(args.export))
        print(f"public key written to {args.export}: give it to members with the fingerprint")
    print(f"publisher:   {key.name or '(no name: give --publisher when publishing)'}")
    print(f"fingerprint: {key.fingerprint}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    keys.load_private_key()  # said before anything is opened
    path = resolve_store_path(args.store)
    if not path.exists():
        raise ReleaseError(f"there is no store at {path} to publish: import the data first")
    bar = TerminalProgress()
    try:
        with Store.open(path) as store:
            manifest = publish(store, Path(args.out), as_at=args.as_at,
                               publisher=args.publisher, progress=bar)
    finally:
        bar.done()
    print(f"published {args.out}: {manifest.headline()}")
    print(f"release id {manifest.release_id}, data version {manifest.data_version}, "
          f"{manifest.counts.get('observation', 0):,} observations, "
          f"{manifest.counts.get('commitment', 0):,} commitments")
    print(f"fingerprint of the key that signed it: {keys.fingerprint(manifest.public_key_bytes())}")
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    bar = TerminalProgress()
    try:
        opened = open_release(Path(args.file), allow_older=args.allow_older,
                              full_check=args.full_check, progress=bar)
    finally:
        bar.done()
    if opened.already:
        print(f"{opened.manifest.headline()} is already installed; {NOTHING}")
        return 0
    print(f"opened {opened.manifest.headline()}")
    if opened.replaced:
        print(f"the release it replaces ({opened.replaced.as_at}) is kept for comparison: "
              "'mag-desktop release changes' lists what changed")
    return 0


def cmd_trust(args: argparse.Namespace) -> int:
    key = trust.trust_file(Path(args.keyfile))
    print(f"trusted {key.name or 'an unnamed publisher'}, fingerprint {key.fingerprint}")
    print("check that fingerprint with the publisher (read aloud, on the telephone or in person)")
    return 0


def cmd_trusted(args: argparse.Namespace) -> int:
    found = trust.trusted()
    if not found:
        print("no publisher is trusted yet: 'mag-desktop release trust KEYFILE'")
    for key in found:
        print(f"{key.fingerprint}  {key.name or '(unnamed)'}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    state = installed()
    if state.current is None:
        print("no release is installed on this laptop")
    else:
        mode = ("this laptop reads releases (member mode)" if reads_releases(args.store)
                else "a clerk's store is in use here, so the window shows that store")
        print(state.current.manifest.headline())
        print(f"release id {state.current.manifest.release_id}; {mode}")
        if state.previous:
            print(f"kept for comparison: {state.previous.manifest.headline()}")
    published = keys.load_publisher().get("last_release_id")
    if published:
        print(f"last published from this laptop: release {published}")
    return 0


def print_changes(found: Changes) -> None:
    if found.empty:
        print("nothing changed")
        return
    if found.status_changes:
        print(f"status changes ({len(found.status_changes)}):")
        for s in found.status_changes:
            print(f"  {s.commitment_id} {s.title}: {s.before} → {s.after} ({s.quarter})")
    if found.new_commitments:
        print(f"new commitments ({len(found.new_commitments)}):")
        for c in found.new_commitments:
            print(f"  {c.commitment_id} {c.title}")
    if found.new_periods:
        print("new periods of data:")
        for p in found.new_periods:
            print(f"  {p.period}: {', '.join(p.indicators)}")
    if found.corrections_total:
        print(f"corrected figures ({found.corrections_total:,}):")
        for f in found.corrections:
            before = f.before_marker or f.before
            after = f.after_marker or f.after
            print(f"  {f.indicator}, {f.area}, {f.period}, {f.group}: {before} → {after}")
        if found.corrections_total > len(found.corrections):
            print(f"  … and {found.corrections_total - len(found.corrections):,} more")


def cmd_changes(args: argparse.Namespace) -> int:
    state = installed()
    if state.current is None or state.previous is None:
        raise ReleaseError("two releases are needed to compare: this laptop has "
                           f"{'one' if state.current else 'none'} installed")
    print(f"since {state.previous.manifest.headline()}:")
    print_changes(changes(state.current.path, state.previous.path, limit=args.limit))
    return 0


def cmd_check_folder(args: argparse.Namespace) -> int:
    result = check_folder(Path(args.folder))
    for path, reason in result.refused:
        print(f"passed over {path.name}: {reason}")
    if result.opened and result.file:
        print(f"opened {result.opened.manifest.headline()} from {result.file.name}")
    else:
        print("no newer release in the folder")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "release", parents=[common], help="publish or open a signed data release",
        description="Signed data releases: the clerk publishes the store as one file; members "
        "open it on their laptops, read-only and offline.",
    )
    actions = p.add_subparsers(dest="release_command", metavar="ACTION", required=True)

    a = actions.add_parser("keygen", parents=[common], help="make the publisher's key (once)")
    a.add_argument("--name", help="the publisher's name members see, e.g. 'Taskforce clerk'")
    a.add_argument("--export", metavar="FILE", help="write the public key to FILE for members")
    a.set_defaults(func=cmd_keygen)

    a = actions.add_parser("publish", parents=[common], help="publish the store as a release")
    a.add_argument("--out", required=True, metavar="FILE",
                   help="the release file to write (e.g. 'MAG 2026 Q3.magrelease')")
    a.add_argument("--as-at", metavar="QUARTER",
                   help="the quarter the release is 'as at' (default: its latest period)")
    a.add_argument("--publisher", metavar="NAME", help="the name members see (default: the "
                   "name given to keygen)")
    a.set_defaults(func=cmd_publish)

    a = actions.add_parser("open", parents=[common], help="verify and install a release")
    a.add_argument("file", help="a release file (.magrelease)")
    a.add_argument("--allow-older", action="store_true",
                   help="install it even though it is older than the installed release")
    a.add_argument("--full-check", action="store_true",
                   help="run SQLite's full integrity check too (slower on large releases)")
    a.set_defaults(func=cmd_open)

    a = actions.add_parser("trust", parents=[common], help="trust a publisher's public key")
    a.add_argument("keyfile", help="the public key file the publisher exported")
    a.set_defaults(func=cmd_trust)

    a = actions.add_parser("trusted", parents=[common], help="list the trusted publishers")
    a.set_defaults(func=cmd_trusted)

    a = actions.add_parser("status", parents=[common], help="which release is installed")
    a.set_defaults(func=cmd_status)

    a = actions.add_parser("changes", parents=[common],
                           help="what changed since the previous release")
    a.add_argument("--limit", type=int, default=200, help="corrected figures listed at most")
    a.set_defaults(func=cmd_changes)

    a = actions.add_parser("check-folder", parents=[common],
                           help="open the newest release in a folder if newer than installed")
    a.add_argument("folder", help="a folder releases arrive in (e.g. a synced folder)")
    a.set_defaults(func=cmd_check_folder)
