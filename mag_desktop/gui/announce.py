"""Saying something to a screen reader when it appears: a result, an error, a finished job.

A sighted member sees a result arrive; a screen-reader user hears nothing unless focus moves to
it. :func:`announce` sends the text through the platform's accessibility bridge (an AT-SPI
announcement on Linux, UIA notification on Windows, NSAccessibility on macOS) without moving
focus. Every message announced is also kept on the widget's window (``announced``) so tests and
the accessibility dump can see what was said.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAction
from PySide6.QtWidgets import QMainWindow, QWidget

#: How many announcements a window keeps for checks (the latest last).
KEEP = 50


def announce(widget: QWidget | None, text: str, *, urgent: bool = False) -> None:
    """Announce ``text`` from ``widget`` (the control it concerns, or the window).

    ``urgent``: an error or a result the user waits for interrupts what is being read
    (assertive); otherwise it waits for a pause (polite). Blank text is ignored.
    """
    message = " ".join(text.split())
    if widget is None or not message:
        return
    window = widget.window()
    said: list[str] = window.property("announced") or []
    said = [*said, message][-KEEP:]
    window.setProperty("announced", said)
    event = QAccessibleAnnouncementEvent(widget, message)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


def announced(widget: QWidget) -> list[str]:
    """What has been announced in ``widget``'s window, oldest first."""
    return list(widget.window().property("announced") or [])


def announce_status_bar(window: QMainWindow) -> None:
    """Announce what the window's status bar shows (an export saved, a folder checked), but
    not the status tips shown while the pointer or keyboard moves over a menu: the screen
    reader already reads the menu entry."""
    tips_cache: dict[str, set[str]] = {}

    def shown(text: str) -> None:
        tips = tips_cache.get("tips")
        if tips is None or text not in tips:  # menus may have grown since: look again
            tips = {a.statusTip() for a in window.findChildren(QAction) if a.statusTip()}
            tips_cache["tips"] = tips
        if text not in tips:
            announce(window, text)

    window.statusBar().messageChanged.connect(shown)
