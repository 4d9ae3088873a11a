"""Moving around the window by keyboard: F6 (and Shift+F6) jumps between the filter panel and
the tab shown, and Tab walks the filter panel in reading order (search, the active filter's
pieces, the buttons, the lists, the periods) however its pieces come and go."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QWidget,
)

from mag_desktop.gui.announce import announce

if TYPE_CHECKING:
    from mag_desktop.gui.views.main_window import MainWindow

_COMPOSITE = (QComboBox, QAbstractSpinBox, QAbstractItemView)  # their parts are not stops


def tab_stops(container: QWidget) -> list[QWidget]:
    """The controls Tab stops at inside ``container``, in reading order (top to bottom, then
    left to right)."""
    stops = []
    for widget in container.findChildren(QWidget):
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
            continue
        if not widget.isVisibleTo(container) or not widget.isEnabled():
            continue
        parent = widget.parentWidget()
        while parent is not None and parent is not container and not isinstance(parent,
                                                                                 _COMPOSITE):
            parent = parent.parentWidget()
        if parent is not container:
            continue  # a part of a combo box, spin box or list
        stops.append(widget)
    return sorted(stops, key=lambda w: (w.mapTo(container, w.rect().topLeft()).y(),
                                        w.mapTo(container, w.rect().topLeft()).x()))


def first_stop(container: QWidget) -> QWidget | None:
    """The control inside ``container`` that Tab reaches first (the focus chain's order, so
    Tab goes on from there through the rest of it); the container itself when it is the only
    stop."""
    widget: QWidget | None = container.nextInFocusChain()
    for _ in range(5000):  # the chain is a loop through the window
        if widget is None or widget is container:
            break
        if (container.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.focusProxy() is None and widget.isVisible() and widget.isEnabled()):
            return widget
        widget = widget.nextInFocusChain()
    takes = container.focusPolicy() & Qt.FocusPolicy.TabFocus
    return container if takes and container.isVisible() else None


class ReadingOrder(QObject):
    """Keeps Tab in ``container`` in reading order: re-chains its stops whenever its layout
    changes (a filter piece added or removed) or focus enters it."""

    def __init__(self, container: QWidget) -> None:
        super().__init__(container)
        self.container = container
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.apply)
        container.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.ChildAdded,
                            QEvent.Type.ChildRemoved, QEvent.Type.Show):
            self.timer.start()
        return False

    def apply(self) -> None:
        stops = tab_stops(self.container)
        for before, after in pairwise(stops):
            QWidget.setTabOrder(before, after)


def install_panes(window: QWidget, panel: QWidget, content: Callable[[], QWidget | None],
                  names: Callable[[], str]) -> list[QShortcut]:
    """F6 and Shift+F6 in ``window`` move focus between ``panel`` and ``content()`` (the tab
    shown); ``names()`` says what the content is ("Overview tab"). Tab in the panel follows
    reading order (the panel's scrolled body, when it has one)."""
    inner = panel.widget() if isinstance(panel, QScrollArea) else None
    body = inner if inner is not None else panel
    ReadingOrder(body)

    def swap() -> None:
        focus = QApplication.focusWidget()
        in_panel = focus is not None and (focus is panel or panel.isAncestorOf(focus))
        target_area = content() if in_panel else body
        if target_area is None:
            return
        target = first_stop(target_area)
        if target is None:
            return
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        announce(target, names() if in_panel else "Filters")

    shortcuts = []
    for keys in ("F6", "Shift+F6"):
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(swap)
        shortcuts.append(shortcut)
    return shortcuts


def install_window_keys(window: MainWindow) -> None:
    """F6 / Shift+F6 between the main window's filter panel and the tab shown (or the start
    page while the store is empty)."""

    def content() -> QWidget | None:
        shown = window.stack.currentWidget()
        return window.tabs.currentWidget() if shown is window.tabs else shown

    def names() -> str:
        if window.stack.currentWidget() is not window.tabs:
            return "Start page"
        return window.tabs.tabText(window.tabs.currentIndex()).replace("&", "") + " tab"

    install_panes(window, window.filters, content, names)
