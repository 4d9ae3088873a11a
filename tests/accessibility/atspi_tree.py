"""Dump MAG Desktop's accessibility tree as a screen reader (Orca) receives it over AT-SPI, so
the check of what a blind member meets can be repeated.

It starts a private X server (Xvfb) with a window manager (openbox), a D-Bus session and the
AT-SPI bus, then the window on a store with ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``; waits for
the window's data; walks the AT-SPI tree and prints one line per object: its role, name,
description, text (for objects with a Text interface), states and actions. Nothing outside the
private display and bus is touched, and everything started is stopped at the end.

Needs the system Python with python3-pyatspi, and at-spi2-core, xvfb and openbox (Debian and
Ubuntu package names). Run from the repository root (use a copy of a store: the window may
write its settings and lock file beside it):

    /usr/bin/python3 tests/accessibility/atspi_tree.py --store /tmp/copy.sqlite --tab indicators
    /usr/bin/python3 tests/accessibility/atspi_tree.py --store S --tab overview --grep Disparit
    /usr/bin/python3 tests/accessibility/atspi_tree.py --store S --toggle Authorities:Birmingham

Options: ``--tab`` the tab to show (overview, commitments, indicators, ward); ``--rows N`` how
many children of a table or list to print (default 12); ``--grep WORD`` print only lines with
WORD (and their ancestors' roles); ``--toggle LIST:ITEM`` run the item's toggle action in a
filter list through AT-SPI (as voice or switch control would) and say whether it got ticked;
``--orca KEYS`` start the Orca screen reader, press KEYS (comma-separated, as xdotool names
them: ``F6,Tab,Tab,Return``) and print what Orca said, from its debug log (needs orca and
xdotool), and the announcements the window made meanwhile (Orca speaks those from version
46; Orca 43 ignores them); ``--keys KEYS`` press keys and print the announcements only;
``--python`` the interpreter that runs the window (default: the repository's .venv).

    /usr/bin/python3 tests/accessibility/atspi_tree.py --store S --tab indicators --grep XX \
        --orca "F6,Tab,Tab,Tab,Tab"
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from atspi_keys import press_and_listen, spoken  # beside this script

ROOT = Path(__file__).resolve().parents[2]
APP_NAME = "MAG Desktop"
LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


def free_display() -> int:
    for number in range(91, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(
                f"/tmp/.X{number}-lock").exists():
            return number
    raise SystemExit("no free X display number between :91 and :139")


class Session:
    """Xvfb, openbox, the AT-SPI bus and the window, all stopped on exit."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self, *command: str, env: dict[str, str] | None = None,
              log: Path | None = None) -> subprocess.Popen[bytes]:
        out = log.open("wb") if log else subprocess.DEVNULL
        process = subprocess.Popen(command, env=env or os.environ.copy(), stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)


def find_app(timeout: float) -> object:
    import pyatspi

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name and APP_NAME.casefold() in app.name.casefold():
                return app
            if app is not None and app.name in ("python", "python3", "__main__.py"):
                return app
        time.sleep(0.5)
    raise SystemExit(f"the window did not appear on the AT-SPI bus in {timeout:.0f} s")


