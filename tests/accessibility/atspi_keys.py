"""Pressing keys in the window under the private display, and what was said meanwhile: the
announcements the window made on the AT-SPI bus, and Orca's speech from its debug log. Used
by atspi_tree.py (``--keys``, ``--orca``)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def press(keys: str, env: dict[str, str]) -> None:
    """Press keys in the window as a member would ("F6", "Tab", "shift+Tab", "ctrl+3")."""
    for key in keys.split(","):
        subprocess.run(["xdotool", "key", "--clearmodifiers", key.strip()], env=env, check=False)
        time.sleep(1.2)  # time for the screen reader to speak


def press_and_listen(keys: str, env: dict[str, str]) -> list[str]:
    """Press ``keys`` while listening to the AT-SPI bus: the announcements the window made
    (results, errors, where F6 went), which a screen reader speaks without focus moving."""
    import threading

    import pyatspi

    heard: list[str] = []

    def on_event(event: object) -> None:
        heard.append(str(event.any_data))

    def work() -> None:
        press(keys, env)
        time.sleep(1.0)
        pyatspi.Registry.stop()

    pyatspi.Registry.registerEventListener(on_event, "object:announcement")
    threading.Thread(target=work, daemon=True).start()
    pyatspi.Registry.start()
    return heard


def spoken(log: Path) -> list[str]:
    """What Orca said: the text of each "SPEECH OUTPUT" line of its debug log."""
    said = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if "SPEECH OUTPUT:" in line:
            text = line.split("SPEECH OUTPUT:", 1)[1].strip()
            if text and text not in ("''", '""'):
                said.append(text)
    return said
