"""``release``: publishing signed data releases, and opening them on members' laptops."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "release", parents=[common], help="publish or open a signed data release",
        description="Signed data releases: the clerk publishes the store as one file; members "
        "open it on their laptops, read-only and offline.",
    )
    p.add_subparsers(dest="release_command", metavar="ACTION")
