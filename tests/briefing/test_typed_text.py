"""Text a person types (the meeting, the marking) and text drawn into a chart can hold
characters no document may: each format is still written, with the text as it reads."""

from __future__ import annotations

import dataclasses
import io
import sqlite3
from xml.etree import ElementTree

import pytest
from briefing_helpers import BIRMINGHAM

from mag_desktop.core.briefing.builder import build_briefing
from mag_desktop.core.briefing.formats import FORMATS
from mag_desktop.core.briefing.model import Chart
from mag_desktop.core.briefing.svg_charts import chart_svg
from mag_desktop.core.plain_text import one_line, writable

TYPED = "MAG\x01 meeting\u202e \t\n on\ufeff Tuesday\x0b"


def test_typed_text_becomes_one_plain_line() -> None:
    assert one_line(TYPED) == "MAG meeting on Tuesday"
    assert writable("a\x00b\x7fc\x85d\ufffee\tf\ng") == "abcde\tf\ng"


@pytest.mark.parametrize("key", list(FORMATS))
def test_every_format_is_written_whatever_was_typed(conn: sqlite3.Connection, key: str) -> None:
    briefing = build_briefing(conn, BIRMINGHAM, themes=["JOBS"], meeting=TYPED,
                              marking="OFFICIAL\x01\u202e SENSITIVE")
    assert briefing.meta.meeting == "MAG meeting on Tuesday"
    assert briefing.meta.marking == "OFFICIAL SENSITIVE"
    out = io.BytesIO()
    FORMATS[key].renderer()(briefing, out)
    data = out.getvalue()
    assert data
    if key == "html":
        text = data.decode("utf-8")
        assert "MAG meeting on Tuesday" in text and "\x01" not in text


def test_a_chart_label_with_a_control_character_is_still_valid_svg(
        conn: sqlite3.Connection) -> None:
    briefing = build_briefing(conn, BIRMINGHAM, themes=["JOBS"])
    chart = next(b for b in briefing.blocks() if isinstance(b, Chart) and b.kind == "groups")
    odd = dataclasses.replace(chart, title="Rate\x01 <b>&\ufffe",
                              labels=(f"{chart.labels[0]}\x0b", *chart.labels[1:]))
    svg = chart_svg(odd)
    assert svg is not None
    root = ElementTree.fromstring(svg)  # raises on a character XML cannot hold
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "Rate <b>&"
