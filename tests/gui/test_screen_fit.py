"""At 1366×768 (the common council laptop) and at 150% on 1920×1080 (1280×720 logical), the
window restored from a larger screen and every File-menu dialog lie inside the screen's
available area, the status bar and the Period filter are in view, each filter list shows more
than four rows, the Indicators table eight rows or more, and no heading is cut. Each screen is
a separate process: Qt sets its screens up once per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QImage

from mag_desktop.gui.screen import fitted

PROBE = Path(__file__).with_name("screen_probe.py")
SCREENS = {"1366x768": (1366, 768, None), "150% of 1920x1080": (1920, 1080, "1.5")}


def probe(tmp_path: Path, store: Path, width: int, height: int, scale: str | None
          ) -> dict[str, Any]:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "s", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "physicalDpi": 96}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    env.pop("QT_SCALE_FACTOR", None)
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    done = subprocess.run([sys.executable, str(PROBE), str(store), str(tmp_path / "s.ini")],
                          env=env, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("screen", list(SCREENS))
def test_everything_fits_the_screen(screen: str, sample_store: Path, tmp_path: Path) -> None:
    seen = probe(tmp_path, sample_store, *SCREENS[screen])
    area = QRect(*seen["available"])
    assert not seen["failed"], seen["failed"]
    assert {"main", "open_pack: Briefing pack"} <= set(seen["windows"])
    for name, frame in seen["windows"].items():
        assert area.contains(QRect(*frame)), f"{name} {frame} is not inside {area}"
    assert area.contains(QRect(*seen["status_bar"]))
    assert seen["period_visible"] == [True, True]
    assert all(rows > 4 for rows in seen["list_rows"].values()), seen["list_rows"]
    assert seen["indicator_rows"] >= 8
    assert all(room >= 0 for room in seen["headings"].values()), seen["headings"]


def screenshot(tmp_path: Path, store: Path, config: str | None) -> QSize:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_SCALE_FACTOR", None)
    if config is not None:
        screen = tmp_path / "screen.json"
        screen.write_text(config)
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    picture = tmp_path / "shot.png"
    done = subprocess.run([sys.executable, "-m", "mag_desktop", "gui", "--store", str(store),
                           "--screenshot", str(picture), "--tab", "indicators"], env=env,
                          capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    image = QImage(str(picture))
    return QSize(round(image.width() / image.devicePixelRatio()),
                 round(image.height() / image.devicePixelRatio()))


def test_screenshots_take_the_screens_size(sample_store: Path, tmp_path: Path) -> None:
    config = json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": 1366,
                                      "height": 768, "logicalDpi": 96, "physicalDpi": 96}]})
    laptop = screenshot(tmp_path, sample_store, config)
    assert 1300 <= laptop.width() <= 1366 and 700 <= laptop.height() <= 768, laptop
    guide = screenshot(tmp_path, sample_store, None)  # no screen set up: the guide's size
    assert (guide.width(), guide.height()) == (1500, 950)


def test_a_window_is_shrunk_and_moved_inside_the_area() -> None:
    area, frame = QRect(0, 0, 1366, 728), QMargins(4, 30, 4, 4)  # a task bar of 40 pixels
    big = fitted(QRect(700, 500, 1900, 1200), area, frame, (400, 300))
    assert (big.width(), big.height()) == (1358, 694)
    assert area.contains(big.adjusted(-4, -30, 4, 4))
    small = fitted(QRect(100, 100, 800, 600), area, frame, (400, 300))
    assert small == QRect(100, 100, 800, 600)  # already inside: left as it is
    right = fitted(QRect(1200, 600, 800, 600), area, frame, (400, 300))
    assert area.contains(right.adjusted(-4, -30, 4, 4)) and right.size() == QSize(800, 600)
    cramped = fitted(QRect(0, 0, 900, 900), QRect(0, 0, 640, 480), frame, (1000, 1000))
    assert cramped.size() == QSize(632, 446)  # never larger than the room, whatever its minimum
