"""``mag-desktop pack --format``: one pack in each format under its own default name, a ward
batch of web pages, the log listing web pages without pages, and help that says which to use."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import html5lib
import pytest
from pypdf import PdfReader

from mag_desktop.cli.main import main

ASTON = "Aston (Birmingham) ward pack 2026 Q3"


@pytest.fixture
def store_file(sample_store_file: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store.sqlite"
    shutil.copy(sample_store_file, target)
    return target


def test_each_format_gets_its_own_default_name(store_file: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("mag_desktop.core.briefing.html_pack")
    monkeypatch.chdir(tmp_path)
    for key in ("pdf", "html"):
        assert main(["pack", "--authority", "Birmingham", "--ward", "Aston", "--format", key,
                     "--store", str(store_file)]) == 0
    printed = capsys.readouterr().out
    pdf, page = tmp_path / f"{ASTON}.pdf", tmp_path / f"{ASTON}.html"
    assert f"wrote {pdf.name} ({len(PdfReader(pdf).pages)} pages" in printed
    assert f"wrote {page.name} (web page, " in printed
    parsed = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    assert "Aston" in parsed.find("head/title").text
    assert main(["packs", "--store", str(store_file)]) == 0
    listed = re.split(r"\n(?=\s*\d+  )", capsys.readouterr().out)  # one entry each
    assert "; web page; by " in listed[0] and page.name in listed[0]
    assert " pages; by " in listed[1] and pdf.name in listed[1]


def test_accessible_pack_is_named_apart(store_file: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("mag_desktop.core.briefing.typst_pack")
    monkeypatch.chdir(tmp_path)
    assert main(["pack", "--authority", "Birmingham", "--ward", "Aston",
                 "--format", "accessible-pdf", "--store", str(store_file)]) == 0
    made = tmp_path / f"{ASTON} (accessible).pdf"
    assert len(PdfReader(made).pages) > 0
    assert main(["packs", "--store", str(store_file), "--limit", "1"]) == 0
    assert " pages (accessible PDF); by " in capsys.readouterr().out


def test_ward_batch_of_web_pages(store_file: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("mag_desktop.core.briefing.html_pack")
    out = tmp_path / "wards"
    assert main(["pack", "--authority", "Birmingham", "--all-wards", "--format", "html",
                 "--out-dir", str(out), "--jobs", "1", "--store", str(store_file)]) == 0
    assert "wrote 69 ward packs (web pages) to" in capsys.readouterr().out
    with (out / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 69 and {r["format"] for r in rows} == {"html"}
    assert sorted(p.name for p in out.glob("*.html")) == [r["file"] for r in rows]
    assert not list(out.glob("*.pdf"))


def test_help_says_when_to_use_each_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--format {pdf,accessible-pdf,html}" in text
    assert "screen reader" in text and "any browser" in text and "printing" in text
    assert main(["pack", "--authority", "Birmingham", "--format", "docx"]) == 2
    assert "choose from 'pdf', 'accessible-pdf', 'html'" in capsys.readouterr().err


def _logged(store_file: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["packs", "--json", "--limit", "0", "--store", str(store_file)]) == 0
    records: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return records


@pytest.mark.parametrize(("key", "out", "said"), [
    ("html", "wrong.pdf", "--out wrong.pdf: a web page is written to a .html file; "
                          "name it wrong.html, or leave --out out for the pack's own name"),
    ("pdf", "x.html", "--out x.html: a PDF is written to a .pdf file; name it x.pdf, or "),
    ("accessible-pdf", "x.html", "--out x.html: an accessible PDF is written to a .pdf file; "
                                 "name it x.pdf, or "),
])
def test_out_of_another_format_is_refused(store_file: Path, tmp_path: Path, key: str, out: str,
                                          said: str, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    before = _logged(store_file, capsys)
    assert main(["pack", "--authority", "E08000025", "--format", key, "--out", out,
                 "--store", str(store_file)]) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".pdf", ".html", ".tmp")]
    assert _logged(store_file, capsys) == before


def test_out_extension_in_capitals_is_accepted(store_file: Path, tmp_path: Path) -> None:
    pytest.importorskip("mag_desktop.core.briefing.html_pack")
    out = tmp_path / "Page.HTML"
    assert main(["pack", "--authority", "Birmingham", "--ward", "Aston", "--format", "html",
                 "--out", str(out), "--store", str(store_file)]) == 0
    assert "Aston" in html5lib.parse(out.read_bytes(), namespaceHTMLElements=False
                                     ).find("head/title").text


def test_accessible_renderer_failure_is_said_in_one_line(
        store_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    typst_pack = pytest.importorskip("mag_desktop.core.briefing.typst_pack")

    def fail(*_args: object) -> None:
        raise typst_pack.AccessiblePdfError("the accessible pack could not be written: "
                                            "unknown font\n  at line 3")

    monkeypatch.setattr(typst_pack, "render_accessible_pdf", fail)
    before = _logged(store_file, capsys)
    out = tmp_path / "pack.pdf"
    assert main(["pack", "--authority", "Birmingham", "--ward", "Aston", "--format",
                 "accessible-pdf", "--out", str(out), "--store", str(store_file)]) == 1
    err = capsys.readouterr().err
    assert err == ("mag-desktop: the accessible pack could not be written: unknown font "
                   "at line 3\n")
    assert not out.exists() and not list(tmp_path.glob("*.tmp"))
    assert _logged(store_file, capsys) == before
