"""Briefing packs from the window: choose the audience, themes, meeting and sections; preview
the PDF in the window (QPdfView); save it, or print it (page range honoured)."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.briefing.builder import SECTIONS
from mag_desktop.core.briefing.pack import PackFile, PackOptions, log_packs, write_pack
from mag_desktop.core.release.member import release_id_of
from mag_desktop.core.store import faults
from mag_desktop.gui.views.checklist import CheckList

if TYPE_CHECKING:
    from mag_desktop.gui.views.main_window import MainWindow

SECTION_LABELS = {"summary": "One-page summary", "exceptions": "Exceptions in detail",
                  "commitments": "Commitments by theme", "ward_profile": "Ward profile",
                  "indicators": "Indicators by theme", "notes": "Notes on sources"}


class PackDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.setWindowTitle("Briefing pack")
        self.resize(1200, 720)  # fits a 1366×768 screen
        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        form = QFormLayout(left)
        choices = window.choices
        self.authority = QComboBox(left)
        self.authority.setAccessibleName("Authority")
        self.ward = QComboBox(left)
        self.ward.setAccessibleName("Ward (or the whole authority)")
        if choices is not None:
            for a in choices.authorities:
                self.authority.addItem(a.label, a.code)
        mine = window.filters.current.authorities
        if mine:
            self.authority.setCurrentIndex(max(0, self.authority.findData(mine[0])))
        form.addRow("&Authority", self.authority)
        form.addRow("&Ward", self.ward)
        self.themes = CheckList("Themes", rows=8, parent=left)
        if choices is not None:
            self.themes.set_choices(choices.themes, window.filters.current.themes
                                    or [t.code for t in choices.themes], label="detail")
        form.addRow("&Themes", self.themes)
        self.meeting = QLineEdit(left)
        self.meeting.setPlaceholderText("e.g. Members Advisory Group")
        form.addRow("&Meeting", self.meeting)
        self.date = QDateEdit(QDate.currentDate(), left)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        form.addRow("Meeting &date", self.date)
        self.marking = QLineEdit("OFFICIAL", left)
        form.addRow("Mar&king", self.marking)
        self.sections: dict[str, QCheckBox] = {}
        for key in SECTIONS:
            box = QCheckBox(SECTION_LABELS.get(key, key), left)
            box.setChecked(True)
            self.sections[key] = box
            form.addRow("" if self.sections and key != SECTIONS[0] else "&Sections", box)
        self.my_notes = QCheckBox("My notes (personal)", left)  # off: a pack may be shared
        self.my_notes.setAccessibleName("Include my private notes, on pages marked personal")
        self.my_notes.setToolTip("Adds your private notes on pages marked personal")
        form.addRow("", self.my_notes)
        self.status = QLabel("Press Preview to see the pack.", left)
        self.status.setWordWrap(True)
        form.addRow(self.status)
        self.document = QPdfDocument(self)
        self.view = QPdfView(split)
        self.view.setAccessibleName("Pack preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        split.addWidget(left)
        split.addWidget(self.view)
        split.setSizes([380, 820])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.preview_button = buttons.addButton("&Preview", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton("&Save PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = buttons.addButton("P&rint…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_pack)
        self.authority.currentIndexChanged.connect(lambda _i: self._wards())
        self._temp = Path(tempfile.mkdtemp(prefix="mag-pack-"))
        self.pack: PackFile | None = None
        self._previews = 0
        self._wards()

    def _wards(self) -> None:
        self.ward.clear()
        self.ward.addItem("The whole authority", None)
        choices = self.w.choices
        if choices is not None:
            for x in choices.wards_of((self.authority.currentData(),)):
                self.ward.addItem(x.label, x.code)

    def audience(self) -> str:
        return self.ward.currentData() or self.authority.currentData()

    def options(self) -> PackOptions:
        qdate = self.date.date()
        return PackOptions(
            themes=self.themes.checked(), meeting=self.meeting.text().strip(),
            meeting_date=date(qdate.year(), qdate.month(), qdate.day()),
            marking=self.marking.text().strip(),
            sections=tuple(k for k, box in self.sections.items() if box.isChecked())
            + (("my_notes",) if self.my_notes.isChecked() else ()),
        )

    def _make(self, out: Path, log: bool, done: Callable[[PackFile], None]) -> None:
        audience, options, store = self.audience(), self.options(), self.w.session.store
        session = self.w.session

        def work(_progress, _cancel):  # type: ignore[no-untyped-def]
            def checked(conn: sqlite3.Connection) -> PackFile:
                faults.quick_check(conn, session.path)  # never a pack from a damaged store
                release = release_id_of(conn)  # a pack made from a release records its id
                return write_pack(conn, audience, out,
                                  replace(options, release_id=release) if release else options)

            pack = session.read(checked)()
            if log and not session.read_only:
                log_packs(store, [pack])
            return pack

        self.status.setText("Building the pack…")
        self.w.runner.run(work, done, lambda m: self.status.setText(f"<b>Not made.</b> {m}"),
                          progress_label="Building the briefing pack")

    def preview(self) -> None:
        self._previews += 1
        number = self._previews
        target = self._temp / f"preview-{number}.pdf"

        def shown(pack: PackFile) -> None:
            if number == self._previews:  # only the latest preview is shown (and printed)
                self._show(pack)

        self._make(target, False, shown)

    def _show(self, pack: PackFile) -> None:
        self.pack = pack
        self.document.load(str(pack.path))
        self.print_button.setEnabled(True)
        self.status.setText(f"{pack.audience_name}: {pack.pages} pages, {pack.charts} charts, "
                            f"data version {pack.data_version}.")

    def save(self) -> None:
        name = f"{self.audience()}_briefing.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Save the briefing pack",
                                              str(Path.home() / name), "PDF (*.pdf)")
        if path:
            self._make(Path(path), True, self._saved)

    def _saved(self, pack: PackFile) -> None:
        self._show(pack)
        self.status.setText(f"Saved {pack.path} ({pack.pages} pages); recorded in the pack log.")

    def print_pack(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        print_document(self.document, printer)
        self.status.setText("Sent to the printer.")

    def done(self, result: int) -> None:
        self.document.close()
        shutil.rmtree(self._temp, ignore_errors=True)
        super().done(result)


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Print the pages the printer's range asks for (all by default); returns pages printed."""
    count = document.pageCount()
    first, last = printer.fromPage(), printer.toPage()
    pages = range(first - 1, last) if first and last else range(count)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        for n, index in enumerate(p for p in pages if 0 <= p < count):
            if n:
                printer.newPage()
            area = printer.pageRect(QPrinter.Unit.DevicePixel)
            size = document.pagePointSize(index)
            scale = min(area.width() / size.width(), area.height() / size.height())
            image = document.render(index, (size * scale * 1.0).toSize())
            painter.drawImage(QRectF(QPointF(0, 0), image.size().toSizeF()), image)
            printed += 1
    finally:
        painter.end()
    return printed

