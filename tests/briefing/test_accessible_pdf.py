"""The accessible pack (tagged PDF/UA-1, Typst): read back with pikepdf, pypdf and the pdfua
checker as a screen reader would meet it, for Birmingham's authority pack and a ward pack."""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import sqlite3
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from briefing_helpers import ACOCKS_GREEN, BIRMINGHAM, RenderedPack, outline_pages
from pdf_structure import Node, walk
from pdfua import Severity, validate
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from mag_desktop.core.briefing import model
from mag_desktop.core.briefing.builder import build_briefing
from mag_desktop.core.briefing.pdf import RenderResult
from mag_desktop.core.briefing.styles import FONT, TABLE_SIZE, ensure_fonts
from mag_desktop.core.briefing.svg_charts import chart_summary, has_values
from mag_desktop.core.briefing.typst_data import pack_data
from mag_desktop.core.briefing.typst_pack import _compile, render_accessible_pdf
from mag_desktop.core.briefing.typst_rows import heights, one_line_height

HOSTILE = ('#import "/etc/passwd": * $x^2$ *bold* _it_ <label> @ref \\ #panic("ran") '
           "\u202eRLO")
URL = "https://www.example.org/" + "race-equality-evidence/" * 4 + "x" * 12 + "?q=" + "a" * 50


@dataclasses.dataclass(frozen=True)
class Tagged:
    briefing: model.Briefing
    result: RenderResult
    path: Path
    nodes: list[Node]
    text: str  # every page's extracted text, joined


def _render(briefing: model.Briefing, path: Path) -> Tagged:
    result = render_accessible_pdf(briefing, path)
    with pikepdf.open(path) as pdf:
        nodes = list(walk(pdf))
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return Tagged(briefing, result, path, nodes, text)


@pytest.fixture(scope="module", params=[BIRMINGHAM, ACOCKS_GREEN], ids=["authority", "ward"])
def tagged(request: pytest.FixtureRequest, conn: sqlite3.Connection,
           tmp_path_factory: pytest.TempPathFactory) -> Tagged:
    briefing = build_briefing(conn, request.param, meeting="MAG test meeting")
    return _render(briefing, tmp_path_factory.mktemp("accessible") / f"{request.param}.pdf")


def _squash(text: str) -> str:
    return "".join(text.split())


def _expected_headings(briefing: model.Briefing) -> list[tuple[str, str]]:
    """(role, words) of every heading the pack should have, in order."""
    found = [("H1", "Contents")]
    for section in briefing.sections:
        found.append((f"H{section.level}", section.title))
        found += [(f"H{section.level + 1}", b.text) for b in section.blocks
                  if isinstance(b, model.Heading)]
    return found


def test_catalog_says_tagged_titled_and_english(tagged: Tagged) -> None:
    with pikepdf.open(tagged.path) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en-GB"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.open_metadata().get("dc:title") == tagged.briefing.meta.title
        xmp = bytes(root.Metadata.read_bytes())
        assert b"<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert len(pdf.pages) == tagged.result.pages


def test_headings_follow_the_sections_in_order(tagged: Tagged) -> None:
    headings = [(n.role, n.text) for n in tagged.nodes
                if n.role[:1] == "H" and n.role[1:].isdigit()]
    assert headings == _expected_headings(tagged.briefing)
    levels = [int(role[1:]) for role, _ in headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), "a heading level is skipped"


def test_bookmarks_and_section_pages_agree(tagged: Tagged) -> None:
    reader = PdfReader(tagged.path)
    marks = outline_pages(reader)
    assert marks[0][:2] == ("Contents", 2)
    sections = tagged.briefing.sections
    assert [title for title, _, _ in marks[1:]] == [s.title for s in sections]
    assert [page for _, page, _ in marks[1:]] == [tagged.result.section_pages[s.key]
                                                  for s in sections]
    for section in sections:  # the title is printed on the page the result gives
        page = reader.pages[tagged.result.section_pages[section.key] - 1]
        assert _squash(section.title) in _squash(page.extract_text())


