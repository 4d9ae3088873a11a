"""``smoke``: prove that an installation (a checkout, a wheel or a frozen bundle) works end to end.

In a temporary folder, never the user's store: import the sample data through the importer,
render an authority pack and ward packs (in worker processes, as a real batch does), the
authority pack as an accessible (tagged) PDF through Typst and as a web page, grab the main
window offscreen, open both PDFs in Qt's PDF viewer (the pack dialog's preview), and check that
spreadsheets are read with XML attacks refused. One line says what was done;
any failure is one line naming the step, and exit code 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mag_desktop.core.errors import MagError

AUTHORITY = "E08000025"  # Birmingham: the largest authority, with the most wards
WARD_PACKS = 2
MIN_SCREENSHOT_BYTES = 20_000
MIN_WINDOW_SIZE = (800, 600)


@dataclass
class SmokeSummary:
    files: int = 0
    observations: int = 0
    commitments: int = 0
    authority_pages: int = 0
    ward_pages: tuple[int, ...] = ()
    window: tuple[int, int] = (0, 0)
    screenshot_bytes: int = 0
    preview_pages: int = 0
    accessible_pages: int = 0
    page_kb: int = 0  # the web page's size
    seconds: float = 0.0

    def line(self) -> str:
        from mag_desktop import __version__

        return (f"smoke ok: mag-desktop {__version__}; {self.files} sample files imported "
                f"({self.observations:,} observations, {self.commitments} commitments); "
                f"authority pack {self.authority_pages} pages, {len(self.ward_pages)} ward packs "
                f"{'+'.join(map(str, self.ward_pages))} pages; accessible pack "
                f"{self.accessible_pages} pages, tagged; web page {self.page_kb} KB, no "
                f"address outside it; window {self.window[0]}x"
                f"{self.window[1]} ({self.screenshot_bytes // 1024} KB); preview "
                f"{self.preview_pages} pages; openpyxl uses defusedxml; a sheet read "
                f"column-wise; {self.seconds:.1f} s")


class SmokeFailed(MagError):
    """One step of the smoke test did not do what it should."""


@contextmanager
def step(name: str) -> Iterator[None]:
    """Turn any failure inside the block into one line that names the step."""
    try:
        yield
    except SmokeFailed:
        raise
    except MagError as exc:
        raise SmokeFailed(f"smoke test failed while {name}: {exc}") from exc
    except Exception as exc:
        raise SmokeFailed(
            f"smoke test failed while {name}: {type(exc).__name__}: {exc}") from exc


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailed(f"smoke test failed: {message}")


def check_readers() -> None:
    with step("checking the spreadsheet readers"):
        import openpyxl.xml

        check(bool(getattr(openpyxl.xml, "DEFUSEDXML", False)),
              "openpyxl is not protected by defusedxml (is defusedxml installed?)")
        check_cut_sheet()


def check_cut_sheet() -> None:
    """A sample sheet's first rows cut out, and its rows read column-wise by fastexcel, as a
    large sheet's are, match the sheet parsed whole (this needs
    python-isal, python-calamine, fastexcel and pyarrow, all native)."""
    import python_calamine as pc

    from mag_desktop.core.ingest import head
    from mag_desktop.core.ingest.fastread import Body
    from mag_desktop.core.ingest.preflight import check_file
    from mag_desktop.paths import data_dir

    path = data_dir() / "sample" / "indicators_quarterly.xlsx"
    book = pc.CalamineWorkbook.from_path(str(path))
    name = max(book.sheet_names, key=lambda n: book.get_sheet_by_name(n).height)
    whole = [list(r) for r in book.get_sheet_by_name(name).iter_rows()]
    part = check_file(path).cells.part_of(name)
    check(part is not None, f"{path.name}: no part holds the sheet {name!r}")
    assert part is not None
    cut = head._head_bytes([head.zipfile.ZipFile(path).read(part)], 5)
    check(cut is not None and b"</sheetData>" in cut,
          f"{path.name}: the first rows of sheet {name!r} could not be cut out")
    start = book.get_sheet_by_name(name).start or (0, 0)
    rows = [list(r) for _, cols in Body(path, name).chunks(0, None, start[1], len(whole[0]), 500)
            for r in zip(*cols, strict=True)]
    check(len(rows) == len(whole) and rows[-1][0] == whole[-1][0],
          f"{path.name}: the sheet {name!r} read column-wise differs from the whole")


def import_sample(store_path: Path, summary: SmokeSummary) -> None:
    from mag_desktop.core.demo import load_sample
    from mag_desktop.core.store import Store, maintenance

    with step("importing the sample data"), Store.open(store_path) as store:
        results = list(load_sample(store))
        rejected = [f"{r.file}: {r.message}" for r in results if r.status != "ok"]
        check(not rejected, f"a sample file was rejected ({'; '.join(rejected)})")
        counts = maintenance.info(store).counts
        summary.files = len(results)
        summary.observations = counts["observations"]
        summary.commitments = counts["commitments"]
        check(summary.observations > 0 and summary.commitments > 0,
              "the sample data left the store empty")


def render_packs(store_path: Path, folder: Path, summary: SmokeSummary) -> None:
    from mag_desktop.core.briefing.batch import run_batch, ward_list
    from mag_desktop.core.briefing.pack import write_pack
    from mag_desktop.core.store import Store

    with step("rendering the authority pack"), Store.open(store_path) as store:
        pack = write_pack(store.conn, AUTHORITY, folder / "authority.pdf")
        summary.authority_pages = pack.pages
        check(pack.pages >= 1 and is_pdf(pack.path), "the authority pack is not a PDF")
    with step("rendering ward packs in worker processes"), Store.open(store_path) as store:
        wards = [w.code for w in ward_list(store.conn, AUTHORITY, folder)][:WARD_PACKS]
        result = run_batch(store, AUTHORITY, folder / "wards", jobs=WARD_PACKS, wards=wards)
        failed = [f"{ward.name}: {message}" for ward, message in result.failed]
        check(not failed, f"a ward pack failed ({'; '.join(failed)})")
        check(len(result.written) == WARD_PACKS,
              f"{len(result.written)} ward packs written, {WARD_PACKS} expected")
        check(all(p.pages >= 1 and is_pdf(p.path) for p in result.written),
              "a ward pack is not a PDF")
        summary.ward_pages = tuple(p.pages for p in result.written)


def is_pdf(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(5)
    return head == b"%PDF-" and path.stat().st_size > 1000


def _needs_offscreen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    return sys.platform == "linux" and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def grab_window(store_path: Path, folder: Path, summary: SmokeSummary) -> None:
    if _needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported
    with step("opening the window"):
        from PySide6.QtCore import QSettings

        from mag_desktop.gui.app import application, open_window, wait_until_idle
        from mag_desktop.gui.settings import Settings

        application()
        settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
        window = open_window(store_path, settings)
    try:
        with step("showing the window's data"):
            window.resize(1400, 900)
            window.show()
            check(wait_until_idle(window, timeout=60.0),
                  "the window did not finish loading its data within 60 s")
            picture = folder / "window.png"
            check(window.grab().save(str(picture)), f"cannot save {picture}")
            size = window.size()
            summary.window = (size.width(), size.height())
            summary.screenshot_bytes = picture.stat().st_size
            check(summary.window >= MIN_WINDOW_SIZE
                  and summary.screenshot_bytes >= MIN_SCREENSHOT_BYTES,
                  f"the window's picture is too small ({summary.window[0]}x{summary.window[1]},"
                  f" {summary.screenshot_bytes:,} bytes)")
    finally:
        window.runner.wait()
        window.close()
        window.session.close()


def preview_pack(pdf: Path, summary: SmokeSummary, accessible: Path | None = None) -> None:
    """Open the authority pack (and its accessible twin) in Qt's PDF viewer, as the pack
    dialog's preview does."""
    with step("previewing the authority pack"):
        summary.preview_pages = _previewed(pdf, summary.authority_pages)
    if accessible is not None:
        with step("previewing the accessible pack"):
            _previewed(accessible, summary.accessible_pages)


