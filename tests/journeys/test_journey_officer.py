"""The officer's packs before a meeting: an authority pack and a folder of ward packs from the
command line (files, manifest and pack log checked), then a pack previewed in the window and
printed to a PDF printer with a page range."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

from journey_helpers import BIRMINGHAM, SOLIHULL, Cli, Windows
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, PdfObject, StreamObject
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from mag_desktop.core.geography import load_geography
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.pack_dialog import PackDialog, print_document

SOLIHULL_WARDS = 17


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def solihull_wards() -> dict[str, str]:
    """Solihull's ward codes and names from the reference geography."""
    return {a.code: a.name for a in load_geography().wards_of(SOLIHULL)}


def alpha_mask(image: QImage) -> bytes:
    """The image's alpha channel, row after row, without line padding."""
    alpha = image.convertToFormat(QImage.Format.Format_Alpha8)
    data, stride, width = bytes(alpha.constBits()), alpha.bytesPerLine(), alpha.width()
    return b"".join(data[y * stride:y * stride + width] for y in range(alpha.height()))


def resolved(value: object) -> DictionaryObject:
    """A PDF dictionary (or stream), following an indirect reference."""
    target = value.get_object() if isinstance(value, PdfObject) else value
    assert isinstance(target, DictionaryObject), type(target)
    return target


def printed_pages_match(printed: Path, document: QPdfDocument) -> list[list[int]]:
    """For each printed page, the pack pages (1-based) whose picture it is.

    Printing draws each pack page as one image whose transparency (what is drawn on the paper)
    is kept losslessly in the printed PDF; a page matches when that mask is exactly the pack
    page rendered at the same size.
    """
    matches = []
    for page in PdfReader(printed).pages:
        (image,) = map(resolved, resolved(resolved(page["/Resources"])["/XObject"]).values())
        mask = resolved(image["/SMask"])
        assert isinstance(mask, StreamObject)
        size = QSize(int(str(image["/Width"])), int(str(image["/Height"])))
        matches.append([n + 1 for n in range(document.pageCount())
                        if alpha_mask(document.render(n, size)) == mask.get_data()])
    return matches


def test_officer_makes_packs_and_prints_a_page_range(
        cli: Cli, qtbot: QtBot, windows: Windows, sample_store: Path, settings: Settings,
        tmp_path: Path) -> None:
    # 1. The flags, as --help gives them.
    run = cli("pack", "--help")
    assert run.returncode == 0
    for flag in ("--authority", "--out", "--all-wards", "--out-dir", "--meeting", "--date"):
        assert flag in run.stdout

    # 2. An authority pack for Birmingham.
    pack = tmp_path / "out" / "birmingham.pdf"
    pack.parent.mkdir()
    run = cli("pack", "--authority", "Birmingham", "--meeting", "MAG, December 2026",
              "--date", "2026-12-09", "--out", pack, "--store", sample_store)
    assert run.returncode == 0, run.stderr
    said = re.search(r"^wrote (.+) \((\d+) pages, \d+ charts; data version (\d+); "
                     r"sha256 ([0-9a-f]{64})\)$", run.stdout, re.MULTILINE)
    assert said, run.stdout
    pages = int(said.group(2))
    assert Path(said.group(1)) == pack and said.group(4) == sha256(pack)
    reader = PdfReader(pack)
    assert len(reader.pages) == pages > 10
    cover = reader.pages[0].extract_text() or ""
    assert "Birmingham" in cover and "9 Dec 2026" in cover
    assert reader.outline, "the pack has bookmarks"
    assert f"Page 1 of {pages}" in cover

    # 3. One pack per ward of Solihull, with a manifest.
    folder = tmp_path / "solihull-wards"
    run = cli("pack", "--authority", "Solihull", "--all-wards", "--out-dir", folder,
              "--store", sample_store)
    assert run.returncode == 0, run.stderr
    assert f"wrote {SOLIHULL_WARDS} ward packs" in run.stdout and "0 failed" in run.stdout
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == SOLIHULL_WARDS
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        manifest = list(csv.DictReader(handle))
    wards = solihull_wards()
    assert len(wards) == SOLIHULL_WARDS
    assert {row["ward_code"]: row["ward_name"] for row in manifest} == wards
    assert sorted(folder / row["file"] for row in manifest) == pdfs
    for row in manifest:
        file = folder / row["file"]
        assert row["sha256"] == sha256(file)
        assert int(row["pages"]) == len(PdfReader(file).pages)
        assert row["data_version"] == said.group(3)
    first = folder / manifest[0]["file"]
    assert manifest[0]["ward_name"] in (PdfReader(first).pages[0].extract_text() or "")

    # 4. Every pack is in the pack log, newest first.
    run = cli("packs", "--json", "--store", sample_store)
    assert run.returncode == 0, run.stderr
    log = json.loads(run.stdout)
    assert len(log) == SOLIHULL_WARDS + 1
    authority = log[-1]
    assert (authority["file"], authority["sha256"], authority["pages"]) == (
        str(pack), sha256(pack), pages)
    assert {r["sha256"] for r in log[:-1]} == {row["sha256"] for row in manifest}

    # 5. In the window: the pack dialog, a preview, and pages 2 to 4 printed to a PDF file.
    win = windows.open(sample_store, settings)
    dialog = PackDialog(win)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.authority.setCurrentIndex(dialog.authority.findData(BIRMINGHAM))
    assert dialog.ward.currentText() == "The whole authority"
    assert not dialog.print_button.isEnabled()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pack is not None, timeout=60000)
    assert dialog.pack is not None
    assert dialog.document.pageCount() == dialog.pack.pages > 4
    assert dialog.print_button.isEnabled()
    assert f"Birmingham: {dialog.pack.pages} pages" in dialog.status.text()

    printed = tmp_path / "printed.pdf"
    printer = QPrinter()
    printer.setResolution(150)  # paper quality is not under test; keeps the check quick
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    printer.setFromTo(2, 4)
    assert print_document(dialog.document, printer) == 3
    assert len(PdfReader(printed).pages) == 3
    assert printed_pages_match(printed, dialog.document) == [[2], [3], [4]]
    dialog.close()
