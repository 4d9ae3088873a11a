"""Pieces the SVG charts share: text measured in the pack's font, the value axis (shares end at
100%), marker shapes, the legend, and a placer that keeps text labels clear of other marks.

Everything is written as SVG markup strings with coordinates rounded to two places, so the
same chart always gives the same bytes. Text is set in DejaVu Sans only, at the pack's chart
size (:mod:`.look`), and escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from mag_desktop.core.briefing import chart_axes, look
from mag_desktop.core.briefing.chart_axes import tick_text
from mag_desktop.core.briefing.series_styles import AREA_FILL
from mag_desktop.core.briefing.styles import FONT, FONT_BOLD, ensure_fonts
from mag_desktop.core.plain_text import writable

SIZE = look.CHART_SIZE
INK, MUTED, RULE = look.PALETTE["ink"], look.PALETTE["muted"], look.PALETTE["rule"]
SUPPRESSED = look.PALETTE["suppressed"]
FAMILY = f'font-family="{look.FONT_FAMILY}"'
Box = tuple[float, float, float, float]  # left, top, right, bottom


def num(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros ("12.5", "3")."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def width_of(text: str, bold: bool = False, size: float = SIZE) -> float:
    ensure_fonts()
    return float(stringWidth(text, FONT_BOLD if bold else FONT, size))


def text(x: float, y: float, words: str, *, anchor: str = "start", fill: str = INK,
         bold: bool = False, size: float = SIZE, halo: bool = False) -> str:
    """A line of text with its baseline at ``y``; ``halo`` lays a white box under the letters
    so a label stays readable over lines and bars (a box, not a stroke, so every SVG reader
    draws it the same)."""
    weight = ' font-weight="bold"' if bold else ""
    under = ""
    if halo:
        w = width_of(words, bold, size)
        left = x - (w if anchor == "end" else w / 2 if anchor == "middle" else 0.0)
        under = (f'<rect x="{num(left - 1.5)}" y="{num(y - size * 0.85)}" '
                 f'width="{num(w + 3)}" height="{num(size * 1.15)}" fill="#FFFFFF" '
                 f'fill-opacity="0.9"/>')
    return (f'{under}<text x="{num(x)}" y="{num(y)}" {FAMILY} font-size="{num(size)}"{weight} '
            f'fill="{fill}" text-anchor="{anchor}">{escape(writable(words))}</text>')


def line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 0.5,
         dash: str = "") -> str:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
            f'stroke="{stroke}" stroke-width="{num(width)}"{dashed}/>')


def value_axis(values: Sequence[float], unit: str, reach: float | None = None,
               *, from_zero: bool = True) -> tuple[float, float]:
    """Round axis limits holding every value (and most of ``reach``, the whiskers), by the
    standard pack's rule (:func:`chart_axes.value_axis`): a share's axis ends at 100."""
    top = max([*values, 0.0])
    low = min([0.0, *values]) if from_zero else min(values, default=0.0)
    high = max(top * 1.08, min(reach, top * 1.7)) if reach is not None else top * 1.05
    return chart_axes.value_axis(low, high, unit, top)


def ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    return tick_text(lo, hi)


def marker(shape: str, x: float, y: float, r: float, ink: str) -> str:
    """A filled or open marker (circle, square, diamond, triangle; "-open" for hollow)."""
    fill = "#FFFFFF" if shape.endswith("-open") else ink
    base = shape.removesuffix("-open")
    paint = f'fill="{fill}" stroke="{ink}" stroke-width="1"'
    if base == "circle":
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" {paint}/>'
    if base == "square":
        s = r * 0.9
        return (f'<rect x="{num(x - s)}" y="{num(y - s)}" width="{num(2 * s)}" '
                f'height="{num(2 * s)}" {paint}/>')
    if base == "diamond":
        points = [(x, y - r * 1.25), (x + r * 1.05, y), (x, y + r * 1.25), (x - r * 1.05, y)]
    else:  # triangle, point up
        points = [(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]
    joined = " ".join(f"{num(px)},{num(py)}" for px, py in points)
    return f'<polygon points="{joined}" {paint}/>'


def marker_box(x: float, y: float, r: float) -> Box:
    return (x - r * 1.25, y - r * 1.25, x + r * 1.25, y + r * 1.25)


def swatch(kind: str, hue: str, x: float, y: float) -> str:
    """A legend key 22 units wide, centred on ``y``."""
    if kind.startswith("bar"):  # "bar", or "bar-whisker" with its 95% interval
        whisker = line(x + 8, y, x + 18, y, INK, 0.9) if kind == "bar-whisker" else ""
        return (f'<rect x="{num(x)}" y="{num(y - 3.5)}" width="14" height="7" fill="{AREA_FILL}" '
                f'stroke="{hue}" stroke-width="0.5"/>' + whisker)
    if kind == "dash":
        return line(x + 4, y - 5, x + 4, y + 5, hue, 0.9, "3 2")
    if kind.startswith("line-"):
        return line(x, y, x + 16, y, hue, 1.3) + marker(kind.removeprefix("line-"), x + 8, y,
                                                         2.8, hue)
    return marker(kind, x + 8, y, 3.3, hue)


def legend(items: Sequence[tuple[str, str, str]], x: float, y: float,
           width: float) -> tuple[list[str], int]:
    """Items (words, swatch kind, colour) laid left to right and wrapped, first row centred on
    ``y``; returns the markup and the number of rows."""
    parts: list[str] = []
    cx, rows = x, 1
    for words, kind, hue in items:
        need = 22 + width_of(words) + 16
        if cx > x and cx + need > x + width:
            cx, rows = x, rows + 1
        ly = y + (rows - 1) * 14
        parts.append(swatch(kind, hue, cx, ly))
        parts.append(text(cx + 22, ly + 3, words))
        cx += need
    return parts, rows


def legend_rows(items: Sequence[tuple[str, str, str]], width: float) -> int:
    return legend(items, 0, 0, width)[1]


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place(width: float, candidates: Sequence[tuple[float, float]], taken: list[Box],
          bounds: Box) -> tuple[float, float]:
    """The first candidate (left, baseline) where a label ``width`` wide sits inside
    ``bounds`` without touching any taken box; the label's box is then taken too. Falls back
    to the first candidate that fits the bounds."""
    def box(c: tuple[float, float]) -> Box:
        return (c[0] - 1.5, c[1] - SIZE * 0.8, c[0] + width + 1.5, c[1] + SIZE * 0.25)

    inside = [c for c in candidates if box(c)[0] >= bounds[0] and box(c)[2] <= bounds[2]
              and box(c)[1] >= bounds[1] and box(c)[3] <= bounds[3]] or list(candidates[:1])
    chosen = next((c for c in inside if not any(overlaps(box(c), t) for t in taken)), inside[0])
    taken.append(box(chosen))
    return chosen
