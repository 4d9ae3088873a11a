"""Dialogs open within the screen's available area (a council laptop's 1366×768 included,
with its task bar): the size wanted, or less when the screen is smaller."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room left around a dialog for the window frame and title bar.
MARGIN_W, MARGIN_H = 40, 80


def fit(dialog: QWidget, width: int, height: int) -> None:
    """Resize ``dialog`` to ``width`` × ``height``, or to what its screen's available area
    holds, and keep its minimum size within that area too."""
    parent = dialog.parentWidget()
    screen = (parent.screen() if parent is not None else None) or \
        QGuiApplication.primaryScreen()
    if screen is None:
        dialog.resize(width, height)
        return
    area = screen.availableGeometry()
    room_w, room_h = max(320, area.width() - MARGIN_W), max(240, area.height() - MARGIN_H)
    minimum = dialog.minimumSize()
    dialog.setMinimumSize(min(minimum.width(), room_w), min(minimum.height(), room_h))
    dialog.resize(min(width, room_w), min(height, room_h))
