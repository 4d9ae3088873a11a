"""The Indicators tab's pages (charts, commitments linked) are reached with the keyboard in
reading order: right after the indicator's choices, before the charts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.views.main_window import MainWindow


def test_tab_reaches_the_pages_after_the_export_button_and_arrows_open_the_list(
        window: MainWindow, qtbot: QtBot) -> None:
    window.show_tab("indicators")
    assert wait_until_idle(window)
    tab = window.indicators
    tab.export.setFocus()
    qtbot.waitUntil(tab.export.hasFocus)
    qtbot.keyClick(tab.export, Qt.Key.Key_Tab)
    bar = tab.upper.tabBar()
    assert QApplication.focusWidget() is bar and bar.accessibleName()
    qtbot.keyClick(bar, Qt.Key.Key_Right)
    assert tab.upper.currentWidget() is tab.linked
