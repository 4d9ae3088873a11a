"""The status bar says "Illustrative sample — not official statistics" while the store holds
illustrative data, and only then; it is checked again whenever the store's content changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from mag_desktop.core.ingest.profile import load_profile
from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.query.illustrative import NOTICE
from mag_desktop.core.store import Store
from mag_desktop.gui.app import open_window, wait_until_idle
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.main_window import MainWindow
from mag_desktop.paths import data_dir


def test_the_sample_store_shows_the_notice(window: MainWindow) -> None:
    label = window.illustrative_label
    assert label.isVisible() and NOTICE in label.text()
    assert label.accessibleName() == NOTICE
    assert "EMP_RATE" in label.toolTip() and "not official statistics" in label.toolTip()
    assert window.statusBar().isAncestorOf(label)


def test_the_notice_follows_the_store(qtbot, tmp_path: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "real.sqlite"
    census = load_profile(data_dir() / "profiles" / "census2021_ts021.json")
    # The sample commitments link the sample indicators, so these are defined first, by a
    # partner whose source is not illustrative: only the commitments' file can tell.
    names = {"CLAIMANT_RATE": "Claimant rate, aged 16 to 64",
             "EMP_RATE": "Employment rate, aged 16 to 64",
             "NHS_HEALTH_CHECK": "NHS Health Check uptake",
             "TEMP_ACCOM": "Households in temporary accommodation",
             "YJ_FTE": "Youth justice first-time entrants"}
    definitions = tmp_path / "definitions.csv"
    definitions.write_text("Indicator ID,Indicator name,Theme,Unit,Polarity,Source\n" + "".join(
        f'{code},"{name}",Health and wellbeing,%,Lower is better,Partner return\n'
        for code, name in names.items()), encoding="utf-8")
    with Store.open(path) as store:
        source = data_dir() / "source" / "census2021_ts021_authorities_derived.csv"
        assert run_import(store, source, ImportOptions(profile=census)).status == "ok"
        assert run_import(store, definitions, ImportOptions(kind="indicators")).status == "ok"
    window = open_window(path, settings)
    qtbot.addWidget(window)
    window.show()
    try:
        assert wait_until_idle(window)
        assert not window.illustrative_label.isVisible()  # Census 2021: real figures
        copy = tmp_path / "q3.xlsx"
        shutil.copy(data_dir() / "sample" / "commitments_2026-Q3.xlsx", copy)
        # The sample's commitments alone (no illustrative indicator source), imported through
        # the window's own store as the import wizard does, then the window reloads.
        result = window.session.writing(lambda _progress, _cancel: run_import(
            window.session.store, copy, ImportOptions(kind="commitments")))()
        assert result.status == "ok", result.message
        window.controller.data_changed()
        qtbot.waitUntil(window.illustrative_label.isVisible, timeout=10_000)
        assert "q3.xlsx" in window.illustrative_label.toolTip()
    finally:
        window.runner.wait()
        window.close()
        window.session.close()
