"""Pack formats through the plumbing: names, one pack, the pack log, ward batches with their
manifest, and packs kept from an earlier run, for the standard PDF, the web page and the
accessible PDF."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import html5lib
import pytest
from briefing_helpers import ACOCKS_GREEN, BIRMINGHAM
from pypdf import PdfReader

from mag_desktop.core.briefing import batch, kept
from mag_desktop.core.briefing.formats import FORMATS, format_of_file, pack_format, pages_text
from mag_desktop.core.briefing.pack import (
    PackOptions,
    list_packs,
    log_packs,
    pack_file_name,
    write_pack,
)
from mag_desktop.core.errors import UsageError
from mag_desktop.core.store import Store

WARDS = ["E05011118", "E05011119"]  # Acocks Green, Allens Cross


@pytest.fixture
def html_renderer() -> None:
    pytest.importorskip("mag_desktop.core.briefing.html_pack")


@pytest.fixture
def typst_renderer() -> None:
    pytest.importorskip("mag_desktop.core.briefing.typst_pack")


def _manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _parsed(path: Path):  # type: ignore[no-untyped-def]
    """The web page parsed strictly: a parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(path.read_bytes())


def test_formats_are_named_for_people_with_their_files() -> None:
    assert list(FORMATS) == ["pdf", "accessible-pdf", "html"]
    assert [f.label for f in FORMATS.values()] == [
        "PDF for printing", "Accessible PDF (tagged, PDF/UA)", "Web page (HTML)"]
    assert [f.extension for f in FORMATS.values()] == [".pdf", ".pdf", ".html"]
    assert [f.printable for f in FORMATS.values()] == [True, True, False]
    assert FORMATS["html"].file_filter() == "Web page (*.html)"
    with pytest.raises(UsageError, match="formats are pdf, accessible-pdf, html"):
        pack_format("docx")


def test_file_names_follow_the_format() -> None:
    assert pack_file_name("Birmingham", "authority", "2026 Q3") == \
        "Birmingham briefing pack 2026 Q3.pdf"
    assert pack_file_name("Birmingham", "authority", "2026 Q3", format="accessible-pdf") == \
        "Birmingham briefing pack 2026 Q3 (accessible).pdf"
    assert pack_file_name("Aston", "ward", "2026 Q3", "Birmingham", format="html") == \
        "Aston (Birmingham) ward pack 2026 Q3.html"
    long = pack_file_name("A" * 200, "authority", format="accessible-pdf")
    assert long.endswith(" (accessible).pdf") and len(long) <= 120 + len(".pdf")
    for key in FORMATS:  # a file's name says its format back
        assert format_of_file(Path(pack_file_name("Aston", "ward", "2026 Q3", format=key))
                              ).key == key
    assert pages_text(46, "pdf") == "46 pages" and pages_text(1) == "1 page"
    assert pages_text(0, "html") == "web page" and pages_text(None, "pdf") == "—"


def test_a_web_page_pack_is_written_parsed_and_logged_without_pages(
        writable_store: Store, tmp_path: Path, html_renderer: None) -> None:
    out = tmp_path / pack_file_name("Birmingham", "authority", "2026 Q3", format="html")
    made = write_pack(writable_store.conn, BIRMINGHAM, out, PackOptions(format="html"))
    assert made.path == out and made.pages == 0 and made.charts > 0
    assert made.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    document = _parsed(out)
    assert document.get("lang") == "en-GB"
    assert "Birmingham" in document.find("head/title").text
    assert document.findall(".//h1") and document.findall(".//th[@scope]")
    assert not document.findall(".//script")
    assert not re.search(rb'(src|href)="https?://', out.read_bytes())  # nothing fetched
    assert log_packs(writable_store, [made]) is None
    record = list_packs(writable_store.conn, 1)[0]
    assert record.parameters["format"] == "html" and record.pages == 0
    assert record.sha256 == made.sha256


def test_the_standard_pack_records_its_format(writable_store: Store, tmp_path: Path) -> None:
    made = write_pack(writable_store.conn, ACOCKS_GREEN, tmp_path / "a.pdf")
    assert made.parameters["format"] == "pdf"
    assert len(PdfReader(made.path).pages) == made.pages > 0