def test_every_chart_drawn_is_a_figure_with_its_summary(tagged: Tagged) -> None:
    charts = [b for b in tagged.briefing.blocks() if isinstance(b, model.Chart)]
    drawn = [c for c in charts if has_values(c)]
    figures = [n for n in tagged.nodes if n.role == "Figure"]
    assert tagged.result.charts == len(drawn) == len(figures) > 0
    for chart, figure in zip(drawn, figures, strict=True):
        assert figure.alt == chart_summary(chart)
        area_held = any(v is not None for v in chart.series[0].values)
        if chart.kind == "groups" and area_held:
            assert "highest" in figure.alt and "lowest" in figure.alt
        elif chart.kind == "groups":
            assert "no figures held for any group" in figure.alt


def test_tables_have_header_cells(tagged: Tagged) -> None:
    tables = sum(isinstance(b, model.Table | model.StatusGrid) for b in tagged.briefing.blocks())
    tagged_tables = [i for i, n in enumerate(tagged.nodes) if n.role == "Table"]
    assert len(tagged_tables) >= tables
    roles = [n.role for n in tagged.nodes]
    assert roles.count("TH") >= 2 * len(tagged_tables)
    for start in tagged_tables:  # a header row before any data cell
        rest = roles[start + 1:]
        assert rest.index("TH") < rest.index("TD")


def test_status_is_read_as_a_word_and_shape(tagged: Tagged) -> None:
    cells = {n.text for n in tagged.nodes if n.role in ("TD", "Span", "P") and n.text}
    assert any(text.startswith(("● On track", "◆ Off track", "▲ At risk")) for text in cells)


def test_checker_finds_no_error(tagged: Tagged) -> None:
    report = validate(str(tagged.path))
    errors = [f"{f.rule_id}: {f.message}" for f in report.findings
              if f.severity >= Severity.ERROR]
    assert errors == []
    assert all(n.text for n in tagged.nodes if n.role in ("H1", "H2", "H3", "H4"))


def test_text_holds_the_commitments_of_the_standard_pack(authority_pack: RenderedPack,
                                                         tmp_path: Path) -> None:
    accessible = _render(authority_pack.briefing, tmp_path / "accessible.pdf")
    standard = _squash(" ".join(authority_pack.texts))
    titles = {cell.text for block in authority_pack.briefing.blocks()
              if isinstance(block, model.Table) and len(block.columns) > 1
              and block.columns[1].title.startswith("Commitment")
              for cell in (row[1] for row in block.rows)}
    assert len(titles) > 20
    for title in titles:
        assert _squash(title) in standard
        assert _squash(title) in _squash(accessible.text), title


def _one_section(briefing: model.Briefing, *blocks: model.Block,
                 title: str = "A section") -> model.Briefing:
    return model.Briefing(briefing.meta, (model.Section("only", title, 1, blocks),))


def test_hostile_text_prints_literally_and_runs_nothing(conn: sqlite3.Connection,
                                                        tmp_path: Path) -> None:
    base = build_briefing(conn, BIRMINGHAM, meeting="MAG test meeting")
    meta = dataclasses.replace(base.meta, title=HOSTILE, meeting=HOSTILE)
    table = model.Table((model.Column("Commitment"), model.Column("Lead")),
                        ((model.Cell(HOSTILE, detail="Detail after it."), model.Cell("WMCA")),))
    briefing = _one_section(model.Briefing(meta, ()),
                            model.Paragraph(HOSTILE), model.Paragraph("Printed after it."),
                            table, title=HOSTILE)
    out = _render(briefing, tmp_path / "hostile.pdf")
    with pikepdf.open(out.path) as pdf:
        assert pdf.open_metadata().get("dc:title") == HOSTILE
    visible = HOSTILE.replace("\u202eRLO", "")
    assert _squash(visible) in _squash(out.text)
    # the override reorders its own text only, not what follows in its paragraph or cell
    assert "Printed after it." in out.text and "Detail after it." in out.text
    headings = [n for n in out.nodes if n.role == "H1" and n.text != "Contents"]
    assert len(headings) == 1 and _squash(visible) in _squash(headings[0].text)


