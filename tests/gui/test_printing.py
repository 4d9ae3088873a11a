"""Printing a pack in the background: a real print to a PDF printer read back with pypdf, the
page range, progress, Cancel leaving no file that looks finished, and the window's event loop
running all the while."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from printed_pages import SAME_PAGE, inked_pages, printed_pages_match, unlike
from pypdf import PdfReader
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtPrintSupport import QPrinter

from mag_desktop.core.briefing.pack import write_pack
from mag_desktop.core.store import Store
from mag_desktop.core.tasks import Cancelled, CancelToken
from mag_desktop.gui.printing import MAX_DPI, TEMP_PREFIX, PrintError, print_pdf
from mag_desktop.gui.printing_panel import PrintPanel
from mag_desktop.gui.runner import JobRunner

SOLIHULL = "E08000029"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory, sample_store_file: Path) -> Path:
    """Solihull's authority pack (some 25 pages, charts and tables)."""
    out = tmp_path_factory.mktemp("print") / "solihull.pdf"
    with Store.open(sample_store_file, readonly=True) as store:
        write_pack(store.conn, SOLIHULL, out)
    return out


def pdf_printer(out: Path, dpi: int | None = None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # 1200 dpi: printed at 600
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    if dpi:
        printer.setResolution(dpi)
    return printer


def test_a_whole_pack_printed_to_a_pdf_printer(qapp, pack: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    said: list[tuple[float, str]] = []
    done = print_pdf(pack, printer, lambda f, m: said.append((f, m)))
    pages = len(PdfReader(pack).pages)
    assert done.pages == pages and done.file == out
    printed = PdfReader(out)
    assert len(printed.pages) == pages
    assert printer.resolution() == MAX_DPI  # the printer's 1200 dpi capped
    assert out.stat().st_size < 600_000 * pages  # pictures of pages, yet small
    widest = max(image.image.width for page in printed.pages for image in page.images)
    assert widest <= 8.27 * MAX_DPI  # never finer than 600 dpi across A4
    # what is printed is what the pack shows, page for page
    shown, sources = inked_pages(out, 40), inked_pages(pack, 40)
    assert max(unlike(a, b) for a, b in zip(shown, sources, strict=True)) <= SAME_PAGE
    assert unlike(shown[0], sources[1]) > 2 * SAME_PAGE  # and would tell pages apart
    # progress: each page said in turn, then done
    messages = [m for _f, m in said]
    assert messages[0] == f"Printing page 1 of {pages}"
    assert f"Printing page {pages} of {pages}" in messages
    fractions = [f for f, _m in said]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_the_page_range_is_honoured(qapp, pack: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "two.pdf"
    printer = pdf_printer(out, dpi=150)
    printer.setFromTo(2, 3)
    assert print_pdf(pack, printer).pages == 2
    printed = PdfReader(out)
    assert len(printed.pages) == 2
    assert printed_pages_match(out, pack) == [[2], [3]]


def test_cancel_stops_and_leaves_no_finished_file(qapp, pack: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "cancelled.pdf"
    token = CancelToken()

    def progress(_fraction: float, message: str) -> None:
        if message.startswith("Printing page 3 "):
            token.cancel()

    with pytest.raises(Cancelled, match="no file was written"):
        print_pdf(pack, pdf_printer(out, dpi=150), progress, token)
    assert not out.exists()
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))  # nor any half-written one


def test_an_earlier_file_stands_until_the_new_print_is_whole(qapp, pack: Path,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    out = tmp_path / "kept.pdf"
    out.write_bytes(b"%PDF earlier print")
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        print_pdf(pack, pdf_printer(out, dpi=150), cancel=token)
    assert out.read_bytes() == b"%PDF earlier print"


def test_an_unreadable_file_is_said_plainly(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    with pytest.raises(Exception, match="could not be read for printing"):
        print_pdf(broken, pdf_printer(tmp_path / "out.pdf"))


def test_the_event_loop_runs_while_printing(qtbot, pack: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = JobRunner()
    panel = PrintPanel(runner)
    qtbot.addWidget(panel)
    said: list[str] = []
    panel.said.connect(lambda text, _urgent: said.append(text))
    clock, ticks, gap, last = QElapsedTimer(), [0], [0], [0]
    timer = QTimer()
    timer.setInterval(10)

    def tick() -> None:
        now = clock.elapsed()
        gap[0], last[0] = max(gap[0], now - last[0]), now
        ticks[0] += 1

    timer.timeout.connect(tick)
    out = tmp_path / "background.pdf"
    clock.start()
    timer.start()
    started = time.perf_counter()
    panel.start(pack, pdf_printer(out))
    assert panel.busy and not panel.isHidden()
    qtbot.waitUntil(lambda: panel.outcome is not None, timeout=120000)
    seconds = time.perf_counter() - started
    timer.stop()
    runner.wait()
    assert len(PdfReader(out).pages) == len(PdfReader(pack).pages)
    assert ticks[0] >= seconds * 1000 / 10 / 4  # the timer kept ticking (a loaded machine
    assert gap[0] < 1000  # misses some ticks; a frozen window would miss them all)
    assert any(m.startswith("Printing page") for m in panel.reports)
    assert said[0].startswith("Printing in the background")
    assert said[-1] == f"Printed {len(PdfReader(pack).pages)} pages to {out}."
    assert not panel.busy


def test_the_panel_cancels_a_print(qtbot, pack: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = JobRunner()
    panel = PrintPanel(runner)
    qtbot.addWidget(panel)
    out = tmp_path / "stopped.pdf"
    said: list[str] = []
    panel.said.connect(lambda text, _urgent: said.append(text))
    panel.start(pack, pdf_printer(out))
    qtbot.waitUntil(lambda: len(panel.reports) >= 2, timeout=60000)
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: panel.outcome is not None, timeout=60000)
    runner.wait()
    assert said[-1] == "Printing cancelled: no file was written."
    assert not out.exists() and not list(tmp_path.glob(f"{TEMP_PREFIX}*"))
    assert not panel.busy and not panel.isVisible()


def test_a_printer_that_cannot_start_is_said_plainly(qapp, pack: Path) -> None:  # type: ignore[no-untyped-def]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # and no file to write to
    printer.setOutputFileName("")
    with pytest.raises(PrintError, match="could not be started"):
        print_pdf(pack, printer)
