"""The look of a pack as plain data, shared by every renderer: palette, type sizes, page.

The standard PDF (reportlab, :mod:`.styles`), the accessible PDF (Typst) and the HTML twin
read their colours, sizes and margins from here, so a change of look is made once. No
renderer is imported here: hex colours, points and centimetres only.
"""

from __future__ import annotations

from types import MappingProxyType

# -- page: A4 in points, margins in centimetres ----------------------------------------------
PAGE_WIDTH_PT, PAGE_HEIGHT_PT = 595.2755905511812, 841.8897637795277
MARGIN_LEFT_CM = MARGIN_RIGHT_CM = 2.0
MARGIN_TOP_CM = 2.3  # room for the marking and running title above the frame
MARGIN_BOTTOM_CM = 2.2  # room for the footer below the frame

# -- fonts: DejaVu Sans, bundled in resources/fonts, the only fonts any pack uses ------------
FONT_FAMILY = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")

# -- palette: calm navy for structure, greys for text, Okabe-Ito hues for data ----------------
PALETTE = MappingProxyType({
    "navy": "#1B365D",  # headings, rules, table headers
    "ink": "#1F2328",  # body text
    "muted": "#555E6B",  # captions, details, footers
    "rule": "#C5CEDA",  # hairlines and grid lines
    "header_fill": "#E6ECF3",  # table header rows
    "zebra": "#F6F8FA",  # alternate table rows
    "note_fill": "#EEF3F9",
    "caution_fill": "#FFF4E5",
    "caution": "#8A4B00",
    "cover_band": "#1B365D",
    "cover_text": "#FFFFFF",
    "suppressed": "#6B4E00",
    "zero": "#9AA3AE",  # a zero count, shown in grey
})

# -- text sizes (points); body text is never below 10 pt ----------------------------------------
BODY_SIZE = 10.5
TABLE_SIZE = 10.0
CHART_SIZE = 8.5  # tick labels inside charts
FOOTER_SIZE = 8.5
#: heading sizes by level: 1 part, 2 theme, 3 indicator, 4 a heading inside a section
HEADING_SIZES = MappingProxyType({1: 20.0, 2: 15.0, 3: 12.5, 4: 11.5})