def test_a_long_address_wraps_inside_its_cell(conn: sqlite3.Connection, tmp_path: Path) -> None:
    columns = (model.Column("ID", "id", weight=2.2), model.Column("Update", "text", weight=4.2),
               model.Column("Lead", "text", weight=1.9))
    row = (model.Cell("RET-X-001"), model.Cell("Evidence", detail=URL), model.Cell("WMCA"))
    base = build_briefing(conn, BIRMINGHAM, meeting="MAG test meeting")
    out = _render(_one_section(base, model.Table(columns, (row,))), tmp_path / "url.pdf")
    assert len(URL) >= 128
    ensure_fonts()
    frame = 595.2755 - 2 * 2 * 72 / 2.54
    column = frame * 4.2 / (2.2 + 4.2 + 1.9) - 8
    pieces = [line for line in out.text.splitlines() if line.strip() and line.strip() in URL]
    assert "".join(p.strip() for p in pieces) == URL.split("Evidence")[-1]
    assert len(pieces) >= 3
    assert max(stringWidth(p.strip(), FONT, TABLE_SIZE) for p in pieces) <= column


def test_a_chart_with_no_value_is_a_sentence(conn: sqlite3.Connection, tmp_path: Path) -> None:
    empty = model.Chart("groups", "Nothing to draw", ("Asian", "Black"),
                        (model.Series("Birmingham", (None, None), markers=("[c]", "[c]")),),
                        "%")
    base = build_briefing(conn, BIRMINGHAM, meeting="MAG test meeting")
    out = _render(_one_section(base, empty), tmp_path / "empty.pdf")
    assert out.result.charts == 0
    assert not [n for n in out.nodes if n.role == "Figure"]
    assert "Nothing to draw: no chart is drawn because no figure is held" in " ".join(
        out.text.split())


def test_no_page_ends_with_a_heading(tagged: Tagged) -> None:
    headings = {words for _, words in _expected_headings(tagged.briefing)}
    version = f"Data version {tagged.briefing.meta.data_version} · as at"
    for number, page in enumerate(PdfReader(tagged.path).pages, start=1):
        lines = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines()]
        footer = max(i for i, line in enumerate(lines) if version in line)
        body = [line for line in lines[1:footer] if line]  # after the running header
        assert not body or body[-1] not in headings, f"page {number} ends with {body[-1]!r}"


def test_structure_walk_reads_cover_contents_then_sections(tagged: Tagged,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    from pdf_structure import main

    assert main([str(tagged.path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "Document"
    first = {words: next(i for i, line in enumerate(printed) if words in line)
             for words in ("Members Advisory Group briefing", "Status is shown by shape",
                           "H1: Contents", "H1: Summary", "H1: Notes on the data")}
    assert list(first.values()) == sorted(first.values())
    assert any(line.strip().startswith("Figure: ") for line in printed)


def test_running_header_and_footer_are_artifacts(tagged: Tagged) -> None:
    pages = tagged.result.pages
    footer = f"Page 3 of {pages}"
    assert footer in tagged.text  # printed, but not in the structure a reader walks
    assert not [n for n in tagged.nodes if footer in n.text or ("Data version" in n.text
                and "as at" in n.text)]
    with pikepdf.open(tagged.path) as pdf:
        for page in pdf.pages[1:3]:
            content = page.Contents.read_bytes()
            assert b"/Artifact<</Attached[/Top]/Subtype/Header" in content
            assert b"/Artifact<</Attached[/Bottom]/Subtype/Footer" in content


def _without_heights(data: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for section in out["sections"]:
        for block in section["blocks"]:
            if "heights" in block:
                block["heights"] = [None] * len(block["heights"])
    return out


def test_rows_given_their_height_print_exactly_as_measured_rows(tagged: Tagged) -> None:
    """Rows of one line are handed to Typst with their height (so it lays their cells out
    once); the pack must come out byte for byte as when Typst measures every row itself."""
    data = pack_data(tagged.briefing)
    rows = [h for s in data["sections"] for b in s["blocks"] for h in b.get("heights", ())]
    assert sum(h is not None for h in rows) > len(rows) / 3  # most one-line rows are fixed
    when = tagged.briefing.meta.produced_at
    fixed, _ = _compile(json.dumps(data, ensure_ascii=False), when)
    measured, _ = _compile(json.dumps(_without_heights(data), ensure_ascii=False), when)
    assert fixed == measured


def test_a_row_that_may_wrap_is_left_to_typst() -> None:
    widths = [120.0, 60.0]
    rows: list[list[Any]] = [["Asian", "5.7%"], ["Asian", URL],
                             [{"x": "On track", "d": "Slipped"}, "1"],
                             [{"x": "Asian", "i": 9}, "1"], ["", ""]]
    assert heights(rows, widths) == [one_line_height(), None, None, None, None]
