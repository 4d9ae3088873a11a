"""The print side of a dialog: the print dialog on the GUI thread, the printing itself on a
worker (:func:`~mag_desktop.gui.printing.print_pdf`), and while it runs a bar saying
"Printing page 12 of 47" with a button to cancel. The window stays responsive throughout: the
dialog that holds the panel can be read, scrolled and used meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QProgressBar, QPushButton, QWidget

from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.printing import Printed, cap_resolution, print_pdf
from mag_desktop.gui.runner import JobRunner


def new_printer() -> QPrinter:
    """The printer a print starts from: the system's default, at its full resolution (capped
    at 600 dpi when printing)."""
    return QPrinter(QPrinter.PrinterMode.HighResolution)


class PrintPanel(QWidget):
    """Hidden until a print starts. ``said(text, urgent)`` carries each sentence for the
    dialog's status line: started, printed, cancelled or failed (urgent)."""

    said = Signal(str, bool)
    busy_changed = Signal(bool)

    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName("Printing progress")
        self.bar.setFormat("")
        self.cancel_button = QPushButton("Cancel &printing", self)
        self.cancel_button.setAccessibleName("Cancel printing")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.setVisible(False)
        self._token: CancelToken | None = None
        self._printer: QPrinter | None = None
        self._closed = False
        self._after: list[Callable[[], None]] = []
        self.outcome: Printed | str | None = None  # the last print's result, or what was said
        self.reports: list[str] = []  # the progress said during the last print

    @property
    def busy(self) -> bool:
        return self._token is not None

    def ask_and_print(self, pdf: Path, pages: int, title: str) -> bool:
        """Show the print dialog (pages 1 to ``pages``); print if it is accepted."""
        printer = new_printer()
        printer.setDocName(title)
        dialog = QPrintDialog(printer, self.window())
        dialog.setMinMax(1, max(1, pages))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.start(pdf, printer)
        return True

    def start(self, pdf: Path, printer: QPrinter) -> None:
        """Print ``pdf`` on ``printer`` in the background (one print at a time)."""
        if self.busy:
            return
        cap_resolution(printer)
        self._printer = printer  # kept alive, and untouched here, until the print ends
        self.outcome, self.reports = None, []
        self.bar.setValue(0)
        self.bar.setFormat("Starting to print…")
        self.setVisible(True)
        self.cancel_button.setEnabled(True)
        self._token = self._runner.run(
            lambda progress, cancel: print_pdf(pdf, printer, progress, cancel),
            self._printed, self._failed, on_progress=self._progress)
        self.busy_changed.emit(True)
        self.said.emit("Printing in the background; you can carry on meanwhile.", False)

    def cancel(self) -> None:
        """Stop after the page band being drawn; a PDF printer's file is not written."""
        if self._token is not None:
            self._token.cancel()
            if not self._closed:
                self.cancel_button.setEnabled(False)
                self.bar.setFormat("Cancelling…")

    def close_down(self, then: Callable[[], None]) -> None:
        """The dialog is closing: stop any print, and call ``then`` (e.g. delete the preview
        files) once nothing is printing any more."""
        if self._token is None:
            then()
            return
        self._closed = True
        self._after.append(then)
        self._token.cancel()

    def _progress(self, fraction: float, message: str) -> None:
        self.reports.append(message)
        if not self._closed and self._token is not None and not self._token.cancelled:
            self.bar.setValue(int(fraction * 1000))
            self.bar.setFormat(message)

    def _printed(self, done: Printed) -> None:
        where = f" to {done.file}" if done.file else ""
        self._end(done, f"Printed {done.pages} page{'s' if done.pages != 1 else ''}{where}.",
                  False)

    def _failed(self, message: str) -> None:
        if message.startswith("Printing cancelled"):
            self._end(message, message, False)
        else:
            self._end(message, f"Not printed. {message}", True)

    def _end(self, outcome: Printed | str, sentence: str, urgent: bool) -> None:
        self._token, self._printer, self.outcome = None, None, outcome
        after, self._after = self._after, []
        for step in after:
            step()
        if self._closed:  # the dialog has gone: nothing left to show
            return
        self.setVisible(False)
        self.busy_changed.emit(False)
        self.said.emit(sentence, urgent)
