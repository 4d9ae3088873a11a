"""Argument parsing and the one place where errors become a line on stderr and an exit code."""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Sequence

from mag_desktop import __version__
from mag_desktop.cli import (
    demo_cmd,
    export_cmd,
    gui_cmd,
    import_cmds,
    pack_cmds,
    smoke_cmd,
    store_cmds,
)
from mag_desktop.core.errors import MagError

PROG = "mag-desktop"

Register = Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]

#: Each module adds its subcommands; a subcommand sets ``func(args) -> int``.
COMMAND_MODULES: list[Register] = [
    store_cmds.register, store_cmds.register_authorities, import_cmds.register,
    import_cmds.register_templates,
    demo_cmd.register,
    gui_cmd.register,
    smoke_cmd.register,
    pack_cmds.register,
    export_cmd.register,
]


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts, before or after its name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--store", metavar="PATH", default=argparse.SUPPRESS,
        help="the store file to use (default: $MAG_STORE, else the user data folder)",
    )
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS,
        help="show the full traceback when something fails",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="MAG Desktop: offline briefings for the WMCA Race Equalities Taskforce "
        "Members Advisory Group. With no command, opens the window.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in COMMAND_MODULES:
        register(sub, common)
    return parser


class _UsageExit(Exception):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # ward batches spawn workers, also from a frozen bundle
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse prints its own usage message
        return int(exc.code or 0)
    args.store = getattr(args, "store", None)
    args.debug = getattr(args, "debug", False)
    func = getattr(args, "func", None)
    if func is None:
        from mag_desktop.cli.gui_cmd import run_gui

        func = run_gui
        args.screenshot = None
        args.tab = None
    try:
        return int(func(args) or 0)
    except MagError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: cancelled", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output went to a reader that stopped early (| head)
        with contextlib.suppress(OSError, ValueError):  # and no flush error at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # a bug: say so plainly, and show details on request
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"{PROG}: unexpected error ({type(exc).__name__}: {exc}); "
                "run again with --debug for details",
                file=sys.stderr,
            )
        return 1


def gui_main() -> int:
    """Entry point of ``mag-desktop-gui`` (no console window on Windows)."""
    return main(["gui", *sys.argv[1:]])
