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
from mag_desktop.core.briefing import link_charts
from mag_desktop.core.briefing.context import status_marks
from mag_desktop.core.briefing.link_charts import charted
from mag_desktop.core.briefing.link_section import (
    link_part,
    link_row,
    no_clear_change,
    theme_blocks,
)
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
from mag_desktop.core.domain import IndicatorDef, IndicatorLink, LinkAim, Polarity, Unit
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
                 "%", description=f"{name} in Birmingham, for Black Caribbean and White "
                                  "British.")


def progress(cid: str, movement: Movement, toward: bool | None, *,
             indicator: IndicatorDef = CLAIMANT, then: str = "2.2 times",
             now: str = "1.9 times", drawn: Chart | None = None,
             focus: str = "BLACK_CARIBBEAN") -> LinkProgress:
    word = "did not clearly change" if toward is None else "narrowed" if toward else "widened"
    return LinkProgress(
        commitment_id=cid, link=IndicatorLink(indicator.code, "BLACK_CARIBBEAN"),
        indicator=indicator, area_code="E08000025", area_name="Birmingham",
        focus_group=focus, comparator_group="WHITE_BRITISH",
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
    commitment, status, aim, then, now, movement = row
    assert (commitment.text, commitment.detail) == ("JOBS-01", "Task and finish group")
    assert status.status == mark and status.text == "● On track"
    assert (aim.text, aim.detail) == ("Claimant rate",
                                      "Gap between Black Caribbean and White British")
    assert (then.text, then.detail, now.text, now.detail) == ("2.2 times", "2025 Q2",
                                                              "1.9 times", "2026 Q3")
    assert movement.text == "▼ Narrowed" and movement.detail == "as aimed"
    against = link_row(progress("JOBS-02", Movement.WIDENED, False), "", None)
    assert against[1].text == "No update" and against[1].status is None
    assert against[5].text == "▲ Widened" and against[5].detail == "against the aim"


def test_the_aim_in_a_few_words_for_each_kind_of_link() -> None:
    base = progress("JOBS-01", Movement.FELL, True)
    lower = replace(base, link=IndicatorLink("CLAIMANT_RATE", "BLACK_CARIBBEAN",
                                             aim=LinkAim.LOWER))
    assert link_row(lower, "", None)[2].detail == "Lower the figure for Black Caribbean"
    then, now = link_row(lower, "", None)[3:5]  # the group's figure, not the gap
    assert (then.text, now.text) == ("8.0%", "8.0%") and then.detail == "2025 Q2"
    widest = replace(base, link=IndicatorLink("CLAIMANT_RATE"))
    assert link_row(widest, "", None)[2].detail == (
        "Widest gap on average: Black Caribbean and White British")
    unknown = replace(widest, focus_group=None)
    assert link_row(unknown, "", None)[2].detail == "Gaps between ethnic groups"


def test_a_single_period_or_no_gap_is_said_not_drawn_as_a_change() -> None:
    few = progress("JOBS-03", Movement.TOO_FEW_PERIODS, None)
    few = replace(few, baseline=few.latest)
    then, now, movement = link_row(few, "", None)[3:]
    assert (then.text, now.text, now.detail) == ("–", "1.9 times", "2026 Q3")
    assert movement.text == "○ Too few periods" and movement.detail == ""
    none = replace(few, movement=Movement.NO_FIGURES, baseline=None, latest=None, chart=None)
    assert [c.text for c in link_row(none, "", None)[3:]] == ["–", "–", "○ No figures"]
    counted = replace(few, movement=Movement.NOT_MEASURED, scale="")
    assert link_row(counted, "", None)[4].text == "Not measured"


def test_charts_go_first_to_clear_movements_against_the_aim_in_table_order() -> None:
    links = [progress("A", Movement.NO_CLEAR_CHANGE, None, focus="PAKISTANI"),
             progress("B", Movement.NARROWED, True, focus="BANGLADESHI"),
             progress("C", Movement.WIDENED, False),
             progress("D", Movement.NO_FIGURES, None, focus="ARAB")]
    assert charted(links, 2) == [(1,), (2,)]
    assert charted(links, 1) == [(2,)]
    assert charted(links, 5) == [(0,), (1,), (2,)]  # no chart for a link with no figures
    blank = replace(links[0], chart=chart("Claimant rate", (None,) * len(PERIODS), None))
    blocks = link_charts.chart_blocks([blank])  # chosen, but with no value it is not drawn
    assert not any(isinstance(b, Chart) for b in blocks)
    assert blocks[-1].text.startswith("No chart is drawn")  # type: ignore[union-attr]
    asked: list[str] = []

    def source(p: LinkProgress) -> Chart | None:
        asked.append(p.commitment_id)
        return p.chart

    drawn = link_charts.chart_blocks(links, source=source)
    assert asked == ["B", "C"] and sum(isinstance(b, Chart) for b in drawn) == 2


def test_one_chart_per_gap_followed_naming_every_commitment_and_drawn_small() -> None:
    same = [progress("HOU-01", Movement.NO_CLEAR_CHANGE, None),
            progress("HOU-03", Movement.NO_CLEAR_CHANGE, None),
            progress("HOU-04", Movement.NARROWED, True, focus="BLACK_AFRICAN")]
    longer = chart("Claimant rate", (9.0, 8.0, 7.8, 7.6, 7.2, 7.0, 6.9), 3.6)
    longer = replace(longer, labels=("2025 Q1", *PERIODS))
    same[1] = replace(same[1], periods=("2025 Q1", *PERIODS), chart=longer)
    blocks = link_charts.chart_blocks(same)
    charts = [b for b in blocks if isinstance(b, Chart)]
    assert [c.title.split(":")[0] for c in charts] == ["HOU-01 and HOU-03", "HOU-04"]
    assert charts[0].labels[0] == "2025 Q1" and all(c.compact for c in charts)
    assert charts[0].description == longer.description  # the core's words, kept
    assert not any(isinstance(b, Paragraph) for b in blocks)  # every link is in a chart


def test_theme_blocks_hold_the_table_each_sentence_and_few_charts() -> None:
    links = [progress(f"JOBS-0{i}", m, t, focus=f) for i, (m, t, f) in enumerate(
        [(Movement.NARROWED, True, "PAKISTANI"), (Movement.WIDENED, False, "BANGLADESHI"),
         (Movement.NO_CLEAR_CHANGE, None, "ARAB")], start=1)]
    blocks = theme_blocks(links, {"JOBS-01": "Careers pathways"},
                          {"JOBS-01": STATUSES["ON_TRACK"], "JOBS-02": STATUSES["AT_RISK"]})
    table = next(b for b in blocks if isinstance(b, Table))
    assert [r[0].text for r in table.rows] == ["JOBS-01", "JOBS-02", "JOBS-03"]
    assert table.rows[1][1].status == STATUSES["AT_RISK"]
    sentences = next(b for b in blocks if isinstance(b, BulletList))
    assert sentences.items == tuple(f"{p.commitment_id}: {p.sentence}" for p in links[:2])
    steady = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert steady[0] == ("No clear change for JOBS-03: for each, the 95% intervals of the two "
                         "periods in the table overlap.")
    charts = [b for b in blocks if isinstance(b, Chart)]
    assert [c.title.split(":")[0] for c in charts] == ["JOBS-01", "JOBS-02"]
    assert len(charts) == link_charts.MAX_CHARTS
    assert blocks[-1].text.startswith(  # type: ignore[union-attr]
        "The charts cover 2 of the 3 links, chosen from those that moved clearly, in the "
        "table's order;")
    calm = [replace(p, movement=Movement.NO_CLEAR_CHANGE, toward_aim=None) for p in links]
    assert "clearly" not in theme_blocks(calm, {}, {})[-1].text  # type: ignore[union-attr]
    words = " ".join(c.text + " " + c.detail for r in table.rows for c in r)
    words += " ".join(b.text for b in blocks if isinstance(b, Paragraph))
    assert not CAUSE.search(words)


def test_links_without_figures_are_named_in_one_sentence_not_rows() -> None:
    links = [progress("JOBS-01", Movement.NARROWED, True),
             replace(progress("JOBS-02", Movement.NO_FIGURES, None), chart=None),
             replace(progress("JOBS-02", Movement.NO_FIGURES, None, indicator=YJ), chart=None),
             replace(progress("JOBS-04", Movement.NO_FIGURES, None), chart=None)]
    blocks = theme_blocks(links, {}, {})
    table = next(b for b in blocks if isinstance(b, Table))
    assert [r[0].text for r in table.rows] == ["JOBS-01"]
    assert blocks[-1] == Paragraph(
        "No figures for Birmingham can be compared for Claimant rate (JOBS-02 and JOBS-04) "
        "and First-time entrants to youth justice (JOBS-02): none are held for the groups the "
        "links target, or they are suppressed.", "small")
    alone = theme_blocks(links[1:], {}, {})
    assert len(alone) == 1 and isinstance(alone[0], Paragraph) and alone[0].style == "body"


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
                      progress("JOBS-02", Movement.NO_CLEAR_CHANGE, None, focus="ARAB"),
                      progress("JOBS-03", Movement.WIDENED, False, focus="PAKISTANI"))}
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
    assert "2.2 times" in text and "1.9 times" in text


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


def test_a_compact_trend_is_drawn_smaller_by_every_renderer() -> None:
    from mag_desktop.core.briefing.charts import chart_drawing
    from mag_desktop.core.briefing.svg_charts import chart_svg

    full = chart("Claimant rate")
    small = replace(full, compact=True)
    assert chart_drawing(small, 480).height < 0.75 * chart_drawing(full, 480).height

    def svg_height(c: Chart) -> float:
        found = re.search(r'height="([\d.]+)"', chart_svg(c) or "")
        assert found
        return float(found.group(1))

    assert svg_height(small) < 0.75 * svg_height(full)  # the web page's and Typst's picture


def test_a_commitment_with_a_link_that_moved_is_named_with_the_aim_that_did_not() -> None:
    moved = progress("HEALTH-06", Movement.NARROWED, True, focus="PAKISTANI")
    still = progress("HEALTH-06", Movement.NO_CLEAR_CHANGE, None, focus="ASIAN_BANGLADESHI")
    other = progress("HEALTH-02", Movement.NO_CLEAR_CHANGE, None, focus="ARAB")
    text = no_clear_change([still, other], [moved])
    assert text.startswith("No clear change for HEALTH-06 (gap between Bangladeshi and ")
    assert "and HEALTH-02:" in text
