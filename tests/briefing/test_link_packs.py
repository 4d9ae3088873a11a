"""Is it working? in Birmingham's packs from the sample store (whose commitments link the
indicators they aim to move): the part's model against the core's progress, then each format
read back: the standard PDF with pypdf, the accessible PDF's tagged headings and text, the web
page parsed strictly with html5lib. The accessible PDF's PDF/UA check and the web page's
structure checks run on these same packs in test_accessible_pdf and test_html_pack."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import html5lib
import pikepdf
import pytest
from briefing_helpers import ACOCKS_GREEN, BIRMINGHAM, RenderedPack, flat, outline_pages
from pdf_structure import walk
from pypdf import PdfReader

from mag_desktop.core import vocab
from mag_desktop.core.briefing.html_pack import render_html
from mag_desktop.core.briefing.link_section import TITLE
from mag_desktop.core.briefing.model import (
    Briefing,
    BulletList,
    Chart,
    Paragraph,
    Section,
    Table,
)
from mag_desktop.core.briefing.typst_pack import render_accessible_pdf
from mag_desktop.core.links.listing import theme_progress
from mag_desktop.core.query import Filter, commitments_frame

THEMES = tuple(t.code for t in vocab.themes())


def _parts(briefing: Briefing) -> list[Section]:
    return [s for s in briefing.sections if s.key == "links" or s.key.startswith("links-")]


def _sentences(section: Section) -> tuple[str, ...]:
    return next((b.items for b in section.blocks if isinstance(b, BulletList)), ())


@pytest.mark.parametrize(("code", "flt"), [(BIRMINGHAM, Filter(authorities=(BIRMINGHAM,))),
                                           (ACOCKS_GREEN, Filter(wards=(ACOCKS_GREEN,)))])
def test_the_packs_progress_is_the_cores_without_the_window_table(
        conn: sqlite3.Connection, code: str, flt: Filter) -> None:
    ids = tuple(commitments_frame(conn, flt)["id"])
    core = theme_progress(conn, code, THEMES, ids)
    assert core, "the sample links some of the audience's commitments"
    ours = theme_progress(conn, code, THEMES, ids, by_group=False)
    assert ours == {theme: tuple(replace(p, latest_by_group=()) for p in links)
                    for theme, links in core.items()}
    assert any(p.chart is not None for links in ours.values() for p in links)


def test_birmingham_has_a_section_per_linked_theme_with_each_status(
        authority_pack: RenderedPack, conn: sqlite3.Connection) -> None:
    parts = _parts(authority_pack.briefing)
    frame = commitments_frame(conn, Filter(authorities=(BIRMINGHAM,)))
    found = theme_progress(conn, BIRMINGHAM, THEMES, tuple(frame["id"]))
    assert parts[0].title == TITLE and parts[0].level == 1
    assert [s.key for s in parts[1:]] == [f"links-{t.lower()}" for t in THEMES if t in found]
    status = dict(zip(frame["id"], frame["status_label"], strict=True))
    for section in parts[1:]:
        table = next(b for b in section.blocks if isinstance(b, Table))
        for row in table.rows:
            assert row[1].status is not None and row[1].status.label == status[row[0].text]
            assert row[5].text[:1] in "▼▲⇄≈○"
        held = [p for p in found[section.key.removeprefix("links-").upper()]
                if str(p.movement) != "no figures"]
        told = [p for p in held if str(p.movement) != "no clear change"]
        assert _sentences(section) == tuple(f"{p.commitment_id}: {p.sentence}" for p in told)
        steady = [p.commitment_id for p in held if p not in told]
        words = " ".join(b.text for b in section.blocks if isinstance(b, Paragraph))
        assert all(cid in words for cid in steady)
        assert ("No clear change for" in words) == bool(steady)
        for row, p in zip(table.rows, held, strict=True):
            assert row[0].text == p.commitment_id
            for cell in row[3:5]:  # then and now: the core sentence's figures and periods
                shown = cell.text.replace(" points", " percentage points")
                assert cell.text == "–" or f"{shown} ({cell.detail})" in p.sentence
        charts = [b for b in section.blocks if isinstance(b, Chart)]
        assert len(charts) <= 2 and all(c.compact for c in charts)
        core: dict[str, list[tuple[object, object]]] = {}
        for p in held:
            if p.chart is not None:
                core.setdefault(p.chart.title, []).append((p.chart.labels, p.chart.series))
        for chart in charts:  # a core chart, titled with the commitments it stands for
            assert (chart.labels, chart.series) in core[chart.title.split(": ", 1)[1]]


def test_the_standard_pdf_shows_the_part_its_bookmarks_and_sentences(
        authority_pack: RenderedPack) -> None:
    text = flat(" ".join(authority_pack.texts))
    parts = _parts(authority_pack.briefing)
    assert f"{TITLE} For each theme, the commitments linked" in text
    outline = [(title, depth) for title, _, depth in outline_pages(authority_pack.reader)]
    at = outline.index((TITLE, 0))
    assert outline[at + 1:at + len(parts)] == [(s.title, 1) for s in parts[1:]]
    pages = [flat(page) for page in authority_pack.texts]
    for section in parts[1:]:
        table = next(b for b in section.blocks if isinstance(b, Table))
        assert all(row[0].text in text for row in table.rows)
        # a sentence may run over a page's foot; each theme has at least one whole on a page
        said = [*_sentences(section),
                *(b.text for b in section.blocks if isinstance(b, Paragraph))]
        assert any(flat(s) in page for s in said for page in pages)


@pytest.fixture(scope="module")
def accessible(authority_pack: RenderedPack, tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[Briefing, Path]:
    path = tmp_path_factory.mktemp("links-accessible") / "birmingham.pdf"
    render_accessible_pdf(authority_pack.briefing, path)
    return authority_pack.briefing, path


def test_the_accessible_pdf_tags_the_part_and_its_tables(
        accessible: tuple[Briefing, Path]) -> None:
    briefing, path = accessible
    with pikepdf.open(path) as pdf:
        nodes = list(walk(pdf))
    heads = [(n.role, n.text) for n in nodes if n.role in ("H1", "H2")]
    parts = _parts(briefing)
    at = heads.index(("H1", TITLE))
    assert heads[at + 1:at + len(parts)] == [("H2", s.title) for s in parts[1:]]
    headers = [n.text for n in nodes if n.role == "TH"]
    assert "Movement" in headers and "Then" in headers and "Now" in headers
    text = flat(" ".join(p.extract_text() or "" for p in PdfReader(path).pages))
    first = next(b for b in parts[1].blocks if isinstance(b, Table)).rows[0][0].text
    assert first in text


def _html(briefing: Briefing, path: Path) -> ET.Element:
    render_html(briefing, path)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root = parser.parse(path.read_bytes())
    assert parser.errors == []
    return root


def test_the_web_page_has_the_headings_in_order_and_a_figure_per_chart(
        authority_pack: RenderedPack, tmp_path: Path) -> None:
    root = _html(authority_pack.briefing, tmp_path / "birmingham.html")
    heads = [(h.tag, " ".join("".join(h.itertext()).split())) for h in root.iter()
             if h.tag in ("h1", "h2")]
    parts = _parts(authority_pack.briefing)
    at = heads.index(("h1", TITLE))
    assert heads[at + 1:at + len(parts)] == [("h2", s.title) for s in parts[1:]]
    assert heads[at + len(parts)] == ("h1", "Indicators by theme")
    text = " ".join(" ".join(root.itertext()).split())
    for section in parts[1:]:
        for sentence in _sentences(section):
            assert flat(sentence) in text
        for block in section.blocks:
            if isinstance(block, Paragraph):
                assert flat(block.text) in text
    charts = [b for s in parts for b in s.blocks if isinstance(b, Chart)]
    titles = [" ".join("".join(c.itertext()).split()) for f in root.iter("figure")
              for c in f.iter("figcaption")]
    for chart in charts:
        assert any(chart.title in t for t in titles)
