"""Which store a command works on when the laptop reads releases (member mode).

With a release installed and no clerk's store chosen, the commands that read (``info``,
``pack``, ``export``, ``notes``) read the installed release, read-only; the commands that
change a store (``import``, ``undo-import``, ``backup``, ``restore``, ``demo``) are refused
with a line saying how to name a clerk's store, so nothing is imported into a laptop's empty
store by mistake.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from mag_desktop.core.briefing.pack import PackOptions
from mag_desktop.core.errors import UsageError
from mag_desktop.core.release import member
from mag_desktop.core.store import Store


def in_member_mode(args: argparse.Namespace) -> bool:
    return member.reads_releases(getattr(args, "store", None))


def release_store() -> Store:
    """The installed release, read-only."""
    return member.open_installed()


def refuse_changes(args: argparse.Namespace, doing: str) -> None:
    if in_member_mode(args):
        raise UsageError(
            f"this laptop reads the Taskforce's releases, which cannot be changed here, so "
            f"{doing} is not possible; a clerk names their own store with --store FILE")


def with_release_id(store: Store, options: PackOptions) -> PackOptions:
    """Pack options recording the release a pack was made from (none for a clerk's store)."""
    with store.read() as conn:
        release = member.release_id_of(conn)
    return replace(options, release_id=release) if release else options
