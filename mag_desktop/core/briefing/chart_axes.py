"""Small helpers the charts share: a tidy axis, tick labels, marker shapes and the legend."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, Shape, String
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from mag_desktop.core.briefing.styles import CHART_SIZE, FONT, colour
from mag_desktop.core.formatting import format_number

_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


def nice_axis(low: float, high: float, ticks: int = 5) -> tuple[float, float]:
    """Round limits that contain [low, high], on a 1-2-2.5-5 step."""
    if not math.isfinite(high) or high <= low:
        high = low + 1.0
    raw = (high - low) / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in _STEPS if s * power >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step


def value_axis(low: float, high: float, unit: str, most: float | None = None
               ) -> tuple[float, float]:
    """:func:`nice_axis`, ending at 100 for a percentage whose figures (``most``: the largest
    value drawn) are all at most 100: a share axis never runs to 125%, and a 95% limit past 100
    (an interval that a share cannot reach) is cut at the axis with an arrow head. Every
    renderer's axis comes from here."""
    lo, hi = nice_axis(low, high)
    top = high if most is None else most
    if unit == "%" and hi > 100.0 and top <= 100.0 and lo < 100.0:
        hi = 100.0
    return lo, hi


def _step(low: float, high: float, ticks: int = 5) -> float:
    raw = (high - low) / ticks if high > low else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(s * power for s in _STEPS if s * power >= raw)


def tick_text(low: float, high: float, decimals: int | None = None) -> list[tuple[float, str]]:
    """(value, label) for each tick between ``low`` and ``high`` (one label when equal)."""
    if high <= low:
        places = 1 if decimals is None else decimals
        return [(low, format_number(low, places))]
    step = _step(low, high)
    places = decimals if decimals is not None else max(0, -math.floor(math.log10(step) + 1e-9))
    power = math.floor(math.log10(step) + 1e-9)
    if decimals is None and power <= 0 and math.isclose(step, 2.5 * 10 ** power):
        places += 1  # 2.5, 0.25 ... need one more place than their power of ten
    count = round((high - low) / step)
    return [(low + k * step, format_number(low + k * step, places)) for k in range(count + 1)]


def marker(shape: str, x: float, y: float, r: float, ink: Color) -> Shape:
    """A filled or open marker; shapes differ so series read in greyscale too."""
    filled = not shape.endswith("-open")
    fill = ink if filled else colour("#FFFFFF")
    base = shape.removesuffix("-open")
    if base == "circle":
        return Circle(x, y, r, fillColor=fill, strokeColor=ink, strokeWidth=1)
    if base == "square":
        return Rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8, fillColor=fill,
                    strokeColor=ink, strokeWidth=1)
    if base == "diamond":
        points = [x, y + r * 1.25, x + r * 1.05, y, x, y - r * 1.25, x - r * 1.05, y]
    else:  # triangle
        points = [x, y + r * 1.2, x + r * 1.1, y - r * 0.8, x - r * 1.1, y - r * 0.8]
    return Polygon(points, fillColor=fill, strokeColor=ink, strokeWidth=1)


def _swatch(d: Drawing, kind: str, hue: str, x: float, y: float) -> None:
    ink = colour(hue)
    if kind == "bar":
        d.add(Rect(x, y - 3, 14, 7, fillColor=colour("#A9CBE6"), strokeColor=ink,
                   strokeWidth=0.5))
        d.add(Line(x + 8, y + 0.5, x + 18, y + 0.5, strokeColor=colour("ink"), strokeWidth=0.9))
    elif kind == "dash":
        d.add(Line(x + 2, y - 4, x + 2, y + 5, strokeColor=ink, strokeWidth=0.9,
                   strokeDashArray=[3, 2]))
    elif kind.startswith("line-"):
        d.add(Line(x, y + 0.5, x + 16, y + 0.5, strokeColor=ink, strokeWidth=1.3))
        d.add(marker(kind.removeprefix("line-"), x + 8, y + 0.5, 2.8, ink))
    else:
        d.add(marker(kind, x + 8, y + 0.5, 3.3, ink))


def legend(d: Drawing | None, items: Sequence[tuple[str, object]], x: float, y: float,
           width: float) -> int:
    """Lay the items out left to right, wrapping; draw them when ``d`` is given. Returns the
    number of rows used."""
    cx, rows, gap = x, 1, 16.0
    for text, style in items:
        need = 22 + stringWidth(text, FONT, CHART_SIZE) + gap
        if cx > x and cx + need > x + width:
            cx, rows = x, rows + 1
        if d is not None and isinstance(style, tuple):
            ly = y - (rows - 1) * 14
            _swatch(d, str(style[0]), str(style[1]), cx, ly)
            d.add(String(cx + 22, ly - 2.5, text, fontName=FONT, fontSize=CHART_SIZE,
                         fillColor=colour("ink")))
        cx += need
    return rows
