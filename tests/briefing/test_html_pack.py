"""The HTML twin of a pack: Birmingham's authority pack and a ward pack from the sample store,
rendered to one file each and parsed back with html5lib (no parse error allowed), then checked
as a screen-reader user would meet them: language, headings in order, tables with captions and
scoped header cells, charts as described SVG figures with their data, nothing fetched or run,
and hostile text kept as text."""

from __future__ import annotations

import dataclasses
import io
import itertools
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from briefing_helpers import ACOCKS_GREEN, BIRMINGHAM

from mag_desktop.core.briefing.builder import build_briefing
from mag_desktop.core.briefing.chart_figures import groups_figures, trend_figures
from mag_desktop.core.briefing.html_pack import render_html
from mag_desktop.core.briefing.model import Briefing, Cell, Chart, Section, Series, Table
from mag_desktop.core.briefing.svg_charts import chart_summary

RLO = "\u202e"
URL = "https://example.org/" + "a" * 108
HOSTILE = f"{RLO}Evil <script>alert(1)</script> & \"quoted\" title"
SVG = "{http://www.w3.org/2000/svg}"
COMMITMENT = "Commitment and latest update"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _parse(data: bytes) -> ET.Element:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root = parser.parse(data)  # strict: the first parse error raises
    assert parser.errors == []
    return root


def _text(el: ET.Element) -> str:
    return "".join(el.itertext())


def _render(briefing: Briefing, path: Path) -> tuple[ET.Element, str, int]:
    result = render_html(briefing, path)
    assert result.pages == 0 and result.section_pages == {}
    data = path.read_bytes()
    return _parse(data), data.decode("utf-8"), result.charts


@pytest.fixture(scope="module", params=[BIRMINGHAM, ACOCKS_GREEN])
def pack(request: pytest.FixtureRequest, conn: sqlite3.Connection,
         tmp_path_factory: pytest.TempPathFactory) -> tuple[Briefing, ET.Element, str, int]:
    briefing = build_briefing(conn, request.param, meeting="MAG test meeting")
    path = tmp_path_factory.mktemp("html") / f"{request.param}.html"
    return (briefing, *_render(briefing, path))


def test_document_is_english_titled_and_shows_the_cover_facts(pack: tuple) -> None:
    briefing, root, text, _ = pack
    assert text.startswith("<!DOCTYPE html>")
    assert root.get("lang") == "en-GB"
    title = root.find("head/title")
    assert title is not None and title.text == briefing.meta.title
    metas = {m.get("name"): m.get("content") for m in root.iter("meta") if m.get("name")}
    assert metas["generator"] == "MAG Desktop"  # how a batch knows a kept page is its own
    assert metas["mag:audience-code"] == briefing.meta.audience.code
    assert metas["mag:data-version"] == str(briefing.meta.data_version)
    cover = root.find(".//header")
    assert cover is not None
    words = _text(cover)
    assert words.index(briefing.meta.marking) < words.index("Members Advisory Group briefing")
    for fact in ("MAG test meeting", briefing.meta.audience.name, str(briefing.meta.as_at),
                 "Produced"):
        assert fact in words
    if briefing.meta.illustrative:
        assert "Illustrative sample — not official statistics" in words


def test_headings_never_skip_a_level_and_follow_the_sections(pack: tuple) -> None:
    briefing, root, _, _ = pack
    headings = [el for el in root.iter() if el.tag in HEADINGS]
    levels = [int(el.tag[1]) for el in headings]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (before, after)
    by_section = [(int(el.tag[1]), _text(el)) for el in headings
                  if (el.get("id") or "").startswith("s-")]
    assert by_section == [(min(s.level, 3), s.title) for s in briefing.sections]
    # the contents list every section, in order, each linking to its heading
    ids = {el.get("id") for el in headings}
    links = [a for a in root.findall(".//nav//a")]
    assert [_text(a) for a in links] == [s.title for s in briefing.sections]
    assert all((a.get("href") or "")[1:] in ids for a in links)
    # reading order: cover, contents, then the sections
    assert [_text(h) for h in headings[:3]] == [briefing.meta.audience.name, "Contents",
                                                briefing.sections[0].title]


def test_every_table_has_a_caption_and_scoped_headers(pack: tuple) -> None:
    _, root, _, _ = pack
    tables = list(root.iter("table"))
    assert len(tables) > 10
    for table in tables:
        caption = table.find("caption")
        assert caption is not None and _text(caption).strip()
        head = table.findall("thead/tr/th")
        assert head and all(th.get("scope") == "col" for th in head)
        assert all(th.get("scope") in ("col", "row") for th in table.iter("th"))
    commitments = [t for t in tables if [_text(th) for th in t.findall("thead/tr/th")][:2]
                   == ["ID", "Commitment and latest update"]]
    assert commitments
    for table in commitments:
        rows = table.findall("tbody/tr")
        assert all(row[0].tag == "th" and row[0].get("scope") == "row" for row in rows)


def test_status_is_shown_by_word_and_shape(pack: tuple) -> None:
    briefing, root, _, _ = pack
    marks = {cell.status for block in briefing.blocks() if isinstance(block, Table)
             for row in block.rows for cell in row if cell.status is not None}
    assert marks
    words = " ".join(_text(span) for span in root.iter("span")
                     if span.get("class") == "status")
    for mark in marks:
        assert mark.text in words


