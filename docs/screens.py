"""Pictures of the window and its dialogs as a council laptop shows them: under a real X server
(Xvfb) with a window manager (openbox), at 1366×768 and at 150% scaling on 1920×1080, the whole
screen captured with the window manager's frames, so that anything off-screen or cut is seen.

    python docs/screens.py OUT_DIR [--store STORE] [--only 1366|150]

Needs ``Xvfb``, ``openbox`` and the libraries of Qt's X11 plugin (Debian: ``apt-get install xvfb
openbox libxcb-cursor0``); it is a check for
people making the guides, not part of the tests. Without ``--store`` it builds the sample store
in a temporary folder. Each screen gets its own settings, so nothing of the user's is used.
For each screen it writes ``<screen>-<view>.png`` and prints, for every top-level window, its
frame and whether it lies inside the screen's available area.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCREENS = {"1366": ((1366, 768), "1"), "150": ((1920, 1080), "1.5")}
DISPLAY = ":77"


def drive(store: Path, out: Path, prefix: str) -> int:
    """Inside the X server: open the window, visit every tab and dialog, grab the screen."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication, QWidget

    from mag_desktop.gui.app import application, open_window, wait_until_idle
    from mag_desktop.gui.settings import Settings

    app = application()
    window = open_window(store, Settings())
    window.show()
    if not wait_until_idle(window, 60):
        print("the window did not load its data", file=sys.stderr)
        return 1
    area = app.primaryScreen().availableGeometry()
    problems: list[str] = []

    def pause(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    def grab(name: str, widget: QWidget) -> None:
        pause(0.6)
        frame = widget.frameGeometry()
        inside = area.contains(frame)
        print(f"{prefix}-{name}: {widget.windowTitle()!r} frame {frame.x()},{frame.y()} "
              f"{frame.width()}×{frame.height()} in {area.width()}×{area.height()}: "
              + ("inside" if inside else "OUTSIDE"))
        if not inside:
            problems.append(name)
        app.primaryScreen().grabWindow(0).save(str(out / f"{prefix}-{name}.png"))

    for tab in ("overview", "commitments", "indicators", "ward"):
        window.show_tab(tab)
        wait_until_idle(window, 30)
        grab(tab, window)

    def dialog(name: str, action: object, settle: float = 1.5) -> None:
        """Trigger ``action`` (it opens a modal dialog), grab the dialog, then close it."""
        def shoot() -> None:  # a modal dialog, or one opened beside the window (the wizard)
            modal = QApplication.activeModalWidget() or next(
                (w for w in QApplication.topLevelWidgets()
                 if w.isVisible() and w.isWindow() and w is not window
                 and w.windowTitle() and w not in before), None)
            if modal is None:
                QTimer.singleShot(200, shoot)
                return
            pause(settle)
            grab(name, modal)
            modal.close()

        before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}

        QTimer.singleShot(300, shoot)
        action.trigger()  # type: ignore[attr-defined]
        pause(settle + 1.5)
        wait_until_idle(window, 30)

    dialog("import", window.import_action)
    dialog("history", window.history_action)
    dialog("pack", window.pack_action)
    dialog("ward-packs", window.batch_action)
    dialog("packs-produced", window.pack_log_action)
    window.show_tab("indicators")
    wait_until_idle(window, 30)
    QTimer.singleShot(300, lambda: None)
    help_actions = [a for a in window.findChildren(QAction) if a.shortcut().toString() == "F1"]
    if help_actions:
        dialog("help", help_actions[0])
    window.runner.wait()
    window.close()
    window.session.close()
    return 1 if problems else 0


def run_screen(key: str, store: Path, out: Path) -> int:
    (width, height), scale = SCREENS[key]
    server = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", f"{width}x{height}x24",
                               "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
    env = {**os.environ, "DISPLAY": DISPLAY, "QT_QPA_PLATFORM": "xcb",
           "QT_SCALE_FACTOR": scale}
    time.sleep(1.0)
    manager = subprocess.Popen(["openbox"], env=env, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    try:
        with tempfile.TemporaryDirectory() as home:
            env.update(XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data",
                       MAG_NOTES=f"{home}/notes.sqlite")
            return subprocess.run([sys.executable, __file__, "--drive", str(store), str(out),
                                   key], env=env, check=False).returncode
    finally:
        manager.terminate()
        server.terminate()
        manager.wait()
        server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--store", type=Path)
    parser.add_argument("--only", choices=sorted(SCREENS))
    parser.add_argument("--drive", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        store, out, key = args.drive
        return drive(Path(store), Path(out), key)
    if args.out is None:
        parser.error("name the folder for the pictures")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        store = args.store
        if store is None:
            store = Path(work) / "store.sqlite"
            subprocess.run([sys.executable, "-m", "mag_desktop", "demo", "--store", str(store)],
                           check=True, stdout=subprocess.DEVNULL)
        keys = [args.only] if args.only else list(SCREENS)
        code = max(run_screen(key, store, args.out) for key in keys)
    shrink(args.out)
    return code


def shrink(folder: Path) -> None:
    """Each picture in 256 colours (a window's few flat colours lose nothing): a tenth the size."""
    from PIL import Image  # Pillow comes with reportlab

    for picture in folder.glob("*.png"):
        with Image.open(picture) as image:
            fewer = image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
        fewer.save(picture, optimize=True)


if __name__ == "__main__":
    sys.exit(main())
