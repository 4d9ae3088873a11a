"""Charts as SVG: parsed back as XML, each names itself (title and plain-words desc), draws one
bar per group value, keeps suppression labels clear of markers, ends share axes at 100% and
declines to draw a chart with no value."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET

import pytest
from briefing_helpers import ACOCKS_GREEN, BIRMINGHAM

from mag_desktop.core.briefing.builder import build_briefing
from mag_desktop.core.briefing.model import Chart, Series
from mag_desktop.core.briefing.svg_axes import SIZE, width_of
from mag_desktop.core.briefing.svg_charts import chart_svg

NS = {"s": "http://www.w3.org/2000/svg"}
BAR_FILL = "#A9CBE6"


def _groups(values: tuple[float | None, ...], markers: tuple[str | None, ...] | None = None,
            unit: str = "%", comparators: tuple[Series, ...] = ()) -> Chart:
    labels = tuple(f"Group {i}" for i in range(len(values)))
    area = Series("Birmingham", values, lower=tuple(None if v is None else v * 0.9
                                                    for v in values),
                  upper=tuple(None if v is None else v * 1.1 for v in values),
                  markers=markers, role="area", key="area")
    return Chart("groups", "Claimant rate by ethnic group", labels, (area, *comparators), unit,
                 levels=(1,) * len(values), reference=5.0, reference_label="All ethnic groups")


def _parse(svg: str | None) -> ET.Element:
    assert svg is not None
    return ET.fromstring(svg)


def _bars(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{{{NS['s']}}}rect") if r.get("fill") == BAR_FILL
            and r.get("height") == "8"]


def _texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{{{NS['s']}}}text"))


def test_groups_chart_names_itself_and_draws_one_bar_per_value() -> None:
    chart = _groups((8.4, None, 3.8), markers=(None, "[c]", None))
    root = _parse(chart_svg(chart, id_prefix="fig7"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "fig7-title fig7-desc"
    title = root.find("s:title", NS)
    desc = root.find("s:desc", NS)
    assert title is not None and title.text == "Claimant rate by ethnic group"
    assert title.get("id") == "fig7-title"
    assert desc is not None and desc.text is not None
    assert "highest Group 0 8.4%" in desc.text and "lowest Group 2 3.8%" in desc.text
    assert len(_bars(root)) == 2  # the suppressed group has no bar ...
    assert "[c]" in [t.text for t in _texts(root)]  # ... but its marker, as words
    assert {t.get("font-family") for t in _texts(root)} == {"DejaVu Sans"}
    assert {float(t.get("font-size") or 0) for t in _texts(root)} == {SIZE}


def test_output_is_deterministic_and_ids_follow_the_prefix() -> None:
    chart = _groups((8.4, 6.0, 3.8))
    assert chart_svg(chart, id_prefix="a") == chart_svg(chart, id_prefix="a")
    other = chart_svg(chart, id_prefix="b")
    assert other is not None and 'id="b-title"' in other and 'id="a-title"' not in other


def test_a_chart_with_every_value_suppressed_is_not_drawn() -> None:
    assert chart_svg(_groups((None, None), markers=("[c]", "[c]"))) is None
    trend = Chart("trend", "Over time", ("2025 Q1", "2025 Q2"),
                  (Series("Black", (None, None), markers=("[c]", "[c]"), key="BLACK"),), "%")
    assert chart_svg(trend) is None


def test_share_axis_ends_at_100() -> None:
    root = _parse(chart_svg(_groups((97.0, 91.5, 88.0))))
    ticks = [t.text or "" for t in _texts(root) if t.get("text-anchor") == "middle"]
    numbers = [float(t.replace(",", "")) for t in ticks if t.replace(",", "").replace(".", "")
               .isdigit()]
    assert max(numbers) == 100.0


def _box(el: ET.Element) -> tuple[float, float, float, float]:
    """The box of a text (from its measured width) or of a marker shape."""
    tag = el.tag.split("}")[1]
    if tag == "text":
        x, y, words = float(el.get("x") or 0), float(el.get("y") or 0), el.text or ""
        return (x, y - SIZE * 0.8, x + width_of(words, el.get("font-weight") == "bold"), y)
    if tag == "circle":
        cx, cy, r = (float(el.get(k) or 0) for k in ("cx", "cy", "r"))
        return (cx - r, cy - r, cx + r, cy + r)
    points = [tuple(map(float, p.split(","))) for p in (el.get("points") or "").split()]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def test_suppression_labels_are_clear_of_comparator_markers() -> None:
    """A comparator sitting where the "[c]" would go pushes the label along the row."""
    near_axis = Series("WMCA", (0.3, 0.2, 0.4), role="comparator", key="region")
    england = Series("England", (0.9, 0.8, 1.2), role="comparator", key="england")
    chart = _groups((None, 6.0, None), markers=("[c]", None, "*"),
                    comparators=(near_axis, england))
    root = _parse(chart_svg(chart))
    labels = [t for t in _texts(root) if t.text in ("[c]", "*")]
    assert len(labels) == 2
    shapes = [el for el in root.iter() if el.tag.split("}")[1] in ("circle", "polygon")
              and el.get("stroke") in ("#000000", "#009E73")]
    for label in labels:
        a = _box(label)
        for shape in shapes:
            b = _box(shape)
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), \
                (label.text, shape.attrib)


@pytest.fixture(scope="module")
def pack_charts(conn: sqlite3.Connection) -> list[Chart]:
    charts = []
    for code in (BIRMINGHAM, ACOCKS_GREEN):
        briefing = build_briefing(conn, code, meeting="MAG test meeting")
        charts += [b for b in briefing.blocks() if isinstance(b, Chart)]
    return charts


def test_every_chart_of_the_sample_packs_is_drawn_or_has_no_value(
        pack_charts: list[Chart]) -> None:
    drawn = 0
    for n, chart in enumerate(pack_charts):
        svg = chart_svg(chart, id_prefix=f"c{n}")
        held = any(v is not None for s in chart.series for v in s.values)
        assert (svg is not None) == held, chart.title
        if svg is None:
            continue
        drawn += 1
        root = _parse(svg)
        assert root.find("s:title", NS) is not None and root.find("s:desc", NS) is not None
        if chart.kind == "groups":
            held_bars = sum(v is not None for v in chart.series[0].values)
            assert len(_bars(root)) == held_bars, chart.title
        if chart.unit == "%":
            ticks = [float((t.text or "").replace(",", "")) for t in _texts(root)
                     if t.get("fill") == "#555E6B" and (t.text or "").replace(",", "")
                     .replace(".", "").isdigit()]
            values = [v for s in chart.series for v in s.values if v is not None]
            assert max(ticks) <= 100.0 or max(values) > 100.0, chart.title
    assert drawn >= 20


def test_trend_gap_labels_name_the_marker_clear_of_every_point() -> None:
    """A suppressed period leaves a gap in its line, labelled with its marker; a series with
    no value at all says so in the legend."""
    periods = ("2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4")
    chart = Chart("trend", "Over time: Birmingham", periods, (
        Series("All ethnic groups", (5.0, 5.1, 5.0, 5.2), key="ALL"),
        Series("Black", (5.1, None, 5.05, None), markers=(None, "[c]", None, "*"),
                key="BLACK"),
        Series("Mixed", (None,) * 4, markers=("[c]",) * 4, key="MIXED"),
    ), "%")
    root = _parse(chart_svg(chart))
    texts = _texts(root)
    labels = [t for t in texts if t.text in ("[c]", "*")]
    assert sorted(t.text or "" for t in labels) == ["*", "[c]"]
    assert "Mixed: no values ([c])" in [t.text for t in texts]
    shapes = [el for el in root.iter() if el.tag.split("}")[1] in ("circle", "polygon")]
    for label in labels:
        a = _box(label)
        for shape in shapes:
            b = _box(shape)
            if b[1] < 40:  # the legend's keys
                continue
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), \
                (label.text, shape.attrib)
    # the share axis of values near 5% starts at 0 and stays well below 100
    ticks = [t.text for t in texts if t.get("text-anchor") == "end"]
    assert "0" in ticks and "100" not in ticks
