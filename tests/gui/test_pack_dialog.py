"""The Briefing pack dialog: within the screen with its buttons in reach, the filter's audience
first, a file name a person would give, every control named, results and errors announced,
printing in the background from the dialog, and the pack log's themes and meeting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QWidget,
)

from mag_desktop.core.briefing.pack import PackOptions, log_packs, write_pack
from mag_desktop.core.errors import MagError
from mag_desktop.core.query import Filter
from mag_desktop.gui import printing_panel
from mag_desktop.gui.announce import announced
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.views import pack_saving as module
from mag_desktop.gui.views.main_window import MainWindow
from mag_desktop.gui.views.pack_dialog import PackDialog
from mag_desktop.gui.views.pack_log import PackLogDialog

SOLIHULL = "E08000029"


def opened(window: MainWindow, qtbot, flt: Filter | None = None) -> PackDialog:  # type: ignore[no-untyped-def]
    dialog = PackDialog(window_operations(window), window.choices,
                        flt if flt is not None else window.filters.current, window)
    qtbot.addWidget(dialog)
    return dialog


def test_the_dialog_fits_the_screen_with_its_buttons_in_reach(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(window, qtbot)
    dialog.show()
    area = (dialog.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    inside = dialog.rect()
    for button in (dialog.preview_button, dialog.save_button, dialog.print_button):
        assert button.isVisible()
        corner = button.mapTo(dialog, button.rect().bottomRight())
        assert inside.contains(corner), (button.text(), corner, inside)
    dialog.resize(dialog.minimumSizeHint())  # squeezed: the choices scroll, buttons stay
    assert dialog.minimumSizeHint().height() < 600


def test_the_filter_chooses_the_audience_and_the_name_is_human(window: MainWindow,  # type: ignore[no-untyped-def]
                                                               qtbot, monkeypatch) -> None:
    choices = window.choices
    ward = next(w for w in choices.wards if w.parent == SOLIHULL)
    dialog = opened(window, qtbot, Filter(authorities=(SOLIHULL,), wards=(ward.code,)))
    assert dialog.authority.currentData() == SOLIHULL
    assert dialog.ward.currentData() == ward.code  # the filter's one ward
    qtbot.waitUntil(lambda: dialog.as_at is not None, timeout=10000)
    quarter = dialog.as_at
    assert dialog.file_name() == f"{ward.label} (Solihull) ward pack {quarter}.pdf"
    dialog.ward.setCurrentIndex(0)
    assert dialog.file_name() == f"Solihull briefing pack {quarter}.pdf"
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _parent, _title, suggested, _filter: asked.append(suggested)
                        or ("", ""))
    dialog.save()
    assert Path(asked[0]).name == f"Solihull briefing pack {quarter}.pdf"
    assert "E0" not in asked[0].rsplit("/", 1)[-1]  # never a GSS code


def _proxied(widget: QWidget) -> bool:
    """Part of a named control (a date box's line edit): the control is what is read."""
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractSpinBox | QComboBox) and bool(parent.accessibleName())


def test_every_control_is_named(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(window, qtbot)
    dialog.show()
    buddies = {id(label.buddy()) for label in dialog.findChildren(QLabel) if label.buddy()}
    unnamed = [f"{type(w).__name__} in {type(w.parentWidget()).__name__}"
               for w in dialog.findChildren(QWidget)
               if w.isVisibleTo(dialog) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
               and not w.accessibleName() and id(w) not in buddies
               and not (isinstance(w, QAbstractButton | QLabel) and w.text())  # read by it
               and not _proxied(w)]
    assert not unnamed, unnamed
    for combo in (dialog.authority, dialog.ward):
        assert combo.accessibleName() and combo.accessibleName() != combo.currentText()


def test_the_preview_and_errors_are_announced(window: MainWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(window, qtbot)
    dialog.authority.setCurrentIndex(dialog.authority.findData(SOLIHULL))
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.pack is not None, timeout=60000)
    said = announced(dialog)
    assert said[-1] == dialog.status.text() and said[-1].startswith(
        f"Solihull: {dialog.pack.pages} pages")

    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise MagError("the store holds no commitments for Solihull")

    monkeypatch.setattr(module, "write_pack", refuse)
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Not made"), timeout=30000)
    assert announced(dialog)[-1] == ("Not made. the store holds no commitments for "
                                     "Solihull")


def test_printing_from_the_dialog_runs_in_the_background(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                         monkeypatch, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr(printing_panel, "new_printer", pdf_printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    dialog = opened(window, qtbot)
    dialog.authority.setCurrentIndex(dialog.authority.findData(SOLIHULL))
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.pack is not None, timeout=60000)
    dialog.print_button.click()
    assert dialog.printing.busy and not dialog.print_button.isEnabled()
    assert dialog.preview_button.isEnabled()  # the rest of the dialog stays in use
    qtbot.waitUntil(lambda: dialog.printing.outcome is not None, timeout=120000)
    assert len(PdfReader(out).pages) == dialog.pack.pages
    assert dialog.status.text() == f"Printed {dialog.pack.pages} pages to {out}."
    assert announced(dialog)[-1] == dialog.status.text()
    assert dialog.print_button.isEnabled() and not dialog.printing.isVisible()


def test_closing_the_dialog_stops_printing(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(window, qtbot)
    dialog.authority.setCurrentIndex(dialog.authority.findData(SOLIHULL))
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.pack is not None, timeout=60000)
    temp = dialog.pack.path.parent
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "closed.pdf"))
    dialog.printing.start(dialog.pack.path, printer)
    qtbot.waitUntil(lambda: len(dialog.printing.reports) >= 1, timeout=30000)
    dialog.reject()
    qtbot.waitUntil(lambda: dialog.printing.outcome is not None, timeout=60000)
    assert not (tmp_path / "closed.pdf").exists()
    assert not temp.exists()  # the preview files went once the print had stopped


def test_the_pack_log_shows_themes_and_meeting(window: MainWindow, qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
                                               ) -> None:
    themes = ("HOUSING", "HEALTH")
    store = window.session.store
    options = PackOptions(themes=themes, meeting="Members Advisory Group",
                          meeting_date=date(2026, 12, 4))
    pack = write_pack(store.conn, SOLIHULL, tmp_path / "solihull.pdf", options)
    log_packs(store, [pack])
    dialog = PackLogDialog(window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10000)
    row = dialog.model.row(0)
    names = {c.code: c.label for c in window.choices.themes}
    assert set(row["themes"].split(", ")) == {names[t] for t in themes}  # in the pack's order
    assert row["meeting"] == "Members Advisory Group, 4 Dec 2026"


def test_a_preview_finishing_after_close_is_let_go(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Closed while its preview is still being built: the pack is neither loaded into the
    closed dialog nor announced from it, and its removed folder is no error for anyone."""
    dialog = opened(window, qtbot)
    dialog.show()
    dialog.preview()
    dialog.done(QDialog.DialogCode.Rejected)
    said_before = announced(window)
    assert window.runner.wait()
    qtbot.wait(50)  # the job's answer reaches the GUI thread
    assert dialog.pack is None
    assert announced(window) == said_before
