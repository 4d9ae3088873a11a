"""What a pack says where layout used to hide it: suppression markers clear of every other mark
in a chart and drawn large enough to see, the audience's own ward named first under a
commitment (and never "and 1 more"), a ward pack naming each exception's commitments, and
counts whose nouns agree with their numbers."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from briefing_helpers import ACOCKS_GREEN, BIRMINGHAM, RenderedPack, flat
from pypdf import PdfReader
from reportlab.graphics.shapes import Circle, Polygon, Rect, String

from mag_desktop.core.briefing import model
from mag_desktop.core.briefing.builder import build_briefing
from mag_desktop.core.briefing.charts import MARK_SIZE, groups_drawing
from mag_desktop.core.briefing.commitment_sections import _intro, _where
from mag_desktop.core.briefing.context import status_marks
from mag_desktop.core.briefing.pdf import render_pdf
from mag_desktop.core.briefing.styles import FONT_BOLD, ensure_fonts
from mag_desktop.core.query import Filter, commitments_frame, exceptions

#: "1 commitments", "1 more groups", "1 exceptions" and the like
BAD_COUNT = re.compile(r"\b1 (?:more |other |regional |significant )?(?:commitments|groups|"
                       r"exceptions|periods|differences|wards|indicators|events)\b")


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_suppression_markers_sit_clear_of_comparator_markers() -> None:
    ensure_fonts()
    chart = model.Chart(
        "groups", "By ethnic group", ("Asian", "Black", "Mixed", "White"),
        (model.Series("Birmingham", (None, 5.0, None, None), markers=("[c]", None, "*", ".."),
                      role="area", key="area"),
         model.Series("WMCA", (0.0, 4.0, 0.2, 0.1), role="comparator", key="region"),
         model.Series("England", (0.1, 4.5, 0.0, 0.3), role="comparator", key="england")),
        "%")
    drawing = groups_drawing(chart, 480)
    marks = [s for s in drawing.contents if isinstance(s, String)
             and s.text in ("[c]", "*", "..")]
    assert sorted(s.text for s in marks) == ["*", "..", "[c]"]
    shapes = [s for s in drawing.contents if isinstance(s, Circle | Polygon)
              or (isinstance(s, Rect) and s.width < drawing.width - 1)]
    assert len(shapes) >= 6
    for mark in marks:
        assert mark.fontName == FONT_BOLD and mark.fontSize >= MARK_SIZE >= 10
        for shape in shapes:
            assert not _overlap(mark.getBounds(), shape.getBounds()), (mark.text, shape)


def _ctx(level: str, code: str) -> Any:
    names = {"W1": "Aston", "W2": "Bordesley", "W3": "Acocks Green", "W4": "Ladywood"}
    audience = SimpleNamespace(level=level, code=code)
    return SimpleNamespace(audience=audience, names=lambda _key, c: names[c])


def test_the_audience_ward_comes_first_and_one_more_is_named() -> None:
    row = {"wards": ("W1", "W2", "W3"), "authority_name": "Birmingham"}
    assert _where(_ctx("ward", "W3"), row) == "Acocks Green, Aston and Bordesley"
    assert _where(_ctx("authority", "E08000025"), row) == "Aston, Bordesley and Acocks Green"
    four = {"wards": ("W1", "W2", "W4", "W3"), "authority_name": "Birmingham"}
    assert _where(_ctx("ward", "W3"), four) == "Acocks Green, Aston and 2 more"


def test_the_ward_pack_names_its_ward_first_under_every_commitment(
        ward_pack: RenderedPack) -> None:
    named = 0
    for block in ward_pack.briefing.blocks():
        if isinstance(block, model.Table) and block.columns[0].title == "ID":
            for row in block.rows:
                assert "and 1 more" not in row[0].detail
                if "Acocks Green" in row[0].detail:
                    assert row[0].detail.startswith("Acocks Green")
                    named += 1
    assert named  # a commitment names the ward in the sample


def test_a_ward_late_in_the_alphabet_is_named_first_too(conn: sqlite3.Connection) -> None:
    """Hall Green North comes after the other wards its commitments name, so only the rule
    puts it first (Acocks Green, above, is first by name anyway)."""
    briefing = build_briefing(conn, "E05011140", sections=["commitments"])
    named = 0
    for block in briefing.blocks():
        if isinstance(block, model.Table) and block.columns[0].title == "ID":
            for row in block.rows:
                if "Hall Green North" in row[0].detail and " and " in row[0].detail:
                    assert row[0].detail.startswith("Hall Green North"), row[0].detail
                    named += 1
    assert named  # commitments name it beside wards that sort before it


def test_a_ward_pack_names_the_commitments_of_each_exception(
        ward_pack: RenderedPack, authority_pack: RenderedPack,
        conn: sqlite3.Connection) -> None:
    found = exceptions(commitments_frame(conn, Filter(wards=(ACOCKS_GREEN,))))
    part = ward_pack.briefing.section("commitments").blocks
    assert model.Heading("Needing attention, by exception") in part
    listed = next(b for b in part if isinstance(b, model.BulletList))
    for key, item in zip(("overdue", "off_track", "slipped", "no_update"), listed.items,
                         strict=True):
        ids = [str(i) for i in getattr(found, key)["id"]]
        assert all(i in item for i in ids) and (ids or "No commitment" in item or
                                                "Every commitment" in item)
    text = flat(" ".join(ward_pack.texts))
    assert "Exception (listed by ID under Commitments by theme)" in text
    assert "Needing attention, by exception" in text
    assert "Needing attention" not in flat(" ".join(authority_pack.texts))  # it has the lists


def test_counts_agree_with_their_nouns_in_rendered_packs(
        authority_pack: RenderedPack, ward_pack: RenderedPack) -> None:
    for pack in (authority_pack, ward_pack):
        text = flat(" ".join(pack.texts))
        assert not BAD_COUNT.findall(text)
        assert re.search(r"\b\d+ commitments\b", text)  # the pattern does read the packs


def test_one_regional_commitment_is_counted_in_the_singular(conn: sqlite3.Connection) -> None:
    frame = commitments_frame(conn, Filter(authorities=(BIRMINGHAM,)))
    one = frame[frame["authority_code"].isna()].head(1)
    audience = model.Audience("authority", BIRMINGHAM, "Birmingham", BIRMINGHAM, "Birmingham")
    ctx = SimpleNamespace(commitments=one, audience=audience, as_at="2026 Q3",
                          statuses=status_marks(), attention=None)
    lead = _intro(ctx)[0]  # type: ignore[arg-type]
    assert isinstance(lead, model.Paragraph)
    assert lead.text.startswith("1 commitment applies to Birmingham: 0 made for Birmingham "
                                "and 1 regional commitment that covers every member authority.")
    assert not BAD_COUNT.findall(lead.text)


def test_table_markers_are_printed_bold(tmp_path: Path) -> None:
    audience = model.Audience("authority", BIRMINGHAM, "Birmingham", BIRMINGHAM, "Birmingham")
    meta = model.BriefingMeta("Authority briefing: Birmingham", audience, "Test", None,
                              "OFFICIAL", 1, "2026 Q3", datetime(2026, 12, 4), ("JOBS",),
                              ("Jobs",))
    rows = ((model.Cell("Asian"), model.Cell("*", suppressed=True)),
            (model.Cell("Black"), model.Cell("..", suppressed=True)),
            (model.Cell("White"), model.Cell("4.2")))
    table = model.Table((model.Column("Group", "label"), model.Column("Value", "number",
                                                                      "right")), rows)
    path = tmp_path / "markers.pdf"
    render_pdf(model.Briefing(meta, (model.Section("t", "Table", 1, (table,), new_page=True),)),
               path)
    fonts: dict[str, str] = {}

    def visit(text: str, _cm: object, _tm: object, font: Any, _size: object) -> None:
        if text.strip() and font is not None:
            fonts[text.strip()] = str(font.get("/BaseFont", ""))

    PdfReader(path).pages[2].extract_text(visitor_text=visit)
    assert fonts["*"].endswith("DejaVuSans-Bold") and fonts[".."].endswith("DejaVuSans-Bold")
    assert not fonts["4.2"].endswith("Bold")
