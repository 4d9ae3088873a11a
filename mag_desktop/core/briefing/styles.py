"""The look of a PDF pack, as data in one place: page geometry, palette, fonts, text styles.

Fonts are DejaVu Sans (regular and bold), bundled in ``resources/fonts`` and embedded in every
PDF, so accents, "£" and the status shapes (● ▲ ◆ ✔ ○) print on any computer. They are
registered once per process; the styles are built once and shared.
"""

from __future__ import annotations

from functools import cache
from types import MappingProxyType

from reportlab import rl_config
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from mag_desktop.core.briefing import look
from mag_desktop.paths import resource_path

# -- reportlab settings for speed (this module is imported before any chart module) -----------
rl_config.useA85 = 0  # binary (Flate) streams: smaller files, no ASCII85 pass
rl_config.shapeChecking = 0  # chart shapes come from trusted code: skip per-attribute checks

# -- page ------------------------------------------------------------------------------------
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = look.MARGIN_LEFT_CM * cm
MARGIN_TOP = look.MARGIN_TOP_CM * cm  # room for the marking and running title above the frame
MARGIN_BOTTOM = look.MARGIN_BOTTOM_CM * cm  # room for the footer below the frame
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

# -- fonts -----------------------------------------------------------------------------------
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

PALETTE = look.PALETTE
BODY_SIZE = look.BODY_SIZE
TABLE_SIZE = look.TABLE_SIZE
CHART_SIZE = look.CHART_SIZE
FOOTER_SIZE = look.FOOTER_SIZE


@cache
def colour(name_or_hex: str) -> Color:
    """A palette entry by name ("navy") or any "#RRGGBB"."""
    return HexColor(PALETTE.get(name_or_hex, name_or_hex))


class CachedTTFont(TTFont):
    """A TrueType font that remembers the widths of the words it has measured: line breaking
    measures the same words thousands of times in a pack."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._widths: dict[str, float] = {}

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        width = self._widths.get(text)
        if width is None:
            width = super().stringWidth(text, 1000.0, encoding)
            if len(self._widths) < 200_000:
                self._widths[text] = width
        return width * size / 1000.0


@cache
def ensure_fonts() -> None:
    """Register the bundled TrueType fonts once per process (they are embedded as subsets)."""
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(CachedTTFont(name, str(resource_path("fonts", file))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                  boldItalic=FONT_BOLD)


def _style(name: str, size: float, leading: float, **extra: object) -> ParagraphStyle:
    base: dict[str, object] = {"fontName": FONT, "bulletFontName": FONT,
                               "textColor": colour("ink"), "alignment": TA_LEFT}
    base.update(extra)
    return ParagraphStyle(name, fontSize=size, leading=leading, **base)


@cache
def paragraph_styles() -> MappingProxyType:
    """Every paragraph style by name, built once per process."""
    ensure_fonts()
    navy = colour("navy")
    styles = {
        "body": _style("body", BODY_SIZE, 14.5, spaceAfter=6),
        "lead": _style("lead", 12, 16.5, spaceAfter=8),
        "small": _style("small", 10, 13.5, textColor=colour("muted"), spaceAfter=6),
        "sentence": _style("sentence", BODY_SIZE, 14, spaceAfter=3),
        "bullet": _style("bullet", BODY_SIZE, 14, leftIndent=14, bulletIndent=3,
                         spaceAfter=3),
        "h1": _style("h1", 20, 25, fontName=FONT_BOLD, textColor=navy, spaceAfter=10),
        "h2": _style("h2", 15, 19.5, fontName=FONT_BOLD, textColor=navy, spaceBefore=14,
                     spaceAfter=7),
        "h3": _style("h3", 12.5, 16, fontName=FONT_BOLD, textColor=navy, spaceBefore=12,
                     spaceAfter=5),
        "h4": _style("h4", 11.5, 15, fontName=FONT_BOLD, textColor=navy, spaceBefore=10,
                     spaceAfter=4),
        "cell": _style("cell", TABLE_SIZE, 12.5),
        "cell_bold": _style("cell_bold", TABLE_SIZE, 12.5, fontName=FONT_BOLD),
        "cell_detail": _style("cell_detail", TABLE_SIZE, 12.5, textColor=colour("muted")),
        "cell_head": _style("cell_head", TABLE_SIZE, 12.5, textColor=navy, splitLongWords=1),
        "grid_head": _style("grid_head", TABLE_SIZE, 12.5, fontName=FONT_BOLD, textColor=navy),
        "caption": _style("caption", 10, 13, textColor=colour("muted"), spaceBefore=3,
                          spaceAfter=10),
        "note": _style("note", 10, 13.5),
        "contents1": _style("contents1", 11.5, 15, fontName=FONT_BOLD, textColor=navy),
        "contents2": _style("contents2", 10.5, 13.5, leftIndent=14),
        "contents3": _style("contents3", 10, 13, leftIndent=28, textColor=colour("muted")),
        "cover_title": _style("cover_title", 28, 34, fontName=FONT_BOLD,
                              textColor=colour("cover_text")),
        "cover_sub": _style("cover_sub", 15, 20, textColor=colour("cover_text")),
        "cover_label": _style("cover_label", 10, 13, textColor=colour("muted")),
        "cover_value": _style("cover_value", 13, 17, fontName=FONT_BOLD, textColor=navy),
    }
    return MappingProxyType(styles)
