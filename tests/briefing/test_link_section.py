"""Is it working? in the packs: the blocks made from LinkProgress objects built here (no store),
and those blocks drawn by every renderer."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import html5lib
import pytest
from pypdf import PdfReader

from mag_desktop.core import vocab
from mag_desktop.core.briefing import link_section
from mag_desktop.core.briefing.context import status_marks
from mag_desktop.core.briefing.link_section import charted, link_part, link_row, theme_blocks
from mag_desktop.core.briefing.model import (
    Audience,
    Briefing,
    BriefingMeta,
    BulletList,
    Chart,
    Note,
    Paragraph,
    Series,
    Table,
)
from mag_desktop.core.domain import IndicatorDef, IndicatorLink, Polarity, Unit
from mag_desktop.core.links.progress_model import GapPoint, LinkProgress, Movement

CLAIMANT = IndicatorDef("CLAIMANT_RATE", "Claimant rate", "JOBS", Unit.PERCENT,
                        Polarity.LOWER_IS_BETTER)
YJ = IndicatorDef("YJ_FTE", "First-time entrants to youth justice", "JUSTICE",
                  Unit.PER_100000, Polarity.LOWER_IS_BETTER)
PERIODS = ("2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3")
STATUSES = status_marks()
CAUSE = re.compile(r"\b(caus\w*|because of|due to|thanks to|result of|led to)\b", re.I)


def point(period: str, gap: float, text: str) -> GapPoint:
    return GapPoint(period, 8.0, 7.5, 8.5, 3.6, 3.4, 3.8, gap, gap - 0.2, gap + 0.2, text)


def chart(name: str, values: tuple[float | None, ...] = (8.0, 7.8, 7.6, 7.2, 7.0, 6.9),
          against: float | None = 3.6) -> Chart:
    return Chart("trend", f"{name}: Black Caribbean and White British, Birmingham", PERIODS,
                 (Series("Black Caribbean", values, key="BLACK_CARIBBEAN"),
                  Series("White British", (against,) * len(PERIODS), key="WHITE_BRITISH")),
                 "%")


def progress(cid: str, movement: Movement, toward: bool | None, *,
             indicator: IndicatorDef = CLAIMANT, then: str = "2.2 times",
             now: str = "1.9 times", drawn: Chart | None = None) -> LinkProgress:
    word = {True: "narrowed", False: "widened"}.get(toward, "did not clearly change")
    return LinkProgress(
        commitment_id=cid, link=IndicatorLink(indicator.code, "BLACK_CARIBBEAN"),
        indicator=indicator, area_code="E08000025", area_name="Birmingham",
        focus_group="BLACK_CARIBBEAN", comparator_group="WHITE_BRITISH",
        target=f"narrow the gap between Black Caribbean and White British people in the "
               f"{indicator.name.lower()}",
        scale="times", started="2025 Q3", baseline=point("2025 Q2", 2.2, then),
        latest=point("2026 Q3", 1.9, now), periods=PERIODS, movement=movement,
        toward_aim=toward,
        sentence=f"Since this commitment started in 2025 Q3, the gap went from {then} "
                 f"(2025 Q2) to {now} (2026 Q3) in Birmingham: it {word}.",
        latest_by_group=(), chart=drawn if drawn is not None else chart(indicator.name))


def test_a_row_holds_status_by_word_and_shape_movement_and_both_gaps() -> None:
    mark = STATUSES["ON_TRACK"]
    row = link_row(progress("JOBS-01", Movement.NARROWED, True), "Task and finish group", mark)
    commitment, status, aim, gap, movement = row
    assert (commitment.text, commitment.detail) == ("JOBS-01", "Task and finish group")
    assert status.status == mark and status.text == "● On track"
    assert aim.text == "Claimant rate" and aim.detail.startswith("Narrow the gap between")
    assert gap.text == "2.2 times → 1.9 times" and gap.detail == "2025 Q2 → 2026 Q3"
    assert movement.text == "▼ Narrowed" and movement.detail == "the way the commitment aims"
    against = link_row(progress("JOBS-02", Movement.WIDENED, False), "", None)
    assert against[1].text == "No update" and against[1].status is None
    assert against[4].text == "▲ Widened" and "against" in against[4].detail


def test_a_single_period_or_no_gap_is_said_not_drawn_as_a_change() -> None:
    few = progress("JOBS-03", Movement.TOO_FEW_PERIODS, None)
    few = replace(few, baseline=few.latest)
    gap, movement = link_row(few, "", None)[3:]
    assert (gap.text, gap.detail) == ("1.9 times", "2026 Q3 only")
    assert movement.text == "○ Too few periods" and movement.detail == ""
    none = replace(few, movement=Movement.NO_FIGURES, baseline=None, latest=None, chart=None)
    assert link_row(none, "", None)[3].text == "No figures"
    counted = replace(few, movement=Movement.NOT_MEASURED, scale="")
    assert link_row(counted, "", None)[3].text == "Not measured"


def test_charts_go_first_to_clear_movements_against_the_aim_in_table_order() -> None:
    links = [progress("A", Movement.NO_CLEAR_CHANGE, None),
             progress("B", Movement.NARROWED, True),
             progress("C", Movement.WIDENED, False),
             progress("D", Movement.NO_FIGURES, None)]
    assert charted(links, 2) == (1, 2)
    assert charted(links, 1) == (2,)
    assert charted(links, 5) == (0, 1, 2)  # no chart for a link with no figures
    blank = replace(links[0], chart=chart("Claimant rate", (None,) * len(PERIODS), None))
    assert charted([blank], 2) == ()


def test_theme_blocks_hold_the_table_each_sentence_and_few_charts() -> None:
    links = [progress(f"JOBS-0{i}", m, t) for i, (m, t) in enumerate(
        [(Movement.NARROWED, True), (Movement.WIDENED, False),
         (Movement.NO_CLEAR_CHANGE, None)], start=1)]
    blocks = theme_blocks(links, {"JOBS-01": "Careers pathways"},
                          {"JOBS-01": STATUSES["ON_TRACK"], "JOBS-02": STATUSES["AT_RISK"]})
    table = next(b for b in blocks if isinstance(b, Table))
    assert [r[0].text for r in table.rows] == ["JOBS-01", "JOBS-02", "JOBS-03"]
    assert table.rows[1][1].status == STATUSES["AT_RISK"]
    sentences = next(b for b in blocks if isinstance(b, BulletList))
    assert sentences.items == tuple(f"{p.commitment_id}: {p.sentence}" for p in links)
    charts = [b for b in blocks if isinstance(b, Chart)]
    assert [c.title.split(":")[0] for c in charts] == ["JOBS-01", "JOBS-02"]
    assert len(charts) == link_section.MAX_CHARTS
    assert "2 of the 3 links" in blocks[-1].text  # type: ignore[union-attr]
    words = " ".join(c.text + " " + c.detail for r in table.rows for c in r)
    words += " ".join(b.text for b in blocks if isinstance(b, Paragraph))
    assert not CAUSE.search(words)


def test_the_part_explains_once_and_names_themes_without_a_link() -> None:
    themes = vocab.themes()
    found = {"JOBS": (progress("JOBS-01", Movement.NARROWED, True),),
             "JUSTICE": (progress("JUS-02", Movement.WIDENED, False, indicator=YJ),)}
    sections = link_part(themes, found, {}, {}, "Birmingham")
    assert [s.key for s in sections] == ["links", "links-jobs", "links-justice"]
    assert sections[0].title == "Is it working?" and sections[0].new_page
    intro = " ".join(b.text for b in sections[0].blocks if isinstance(b, Paragraph))
    assert "95% confidence intervals" in intro and "do not overlap" in intro
    assert "not that the commitment brought it about" in intro
    assert "Health and wellbeing" in intro and "Jobs, living standards" not in intro
    assert not CAUSE.search(intro)
    for section in sections[1:]:  # the explanation is not repeated per theme
        assert not any(isinstance(b, Paragraph) and "95%" in b.text for b in section.blocks)
    empty = link_part(themes, {}, {}, {}, "Acocks Green ward, Birmingham")
    assert len(empty) == 1 and isinstance(empty[0].blocks[-1], Note)


def _briefing() -> Briefing:
    found = {"JOBS": (progress("JOBS-01", Movement.NARROWED, True),
                      progress("JOBS-02", Movement.NO_CLEAR_CHANGE, None),
                      progress("JOBS-03", Movement.WIDENED, False))}
    sections = link_part(vocab.themes()[:2], found, {"JOBS-01": "Careers pathways"},
                         {"JOBS-01": STATUSES["ON_TRACK"]}, "Birmingham")
    audience = Audience("authority", "E08000025", "Birmingham", "E08000025", "Birmingham")
    meta = BriefingMeta("Authority briefing: Birmingham", audience, "MAG", None, "OFFICIAL", 1,
                        "2026 Q3", datetime(2026, 12, 4, 9, 0), ("JOBS", "HEALTH"),
                        ("Jobs", "Health"))
    return Briefing(meta, tuple(sections))


@pytest.mark.parametrize("key", ["pdf", "accessible-pdf"])
def test_every_pdf_renderer_draws_the_blocks(key: str, tmp_path: Path) -> None:
    from mag_desktop.core.briefing.formats import pack_format

    path = tmp_path / "pack.pdf"
    pack_format(key).renderer()(_briefing(), path)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)
    assert "Is it working?" in text and "JOBS-01" in text and "Narrowed" in text
    assert "2.2 times → 1.9 times" in text


def test_the_web_page_draws_the_blocks_in_order(tmp_path: Path) -> None:
    from mag_desktop.core.briefing.html_pack import render_html

    path = tmp_path / "pack.html"
    render_html(_briefing(), path)
    doc = html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    headings = [" ".join("".join(h.itertext()).split()) for h in doc.iter()
                if h.tag in ("h1", "h2")]
    at = headings.index("Is it working?")
    assert headings[at + 1] == "Jobs, living standards, skills and education"
    cells = [" ".join("".join(c.itertext()).split()) for c in doc.iter("td")]
    assert any("▲ Widened" in c for c in cells) and any("● On track" in c for c in cells)
    figures = [f for f in doc.iter("figure") if "chart" in f.get("class", "")]
    assert len(figures) == 2 and all(
        any(e.tag.endswith("svg") for e in f.iter()) for f in figures)
