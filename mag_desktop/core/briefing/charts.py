"""Charts as reportlab.graphics Drawings, from the renderer-neutral :class:`Chart` data.

* ``groups``: one row per ethnic group; the area's value as a bar with its 95% whisker,
  comparator areas as markers (shape and colour), "all ethnic groups" as a dashed line.
  Whiskers running past the axis are cut with an arrow head, so one tiny group cannot squash
  every other bar. A suppressed value shows its marker ("[c]", "*", "..") in bold in a narrow
  column of its own just left of the axis, where no bar, whisker or comparator marker can
  cover it.
* ``trend``: one line per group over the periods, each with its own colour and marker shape;
  a missing or suppressed point leaves a gap.

Percentage axes end at 100 when every figure does. A chart with no value to draw is refused
(:func:`chart_drawing` raises): the builder puts a sentence in its place.

Only primitive shapes are used (no chart widgets), which keeps drawing fast.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from mag_desktop.core.briefing.chart_axes import legend, marker, tick_text, value_axis
from mag_desktop.core.briefing.model import Chart
from mag_desktop.core.briefing.series_styles import AREA_FILL, style
from mag_desktop.core.briefing.styles import CHART_SIZE, FONT, FONT_BOLD, colour

ROW = 13.5  # points per group row
LABEL_WIDTH = 165.0  # at most; narrower when the labels are short
AXIS_HEIGHT = 26.0
TREND_HEIGHT = 190.0
COMPACT_HEIGHT = 125.0  # a compact trend (Chart.compact)
MARK_SIZE = CHART_SIZE + 1.5  # suppression markers: bold and larger, so "*" and ".." show
NO_VALUE = "no value"


def _scale(chart: Chart) -> tuple[float, float]:
    """The axis maximum: room for every value and marker, and most of the whiskers (a share's
    axis ends at 100 when its values do, and a whisker past it ends in an arrow head)."""
    values = [v for s in chart.series for v in s.values if v is not None]
    uppers = [u for s in chart.series if s.upper and s.role == "area" for u in s.upper
              if u is not None]
    top = max([*values, chart.reference or 0.0, 0.0])
    reach = max(uppers, default=top)
    return value_axis(0.0, max(top * 1.08, min(reach, top * 1.7)), chart.unit, top)


def _gap_texts(chart: Chart) -> list[str | None]:
    """Per row, what stands in for a missing value of the area: its marker, "no value", or
    None when the row has a value."""
    area = chart.series[0]
    return [None if v is not None else
            ((area.markers[i] if area.markers and i < len(area.markers) else None) or NO_VALUE)
            for i, v in enumerate(area.values)]


def groups_drawing(chart: Chart, width: float) -> Drawing:
    rows = len(chart.labels)
    items = _groups_items(chart)
    legend_height = 8 + legend(None, items, 4, 0, width - 8) * 14
    height = legend_height + rows * ROW + AXIS_HEIGHT
    d = Drawing(width, height, initialFontName=FONT, initialFontSize=CHART_SIZE)
    label_width = min(LABEL_WIDTH, 8 + max(
        (stringWidth(label, FONT_BOLD if (chart.levels[i] if i < len(chart.levels) else 0) == 0
                     else FONT, CHART_SIZE) + 9 * (chart.levels[i] if i < len(chart.levels)
                                                    else 0)
         for i, label in enumerate(chart.labels)), default=40.0))
    gaps = _gap_texts(chart)
    mark_width = max((stringWidth(t, FONT if t == NO_VALUE else FONT_BOLD, MARK_SIZE)
                      for t in gaps if t), default=-8.0)
    x0, x1 = label_width + 6 + mark_width + 8, width - 12
    lo, hi = _scale(chart)

    def sx(v: float) -> float:
        return x0 + (min(max(v, lo), hi) - lo) / (hi - lo) * (x1 - x0)

    top = height - legend_height
    for i in range(rows):  # zebra rows help the eye along from label to bar
        if i % 2 == 0:
            d.add(Rect(0, top - (i + 1) * ROW, width, ROW, fillColor=colour("zebra"),
                       strokeColor=None))
    ticks = tick_text(lo, hi)
    for tick, text in ticks:
        d.add(Line(sx(tick), AXIS_HEIGHT, sx(tick), top, strokeColor=colour("rule"),
                   strokeWidth=0.5))
        d.add(String(sx(tick), AXIS_HEIGHT - 11, text, fontName=FONT, fontSize=CHART_SIZE,
                     fillColor=colour("muted"), textAnchor="middle"))
    unit = "" if chart.unit in ("count", "rate") else f" ({chart.unit})"
    d.add(String(x1, 2, f"Value{unit}", fontName=FONT, fontSize=CHART_SIZE,
                 fillColor=colour("muted"), textAnchor="end"))
    area = chart.series[0]
    for i, label in enumerate(chart.labels):
        y = top - (i + 0.5) * ROW
        level = chart.levels[i] if i < len(chart.levels) else 0
        d.add(String(4 + 9 * level, y - 3, label, fontName=FONT_BOLD if level == 0 else FONT,
                     fontSize=CHART_SIZE, fillColor=colour("ink")))
        value = area.values[i]
        gap = gaps[i] if i < len(gaps) else None
        if gap is not None:  # left of the axis: nothing else is ever drawn there
            d.add(String(x0 - 4, y - 3.4, gap, fontName=FONT if gap == NO_VALUE else FONT_BOLD,
                         fontSize=MARK_SIZE, fillColor=colour("suppressed"),
                         textAnchor="end"))
        elif value is not None:
            d.add(Rect(x0, y - 3.5, max(sx(value) - x0, 0.6), 7, fillColor=colour(AREA_FILL),
                       strokeColor=colour(style("area").colour), strokeWidth=0.5))
            _whisker(d, area.lower, area.upper, i, y, sx, hi)
        for k, series in enumerate(chart.series[1:]):
            v = series.values[i]
            if v is not None:
                hue, shape = style(series.key, k)
                d.add(marker(shape, sx(v), y, 3.3, colour(hue)))
    d.add(Line(x0, AXIS_HEIGHT, x0, top, strokeColor=colour("muted"), strokeWidth=0.8))
    if chart.reference is not None:
        x = sx(chart.reference)
        d.add(Line(x, AXIS_HEIGHT, x, top, strokeColor=colour("ink"), strokeWidth=0.9,
                   strokeDashArray=[3, 2]))
    legend(d, items, 4, height - 8, width - 8)
    return d


def _whisker(d: Drawing, lower: Sequence[float | None] | None,
             upper: Sequence[float | None] | None, i: int, y: float,
             sx: Callable[[float], float], hi: float) -> None:
    """The 95% interval as one path: left cap, line, right cap (or an arrow head when the
    interval runs past the axis)."""
    lo_v = lower[i] if lower else None
    hi_v = upper[i] if upper else None
    if lo_v is None or hi_v is None:
        return
    a, b = sx(lo_v), sx(hi_v)
    ink = colour("ink")
    if hi_v > hi:  # cut at the axis: an arrow head says "continues"
        d.add(PolyLine([a, y - 3, a, y + 3, a, y, b, y], strokeColor=ink, strokeWidth=0.9))
        d.add(Polygon([b, y - 3, b + 5, y, b, y + 3], fillColor=ink, strokeColor=None))
    else:
        d.add(PolyLine([a, y - 3, a, y + 3, a, y, b, y, b, y + 3, b, y - 3], strokeColor=ink,
                       strokeWidth=0.9))


def _groups_items(chart: Chart) -> list[tuple[str, object]]:
    area = chart.series[0]
    whiskers = any(v is not None for v in (area.upper or ()))
    label = "bar, with 95% interval" if whiskers else "bar"
    items: list[tuple[str, object]] = [(f"{area.name} ({label})", ("bar", style("area").colour))]
    for k, series in enumerate(chart.series[1:]):
        hue, shape = style(series.key, k)
        items.append((series.name, (shape, hue)))
    if chart.reference is not None:
        value = tick_text(chart.reference, chart.reference, chart.decimals)[0][1]
        items.append((f"{chart.reference_label}: {value}", ("dash", "#1F2328")))
    return items


def trend_drawing(chart: Chart, width: float, height: float = TREND_HEIGHT) -> Drawing:
    d = Drawing(width, height, initialFontName=FONT, initialFontSize=CHART_SIZE)
    legend_rows = legend(None, [(s.name, None) for s in chart.series], 0, 0, width - 8)
    top = height - 6 - legend_rows * 14
    x0, x1, y0 = 46.0, width - 14, 30.0
    values = [v for s in chart.series for v in s.values if v is not None]
    lo, hi = value_axis(min([0.0, *values]), max(values) * 1.05, chart.unit, max(values))

    def sy(v: float) -> float:
        return y0 + (v - lo) / (hi - lo) * (top - y0)

    for value, text in tick_text(lo, hi):
        d.add(Line(x0, sy(value), x1, sy(value), strokeColor=colour("rule"), strokeWidth=0.5))
        d.add(String(x0 - 4, sy(value) - 3, text, fontName=FONT, fontSize=CHART_SIZE,
                     fillColor=colour("muted"), textAnchor="end"))
    n = len(chart.labels)
    step = (x1 - x0 - 20) / max(n - 1, 1)

    def sx(i: int) -> float:
        return x0 + 10 + i * step

    every = max(1, math.ceil(n * 40 / (x1 - x0)))
    for i, label in enumerate(chart.labels):
        if i % every == 0 or i == n - 1:
            d.add(String(sx(i), y0 - 13, label, fontName=FONT, fontSize=CHART_SIZE,
                         fillColor=colour("muted"), textAnchor="middle"))
    d.add(Line(x0, y0, x1, y0, strokeColor=colour("muted"), strokeWidth=0.8))
    items = []
    for k, series in enumerate(chart.series):
        hue, shape = style(series.key, k)
        ink = colour(hue)
        width_line = 2.0 if k == 0 else 1.3
        points = [(sx(i), sy(v)) if v is not None else None for i, v in enumerate(series.values)]
        for run in _runs(points):  # one line per unbroken run: a gap where a value is missing
            if len(run) > 1:
                d.add(PolyLine([c for p in run for c in p], strokeColor=ink,
                               strokeWidth=width_line))
        for p in points:
            if p is not None:
                d.add(marker(shape, p[0], p[1], 2.8, ink))
        items.append((series.name, (f"line-{shape}", hue)))
    legend(d, items, 4, height - 8, width - 8)
    return d


def _runs(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def chart_drawing(chart: Chart, width: float) -> Drawing:
    """The chart's drawing; ValueError for a chart with no value to draw (an empty axis says
    nothing; :func:`~.indicator_blocks.chart_block` words why there is none)."""
    if not chart.drawable:
        raise ValueError(f"{chart.title!r} has no value to draw")
    if chart.kind == "groups":
        return groups_drawing(chart, width)
    return trend_drawing(chart, width, COMPACT_HEIGHT if chart.compact else TREND_HEIGHT)

