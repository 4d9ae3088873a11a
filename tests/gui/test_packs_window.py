"""Packs from the window: preview in QPdfView, save, print to a PDF printer, ward batch."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.printing import print_pdf
from mag_desktop.gui.views.batch_dialog import BatchDialog
from mag_desktop.gui.views.main_window import MainWindow
from mag_desktop.gui.views.pack_dialog import PackDialog

SOLIHULL = "E08000029"


def pack_dialog(window: MainWindow) -> PackDialog:
    """The dialog as File › Briefing pack opens it."""
    return PackDialog(window_operations(window), window.choices, window.filters.current, window)


def test_preview_save_and_print(window: MainWindow, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                tmp_path: Path) -> None:
    dialog = pack_dialog(window)
    qtbot.addWidget(dialog)
    dialog.authority.setCurrentIndex(dialog.authority.findData(SOLIHULL))
    dialog.ward.setCurrentIndex(1)  # the first ward of Solihull
    ward_name = dialog.ward.currentText()
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.pack is not None, timeout=30000)
    assert dialog.document.pageCount() == dialog.pack.pages >= 3
    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.pack = None
    dialog.save()
    qtbot.waitUntil(lambda: dialog.pack is not None, timeout=30000)
    assert ward_name in (PdfReader(target).pages[0].extract_text() or "")
    logged = window.session.store.conn.execute(
        "SELECT count(*) FROM pack_log WHERE file = ?", (str(target),)).fetchone()[0]
    assert logged == 1
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    printer.setFromTo(2, 3)
    assert print_pdf(dialog.pack.path, printer).pages == 2
    assert len(PdfReader(printed).pages) == 2


def test_ward_batch_from_the_window(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = BatchDialog(window_operations(window), window.choices, window.filters.current, window)
    qtbot.addWidget(dialog)
    dialog.authority.setCurrentIndex(dialog.authority.findData(SOLIHULL))
    dialog.folder.setText(str(tmp_path / "packs"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=120000)
    assert len(dialog.outcome.written) == 17 and not dialog.outcome.failed
    assert dialog.open_button.isEnabled()
    assert len(list((tmp_path / "packs").glob("*.pdf"))) == 17


def test_cancel_stops_a_ward_batch(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = BatchDialog(window_operations(window), window.choices, window.filters.current, window)
    qtbot.addWidget(dialog)
    dialog.authority.setCurrentIndex(dialog.authority.findData("E08000025"))  # 69 wards
    dialog.folder.setText(str(tmp_path / "packs"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.bar.value() > 0, timeout=60000)
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=120000)
    assert dialog.outcome.cancelled
    written = list((tmp_path / "packs").glob("*.pdf"))
    assert 0 < len(written) < 69
    assert len(dialog.outcome.written) == len(written)  # only whole packs, all in the manifest


def test_the_pack_log_in_the_window(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from mag_desktop.core.briefing.pack import log_packs, write_pack
    from mag_desktop.gui.views.pack_log import PackLogDialog

    store = window.session.store
    pack = write_pack(store.conn, SOLIHULL, tmp_path / "solihull.pdf")
    log_packs(store, [pack])
    dialog = PackLogDialog(window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10000)
    row = dialog.model.row(0)
    assert row["audience"] == "Solihull" and row["sha256"] == pack.sha256
    assert row["pages"] == pack.pages and row["file"] == str(pack.path)
