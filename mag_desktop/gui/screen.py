"""Every window and dialog opens within the screen's available area.

An event filter on the main window (and on every window opened over it) sees each one as it is
shown (before the window system maps it) and shrinks it to the available area of its screen
(the screen less the task bar), then moves it so that its frame lies inside that area. A size
restored from the settings or a dialog's fixed default (1200×860 on a 1366×768 laptop) can then
never put buttons, the status bar or the edges of a window off the screen. Menus, tooltips and
other pop-ups place themselves and are left alone. A dialog sizes itself with
:func:`fit_dialog`, which also keeps its minimum size within the area.
"""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent, QMargins, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: Room kept for a window manager's frame before the window has one (title bar, borders).
GUESSED_FRAME = QMargins(4, 32, 4, 4)
#: Room a dialog leaves around itself at least (width, height): its frame and a little of the
#: window behind, so that it never fills the screen to its edges.
DIALOG_ROOM = (40, 80)
_SHOW = QEvent.Type.Show
_CHILD_ADDED = QEvent.Type.ChildAdded
_PLACED_ELSEWHERE = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)


def frame_margins(widget: QWidget) -> QMargins:
    """The window's frame as the window system drew it, or a guess before it has one."""
    handle = widget.windowHandle()
    margins = handle.frameMargins() if handle is not None else QMargins()
    platform = QGuiApplication.platformName()
    if margins.isNull() and platform not in ("offscreen", "minimal"):
        return GUESSED_FRAME
    return margins


def screen_of(widget: QWidget) -> QScreen | None:
    return widget.screen() or QGuiApplication.primaryScreen()


def fitted(geometry: QRect, area: QRect, margins: QMargins, minimum: tuple[int, int]
           ) -> QRect:
    """``geometry`` (the client area) made to fit ``area`` with its frame ``margins``: no
    larger than the room there is (nor smaller than ``minimum``), then moved inside."""
    room_w = area.width() - margins.left() - margins.right()
    room_h = area.height() - margins.top() - margins.bottom()
    width = max(min(geometry.width(), room_w), min(minimum[0], room_w))
    height = max(min(geometry.height(), room_h), min(minimum[1], room_h))
    left_most = area.left() + margins.left()
    top_most = area.top() + margins.top()
    x = max(left_most, min(geometry.x(), area.right() - margins.right() - width + 1))
    y = max(top_most, min(geometry.y(), area.bottom() - margins.bottom() - height + 1))
    return QRect(x, y, width, height)


def fit_to_screen(widget: QWidget) -> None:
    """Shrink and move a top-level widget so that it lies inside its screen's available area."""
    screen = screen_of(widget)
    if screen is None or widget.windowState() & (Qt.WindowState.WindowMaximized
                                                 | Qt.WindowState.WindowFullScreen):
        return
    minimum = widget.minimumSize()
    margins = frame_margins(widget)
    target = fitted(widget.geometry(), screen.availableGeometry(), margins,
                    (minimum.width(), minimum.height()))
    if target.size() != widget.size():
        widget.resize(target.size())
    placed = widget.testAttribute(Qt.WidgetAttribute.WA_Moved) or widget.isVisible()
    if placed and target.topLeft() != widget.geometry().topLeft():  # else the WM places it
        widget.move(target.x() - margins.left(), target.y() - margins.top())  # the frame


def fit_dialog(dialog: QWidget, width: int, height: int) -> None:
    """Size ``dialog`` before it is shown: ``width`` × ``height``, or what its screen's
    available area holds with :data:`DIALOG_ROOM` around it, its own minimum size lowered to
    fit too (a minimum larger than the screen would keep its buttons off it). Opened over a
    watched window, it is then moved inside the area as it is shown."""
    parent = dialog.parentWidget()
    screen = screen_of(parent if parent is not None else dialog)
    if screen is None:
        dialog.resize(width, height)
        return
    area, margins = screen.availableGeometry(), frame_margins(dialog)
    room_w = area.width() - max(DIALOG_ROOM[0], margins.left() + margins.right())
    room_h = area.height() - max(DIALOG_ROOM[1], margins.top() + margins.bottom())
    minimum = dialog.minimumSize()
    dialog.setMinimumSize(min(minimum.width(), room_w), min(minimum.height(), room_h))
    dialog.resize(min(width, room_w), min(height, room_h))


class ScreenFit(QObject):
    """The event filter: a watched window fitted to its screen as it is shown, and every
    window later parented to it (a dialog, a message box) watched in turn.

    It watches the windows themselves rather than the whole application: an application-wide
    filter in Python is called for every event of every widget (about 2,000 for one change of
    the filter) and cost 10 to 25 ms of the 100 ms a filter change may take."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == _SHOW:
            if self.enabled and isinstance(watched, QWidget) and watched.isWindow() \
                    and watched.windowType() not in _PLACED_ELSEWHERE:
                fit_to_screen(watched)
        elif kind == _CHILD_ADDED and isinstance(event, QChildEvent):
            child = event.child()
            if isinstance(child, QWidget) and child.isWindow():
                child.installEventFilter(self)
        return False


def watch(window: QWidget) -> ScreenFit:
    """Fit ``window`` and every window opened over it to the screen whenever they are shown."""
    fit = ScreenFit(window)
    window.installEventFilter(fit)
    for child in window.findChildren(QWidget):
        if child.isWindow():
            child.installEventFilter(fit)
    return fit


def unwatch(window: QWidget) -> None:
    """Stop fitting ``window`` (e.g. a screenshot at a set size on the default offscreen
    screen, which is no council screen)."""
    for fit in window.findChildren(ScreenFit):
        fit.enabled = False
