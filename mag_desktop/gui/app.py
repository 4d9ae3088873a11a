"""Starting the window: the QApplication, the store (read-only when another instance writes),
the saved settings, and the screenshot mode used for the guide and for checks."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mag_desktop.core.errors import MagError
from mag_desktop.gui import screen
from mag_desktop.gui.session import Session
from mag_desktop.gui.settings import APPLICATION, ORGANISATION, Settings
from mag_desktop.gui.style import apply as apply_style
from mag_desktop.gui.views.main_window import TABS, MainWindow


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName(APPLICATION)
    apply_style(app)  # a focus ring that can be seen
    return app


def open_window(store_path: Path | None, settings: Settings | None = None, *,
                member: bool = False, member_allowed: bool | None = None) -> MainWindow:
    """The window over the store at ``store_path``, or (``member``: the laptop reads releases)
    over the installed release, read-only; ``member_allowed`` lets a release opened later
    replace what the window shows when no clerk's store was named."""
    session: Session
    if member:
        from mag_desktop.core.release.member import installed_release
        from mag_desktop.gui.release_session import ReleaseSession

        session = ReleaseSession(installed_release())
    else:
        assert store_path is not None
        session = Session(store_path)
    window = MainWindow(session, settings or Settings())
    screen.watch(window)  # it and every dialog over it open within the screen's available area
    window.member_allowed = member if member_allowed is None else member_allowed
    window.controller.start()
    return window


def wait_until_idle(window: MainWindow, timeout: float = 30.0) -> bool:
    """Process events until the window's jobs are done and its data is on screen."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout
    quiet_since: float | None = None
    while time.monotonic() < deadline:
        app.processEvents()
        if window.failures:
            return False
        if window.runner.active == 0 and window.controller.ready:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 0.3:
                return True
        else:
            quiet_since = None
        time.sleep(0.01)
    return False


def screenshot(window: MainWindow, path: Path, tab: str | None) -> None:
    window.show()
    loaded = wait_until_idle(window)
    if loaded and tab:
        window.show_tab(tab)
        loaded = wait_until_idle(window)
    if window.failures:
        raise MagError(f"the window could not show its data: {window.failures[0]}")
    if not loaded:
        raise MagError("the window did not finish loading its data in 30 seconds; "
                       "no screenshot was saved")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        raise MagError(f"cannot save the screenshot to {path}")


def screenshot_size(app: QApplication) -> QSize | None:
    """The screen's available size when a screen is set up (a configured offscreen screen, a
    real or virtual display); None on the default offscreen screen (800×600, no council
    screen), where the guide's pictures are taken at 1500×950."""
    primary = app.primaryScreen()
    configured = "configfile=" in os.environ.get("QT_QPA_PLATFORM", "")
    if primary is not None and (configured or app.platformName() not in ("offscreen", "minimal")):
        return primary.availableGeometry().size()
    return None


def run(store_path: Path, screenshot_path: Path | None = None, tab: str | None = None, *,
        member: bool = False, member_allowed: bool = False) -> int:
    app = application()
    if tab and tab not in TABS:
        raise MagError(f"--tab must be one of {', '.join(TABS)}")
    try:
        window = open_window(store_path, member=member, member_allowed=member_allowed)
    except MagError as exc:
        if screenshot_path is not None:
            raise
        QMessageBox.critical(None, "MAG Desktop cannot open its store", str(exc))
        raise
    if screenshot_path is not None:
        window.unattended = True
        size = screenshot_size(app)
        if size is None:
            screen.unwatch(window)
        window.resize(size or QSize(1500, 950))
        try:
            screenshot(window, screenshot_path, tab)
        finally:
            window.close()
            window.runner.wait()
            window.session.close()
            dispose(window)
        return 0
    if window.session.read_only and not member:  # a release says which it is in a banner
        QTimer.singleShot(0, lambda: QMessageBox.information(
            window, "Opened read-only",
            f"{window.session.read_only_reason}\n\nThis window shows the data but cannot "
            "import, undo or restore" + (" until the other one closes." if
                                         window.session.busy_elsewhere else ".")))
    if tab:
        window.show_tab(tab)
    window.show()
    code = app.exec()
    window.session.close()
    dispose(window)
    return int(code)


def dispose(window: MainWindow) -> None:
    """Delete the window and its dialogs while Python still runs (Qt's accessibility cache
    would otherwise free interfaces made in Python after the interpreter has gone)."""
    from PySide6.QtCore import QEvent

    window.runner.wait()
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