def test_a_ward_batch_of_web_pages_with_manifest_and_log(
        writable_store: Store, tmp_path: Path, html_renderer: None) -> None:
    out = tmp_path / "wards"
    options = PackOptions(format="html")
    result = batch.run_batch(writable_store, BIRMINGHAM, out, options, jobs=2, wards=WARDS)
    assert not result.failed and len(result.written) == 2
    assert sorted(p.name for p in out.iterdir() if p.name != "manifest.csv") == [
        "E05011118_Acocks_Green.html", "E05011119_Allens_Cross.html"]
    rows = _manifest(out)
    assert [r["format"] for r in rows] == ["html", "html"] and [r["pages"] for r in rows] == \
        ["0", "0"]
    for row in rows:
        path = out / row["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]
        assert row["ward_name"] in _parsed(path).find("head/title").text
    logged = list_packs(writable_store.conn, 2)
    assert {r.parameters["format"] for r in logged} == {"html"}
    again = batch.run_batch(writable_store, BIRMINGHAM, out, options, jobs=1, wards=WARDS)
    assert not again.written and [w.code for w in again.skipped] == WARDS  # kept as they are


def test_pdf_and_web_page_batches_share_a_folder_and_its_manifest(
        writable_store: Store, tmp_path: Path, html_renderer: None) -> None:
    out = tmp_path / "wards"
    batch.run_batch(writable_store, BIRMINGHAM, out, jobs=1, wards=WARDS[:1])
    batch.run_batch(writable_store, BIRMINGHAM, out, PackOptions(format="html"), jobs=1,
                    wards=WARDS[:1])
    rows = _manifest(out)
    assert sorted((r["file"], r["format"]) for r in rows) == [
        ("E05011118_Acocks_Green.html", "html"), ("E05011118_Acocks_Green.pdf", "pdf")]
    assert rows[1]["pages"] == str(len(PdfReader(out / rows[1]["file"]).pages))


def test_a_kept_web_page_is_described_from_its_meta_tags_or_made_again(
        writable_store: Store, tmp_path: Path, html_renderer: None) -> None:
    out = tmp_path / "Acocks.html"
    write_pack(writable_store.conn, ACOCKS_GREEN, out, PackOptions(format="html"))
    data = out.read_bytes()
    version = writable_store.data_version()
    if b'name="mag:data-version"' in data:  # the renderer says what the page holds
        found = kept.describe(out, ACOCKS_GREEN, "Acocks Green", None)
        assert found.pack is not None and found.pack.data_version == version
        assert found.pack.pages == 0 and found.pack.parameters["format"] == "html"
        assert kept.describe(out, "E05011119", "Allens Cross", None).pack is None
    bare = re.sub(rb'<meta name="mag:[^>]*>\n?', b"", data)
    out.write_bytes(bare)
    found = kept.describe(out, ACOCKS_GREEN, "Acocks Green", None)
    assert found.pack is None and "does not say which ward" in found.why
    out.write_bytes(data[: len(data) // 2])  # cut short: never kept
    assert "not a complete MAG Desktop pack" in kept.describe(
        out, ACOCKS_GREEN, "Acocks Green", None).why
    earlier = {"ward_code": ACOCKS_GREEN, "pages": "0", "data_version": str(version),
               "sha256": hashlib.sha256(bare).hexdigest()}
    out.write_bytes(bare)  # the earlier manifest describes it
    found = kept.describe(out, ACOCKS_GREEN, "Acocks Green", earlier)
    assert found.pack is not None and found.pack.data_version == version


def test_accessible_pdfs_are_tagged_named_apart_and_batched(
        writable_store: Store, tmp_path: Path, typst_renderer: None) -> None:
    options = PackOptions(format="accessible-pdf")
    name = pack_file_name("Acocks Green", "ward", "2026 Q3", "Birmingham", "accessible-pdf")
    made = write_pack(writable_store.conn, ACOCKS_GREEN, tmp_path / name, options)
    reader = PdfReader(made.path)
    assert len(reader.pages) == made.pages > 0
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # type: ignore[operator]
    assert made.parameters["format"] == "accessible-pdf"
    out = tmp_path / "wards"
    result = batch.run_batch(writable_store, BIRMINGHAM, out, options, jobs=1, wards=WARDS[:1])
    assert [p.path.name for p in result.written] == ["E05011118_Acocks_Green_accessible.pdf"]
    assert _manifest(out)[0]["format"] == "accessible-pdf"
    again = batch.run_batch(writable_store, BIRMINGHAM, out, options, jobs=1, wards=WARDS[:1])
    assert not again.written and len(again.kept) == 1
    found = kept.describe(result.written[0].path, ACOCKS_GREEN, "Acocks Green", None)
    assert found.pack is not None, found.why  # described from the file alone
    assert found.pack.pages == len(PdfReader(found.pack.path).pages)
    assert found.pack.data_version == writable_store.data_version()
