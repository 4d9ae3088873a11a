"""An answer to an earlier filter that arrives after the answer to the newer one is dropped:
the Ward tab keeps the profile for the filter in force."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from mag_desktop.core.query import Filter, WardProfile
from mag_desktop.gui import controller as controller_module
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.views.main_window import MainWindow

HOUSING = Filter(themes=("HOUSING",))


def test_a_late_ward_profile_for_an_old_filter_is_not_shown(
        window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    window.show_tab("ward")
    assert wait_until_idle(window)
    real = controller_module.ward_profile
    release = threading.Event()
    asked_for: dict[int, Filter] = {}

    def slow_for_everything(conn, ward, flt):  # type: ignore[no-untyped-def]
        if flt == Filter():  # the first request, for no filter, waits for the second
            release.wait(20)
        profile = real(conn, ward, flt)
        asked_for[id(profile)] = flt
        return profile

    monkeypatch.setattr(controller_module, "ward_profile", slow_for_everything)
    shown: list[Filter] = []
    show = window.ward.show_profile

    def recording(profile: WardProfile) -> None:
        shown.append(asked_for[id(profile)])
        show(profile)

    monkeypatch.setattr(window.ward, "show_profile", recording)
    window.controller.load_ward()  # for no filter: held back
    window.filters.apply(HOUSING)
    window.controller.load_ward()  # for Housing: answered first
    qtbot.waitUntil(lambda: HOUSING in shown, timeout=20000)
    release.set()
    assert wait_until_idle(window)
    assert shown[-1] == HOUSING and Filter() not in shown
