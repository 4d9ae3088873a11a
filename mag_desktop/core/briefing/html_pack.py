"""Render a :class:`Briefing` as one self-contained HTML5 file: the printed pack's twin.

The same reading order as the PDF (cover, contents, then every section's blocks), headings by
level that never skip one (h1 part, h2 theme, h3 indicator, a heading inside a section one
level below its section), tables with captions and header cells scoped to their column or
row, status by shape and word as well as colour, suppressed figures as their marker with its
meaning, and every chart as inline SVG in a figure with its plain-words summary and its data
table beside it. A chart with no value is replaced by a sentence saying so. A print
stylesheet lays it out on A4. No script, no address outside the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from mag_desktop.core import vocab
from mag_desktop.core.briefing import model
from mag_desktop.core.briefing.chart_figures import (
    Figures,
    groups_figures,
    no_chart_sentence,
    trend_figures,
)
from mag_desktop.core.briefing.html_page import (
    attr,
    contents,
    cover,
    head,
    hex_colour,
    section_id,
    t,
)
from mag_desktop.core.briefing.pack_words import GRID_WORDS
from mag_desktop.core.briefing.pdf import RenderResult
from mag_desktop.core.briefing.svg_charts import chart_svg

_ALIGN = {"right": ' class="right"', "centre": ' class="centre"', "left": ""}
_ROW_NAMES = ("number", "date")  # a first column of these roles does not name its row
_ZERO = '<span class="zero">0</span>'  # a zero is shown, in grey, as the PDF does


class _Page:
    """What one render gathers as it goes: the markup, a counter for unique ids, the
    suppression markers met in the current table (for its key) and the charts drawn."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.figures = 0
        self.drawn = 0
        self.markers: set[str] = set()

    def next_id(self) -> str:
        self.figures += 1
        return f"fig{self.figures}"


def _marker(text: str, page: _Page) -> str:
    meaning = vocab.suppression_markers().get(text.strip())
    if meaning is None:
        return f'<span class="suppressed">{t(text)}</span>'
    page.markers.add(text.strip())
    return f'<abbr class="marker" title="{attr(meaning)}">{t(text)}</abbr>'


def _status(mark: model.StatusMark) -> str:
    colour = hex_colour(mark.colour)
    style = f' style="color:{colour}"' if colour else ""
    return (f'<span class="status"><span aria-hidden="true"{style}>{t(mark.glyph)}</span> '
            f"{t(mark.label)}</span>")


def _cell(cell: model.Cell, column: model.Column, page: _Page, header: bool) -> str:
    if cell.status is not None:
        body = _status(cell.status)
    elif cell.suppressed:
        body = _marker(cell.text, page)
    else:
        body = t(cell.text)
        colour = hex_colour(cell.colour)
        if colour:
            body = f'<span style="color:{colour}">{body}</span>'
    if cell.strong and cell.status is None:
        body = f'<span class="strong">{body}</span>'
    if cell.detail:
        body += f'<span class="detail">{t(cell.detail)}</span>'
    classes = [c for c in ({"right": "right", "centre": "centre"}.get(column.align, ""),
                           f"indent{min(cell.indent, 2)}" if cell.indent else "") if c]
    klass = f' class="{" ".join(classes)}"' if classes else ""
    if header:
        return f'<th scope="row"{klass}>{body}</th>'
    return f"<td{klass}>{body}</td>"


def _key(page: _Page) -> str:
    """The meanings of the markers a table showed, in words under it."""
    if not page.markers:
        return ""
    meanings = vocab.suppression_markers()
    items = "; ".join(f"{t(m)} means {t(meanings[m])}" for m in sorted(page.markers))
    page.markers.clear()
    return f'<p class="key">Key: {items}.</p>'


def _table(block: model.Table, page: _Page, fallback: str) -> str:
    names_rows = bool(block.columns) and block.columns[0].role not in _ROW_NAMES
    head = "".join(f'<th scope="col"{_ALIGN.get(c.align, "")}>{t(c.title)}</th>'
                   for c in block.columns)
    rows = []
    for row in block.rows:
        cells = "".join(_cell(cell, column, page, names_rows and j == 0)
                        for j, (cell, column) in enumerate(zip(row, block.columns, strict=True)))
        rows.append(f"<tr>{cells}</tr>")
    # Fixed widths from the model's shares, as in the PDF, so a long token wraps in its cell
    # rather than widening the table past the page.
    total = sum(c.weight for c in block.columns) or 1.0
    cols = "".join(f'<col style="width: {100 * c.weight / total:.1f}%">' for c in block.columns)
    klass = "fixed" if block.zebra else "fixed plain"
    return (f'<div class="table-wrap"><table class="{klass}"><caption>'
            f"{t(block.caption or fallback)}</caption><colgroup>{cols}</colgroup>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
            f"{_key(page)}")