def test_every_chart_is_a_described_figure_with_its_data_or_a_sentence(pack: tuple) -> None:
    briefing, root, _, drawn = pack
    charts = [b for b in briefing.blocks() if isinstance(b, Chart)]
    assert charts
    seen = 0
    for n, chart in enumerate(charts, start=1):
        found = [el for el in root.iter() if el.get("id") == f"fig{n}"]
        assert len(found) == 1, n
        el = found[0]
        if el.tag == "p":
            assert "no chart is drawn" in _text(el) and chart.title in _text(el)
            continue
        seen += 1
        assert el.tag == "figure"
        caption = el.find("figcaption")
        assert caption is not None and chart.title in _text(caption)
        svg = el.find(f".//{SVG}svg")
        assert svg is not None and svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text == chart.title
        assert desc is not None and desc.text == chart_summary(chart)
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        data = el.find(".//table")
        assert data is not None
        figures = groups_figures(chart) if chart.kind == "groups" else trend_figures(chart)
        shown = [tuple(_text(c) for c in tr) for tr in data.findall("tbody/tr")]
        assert shown == [tuple(row) for row in figures.rows]  # every figure, as the model has it
    assert seen == drawn


def test_nothing_is_run_or_fetched(pack: tuple) -> None:
    _, root, text, _ = pack
    assert not [el for el in root.iter() if el.tag in ("script", "iframe", "object", "embed",
                                                       "link", "img")]
    for el in root.iter():
        for name in ("src", "href", "action", "srcset"):
            value = el.get(name) or ""
            assert "http:" not in value and "https:" not in value, (el.tag, value)
    style = "".join(_text(s) for s in root.iter("style"))
    assert "url(" not in style and "@import" not in style
    assert "on" + "load=" not in text and "javascript:" not in text


def test_print_stylesheet_breaks_before_parts_and_keeps_rows_whole(pack: tuple) -> None:
    _, root, _, _ = pack
    style = "".join(_text(s) for s in root.iter("style"))
    printing = style[style.index("@media print"):]
    assert "size: A4" in style
    assert "section.level-1" in printing and "break-before: page" in printing
    assert "break-after: avoid" in printing and "tr," in printing
    assert "break-inside: avoid" in printing
    assert '"DejaVu Sans", Verdana, sans-serif' in style


def _hostile(briefing: Briefing) -> Briefing:
    """The briefing with a commitment's title, narrative and lead made hostile, and a chart
    whose every value is suppressed."""
    sections = list(briefing.sections)
    for k, section in enumerate(sections):
        blocks = list(section.blocks)
        for j, block in enumerate(blocks):
            if isinstance(block, Table) and block.columns[1].title == COMMITMENT:
                first = list(block.rows[0])
                first[1] = Cell(HOSTILE, detail=f"See {URL} for the plan.", strong=True)
                first[-1] = Cell("</td></tr></table><h1>Lead</h1>")
                blocks[j] = dataclasses.replace(block, rows=(tuple(first), *block.rows[1:]))
                sections[k] = dataclasses.replace(section, blocks=tuple(blocks))
                empty = Chart("trend", "Over time: nothing held", ("2025 Q1", "2025 Q2"),
                              (Series("Black", (None, None), markers=("[c]", "[c]"),
                                      key="BLACK"),), "%")
                extra = Section("hostile-chart", "A chart with no values", 1, (empty,))
                return dataclasses.replace(briefing, sections=(*sections, extra))
    raise AssertionError("no commitments table")


def test_hostile_text_is_escaped_isolated_and_wraps(conn: sqlite3.Connection) -> None:
    marking = 'OFFICIAL"; } </style><script>alert(2)</script>'
    briefing = _hostile(build_briefing(conn, BIRMINGHAM, meeting="<b>MAG</b> & co",
                                       marking=marking))
    out = io.BytesIO()
    result = render_html(briefing, out)
    text = out.getvalue().decode("utf-8")
    root = _parse(out.getvalue())
    assert not list(root.iter("script"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;MAG&lt;/b&gt; &amp; co" in text
    style = "".join(_text(s) for s in root.iter("style"))
    assert "</style>" not in style and "<script>" not in style  # the marking's CSS string
    marking_line = next(p for p in root.iter("p") if p.get("class") == "marking")
    assert _text(marking_line) == marking
    cell = next(td for td in root.iter("td") if "Evil" in _text(td))
    assert _text(cell).startswith(HOSTILE) and URL in _text(cell)
    bdi = cell.find(".//bdi")  # the override is held inside its own text
    assert bdi is not None and _text(bdi) == HOSTILE
    assert not [h for h in root.iter("h1") if _text(h) == "Lead"]
    # the URL wraps inside its cell: the table's columns are fixed at the model's shares and
    # a word too long for its cell breaks (where words that fit are never broken)
    assert "overflow-wrap: break-word" in style.split("th, td {")[1].split("}")[0]
    assert "table.fixed { table-layout: fixed; }" in style
    table = next(tb for tb in root.iter("table") if cell in tb.iter("td"))
    assert "fixed" in table.get("class", "").split()
    widths = [float(c.get("style", "").split(":")[1].strip(" %")) for c in table.iter("col")]
    assert len(widths) == len(next(table.iter("tr"))) and abs(sum(widths) - 100) < 0.5
    no_chart = next(p for p in root.iter("p") if p.get("class") == "no-chart")
    assert "Over time: nothing held: no chart is drawn" in _text(no_chart)
    assert "[c]" in _text(no_chart)
    assert result.charts == briefing.count(Chart) - 1
