"""Briefing packs from the window: choose the audience, themes, meeting, sections and format;
preview a PDF in the window (QPdfView); save the pack under a name a person would give it, or
print a PDF in the background (page range honoured, progress shown, Cancel at hand). A web
page has no pages: it is saved and opened in a browser, so Preview and Print say why they wait.

The dialog receives what it needs: the operations helper (runner, session, errors), the
filter's choices and the filter on screen. It never reads the store on the GUI thread."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mag_desktop.core.briefing.builder import SECTIONS
from mag_desktop.core.briefing.formats import DEFAULT_FORMAT, FORMATS, pages_text
from mag_desktop.core.briefing.pack import PackFile, PackOptions
from mag_desktop.core.query import Filter, as_at_quarter
from mag_desktop.core.query.choices import Choices
from mag_desktop.gui.announce import announce
from mag_desktop.gui.naming import buddy_label
from mag_desktop.gui.operation import Operations
from mag_desktop.gui.printing_panel import PrintPanel
from mag_desktop.gui.screen import fit_dialog
from mag_desktop.gui.views.checklist import CheckList
from mag_desktop.gui.views.format_choice import NO_PAGES, FormatChoice
from mag_desktop.gui.views.pack_saving import (
    ask_save_path,
    pack_job,
    save_button_text,
    suggested_name,
)

SECTION_LABELS = {"summary": "One-page summary", "exceptions": "Exceptions in detail",
                  "commitments": "Commitments by theme", "links": "Is it working?",
                  "ward_profile": "Ward profile",
                  "indicators": "Indicators by theme", "notes": "Notes on sources"}
#: The size the dialog asks for; a smaller screen's available area gets less.
WANTED = (1200, 860)


class PackDialog(QDialog):
    def __init__(self, ops: Operations, choices: Choices | None, current: Filter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops, self.choices = ops, choices
        self.setWindowTitle("Briefing pack")
        self._temp = Path(tempfile.mkdtemp(prefix="mag-pack-"))
        self.pack: PackFile | None = None
        self.as_at: str | None = None  # the quarter the data are as at, for the file name
        self._previews = 0
        self.closed = False  # a pack still being built when the dialog closes is not shown
        self.status = QLabel("Press Preview to see the pack.", self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        scroll = QScrollArea(split)  # a short screen scrolls the choices, never the buttons
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setAccessibleName("Pack choices")
        scroll.setWidget(self._form(current))
        self.document = QPdfDocument(self)
        self.view = QPdfView(split)
        self.view.setAccessibleName("Pack preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        split.addWidget(scroll)
        split.addWidget(self.view)
        split.setStretchFactor(1, 1)
        split.setSizes([400, 800])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.preview_button = buttons.addButton("&Preview", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(save_button_text(FORMATS[DEFAULT_FORMAT]),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setAccessibleName("Save the pack")
        self.print_button = buttons.addButton("P&rint…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setEnabled(False)
        self.printing = PrintPanel(ops.runner, self)
        self.printing.said.connect(self._say)
        self.printing.busy_changed.connect(lambda _busy: self._buttons())
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.printing)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_pack)
        self.format.changed.connect(self._format_changed)
        self._format_changed(self.format.key())
        fit_dialog(self, *WANTED)
        ops.read(self, as_at_quarter, success=self._as_at).failure(
            lambda _m: None).run_in_background()  # only the file name waits for it

    # -- building the form -------------------------------------------------------------------
    def _form(self, current: Filter) -> QWidget:
        left = QWidget()
        form = QFormLayout(left)
        choices = self.choices
        self.authority, self.ward = QComboBox(left), QComboBox(left)
        if choices is not None:
            for a in choices.authorities:
                self.authority.addItem(a.label, a.code)
        if current.authorities:  # the filter's authority, not the first of the list
            self.authority.setCurrentIndex(max(0, self.authority.findData(current.authorities[0])))
        self._add(form, "&Authority", self.authority)
        self._add(form, "&Ward", self.ward, "Ward, or the whole authority")
        self.themes = CheckList("Themes", rows=8, parent=left)
        if choices is not None:
            self.themes.set_choices(choices.themes, current.themes
                                    or [t.code for t in choices.themes], label="detail")
        self._add(form, "&Themes", self.themes)
        self.meeting = QLineEdit(left)
        self.meeting.setPlaceholderText("e.g. Members Advisory Group")
        self._add(form, "&Meeting", self.meeting)
        self.date = QDateEdit(QDate.currentDate(), left)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self._add(form, "Meeting &date", self.date, "Meeting date")
        self.marking = QLineEdit("OFFICIAL", left)
        self._add(form, "Mar&king", self.marking, "Protective marking")
        self.format = FormatChoice(left)
        form.addRow(self.format)
        group = QGroupBox("Sections", left)
        column = QVBoxLayout(group)
        self.sections: dict[str, QCheckBox] = {}
        for key in SECTIONS:
            box = QCheckBox(SECTION_LABELS.get(key, key), group)
            box.setChecked(True)
            box.setAccessibleName(box.text())
            self.sections[key] = box
            column.addWidget(box)
        self.my_notes = QCheckBox("My notes (personal)", group)  # off: a pack may be shared
        self.my_notes.setAccessibleName("Include my private notes, on pages marked personal")
        self.my_notes.setToolTip("Adds your private notes on pages marked personal")
        column.addWidget(self.my_notes)
        form.addRow(group)
        self.authority.currentIndexChanged.connect(lambda _i: self._wards())
        self._wards(current.wards)
        return left

    @staticmethod
    def _add(form: QFormLayout, text: str, field: QWidget, name: str | None = None) -> None:
        form.addRow(buddy_label(text, field, name=name), field)

    def _wards(self, wanted: tuple[str, ...] | list[str] = ()) -> None:
        self.ward.clear()
        self.ward.addItem("The whole authority", None)
        if self.choices is not None:
            for x in self.choices.wards_of((self.authority.currentData(),)):
                self.ward.addItem(x.label, x.code)
        mine = [code for code in wanted if self.ward.findData(code) > 0]
        if len(mine) == 1:  # the filter's one ward of this authority
            self.ward.setCurrentIndex(self.ward.findData(mine[0]))

    # -- what the pack is for ----------------------------------------------------------------
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
            format=self.format.key(),
        )

    def file_name(self) -> str:
        """The name the pack is suggested to be saved under."""
        ward = self.ward.currentText() if self.ward.currentData() else None
        return suggested_name(self.authority.currentText(), ward, self.as_at, self.format.key())

    def _as_at(self, quarter: str | None) -> None:
        self.as_at = quarter

    def _format_changed(self, key: str) -> None:
        """A pack shown in another format is put away (Print would print the wrong file)."""
        kind = FORMATS[key]
        self.save_button.setText(save_button_text(kind))
        if self.pack is not None and self.pack.parameters.get("format") != key:
            self.pack = None
            self.document.close()
        self._buttons()
        if not kind.printable:
            self._say(NO_PAGES, False)
        elif self.pack is None:
            self._say(f"Press Preview to see the pack as a {kind.label}.", False)

    def _buttons(self) -> None:
        """Preview and Print for PDFs only; greyed with the reason for a web page."""
        printable = self.format.chosen().printable
        self.preview_button.setEnabled(printable)
        self.print_button.setEnabled(printable and self.pack is not None
                                     and not self.printing.busy)
        for button, verb in ((self.preview_button, "preview"), (self.print_button, "print")):
            reason = "" if printable else NO_PAGES
            button.setToolTip(reason)
            button.setAccessibleDescription(reason or f"{verb.title()} the pack as a PDF")

    # -- making, showing, saving and printing ------------------------------------------------
    def _make(self, out: Path, log: bool, done: Callable[[PackFile], None]) -> None:
        work = pack_job(self.ops.session, self.audience(), self.options(), out, log)

        def failed(message: str) -> None:
            if log or not self.closed:  # a preview no one waits for any more is let go
                self._say(f"Not made. {message}", True)

        self._say("Building the pack…", False)
        self.ops.runner.run(work, done, failed, progress_label="Building the briefing pack",
                            parent=self)

    def _say(self, text: str, urgent: bool) -> None:
        """The status line, and the same words to a screen reader as they appear; once the
        dialog is closed, the window's status bar (a pack saved after Close is still said)."""
        if self.closed:
            self.ops.tell(text)
            return
        self.status.setText(text)
        announce(self.status, text, urgent=urgent)

    def preview(self) -> None:
        if not self.format.chosen().printable:
            self._say(NO_PAGES, True)
            return
        self._previews += 1
        number = self._previews
        target = self._temp / f"preview-{number}{self.format.chosen().extension}"

        def shown(pack: PackFile) -> None:
            if number == self._previews and not self.closed:  # only the latest is shown
                self._show(pack)

        self._make(target, False, shown)

    def _show(self, pack: PackFile) -> None:
        if self.closed:  # its folder of previews is gone: nothing to load
            return
        self.as_at = pack.as_at or self.as_at
        key = str(pack.parameters.get("format") or DEFAULT_FORMAT)
        if key != self.format.key():  # made before the format was changed: not shown
            return
        if FORMATS[key].printable:
            self.pack = pack
            self.document.load(str(pack.path))
        self._buttons()
        self._say(f"{pack.audience_name}: {pages_text(pack.pages, key)}, {pack.charts} "
                  f"charts, data version {pack.data_version}.", False)

    def save(self) -> None:
        out = ask_save_path(self, self.file_name(), self.format.chosen())
        if out is not None:
            self._make(out, True, self._saved)

    def _saved(self, pack: PackFile) -> None:
        self._show(pack)
        logged = "" if self.ops.read_only else "; recorded in the pack log"
        key = str(pack.parameters.get("format") or DEFAULT_FORMAT)
        self._say(f"Saved {pack.path} ({pages_text(pack.pages, key)}){logged}.", False)

    def print_pack(self) -> None:
        """The print dialog here, the printing on a worker (the preview stays usable)."""
        if self.pack is None or self.printing.busy:
            return
        self.printing.ask_and_print(self.pack.path, self.pack.pages,
                                    Path(self.file_name()).stem)

    def done(self, result: int) -> None:
        self.closed = True
        self.document.close()
        temp = self._temp
        self.printing.close_down(lambda: shutil.rmtree(temp, ignore_errors=True))
        super().done(result)