def _previewed(pdf: Path, pages: int) -> int:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    error = document.load(str(pdf))
    check(error == QPdfDocument.Error.None_, f"Qt cannot open {pdf.name} ({error.name})")
    shown = document.pageCount()
    check(shown == pages, f"the preview of {pdf.name} shows {shown} pages, the pack has {pages}")
    check(not document.render(0, QSize(420, 594)).isNull(),
          f"the preview of the first page of {pdf.name} is empty")
    document.close()
    return shown


def run_smoke(folder: Path, progress: Callable[[str], None] | None = None) -> SmokeSummary:
    """Every step in ``folder`` (which must be empty or new); raises SmokeFailed."""
    started = time.perf_counter()
    say = progress or (lambda _message: None)
    folder.mkdir(parents=True, exist_ok=True)
    summary = SmokeSummary()
    store_path = folder / "smoke.sqlite"
    check(not store_path.exists(), f"{store_path} already exists: use an empty folder")
    say("checking the spreadsheet readers")
    check_readers()
    say("importing the sample data")
    import_sample(store_path, summary)
    say("rendering packs")
    render_packs(store_path, folder, summary)
    say("rendering the accessible pack and the web page")
    from mag_desktop.cli.smoke_formats import render_other_formats

    render_other_formats(store_path, folder, summary)
    say("opening the window offscreen")
    grab_window(store_path, folder, summary)
    preview_pack(folder / "authority.pdf", summary, folder / "authority-accessible.pdf")
    summary.seconds = time.perf_counter() - started
    return summary


def cmd_smoke(args: argparse.Namespace) -> int:
    def say(message: str) -> None:
        if args.verbose:
            print(f"  {message}…", file=sys.stderr, flush=True)

    if args.keep:
        summary = run_smoke(Path(args.keep), say)
    else:
        with tempfile.TemporaryDirectory(prefix="mag-smoke-",
                                         ignore_cleanup_errors=True) as temp:
            summary = run_smoke(Path(temp), say)
    print(summary.line(), flush=True)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "smoke", parents=[common], help="check that this installation works, end to end",
        description="In a temporary store (never yours): import the sample data, render an "
        "authority pack and two ward packs, the authority pack as an accessible PDF and as a "
        "web page, open the window offscreen and take its picture, preview the PDFs with Qt's "
        "PDF viewer, and check that spreadsheets are read safely. "
        "Prints one line; exit 0 when all is well, 1 with the failing step otherwise.",
    )
    p.add_argument("--keep", metavar="DIR", help="work in DIR (new or empty) and keep the "
                   "store, PDFs and picture there")
    p.add_argument("--verbose", action="store_true", help="name each step on stderr")
    p.set_defaults(func=cmd_smoke)
