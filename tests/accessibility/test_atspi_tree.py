"""The window as a screen reader receives it over AT-SPI (a private Xvfb, openbox and D-Bus):
the charts' figures in words, the Table buttons, the tables' row headers, a filter list's item
ticked through its accessibility action (as voice or switch control would), and F6 announced
on the bus."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "accessibility" / "atspi_tree.py"
SYSTEM_PYTHON = "/usr/bin/python3"


def _can_run() -> bool:
    tools = ("Xvfb", "openbox", "dbus-run-session")
    if not all(shutil.which(t) for t in tools) or not Path(SYSTEM_PYTHON).exists():
        return False
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True,
                           check=False)
    return found.returncode == 0 and Path("/usr/libexec/at-spi-bus-launcher").exists()


pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not _can_run(), reason="needs Xvfb, openbox, D-Bus and "
                                 "python3-pyatspi (tests/accessibility/atspi_tree.py)")]


def dump(store: Path, *options: str) -> str:
    done = subprocess.run([SYSTEM_PYTHON, str(SCRIPT), "--store", str(store),
                           "--python", sys.executable, *options],  # the tests' own interpreter
                          capture_output=True, text=True, timeout=240, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_indicators_as_a_screen_reader_meets_them(sample_store: Path) -> None:
    tree = dump(sample_store, "--tab", "indicators", "--toggle", "Authorities:Birmingham",
                "--keys", "F6,F6")
    charts = [line for line in tree.splitlines() if "name='Values by ethnic group" in line]
    assert charts and "highest" in charts[0] and "lowest" in charts[0]
    trend = [line for line in tree.splitlines() if "name='Trend over periods'" in line]
    assert trend and " in 20" in trend[0] and ("(up)" in trend[0] or "(down)" in trend[0])
    assert "push button  name='Show as table: Trend over periods'" in tree
    table = next(line for line in tree.splitlines() if "table  name='Indicator table'" in line)
    assert "row 0: header='All'" in table  # a cell is read with its group, not "1"
    assert "toggle 'Birmingham': checked False -> True" in tree
    heard = tree.split("--- announced by the window:")[1].split()
    assert " ".join(heard) in ("Indicators tab Filters", "Filters Indicators tab")  # F6, F6