def describe(node: object) -> str:
    """One line: role, name, description, text, states, actions."""
    import pyatspi

    parts = [node.getRoleName()]
    if node.name:
        parts.append(f"name={node.name!r}")
    if node.description:
        parts.append(f"description={node.description!r}")
    try:
        text = node.queryText()
        content = text.getText(0, min(text.characterCount, 600))
        if content and content != node.name:
            parts.append(f"text={content!r}")
    except NotImplementedError:
        pass
    try:
        value = node.queryValue()
        parts.append(f"value={value.currentValue}")
    except NotImplementedError:
        pass
    states = node.getState().getStates()
    shown = [pyatspi.stateToString(s) for s in states
             if s in (pyatspi.STATE_FOCUSABLE, pyatspi.STATE_FOCUSED, pyatspi.STATE_CHECKED,
                      pyatspi.STATE_SELECTED, pyatspi.STATE_CHECKABLE, pyatspi.STATE_EXPANDED,
                      pyatspi.STATE_SENSITIVE)]
    if shown:
        parts.append("states=" + ",".join(shown))
    try:
        action = node.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        if names:
            parts.append("actions=" + ",".join(names))
    except NotImplementedError:
        pass
    if node.getRole() == pyatspi.ROLE_TABLE:
        parts.append(table_headers(node))
    labels = [r for r in node.getRelationSet()
              if r.getRelationType() == pyatspi.RELATION_LABELLED_BY]
    for relation in labels:
        for i in range(relation.getNTargets()):
            parts.append(f"labelled-by={relation.getTarget(i).name!r}")
    return "  ".join(parts)


def table_headers(node: object) -> str:
    """What a screen reader says for a cell's row: the row headers of the first rows."""
    try:
        table = node.queryTable()
    except NotImplementedError:
        return "no Table interface"
    said = []
    for row in range(min(3, table.nRows)):
        header = table.getRowHeader(row)
        said.append(f"row {row}: header={header.name if header else None!r}")
    return f"rows={table.nRows} columns={table.nColumns} [" + "; ".join(said) + "]"


def walk(node: object, depth: int, rows: int, out: list[str], path: list[str]) -> None:
    import pyatspi

    if node is None or depth > 40:
        return
    states = node.getState()
    if not states.contains(pyatspi.STATE_SHOWING) and depth > 1:
        return  # hidden tabs and closed popups are not what a member meets
    line = "  " * depth + describe(node)
    out.append(line)
    count = node.childCount
    limit = rows if node.getRole() in (pyatspi.ROLE_TABLE, pyatspi.ROLE_LIST,
                                       pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TREE,
                                       pyatspi.ROLE_LIST_BOX) else count
    for i in range(min(count, limit)):
        walk(node.getChildAtIndex(i), depth + 1, rows, out, [*path, node.getRoleName()])
    if count > limit:
        out.append("  " * (depth + 1) + f"… {count - limit} more children")


def find(node: object, role: str, name: str) -> object | None:
    if node is None:
        return None
    if node.getRoleName() == role and node.name == name:
        return node
    for i in range(node.childCount):
        found = find(node.getChildAtIndex(i), role, name)
        if found is not None:
            return found
    return None


def toggle(app: object, spec: str) -> str:
    """Run the toggle action of item ``ITEM`` in the list named ``LIST`` through AT-SPI."""
    import pyatspi

    list_name, _colon, item_name = spec.partition(":")
    listing = find(app, "list", list_name) or find(app, "list box", list_name)
    if listing is None:
        return f"toggle: no list named {list_name!r}"
    for i in range(listing.childCount):
        item = listing.getChildAtIndex(i)
        if item is not None and item.name.strip().endswith(item_name):
            before = item.getState().contains(pyatspi.STATE_CHECKED)
            action = item.queryAction()
            names = [action.getName(k) for k in range(action.nActions)]
            wanted = next((k for k, n in enumerate(names) if n.lower() == "toggle"), None)
            if wanted is None:
                return f"toggle: {item.name!r} offers no toggle action (only {names})"
            action.doAction(wanted)
            time.sleep(1.0)
            after = listing.getChildAtIndex(i).getState().contains(pyatspi.STATE_CHECKED)
            return (f"toggle {item.name!r}: checked {before} -> {after}"
                    + ("" if after != before else "  (THE ACTION DID NOTHING)"))
    return f"toggle: no item {item_name!r} in {list_name!r}"


