"""The import wizard (dialogs monkeypatched), history with undo, and a responsive window."""

from __future__ import annotations

import csv
import gc
import itertools
import time
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from mag_desktop.core.store import maintenance
from mag_desktop.gui.announce import announced
from mag_desktop.gui.app import wait_until_idle
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.views.history import HistoryDialog
from mag_desktop.gui.views.import_wizard import ImportWizard
from mag_desktop.gui.views.main_window import MainWindow

HEADER = ["Indicator ID", "Period", "Area code", "Ethnic group", "Value", "Numerator",
          "Denominator", "Lower 95% limit", "Upper 95% limit"]


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def good_rows() -> list[list[object]]:
    return [["EMP_RATE", "2026 Q4", "E08000025", group, value, "", "", "", ""]
            for group, value in (("All", 71.0), ("Pakistani", 57.5), ("White British", 78.2))]


def wizard_run(window: MainWindow, qtbot, monkeypatch, path: Path) -> ImportWizard:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    wizard = ImportWizard(window_operations(window), window)
    qtbot.addWidget(wizard)
    wizard.choose()  # picks the file and checks it (a dry run) in the background
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=10000)
    return wizard


def wizard_import(window: MainWindow, wizard: ImportWizard, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Import what the wizard has checked, and wait until it and the window are done."""
    wizard.outcome = None
    wizard.import_button.click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=60000)
    assert wizard.outcome is not None
    assert wizard.outcome.status == "ok" and not wizard.outcome.dry_run, wizard.outcome
    assert wait_until_idle(window)


def test_happy_path_checks_then_imports(window: MainWindow, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                        tmp_path: Path) -> None:
    path = write_csv(tmp_path / "emp.csv", good_rows())
    before = maintenance.content_checksum(window.session.store.conn)
    wizard = wizard_run(window, qtbot, monkeypatch, path)
    assert wizard.outcome is not None and wizard.outcome.dry_run
    assert "Would import" in wizard.summary.text() and "3 new" in wizard.summary.text()
    assert maintenance.content_checksum(window.session.store.conn) == before
    assert wizard.import_button.isEnabled()
    wizard_import(window, wizard, qtbot)
    count = window.session.store.conn.execute(
        "SELECT count(*) FROM observation WHERE period = '2026 Q4'").fetchone()[0]
    assert count == 3
    assert "2026 Q4" in [window.filters.period_to.itemText(i)
                         for i in range(window.filters.period_to.count())]


def test_rejected_file_shows_the_report(window: MainWindow, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                        tmp_path: Path) -> None:
    rows = good_rows()
    rows[1][2] = "Bimingham"
    rows[2][4] = "lots"
    path = write_csv(tmp_path / "bad.csv", rows)
    before = maintenance.content_checksum(window.session.store.conn)
    wizard = wizard_run(window, qtbot, monkeypatch, path)
    assert wizard.outcome is not None and wizard.outcome.status == "rejected"
    assert "Rejected" in wizard.summary.text()
    assert not wizard.import_button.isEnabled()
    frame = wizard.model.frame
    assert set(frame["row"]) >= {3, 4}
    assert frame["message"].str.contains("did you mean Birmingham").any()
    assert maintenance.content_checksum(window.session.store.conn) == before


def test_the_report_is_grouped_and_saved_as_a_workbook(window: MainWindow, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path) -> None:
    rows = [["EMP_RATE", f"{2000 + n} Q4", "Sandwel", "All", 50, "", "", "", ""]
            for n in range(6)]
    wizard = wizard_run(window, qtbot, monkeypatch, write_csv(tmp_path / "partner.csv", rows))
    assert wizard.outcome is not None and wizard.outcome.status == "rejected"
    frame = wizard.model.frame
    line = frame[frame["value"] == "Sandwel"]
    assert len(line) == 1 and line["rows"].iloc[0] == "6 rows: 2, 3, 4, 5, 6, 7"
    assert wizard.save_button.isEnabled()
    target = tmp_path / "for the partner.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    wizard.save_button.click()
    qtbot.waitUntil(lambda: wizard.saved_report is not None, timeout=10000)
    assert wizard.saved_report == target and target.exists()
    book = openpyxl.load_workbook(target)
    problems = list(book["Problems"].iter_rows(values_only=True))
    assert any(r[4] == "Sandwel" and r[5] == 6 for r in problems)


def test_a_sheet_of_several_tables_asks_which(window: MainWindow, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                              tmp_path: Path) -> None:
    block = [HEADER, *good_rows()]
    later = [HEADER, ["EMP_RATE", "2027 Q1", "E08000025", "All", 72.0, "", "", "", ""]]
    path = tmp_path / "stacked.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([*block, [], ["Next quarter"], [], *later])
    wizard = wizard_run(window, qtbot, monkeypatch, path)
    assert wizard.outcome is not None and wizard.outcome.status == "rejected"
    assert "holds 2 tables" in wizard.summary.text()
    assert wizard.outcome.plan is not None and len(wizard.outcome.plan.tables) == 2
    wizard.table_number.setValue(2)
    wizard.outcome = None
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=10000)
    assert wizard.outcome.status == "ok" and wizard.outcome.rows_read == 1
    assert "1 new" in wizard.summary.text()


def test_history_undo(window: MainWindow, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "emp.csv", good_rows())
    wizard = wizard_run(window, qtbot, monkeypatch, path)
    wizard_import(window, wizard, qtbot)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = HistoryDialog(window_operations(window), window.settings, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=5000)
    last = dialog.model.rowCount() - 1
    assert dialog.model.row(last)["file_name"] == "emp.csv"
    dialog.table.selectRow(last)
    dialog.undo()
    qtbot.waitUntil(lambda: "undid import" in dialog.note.text(), timeout=10000)
    assert announced(dialog)[-1] == " ".join(dialog.note.text().split())  # heard too
    count = window.session.store.conn.execute(
        "SELECT count(*) FROM observation WHERE period = '2026 Q4'").fetchone()[0]
    assert count == 0


@pytest.mark.parametrize("rows", [60_000])
def test_the_event_loop_keeps_turning_during_an_import(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path, rows: int) -> None:
    wards = [r[0] for r in window.session.store.conn.execute(
        "SELECT code FROM area WHERE level = 'ward'")]
    data = [["EMP_RATE", f"{2000 + i // (len(wards) * 6)} Q1", wards[i % len(wards)],
             ("All", "Asian", "Black", "Mixed", "White", "Other")[(i // len(wards)) % 6],
             50.0, "", "", "", ""] for i in range(rows)]
    path = write_csv(tmp_path / "big.csv", data)
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    wizard = ImportWizard(window_operations(window), window)
    qtbot.addWidget(wizard)
    gc.collect()  # what earlier tests left is not collected while this one is timed
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    started = time.monotonic()
    wizard.choose()  # the check runs on a worker thread
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=10000)
    ended = time.monotonic()
    timer.stop()
    monkeypatch.undo()
    assert wizard.outcome is not None and wizard.outcome.status == "ok"
    # The GUI thread kept running its timers while the file was checked on a worker thread:
    # never still for long (a window frozen by the check would show one gap as long as it).
    moments = [started, *ticks, ended]
    longest = max(b - a for a, b in itertools.pairwise(moments))
    assert len(ticks) >= 3 and longest < max(0.3, 0.5 * (ended - started)), (
        ended - started, len(ticks), longest)


def test_a_large_import_from_the_window_has_its_flags_from_the_worker_process(
        window: MainWindow, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The window's import of a large file starts the disclosure worker from a thread of a
    process running Qt: the flags come from it (not from the fallback) and it ends after."""
    from mag_desktop.core.disclosure import worker
    from mag_desktop.core.ingest import service

    monkeypatch.setattr(service, "LARGE_FILE_BYTES", 0)  # every file counts as large here
    here_too: list[int] = []
    submit = worker.Worker.submit
    started: list[worker.Worker] = []

    def watched(self: worker.Worker, frame, args, here):  # type: ignore[no-untyped-def]
        started.append(self)
        return submit(self, frame, args, lambda rows: here_too.append(len(rows)) or here(rows))

    monkeypatch.setattr(worker.Worker, "submit", watched)
    wards = [r[0] for r in window.session.store.conn.execute(
        "SELECT code FROM area WHERE parent_code = 'E08000025' AND level = 'ward'"
        " ORDER BY code")]
    rows: list[list[object]] = []
    for w, ward in enumerate(wards):
        parts = {g: 40 + 7 * ((w + k) % 9) for k, g in enumerate(
            ("Asian", "Black", "Mixed", "White", "Other"))}
        for group, count in (*parts.items(), ("All", sum(parts.values()))):
            if group == "Black" and w % 4 == 0:  # suppressed by the publisher
                rows.append(["EMP_RATE", "2030 Q1", ward, group, "[c]", "", "", "", ""])
            else:
                rows.append(["EMP_RATE", "2030 Q1", ward, group,
                             f"{100 * count / 1000:.1f}", count, 1000, "", ""])
    path = write_csv(tmp_path / "suppressed.csv", rows)
    wizard = wizard_run(window, qtbot, monkeypatch, path)
    assert wizard.outcome is not None and wizard.outcome.status == "ok", wizard.outcome
    wizard_import(window, wizard, qtbot)
    withheld = window.session.store.conn.execute(
        "SELECT count(*) FROM observation WHERE period = '2030 Q1' AND withheld = 1"
        " AND superseded_by IS NULL").fetchone()[0]
    assert withheld >= len(wards) // 4  # a second figure beside each [c]
    assert len(started) == 1 and here_too == []
    assert started[0].ended.wait(timeout=30)
