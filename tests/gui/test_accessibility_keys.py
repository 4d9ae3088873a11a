"""The keyboard and the screen reader in the window: F6 between the filters and the tab, Tab in
reading order through the filter panel, a focus ring that can be seen, and errors and status
messages announced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.gui import style
from mag_desktop.gui.announce import announce, announced
from mag_desktop.gui.keyboard import tab_stops
from mag_desktop.gui.views.main_window import MainWindow


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_f6_moves_between_the_filters_and_the_tab_and_back(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    window.filters.search.setFocus()
    qtbot.keyClick(window.filters.search, Qt.Key.Key_F6)
    now = focused()
    page = window.tabs.currentWidget()
    assert now is not None and page.isAncestorOf(now), now
    assert announced(window)[-1] == "Overview tab"
    qtbot.keyClick(now, Qt.Key.Key_F6)
    back = focused()
    assert back is not None and window.filters.isAncestorOf(back)
    assert announced(window)[-1] == "Filters"
    window.show_tab("commitments")
    qtbot.keyClick(back, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    now = focused()
    assert now is not None and window.commitments.isAncestorOf(now)
    stops = [now]  # Tab from there goes on through the tab before it leaves it
    widget = now.nextInFocusChain()
    while window.commitments.isAncestorOf(widget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            stops.append(widget)
        widget = widget.nextInFocusChain()
    assert window.commitments.table in stops


def test_tab_walks_the_filter_panel_in_reading_order(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.filters
    panel.authorities.set_checked(["E08000025"])
    panel._collect()
    qtbot.wait(50)  # the order is mended once the new filter pieces are laid out
    body = panel.widget()
    stops = tab_stops(body)
    assert stops[0] is panel.search
    chain, widget = [], panel.search
    for _ in range(len(stops) - 1):
        widget = widget.nextInFocusChain()
        while widget not in stops:
            widget = widget.nextInFocusChain()
        chain.append(widget)
    assert chain == stops[1:]  # Tab goes where the eye reads
    tops = [w.mapTo(body, w.rect().topLeft()).y() for w in stops]
    assert tops == sorted(tops)
    lists = [panel.authorities.list, panel.themes.list]
    chips = [w for w in stops if panel.chips.isAncestorOf(w)]
    assert chips, "the active filter's pieces are Tab stops"
    assert max(stops.index(c) for c in chips) < min(stops.index(x) for x in lists)


def test_focus_ring_is_drawn_around_the_focused_control(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style.apply(app)
    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    edit, button = QLineEdit(box), QPushButton("Press", box)
    layout.addWidget(edit)
    layout.addWidget(button)
    box.resize(300, 120)
    box.show()
    box.activateWindow()
    button.setFocus()
    qtbot.waitUntil(lambda: button.hasFocus())
    ring = style.ring_of(app)
    assert ring is not None and ring.isVisible() and ring.target is button
    picture = box.grab()
    assert picture.save(str(tmp_path / "ring.png"))
    image = picture.toImage()
    left = button.geometry().left() - style.MARGIN  # the ring's outer edge, left of the button
    middle = button.geometry().center().y()
    assert QColor(image.pixel(left, middle)) == style.RING
    assert QColor(image.pixel(left + 1, middle)) == style.RING  # 2 px wide
    edit.setFocus()
    qtbot.waitUntil(lambda: ring.target is edit)
    image = box.grab().toImage()
    assert QColor(image.pixel(left, middle)) != style.RING  # it moved with the focus


def test_focus_ring_shows_around_a_control_that_fills_its_parent(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A list filling a margin-less container (as in the filter panel) inside a scroll area:
    the ring is drawn in the scroll area's viewport, not clipped away by the container."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style.apply(app)
    area = QScrollArea()
    qtbot.addWidget(area)
    body = QWidget()
    outer = QVBoxLayout(body)
    holder = QWidget(body)
    inner = QVBoxLayout(holder)
    inner.setContentsMargins(0, 0, 0, 0)
    listing = QListWidget(holder)
    listing.addItems(["Birmingham", "Coventry"])
    inner.addWidget(listing)
    outer.addWidget(holder)
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.resize(300, 200)
    area.show()
    area.activateWindow()
    listing.setFocus()
    qtbot.waitUntil(lambda: listing.hasFocus())
    ring = style.ring_of(app)
    assert ring is not None and ring.parentWidget() is area.viewport()
    image = area.viewport().grab().toImage()
    corner = listing.mapTo(area.viewport(), listing.rect().topLeft())
    middle = corner.y() + listing.height() // 2
    assert QColor(image.pixel(corner.x() - style.MARGIN, middle)) == style.RING


def test_errors_and_status_messages_are_announced(window: MainWindow) -> None:
    window.unattended = True
    window.error("The file could not be read: it is not a spreadsheet.")
    assert announced(window)[-1] == "The file could not be read: it is not a spreadsheet."
    window.statusBar().showMessage("Exported 152 commitments", 1000)
    assert announced(window)[-1] == "Exported 152 commitments"
    announce(window, "   ")  # nothing to say: nothing said
    assert announced(window)[-1] == "Exported 152 commitments"
    window.statusBar().showMessage(window.import_action.statusTip())  # a menu's status tip
    assert announced(window)[-1] == "Exported 152 commitments"  # the menu entry is read
