"""The members' window, offscreen: tabs, filters, my authority, keyboard paths, screenshots."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mag_desktop.core.query import Filter, commitments_frame
from mag_desktop.core.store import Store
from mag_desktop.gui.app import open_window, wait_until_idle
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.main_window import TABS, MainWindow

BIRMINGHAM = "E08000025"


def core_count(store_path: Path, flt: Filter) -> int:
    with closing(Store.open(store_path, readonly=True).reader()) as conn:
        return len(commitments_frame(conn, flt))


def test_every_tab_loads_and_grabs(window: MainWindow, tmp_path: Path) -> None:
    assert window.stack.currentWidget() is window.tabs
    for name in TABS:
        window.show_tab(name)
        assert wait_until_idle(window)
        picture = tmp_path / f"{name}.png"
        assert window.grab().save(str(picture))
        assert picture.stat().st_size > 20_000
    assert window.indicators.model.rowCount() > 0
    assert window.ward.indicator_model.rowCount() > 0
    overview = window.overview.text()
    assert "All chosen themes" in overview and "Since last quarter" in overview


def test_filters_change_counts_as_the_core_says(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    everything = window.commitments.model.rowCount()
    assert everything == core_count(window.session.path, Filter())
    window.filters.authorities.set_checked([BIRMINGHAM])
    window.filters._collect()
    assert wait_until_idle(window)
    expected = core_count(window.session.path, Filter(authorities=(BIRMINGHAM,)))
    assert window.commitments.model.rowCount() == expected < everything
    assert "Authority: Birmingham" in window.filters.chips.labels()
    window.filters.statuses.set_checked(["OFF_TRACK"])
    window.filters._collect()
    assert wait_until_idle(window)
    flt = Filter(authorities=(BIRMINGHAM,), statuses=("OFF_TRACK",))
    assert window.commitments.model.rowCount() == core_count(window.session.path, flt)
    # Clearing one piece of the summary removes just that piece.
    window.filters._remove_part("statuses", "OFF_TRACK")
    assert wait_until_idle(window)
    assert window.commitments.model.rowCount() == expected


def test_search_is_debounced_and_filters(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.filters.search, "temporary")
    assert window.filters.current.text == ""  # not yet: waits for a pause in typing
    qtbot.waitUntil(lambda: window.filters.current.text == "temporary", timeout=3000)
    assert wait_until_idle(window)
    assert window.commitments.model.rowCount() == core_count(
        window.session.path, Filter(text="temporary"))


def test_my_authority_is_saved_and_restored(qtbot, sample_store: Path,  # type: ignore[no-untyped-def]
                                            settings: Settings, window: MainWindow) -> None:
    window.filters.authorities.set_checked([BIRMINGHAM])
    window.filters.themes.set_checked(["HOUSING"])
    window.filters._collect()
    window.filters.save_button.click()
    assert settings.my_filter() == Filter(authorities=(BIRMINGHAM,), themes=("HOUSING",))
    window.filters.authorities.set_checked([])
    window.filters._collect()
    assert wait_until_idle(window)
    window.filters.reset_button.click()
    assert window.filters.current.authorities == (BIRMINGHAM,)
    window.runner.wait()
    window.close()
    window.session.close()
    again = open_window(sample_store, settings)
    qtbot.addWidget(again)
    assert wait_until_idle(again)
    assert again.filters.current.authorities == (BIRMINGHAM,)
    assert again.filters.current.themes == ("HOUSING",)
    expected = core_count(sample_store, Filter(authorities=(BIRMINGHAM,), themes=("HOUSING",)))
    assert again.commitments.model.rowCount() == expected
    again.close()
    again.session.close()


def test_keyboard_paths(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 2
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.filters.search
    shortcuts = {a.shortcut().toString() for a in window.actions()}
    assert {"Ctrl+I", "Ctrl+P", "Ctrl+F", "Ctrl+E"} <= shortcuts
    for widget in (window.filters.authorities.list, window.commitments.table,
                   window.indicators.tree, window.ward.ward):
        assert widget.accessibleName()
        assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def test_selecting_a_commitment_shows_its_history(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show_tab("commitments")
    window.commitments.table.selectRow(0)
    qtbot.waitUntil(lambda: "Status history" in window.commitments.detail.toPlainText(),
                    timeout=5000)


def test_empty_store_shows_the_start_page(qtbot, tmp_path: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    win = open_window(tmp_path / "empty.sqlite", settings)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.start, timeout=5000)
    assert win.start.sample_button.text() == "Load the &sample data"
    win.runner.wait()
    win.close()
    win.session.close()


def test_second_instance_on_an_idle_store_can_import(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                     settings: Settings) -> None:
    other = open_window(window.session.path, settings)  # the first window is idle
    qtbot.addWidget(other)
    assert not other.session.read_only, other.session.read_only_reason
    assert other.import_action.isEnabled()
    assert wait_until_idle(other)
    assert other.commitments.model.rowCount() == window.commitments.model.rowCount()
    other.close()
    other.session.close()
