"""A briefing as plain data for the Typst template of the accessible pack.

Every text of the pack (titles, narratives, cell values, chart summaries) travels to Typst as a
JSON string and is placed there as a string, never parsed as markup, so a title holding
``#import``, ``$x$``, ``*bold*``, ``<label>`` or ``@ref`` prints as written and runs nothing.
Two things are done to texts on the way:

* a run of more than :data:`LONG` characters with no space (a long web address) gets a
  zero-width break every :data:`CHUNK` characters, so it wraps inside its table cell instead of
  running over the next column (the break is invisible and is not read out);
* a text holding a bidirectional control (a right-to-left override, say) is wrapped in a
  first-strong isolate, so the control can reorder its own text but nothing printed after it.

The look (palette, sizes, page margins, font) comes from :mod:`.look`, shared with the other
renderers; the cover's facts and the status legend are the standard pack's own words.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from mag_desktop.core.briefing import look, model
from mag_desktop.core.briefing.chart_figures import (
    Figures,
    groups_figures,
    no_chart_sentence,
    trend_figures,
)
from mag_desktop.core.briefing.pack_words import AUTHOR, GRID_WORDS, status_legend, subject
from mag_desktop.core.briefing.pdf_story import cover_facts
from mag_desktop.core.briefing.svg_axes import width_of
from mag_desktop.core.briefing.svg_charts import chart_summary, chart_svg
from mag_desktop.core.briefing.typst_rows import column_widths, heights
from mag_desktop.core.formatting import MISSING
from mag_desktop.core.plain_text import writable
from mag_desktop.core.query.illustrative import DETAIL, NOTICE

LONG, CHUNK = 24, 12
_LONG_RUN = re.compile(r"\S{" + str(LONG + 1) + ",}")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_ISOLATE, _POP_ISOLATE = "\u2068", "\u2069"


def _break_long(match: re.Match[str]) -> str:
    run = match.group(0)
    return "\u200b".join(run[i:i + CHUNK] for i in range(0, len(run), CHUNK))


def text(value: str) -> str:
    """A text made safe to lay out: characters no PDF text may hold dropped, long runs
    breakable, bidirectional controls contained."""
    out = _LONG_RUN.sub(_break_long, writable(value))
    if _BIDI.search(out):
        out = f"{_ISOLATE}{out}{_POP_ISOLATE}"
    return out


def look_data() -> dict[str, Any]:
    return {
        "palette": dict(look.PALETTE),
        "font": look.FONT_FAMILY,
        "body": look.BODY_SIZE, "table": look.TABLE_SIZE, "footer": look.FOOTER_SIZE,
        "headings": {str(k): v for k, v in look.HEADING_SIZES.items()},
        "margin": {"left": look.MARGIN_LEFT_CM, "right": look.MARGIN_RIGHT_CM,
                   "top": look.MARGIN_TOP_CM, "bottom": look.MARGIN_BOTTOM_CM},
        "page": {"width": look.PAGE_WIDTH_PT, "height": look.PAGE_HEIGHT_PT},
    }


def meta_data(meta: model.BriefingMeta) -> dict[str, Any]:
    area = meta.audience
    return {
        # document metadata, never laid out: as written
        "title": meta.title, "author": AUTHOR, "subject": subject(meta),
        "keywords": ["WMCA", "Race Equalities Taskforce", "Members Advisory Group", area.name,
                     area.code],
        "header": text(f"Members Advisory Group briefing · {area.label}"),
        "marking": text(meta.marking),
        "version": text(f"Data version {meta.data_version} · as at {meta.as_at or '–'}"),
        "kicker": ["West Midlands Combined Authority · Race Equalities Taskforce",
                   "Members Advisory Group briefing"],
        "name": text(area.name),
        "subtitle": text(f"Ward pack · a ward of {area.authority_name}"
                         if area.level == "ward" else "Authority pack"),
        "illustrative": meta.illustrative, "notice": f"⚠ {NOTICE}", "detail": DETAIL,
        "facts": [[label, text(value)] for label, value in cover_facts(meta)],
        "legend": text(status_legend()),
    }


def _cell(cell: model.Cell) -> dict[str, Any]:
    out: dict[str, Any] = {"x": text(cell.text)}
    if cell.status is not None:
        out.update(x=text(cell.status.label), g=cell.status.glyph, c=cell.status.colour,
                   b=True)
    else:
        if cell.strong:
            out["b"] = True
        ink = cell.colour or (look.PALETTE["suppressed"] if cell.suppressed else None)
        if ink:
            out["c"] = ink
    if cell.detail:
        out["d"] = text(cell.detail)
    if cell.indent:
        out["i"] = cell.indent
    return out


def _table(block: model.Table) -> dict[str, Any]:
    narrow = len(block.columns) <= 2 and block.columns[0].role == "label"
    rows = [[_cell(cell) for cell in row] for row in block.rows]
    widths = column_widths([c.weight for c in block.columns], 0.62 if narrow else 1.0)
    return {"t": "table", "narrow": narrow, "caption": text(block.caption),
            "repeat": block.repeat_header, "zebra": block.zebra,
            "cols": [{"title": text(c.title), "align": c.align, "weight": c.weight}
                     for c in block.columns],
            "rows": rows, "heights": heights(rows, widths)}


def _grid(block: model.StatusGrid) -> dict[str, Any]:
    return {"t": "grid", "words": list(GRID_WORDS), "caption": text(block.caption),
            "statuses": [{"g": s.glyph, "x": text(s.label), "c": s.colour}
                         for s in block.statuses],
            "rows": [[text(name), list(counts), total] for name, counts, total in block.rows],
            "totals": list(block.totals), "total": block.total}


def _widths(headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[float]:
    """A figures table's column widths in points: each column of figures as wide as its widest
    value or heading word (a heading wraps between words, never inside one), the first column
    (the names, which may wrap) the rest; shares of the width when the figures need it all.
    A table of one or two columns of figures is kept narrow, its headings on one line."""
    frame = look.PAGE_WIDTH_PT - (look.MARGIN_LEFT_CM + look.MARGIN_RIGHT_CM) * 72 / 2.54
    narrow = len(headers) <= 3
    if narrow:
        frame *= 0.62
    needs = []
    for j, head in enumerate(headers[1:], start=1):
        words = [head] if narrow else head.split()
        words += [r[j] for r in rows if j < len(r)]
        needs.append(min(max(width_of(w, size=look.TABLE_SIZE) for w in words) + 10, 160.0))
    rest = frame - sum(needs)
    if rest >= 80:
        return [rest, *needs]
    return [w * frame / (sum(needs) + 80) for w in (80, *needs)]


def _with_limits(figures: Figures) -> Figures:
    """A value and its 95% limits in one cell, "8.4% (8.2% to 8.6%)", under one heading: the
    same figures in fewer, wider columns, which print without wrapping."""
    headers: list[str] = []
    keep: list[tuple[int, int | None]] = []  # (value column, its limits column or None)
    j = 0
    while j < len(figures.headers):
        head = figures.headers[j]
        nxt = figures.headers[j + 1] if j + 1 < len(figures.headers) else ""
        if j and nxt == f"{head}: 95% limits":
            headers.append(f"{head} (95% limits)")
            keep.append((j, j + 1))
            j += 2
        else:
            headers.append(head)
            keep.append((j, None))
            j += 1

    def cell(row: tuple[str, ...], value: int, limits: int | None) -> str:
        shown = row[value] if value < len(row) else ""
        bounds = row[limits] if limits is not None and limits < len(row) else ""
        return f"{shown} ({bounds})" if shown and bounds and bounds != MISSING else shown

    rows = tuple(tuple(cell(row, v, lim) for v, lim in keep) for row in figures.rows)
    return dataclasses.replace(figures, headers=tuple(headers), rows=rows)


def _chart(chart: model.Chart) -> dict[str, Any]:
    svg = chart_svg(chart)
    figures = _with_limits(groups_figures(chart) if chart.kind == "groups"
                           else trend_figures(chart))
    widths = _widths(figures.headers, figures.rows)
    rows = [[text(v) for v in row] for row in figures.rows]
    return {"t": "chart", "title": text(chart.title), "svg": svg,
            "alt": text(chart_summary(chart)), "caption": text(chart.description),
            "none": text(no_chart_sentence(chart)) if svg is None else "",
            "headers": [text(h) for h in figures.headers],
            "widths": widths, "rows": rows, "heights": heights(rows, widths)}


def block_data(block: model.Block, level: int) -> dict[str, Any]:
    """One block; ``level`` is its section's (a heading inside sits one level deeper)."""
    if isinstance(block, model.Heading):
        return {"t": "h", "level": min(level + 1, 6), "text": text(block.text)}
    if isinstance(block, model.Paragraph):
        return {"t": "p", "style": block.style, "text": text(block.text)}
    if isinstance(block, model.BulletList):
        return {"t": "ul", "style": block.style, "items": [text(i) for i in block.items]}
    if isinstance(block, model.Table):
        return _table(block)
    if isinstance(block, model.StatusGrid):
        return _grid(block)
    if isinstance(block, model.Chart):
        return _chart(block)
    if isinstance(block, model.Note):
        return {"t": "note", "title": text(block.title), "text": text(block.text),
                "tone": block.tone}
    if isinstance(block, model.PageBreak):
        return {"t": "break"}
    raise TypeError(f"no accessible PDF form for {type(block).__name__}")


def pack_data(briefing: model.Briefing) -> dict[str, Any]:
    """The whole pack: look, cover and sections in reading order."""
    sections = [{"key": s.key, "title": text(s.title), "footer": text(s.footer_title),
                 "level": s.level, "new_page": s.new_page,
                 "blocks": [block_data(b, s.level) for b in s.blocks]}
                for s in briefing.sections]
    return {"look": look_data(), "meta": meta_data(briefing.meta), "sections": sections}
