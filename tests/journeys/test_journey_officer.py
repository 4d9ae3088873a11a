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
from printed_pages import printed_pages_match
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from mag_desktop.core.geography import load_geography
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.printing import print_pdf
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.pack_dialog import PackDialog

SOLIHULL_WARDS = 17


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def solihull_wards() -> dict[str, str]:
    """Solihull's ward codes and names from the reference geography."""
    return {a.code: a.name for a in load_geography().wards_of(SOLIHULL)}


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
    dialog = PackDialog(window_operations(win), win.choices, win.filters.current, win)
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
    assert print_pdf(dialog.pack.path, printer).pages == 3
    assert len(PdfReader(printed).pages) == 3
    assert printed_pages_match(printed, dialog.pack.path) == [[2], [3], [4]]
    dialog.close()