def inner(args: argparse.Namespace) -> int:
    """Inside the private D-Bus session: start everything, dump the tree, stop everything."""
    session = Session()
    logs = Path(tempfile.mkdtemp(prefix="atspi-"))
    try:
        display = free_display()
        env = os.environ.copy()
        env["DISPLAY"] = f":{display}"
        session.start("Xvfb", f":{display}", "-screen", "0", args.screen, "-nolisten", "tcp",
                      log=logs / "xvfb.log")
        time.sleep(1.5)
        session.start("openbox", env=env, log=logs / "openbox.log")
        session.start(LAUNCHER, "--launch-immediately", env=env, log=logs / "atspi.log")
        time.sleep(1.5)
        os.environ["DISPLAY"] = env["DISPLAY"]
        app_env = env | {"QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_QPA_PLATFORM": "xcb",
                         "QT_ACCESSIBILITY": "1", "NO_AT_BRIDGE": "0"}
        command = [args.python, "-m", "mag_desktop", "--store", args.store, "gui"]
        if args.tab:
            command += ["--tab", args.tab]
        session.start(*command, env=app_env, log=logs / "window.log")
        app = find_app(args.wait)
        time.sleep(args.settle)  # the data loads on worker threads after the window shows
        lines: list[str] = []
        walk(app, 0, args.rows, lines, [])
        if args.grep:
            lines = [line for line in lines if args.grep.casefold() in line.casefold()]
        print("\n".join(lines))
        if args.toggle:
            print(toggle(app, args.toggle))
        if args.orca is not None:
            prefs = logs / "orca-prefs"
            prefs.mkdir()
            log = logs / "orca.log"
            session.start("orca", "--replace", "--user-prefs", str(prefs), "--debug-file",
                          str(log), env=env, log=logs / "orca.out")
            deadline = time.monotonic() + 40  # until Orca says it is on
            while time.monotonic() < deadline and not (
                    log.exists() and any("Screen reader on" in t for t in spoken(log))):
                time.sleep(0.5)
            time.sleep(2)
            subprocess.run(["xdotool", "search", "--name", "Taskforce", "windowactivate"],
                           env=env, check=False)
            time.sleep(2)
            start = len(spoken(log)) if log.exists() else 0
            heard = press_and_listen(args.orca, env)
            time.sleep(1.5)
            print("--- Orca said, key by key:")
            for text in (spoken(log)[start:] if log.exists() else ["(no Orca log)"]):
                print("  " + text)
            print("--- announced by the window:")
            for text in heard:
                print("  " + text)
        elif args.keys:
            subprocess.run(["xdotool", "search", "--name", "Taskforce", "windowactivate"],
                           env=env, check=False)
            time.sleep(1)
            print("--- announced by the window:")
            for text in press_and_listen(args.keys, env):
                print("  " + text)
        return 0
    finally:
        session.stop()
        if args.keep_logs:
            print(f"logs kept in {logs}", file=sys.stderr)
        else:
            shutil.rmtree(logs, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="the store to open (a copy)")
    parser.add_argument("--tab", choices=["overview", "commitments", "indicators", "ward"])
    parser.add_argument("--rows", type=int, default=12)
    parser.add_argument("--grep", default="")
    parser.add_argument("--toggle", default="", metavar="LIST:ITEM")
    parser.add_argument("--screen", default="1366x768x24")
    parser.add_argument("--wait", type=float, default=60.0)
    parser.add_argument("--settle", type=float, default=6.0)
    parser.add_argument("--keep-logs", action="store_true")
    parser.add_argument("--keys", default="", help="press KEYS (as for --orca) and print "
                        "the announcements the window made meanwhile")
    parser.add_argument("--orca", metavar="KEYS", default=None,
                        help="start Orca, press KEYS (comma-separated xdotool names such as "
                        "F6,Tab,Tab) and print what Orca said (its debug log)")
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.store = str(Path(args.store).resolve())
    if args.inner:
        return inner(args)
    # A private D-Bus session, so the AT-SPI bus and the window are ours alone.
    return subprocess.call(["dbus-run-session", "--", sys.executable, __file__, "--inner",
                            *sys.argv[1:]], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
