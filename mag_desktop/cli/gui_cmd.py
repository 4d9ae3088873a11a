"""``gui`` (also what ``mag-desktop`` with no command does): open the window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mag_desktop.core.errors import MagError
from mag_desktop.core.store import resolve_store_path


def _has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(args: argparse.Namespace) -> int:
    shot = getattr(args, "screenshot", None)
    if not _has_display():
        if not shot:
            raise MagError("there is no display to open the window on; run it on a desktop, "
                           "or set QT_QPA_PLATFORM=offscreen for a window nobody sees")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    from mag_desktop.core.release.member import clerk_store_chosen, reads_releases
    from mag_desktop.gui.app import run  # Qt is imported only when a window is wanted

    member = reads_releases(args.store)  # a release installed and no clerk's store named
    return run(resolve_store_path(args.store), Path(shot) if shot else None,
               getattr(args, "tab", None), member=member,
               member_allowed=not clerk_store_chosen(args.store))


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "gui", parents=[common], help="open the window (the default with no command)",
        description="Open the window. With --screenshot, render it (offscreen works) at the "
        "chosen tab once its data has loaded, save a PNG and exit.",
    )
    p.add_argument("--screenshot", metavar="FILE.png", help="save a picture of the window")
    p.add_argument("--tab", choices=["overview", "commitments", "indicators", "ward"])
    p.set_defaults(func=run_gui)
