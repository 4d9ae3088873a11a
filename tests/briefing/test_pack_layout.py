"""A pack's layout never loses text: a long token wraps inside its cell (read back from the PDF
with the positions pypdf reports), no chart is drawn without a value (a sentence says why), a
heading is kept with the first piece of what follows it and no more, and percentage axes end
at 100. Charts and words are checked in :mod:`test_pack_words`."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from briefing_helpers import BIRMINGHAM
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from mag_desktop.core.briefing import model
from mag_desktop.core.briefing.chart_axes import value_axis
from mag_desktop.core.briefing.charts import chart_drawing, trend_drawing
from mag_desktop.core.briefing.commitment_sections import COLUMNS
from mag_desktop.core.briefing.pdf import render_pdf
from mag_desktop.core.briefing.pdf_tables import PAD
from mag_desktop.core.briefing.presentation import present, present_indicator
from mag_desktop.core.briefing.styles import FONT, FRAME_WIDTH, MARGIN_LEFT, PAGE_WIDTH, TABLE_SIZE
from mag_desktop.core.domain import Unit
from mag_desktop.core.query import trend

URL = "https://www.wmca.org.uk/what-we-do/inclusive-communities/race-equalities-taskforce/" \
      "reports/2026/q3/narrative-update-appendix.pdf"


def _briefing(*sections: model.Section) -> model.Briefing:
    audience = model.Audience("authority", BIRMINGHAM, "Birmingham", BIRMINGHAM, "Birmingham")
    meta = model.BriefingMeta(
        title="Authority briefing: Birmingham", audience=audience, meeting="Test",
        meeting_date=None, marking="OFFICIAL", data_version=1, as_at="2026 Q3",
        produced_at=datetime(2026, 12, 4, 12, 0), themes=("JOBS",), theme_names=("Jobs",))
    return model.Briefing(meta, sections)


def _positions(path: Path) -> list[list[tuple[str, float]]]:
    """Per page, each piece of text shown and the x where it starts (in points)."""
    pages = []
    for page in PdfReader(path).pages:
        found: list[tuple[str, float]] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
            if text.strip():
                found.append((text, cm[0] * tm[4] + cm[4]))  # noqa: B023

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def _page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def test_a_long_web_address_wraps_inside_its_column(tmp_path: Path) -> None:
    assert len(URL) >= 128
    row = (model.Cell("RET-JOBS-001", detail="Regional"),
           model.Cell("Schools cultural intelligence", detail=f"2026 Q3: see {URL} for more.",
                      strong=True),
           model.Cell("● On track"), model.Cell("22 Mar 2027"), model.Cell("WMCA"))
    table = model.Table(COLUMNS, (row,))
    path = tmp_path / "url.pdf"
    render_pdf(_briefing(model.Section("c", "Commitments", 1, (table,))), path)
    total = sum(c.weight for c in COLUMNS)
    left = MARGIN_LEFT + FRAME_WIDTH * COLUMNS[0].weight / total
    right = left + FRAME_WIDTH * COLUMNS[1].weight / total
    pieces = [(t, x) for page in _positions(path) for t, x in page
              if t.strip() and t.strip() in URL and len(t.strip()) > 3]
    assert len(pieces) >= 3, pieces  # the address takes several lines of its own column
    for text, x in pieces:
        end = x + stringWidth(text.strip(), FONT, TABLE_SIZE)
        assert left + PAD - 1 <= x and end <= right - PAD + 1, (text, x, end, left, right)
        assert end <= PAGE_WIDTH
    printed = "".join("".join(_page_texts(path)).split())
    assert URL in printed  # every character is there, in order


def test_a_header_word_wider_than_its_column_still_fits(tmp_path: Path) -> None:
    word = "WolverhamptonAndWalsallCombinedComparatorAreaName"
    columns = (model.Column("Group", "label", weight=4.0),
               model.Column(word, "number", "right", weight=1.0))
    table = model.Table(columns, ((model.Cell("All"), model.Cell("1.0")),))
    path = tmp_path / "head.pdf"
    render_pdf(_briefing(model.Section("t", "Table", 1, (table,), new_page=True)), path)
    assert word in "".join(_page_texts(path)[2].split())
    right = MARGIN_LEFT + FRAME_WIDTH
    body = [(t.strip(), x) for t, x in _positions(path)[2] if t.strip() and t.strip() in word]
    assert len(body) >= 2  # broken over lines, at the smallest header size
    assert all(x + stringWidth(t, FONT, 8) <= right + 1 for t, x in body), body


def _suppressed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in ("value", "lower", "upper"):
        if column in out:
            out[column] = float("nan")
    out["marker"] = "[c]"
    return out


def test_no_trend_chart_is_drawn_when_every_figure_is_suppressed(
        conn: sqlite3.Connection, tmp_path: Path) -> None:
    shown = present_indicator(conn, "CLAIMANT_RATE", BIRMINGHAM)
    assert shown is not None and shown.trend_chart is not None
    series = trend(conn, "CLAIMANT_RATE", BIRMINGHAM)
    hidden = present(shown.view, _suppressed(series), (BIRMINGHAM, "Birmingham"))
    assert hidden.trend_chart is None
    words = "No trend chart: every figure for Birmingham is suppressed ([c])."
    assert hidden.trend_note == words
    blocks = hidden.blocks()
    assert model.Paragraph(words, "small") in blocks
    assert sum(isinstance(b, model.Chart) for b in blocks) == 1  # the groups chart only
    path = tmp_path / "suppressed.pdf"
    render_pdf(_briefing(model.Section("i", "Claimant rate", 1, blocks)), path)
    assert words in " ".join(" ".join(_page_texts(path)).split())


def test_no_groups_chart_is_drawn_without_a_value(conn: sqlite3.Connection) -> None:
    shown = present_indicator(conn, "CLAIMANT_RATE", BIRMINGHAM)
    assert shown is not None
    empty = replace(shown.view, rows=_suppressed(shown.view.rows).assign(
        **{c: float("nan") for c in shown.view.rows.columns if c.endswith("_value")}))
    hidden = present(empty, trend(conn, "CLAIMANT_RATE", BIRMINGHAM),
                     (BIRMINGHAM, "Birmingham"))
    assert not hidden.groups_chart.drawable
    blocks = hidden.blocks()
    words = model.Paragraph("No chart: every figure for Birmingham is suppressed ([c]).", "small")
    assert words in blocks
    assert not any(isinstance(b, model.Chart) and b.kind == "groups" for b in blocks)


def test_the_chart_code_refuses_an_empty_chart(tmp_path: Path) -> None:
    chart = model.Chart("trend", "Over time: Birmingham", ("2026 Q1", "2026 Q2"),
                        (model.Series("All ethnic groups", (None, None),
                                      markers=("[c]", "[c]"), key="ALL"),), "%")
    with pytest.raises(ValueError, match="no value to draw"):
        chart_drawing(chart, 400)
    path = tmp_path / "empty.pdf"
    render_pdf(_briefing(model.Section("e", "Empty", 1, (chart,))), path)
    text = " ".join(" ".join(_page_texts(path)).split())
    assert "No chart of over time: Birmingham: no figure is held to draw." in text
    assert "1.25" not in text


def test_share_axes_end_at_100() -> None:
    assert value_axis(0.0, 105.0, "%", 100.0) == (0.0, 100.0)
    assert value_axis(0.0, 105.0, "per 1,000", 100.0)[1] > 100  # not a percentage
    assert value_axis(0.0, 130.0, "%", 120.0)[1] > 120  # a percentage above 100 is kept
    chart = model.Chart("trend", "Over time", ("2025", "2026"),
                        (model.Series("White", (96.0, 99.5), key="WHITE"),), "%")
    labels = [s.text for s in trend_drawing(chart, 400).contents if hasattr(s, "text")]
    assert "100" in labels and "125" not in labels and "120" not in labels


def test_a_share_trend_leaves_out_the_flat_line_at_100(conn: sqlite3.Connection) -> None:
    shown = present_indicator(conn, "CLAIMANT_RATE", BIRMINGHAM)
    assert shown is not None
    series = trend(conn, "CLAIMANT_RATE", BIRMINGHAM)
    whole = series.assign(value=series["value"].where(series["group_code"] != "ALL", 100.0))
    view = replace(shown.view, indicator=replace(shown.view.indicator, unit=Unit("%")))
    chart = present(view, whole, (BIRMINGHAM, "Birmingham")).trend_chart
    assert chart is not None
    assert "All ethnic groups" not in [s.name for s in chart.series]
    assert chart.series  # the groups are still drawn


def _filler(points: float) -> tuple[model.Block, ...]:
    """Body paragraphs about ``points`` tall (one line each, 14.5 pt apart)."""
    return tuple(model.Paragraph(f"Filler line {i}.") for i in range(int(points // 20.5)))


def _page_of(texts: list[str], word: str) -> int:
    """The first page after the contents holding ``word``."""
    return next(i for i, text in enumerate(texts) if i > 1 and word in text)


def test_a_heading_stays_with_the_start_of_a_table_without_pushing_it_over(
        tmp_path: Path) -> None:
    rows = tuple((model.Cell(f"ROW-{i:02d}"), model.Cell("A value")) for i in range(20))
    table = model.Table((model.Column("Key", weight=1), model.Column("Value", weight=3)), rows)
    blocks = (*_filler(420), model.Heading("HEADING-MARK"), table)
    path = tmp_path / "table.pdf"
    render_pdf(_briefing(model.Section("s", "Section", 1, blocks, new_page=True)), path)
    texts = _page_texts(path)
    page = _page_of(texts, "HEADING-MARK")
    assert _page_of(texts, "ROW-00") == page  # the table starts under its heading
    assert _page_of(texts, "Filler line 0") == page  # and on the page it follows: no gap


def test_a_heading_never_ends_a_page_apart_from_its_chart(tmp_path: Path) -> None:
    labels = tuple(f"Group {i}" for i in range(24))
    chart = model.Chart("groups", "By ethnic group", labels,
                        (model.Series("Birmingham", tuple(float(i) for i in range(24)),
                                      role="area", key="area"),), "%")
    first = model.Section("a", "Part", 1, _filler(500), new_page=True)
    second = model.Section("b", "INDICATOR-MARK", 3, short_title="Indicator", blocks=
                           (model.Paragraph("Period: 2026 Q3.", "small"),
                            model.Paragraph("About the figures.", "small"), chart))
    path = tmp_path / "chart.pdf"
    render_pdf(_briefing(first, second), path)
    texts = _page_texts(path)
    assert _page_of(texts, "INDICATOR-MARK") == _page_of(texts, "Group 23")
    assert _page_of(texts, "Period: 2026 Q3.") == _page_of(texts, "Group 0")


def test_a_group_without_any_value_has_no_line_and_is_named(conn: sqlite3.Connection) -> None:
    shown = present_indicator(conn, "CLAIMANT_RATE", BIRMINGHAM)
    assert shown is not None
    series = trend(conn, "CLAIMANT_RATE", BIRMINGHAM)
    asian = series["group_code"] == "ASIAN"
    blank = series.assign(value=series["value"].where(~asian), marker=series["marker"].where(
        ~asian, "[c]"))
    chart = present(shown.view, blank, (BIRMINGHAM, "Birmingham")).trend_chart
    assert chart is not None and chart.drawable
    assert "Asian" not in [s.name for s in chart.series]
    assert "No figure for Asian is held at any of these periods" in chart.description


def test_every_renderer_ends_a_share_axis_at_100_past_a_limit_over_100() -> None:
    """A share of 96% whose upper 95% limit is 104% (an interval a share cannot reach): the
    standard pack and the SVG charts of the accessible pack and the web page all end at 100,
    the whisker cut with an arrow head."""
    from mag_desktop.core.briefing import svg_axes
    from mag_desktop.core.briefing.charts import _scale

    area = model.Series("Birmingham", (96.0, 40.0), (90.0, 35.0), (104.0, 45.0), role="area",
                        key="area")
    chart = model.Chart("groups", "A share", ("Asian", "Black"), (area,), "%")
    assert _scale(chart) == (0.0, 100.0)
    assert svg_axes.value_axis([96.0, 40.0], "%", 104.0) == (0.0, 100.0)
