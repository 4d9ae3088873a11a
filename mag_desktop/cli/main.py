"""Argument parsing and the one place where errors become a line on stderr and an exit code."""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence

from mag_desktop import __version__, logs
from mag_desktop.cli import (
    demo_cmd,
    export_cmd,
    gui_cmd,
    import_cmds,
    links_cmd,
    notes_cmds,
    pack_cmds,
    release_cmds,
    smoke_cmd,
    store_cmds,
)
from mag_desktop.core.errors import MagError
from mag_desktop.core.store import faults, resolve_store_path
from mag_desktop.logs import log

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
    release_cmds.register,
    notes_cmds.register,
    links_cmd.register,
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
    multiprocessing.freeze_support()  # ward batches and large imports spawn workers, frozen too
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
    log_file = logs.setup(args.debug)
    log.info("start: %s %s", PROG, " ".join(args_list) or "gui")
    try:
        code = int(func(args) or 0)
        log.info("done: exit %d", code)
        return code
    except MagError as exc:
        return _refused(exc, exc)
    except KeyboardInterrupt:
        log.info("cancelled from the keyboard")
        print(f"{PROG}: cancelled", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output went to a reader that stopped early (| head)
        with contextlib.suppress(OSError, ValueError):  # and no flush error at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # a store fault said plainly, or a bug with details on request
        fault = faults.plain(exc, resolve_store_path(args.store))
        if fault is not None:
            return _refused(fault, exc)
        log.exception("unexpected error")
        if not args.debug:  # with --debug the log already printed the traceback
            where = f"; the details are in {log_file}" if log_file else ""
            print(f"{PROG}: unexpected error ({type(exc).__name__}: {exc}){where}; "
                  "run again with --debug to see them here", file=sys.stderr)
        return 1


def _refused(said: MagError, cause: BaseException) -> int:
    """A problem the user can act on: one line, and the whole story in the log."""
    log.warning("refused: %s", said, exc_info=cause)  # with --debug, printed here too
    print(f"{PROG}: {said}", file=sys.stderr)
    return said.exit_code


def gui_main() -> int:
    """Entry point of ``mag-desktop-gui`` (no console window on Windows)."""
    return main(["gui", *sys.argv[1:]])