def _grid(block: model.StatusGrid, fallback: str) -> str:
    theme, total, all_themes = GRID_WORDS
    head = f'<th scope="col">{theme}</th>' + "".join(
        f'<th scope="col" class="centre">{_status(s)}</th>' for s in block.statuses
    ) + f'<th scope="col" class="centre">{total}</th>'
    rows = []
    for name, counts, row_total in block.rows:
        cells = "".join(f'<td class="centre">{_ZERO if n == 0 else f"{n:,}"}</td>'
                        for n in counts)
        rows.append(f'<tr><th scope="row">{t(name)}</th>{cells}'
                    f'<td class="centre strong">{row_total:,}</td></tr>')
    totals = "".join(f'<td class="centre">{n:,}</td>' for n in block.totals)
    return (f'<div class="table-wrap"><table><caption>{t(block.caption or fallback)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
            f'<tfoot><tr><th scope="row">{all_themes}</th>{totals}'
            f'<td class="centre">{block.total:,}</td></tr></tfoot></table></div>')


def _figures_table(figures: Figures, page: _Page) -> str:
    head = "".join(f'<th scope="col">{t(h)}</th>' for h in figures.headers)
    rows = []
    for row in figures.rows:
        cells = [f'<th scope="row">{t(row[0])}</th>'] + [
            f'<td class="right">{_marker(v, page) if _is_marker(v) else t(v)}</td>'
            for v in row[1:]]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<div class="table-wrap"><table><caption>Figures: {t(figures.title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _is_marker(value: str) -> bool:
    return value.strip() in vocab.suppression_markers()


def _chart(chart: model.Chart, page: _Page) -> str:
    ident = page.next_id()
    figures = groups_figures(chart) if chart.kind == "groups" else trend_figures(chart)
    svg = chart_svg(chart, id_prefix=ident)
    if svg is None:
        return f'<p class="no-chart" id="{ident}">{t(no_chart_sentence(chart))}</p>'
    page.drawn += 1
    words = f" {t(chart.description)}" if chart.description else ""
    return (f'<figure class="chart" id="{ident}" aria-labelledby="{ident}-caption">'
            f'<figcaption id="{ident}-caption"><span class="chart-title">{t(chart.title)}'
            f"</span>{words}</figcaption>"
            f'<div class="chart-body">{svg}{_figures_table(figures, page)}</div>{_key(page)}'
            "</figure>")


def _block(block: model.Block, level: int, page: _Page, fallback: str) -> str:
    if isinstance(block, model.Paragraph):
        return f'<p class="{block.style}">{t(block.text)}</p>'
    if isinstance(block, model.Heading):
        n = min(level + 1, 6)
        return f"<h{n}>{t(block.text)}</h{n}>"
    if isinstance(block, model.BulletList):
        return "<ul>" + "".join(f"<li>{t(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, model.Table):
        return _table(block, page, fallback)
    if isinstance(block, model.StatusGrid):
        return _grid(block, fallback)
    if isinstance(block, model.Chart):
        return _chart(block, page)
    if isinstance(block, model.Note):
        tone = " caution" if block.tone == "caution" else ""
        title = f"<p><strong>{t(block.title)}</strong></p>" if block.title else ""
        return f'<div class="note{tone}" role="note">{title}<p>{t(block.text)}</p></div>'
    if isinstance(block, model.PageBreak):
        return '<div class="page-break"></div>'
    raise TypeError(f"no HTML form for {type(block).__name__}")


def _section(section: model.Section, page: _Page) -> str:
    level = max(1, min(section.level, 3))
    ident = section_id(section)
    classes = f"level-{level}" + (" new-page" if section.new_page else "")
    parts = [f'<section class="{classes}" aria-labelledby="{ident}">',
             f'<h{level} id="{ident}">{t(section.title)}</h{level}>']
    heading = section.title
    for block in section.blocks:
        if isinstance(block, model.Heading):
            heading = block.text
        parts.append(_block(block, level, page, heading))
    parts.append("</section>")
    return "\n".join(parts)


def html_document(briefing: model.Briefing) -> tuple[str, int]:
    """The whole page as text, and the number of charts drawn."""
    page = _Page()
    parts = [head(briefing.meta), "<body>",
             '<a class="skip" href="#main">Skip to the briefing</a>', cover(briefing.meta),
             contents(briefing.sections), '<main id="main">']
    parts += [_section(section, page) for section in briefing.sections]
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts), page.drawn


def render_html(briefing: model.Briefing, out: str | Path | BinaryIO) -> RenderResult:
    """Write the briefing as one UTF-8 HTML file to a path or a binary file object."""
    text, drawn = html_document(briefing)
    data = text.encode("utf-8", "replace")
    if isinstance(out, str | Path):
        Path(out).write_bytes(data)
    else:
        out.write(data)
    return RenderResult(pages=0, charts=drawn, section_pages={})
