"""Charts as standalone SVG, from the renderer-neutral :class:`Chart` data: inlined in the HTML
pack and embedded as images by the accessible PDF.

* ``groups``: one row per ethnic group; the area's value as a bar with its 95% whisker,
  comparators as markers (the shapes and colours of :mod:`.series_styles`), the value for all
  ethnic groups as a dashed line. A suppressed value shows its marker ("[c]") as a text label
  placed clear of the comparators' markers, with a white halo.
* ``trend``: one line per group over the periods, each with its own colour and marker shape;
  a suppressed point leaves a gap labelled with its marker.

Every SVG names itself: ``<title>`` is the chart's title and ``<desc>`` the plain-words
summary of :mod:`.chart_figures`, joined by ``aria-labelledby``. A chart with no value at all
is not drawn (:func:`chart_svg` returns ``None``), so the caller says why in words instead.
Output is deterministic; ids come from ``id_prefix``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from mag_desktop.core.briefing import svg_axes as ax
from mag_desktop.core.briefing.chart_figures import groups_figures, trend_figures
from mag_desktop.core.briefing.model import Chart, Series
from mag_desktop.core.briefing.series_styles import AREA_FILL, style
from mag_desktop.core.formatting import format_value
from mag_desktop.core.plain_text import writable

ROW = 16.0  # units per group row
AXIS_HEIGHT = 30.0
COMPACT_HEIGHT = 130.0  # a compact trend (Chart.compact)
R = 3.3  # marker radius in group charts
TREND_R = 2.8


def has_values(chart: Chart) -> bool:
    """Whether any series holds a value to draw."""
    return any(v is not None for s in chart.series for v in s.values)


def _mark(series: Series, i: int) -> str:
    if series.markers and i < len(series.markers) and series.markers[i]:
        return str(series.markers[i])
    return ""


def _groups_items(chart: Chart) -> list[tuple[str, str, str]]:
    area = chart.series[0]
    whiskers = any(v is not None for v in (area.upper or ()))
    label = "bar, with 95% interval" if whiskers else "bar"
    items = [(f"{area.name} ({label})", "bar-whisker" if whiskers else "bar",
              style("area").colour)]
    for k, series in enumerate(chart.series[1:]):
        hue, shape = style(series.key, k)
        items.append((series.name, shape, hue))
    if chart.reference is not None:
        value = format_value(chart.reference, chart.unit, chart.decimals)
        items.append((f"{chart.reference_label or 'All ethnic groups'}: {value}", "dash",
                      ax.INK))
    return items


def groups_body(chart: Chart, width: float) -> tuple[list[str], float]:
    rows = len(chart.labels)
    items = _groups_items(chart)
    legend_height = 6 + ax.legend_rows(items, width - 8) * 14
    height = legend_height + rows * ROW + AXIS_HEIGHT
    levels = [chart.levels[i] if i < len(chart.levels) else 0 for i in range(rows)]
    label_width = min(width * 0.38, 8 + max(
        (ax.width_of(label, bold=levels[i] == 0) + 9 * levels[i]
         for i, label in enumerate(chart.labels)), default=40.0))
    top, bottom = legend_height, legend_height + rows * ROW
    area = chart.series[0]
    values = [v for s in chart.series for v in s.values if v is not None]
    if chart.reference is not None:
        values.append(chart.reference)
    uppers = [u for u in (area.upper or ()) if u is not None]
    lo, hi = ax.value_axis(values, chart.unit, max(uppers, default=max(values)))
    ticks = ax.ticks(lo, hi)
    x0 = label_width + 6
    x1 = width - max(14.0, ax.width_of(ticks[-1][1]) / 2 + 3)  # the last tick label fits

    def sx(v: float) -> float:
        return x0 + (min(max(v, lo), hi) - lo) / (hi - lo) * (x1 - x0)

    out: list[str] = []
    for i in range(0, rows, 2):  # zebra rows lead the eye from label to bar
        out.append(f'<rect x="0" y="{ax.num(top + i * ROW)}" width="{ax.num(width)}" '
                   f'height="{ax.num(ROW)}" fill="{ax.look.PALETTE["zebra"]}"/>')
    for tick, words in ticks:
        out.append(ax.line(sx(tick), top, sx(tick), bottom, ax.RULE))
        out.append(ax.text(sx(tick), bottom + 12, words, anchor="middle", fill=ax.MUTED))
    unit = "" if chart.unit in ("count", "rate") else f" ({chart.unit})"
    out.append(ax.text(x1, height - 4, f"Value{unit}", anchor="end", fill=ax.MUTED))
    out.append(ax.line(x0, top, x0, bottom, ax.MUTED, 0.8))
    labels: list[tuple[float, str]] = []  # (y, words): placed after every mark is known
    taken: list[ax.Box] = []
    for i, label in enumerate(chart.labels):
        y = top + (i + 0.5) * ROW
        out.append(ax.text(4 + 9 * levels[i], y + 3, label, bold=levels[i] == 0))
        value = area.values[i] if i < len(area.values) else None
        if value is None:
            labels.append((y, _mark(area, i) or "no value"))
        else:
            end = sx(value)
            out.append(f'<rect x="{ax.num(x0)}" y="{ax.num(y - 4)}" '
                       f'width="{ax.num(max(end - x0, 0.6))}" height="8" fill="{AREA_FILL}" '
                       f'stroke="{style("area").colour}" stroke-width="0.5"/>')
            reach = _whisker(out, area, i, y, sx, hi)
            taken.append((x0, y - 4, max(end, reach), y + 4))
        for k, series in enumerate(chart.series[1:]):
            v = series.values[i] if i < len(series.values) else None
            if v is not None:
                hue, shape = style(series.key, k)
                out.append(ax.marker(shape, sx(v), y, R, hue))
                taken.append(ax.marker_box(sx(v), y, R))
    if chart.reference is not None:
        x = sx(chart.reference)
        out.append(ax.line(x, top, x, bottom, ax.INK, 0.9, "3 2"))
    for y, words in labels:  # last, so no mark is drawn over them
        w = ax.width_of(words, bold=True)
        after = sorted(b[2] + 3 for b in taken if b[1] < y < b[3] and b[2] + 3 > x0 + 3)
        spots = [(x, y + 3) for x in (x0 + 3, *after)]
        x, base = ax.place(w, spots, taken, (x0, y - ROW / 2, width, y + ROW / 2))
        out.append(ax.text(x, base, words, fill=ax.SUPPRESSED, bold=True, halo=True))
    parts, _ = ax.legend(items, 4, 10, width - 8)
    return out + parts, height


def _whisker(out: list[str], area: Series, i: int, y: float, sx: Callable[[float], float],
             hi: float) -> float:
    """The 95% interval: caps and a line, or an arrow head where it runs past the axis.
    Returns where it ends on the right (0 when there is none)."""
    lower = area.lower[i] if area.lower and i < len(area.lower) else None
    upper = area.upper[i] if area.upper and i < len(area.upper) else None
    if lower is None or upper is None:
        return 0.0
    a, b = sx(lower), sx(upper)
    n = ax.num
    if upper > hi:
        out.append(f'<path d="M{n(a)} {n(y - 3)}V{n(y + 3)}M{n(a)} {n(y)}H{n(b)}" '
                   f'fill="none" stroke="{ax.INK}" stroke-width="0.9"/>')
        out.append(f'<polygon points="{n(b)},{n(y - 3)} {n(b + 5)},{n(y)} {n(b)},{n(y + 3)}" '
                   f'fill="{ax.INK}"/>')
        return float(b + 5)
    out.append(f'<path d="M{n(a)} {n(y - 3)}V{n(y + 3)}M{n(a)} {n(y)}H{n(b)}'
               f'M{n(b)} {n(y - 3)}V{n(y + 3)}" fill="none" stroke="{ax.INK}" '
               f'stroke-width="0.9"/>')
    return float(b)


def trend_body(chart: Chart, width: float, height: float = 200.0) -> tuple[list[str], float]:
    items = []
    for k, series in enumerate(chart.series):
        hue, shape = style(series.key, k)
        held = any(v is not None for v in series.values)
        marks = sorted({m for m in (series.markers or ()) if m})
        name = series.name if held else f"{series.name}: no values" + (
            f" ({', '.join(marks)})" if marks else "")
        items.append((name, f"line-{shape}", hue))
    rows = ax.legend_rows(items, width - 8)
    top = 10 + rows * 14 + 16  # room for the unit above the axis
    x0, x1, y0 = 46.0, width - 14, height + rows * 14 - 30
    values = [v for s in chart.series for v in s.values if v is not None]
    lo, hi = ax.value_axis(values, chart.unit)

    def sy(v: float) -> float:
        return y0 - (v - lo) / (hi - lo) * (y0 - top)

    out: list[str] = []
    for value, words in ax.ticks(lo, hi):
        out.append(ax.line(x0, sy(value), x1, sy(value), ax.RULE))
        out.append(ax.text(x0 - 4, sy(value) + 3, words, anchor="end", fill=ax.MUTED))
    n = len(chart.labels)
    step = (x1 - x0 - 20) / max(n - 1, 1)

    def sx(i: int) -> float:
        return x0 + 10 + i * step

    every = max(1, math.ceil(n * 48 / (x1 - x0)))
    for i, label in enumerate(chart.labels):
        if i % every == 0 or i == n - 1:
            out.append(ax.text(sx(i), y0 + 13, label, anchor="middle", fill=ax.MUTED))
    out.append(ax.line(x0, y0, x1, y0, ax.MUTED, 0.8))
    unit = "" if chart.unit in ("count", "rate") else f"({chart.unit})"
    if unit:
        out.append(ax.text(4, top - 8, unit, fill=ax.MUTED))
    taken: list[ax.Box] = []
    gaps: list[tuple[float, float, str, str]] = []
    for k, series in enumerate(chart.series):
        hue, shape = style(series.key, k)
        points = [(sx(i), sy(v)) if v is not None else None for i, v in enumerate(series.values)]
        for run in _runs(points):
            if len(run) > 1:
                joined = " ".join(f"{ax.num(x)},{ax.num(y)}" for x, y in run)
                out.append(f'<polyline points="{joined}" fill="none" stroke="{hue}" '
                           f'stroke-width="{2.0 if k == 0 else 1.3}"/>')
        for p in points:
            if p is not None:
                out.append(ax.marker(shape, p[0], p[1], TREND_R, hue))
                taken.append(ax.marker_box(p[0], p[1], TREND_R))
        if any(p is not None for p in points):
            for i, p in enumerate(points):
                if p is None and _mark(series, i):
                    gaps.append((sx(i), _near(points, i), _mark(series, i), hue))
    for x, y, words, hue in gaps:  # last, clear of every marker and of each other
        w = ax.width_of(words, bold=True)
        spots = [(x - w / 2, y + d) for d in (3, -8, 14, -19, 25, -30, 36)]
        left, base = ax.place(w, spots, taken, (x0, top, width, y0))
        out.append(ax.text(left, base, words, fill=hue, bold=True, halo=True))
    parts, _ = ax.legend(items, 4, 10, width - 8)
    return out + parts, height + rows * 14


def _near(points: list[tuple[float, float] | None], i: int) -> float:
    """The height of a gap: between its neighbours' values, or beside the nearer one."""
    before = next((p[1] for p in reversed(points[:i]) if p is not None), None)
    after = next((p[1] for p in points[i + 1:] if p is not None), None)
    held = [y for y in (before, after) if y is not None]
    return sum(held) / len(held)


def _runs(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def chart_summary(chart: Chart) -> str:
    """The plain-words summary (the SVG's ``<desc>`` and the PDF figure's alt text)."""
    figures = groups_figures(chart) if chart.kind == "groups" else trend_figures(chart)
    return figures.summary


def chart_svg(chart: Chart, width: float = 480, *, id_prefix: str = "chart") -> str | None:
    """The chart as a standalone SVG document, or ``None`` when it holds no value to draw."""
    if not chart.series or not chart.labels or not has_values(chart):
        return None
    body, height = (groups_body(chart, width) if chart.kind == "groups"
                    else trend_body(chart, width, COMPACT_HEIGHT if chart.compact else 200.0))
    t, d = f"{id_prefix}-title", f"{id_prefix}-desc"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" role="img" '
            f'aria-labelledby="{t} {d}" width="{ax.num(width)}" height="{ax.num(height)}" '
            f'viewBox="0 0 {ax.num(width)} {ax.num(height)}">'
            f'<title id="{t}">{escape(writable(chart.title))}</title>'
            f'<desc id="{d}">{escape(writable(chart_summary(chart)))}</desc>'
            f'<rect width="100%" height="100%" fill="#FFFFFF"/>'
            + "".join(body) + "</svg>")
