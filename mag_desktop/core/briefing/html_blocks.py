"""Briefing blocks as HTML, for the window (Qt's rich text) and any other HTML reader.

A second renderer of the renderer-neutral :mod:`.model`, beside ``pdf.py``: it lays blocks out
and adds no number and no sentence of its own, so what the window shows from a block is what
the pack prints from it. The only words it supplies are the status grid's frame ("Theme",
"Total", "All chosen themes"), the same as the PDF's. Everything is escaped.

Qt's rich text understands a subset of HTML 4 and CSS 2: tables with ``cellpadding`` and
``bgcolor``, ``align`` on cells, colours and weights in ``style``; this module keeps to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from mag_desktop.core.briefing import look, model
from mag_desktop.core.briefing.pack_words import GRID_WORDS

#: The pack's palette (:mod:`.look`, plain data: the window need not load reportlab).
_P = look.PALETTE
NAVY, INK, MUTED, RULE = _P["navy"], _P["ink"], _P["muted"], _P["rule"]
HEADER_FILL, ZEBRA, NOTE_FILL, CAUTION_FILL = (_P["header_fill"], _P["zebra"], _P["note_fill"],
                                               _P["caution_fill"])
CAUTION, SUPPRESSED, ZERO = _P["caution"], _P["suppressed"], _P["zero"]
_ZERO = f"<span style='color:{ZERO}'>0</span>"  # a zero is shown, in grey, as the PDF does
STYLE = f"""
<style>
 body {{ font-size: 11pt; color: {INK}; }}
 h1 {{ color: {NAVY}; font-size: 18pt; margin-top: 6px; margin-bottom: 6px; }}
 h2 {{ color: {NAVY}; font-size: 14pt; margin-top: 14px; margin-bottom: 4px; }}
 h3 {{ color: {NAVY}; font-size: 12pt; margin-top: 12px; margin-bottom: 4px; }}
 p.lead {{ font-size: 13pt; margin-bottom: 8px; }}
 p.small, p.caption {{ color: {MUTED}; font-size: 10pt; }}
 p.sentence {{ font-size: 11pt; }}
 table.grid {{ border-collapse: collapse; margin-top: 4px; }}
 table.grid th {{ background-color: {HEADER_FILL}; color: {NAVY}; font-weight: bold; }}
 table.grid th, table.grid td {{ border: 1px solid {RULE}; padding: 4px 8px; }}
 tr.total td {{ background-color: {HEADER_FILL}; font-weight: bold; }}
 span.detail {{ color: {MUTED}; font-size: 10pt; }}
 a {{ color: {NAVY}; }}
</style>
"""


def _text(text: str) -> str:
    return escape(text)


def _paragraph(block: model.Paragraph) -> str:
    return f"<p class='{block.style}'>{_text(block.text)}</p>"


def _bullets(block: model.BulletList) -> str:
    items = "".join(f"<li>{_text(item)}</li>" for item in block.items)
    return f"<ul>{items}</ul>"


def _cell(cell: model.Cell, column: model.Column, tag: str = "td") -> str:
    if cell.status is not None:
        mark = cell.status
        body = (f"<span style='color:{mark.colour}'>{_text(mark.glyph)}</span> "
                f"<b>{_text(mark.label)}</b>")
    else:
        colour = cell.colour or (SUPPRESSED if cell.suppressed else None)
        body = _text(cell.text)
        if cell.strong:
            body = f"<b>{body}</b>"
        if colour:
            body = f"<span style='color:{colour}'>{body}</span>"
    if cell.detail:
        body += f"<br/><span class='detail'>{_text(cell.detail)}</span>"
    indent = f" style='padding-left:{8 + 14 * cell.indent}px'" if cell.indent else ""
    return f"<{tag} align='{_align(column.align)}'{indent}>{body}</{tag}>"


def _align(align: str) -> str:
    return "center" if align == "centre" else align


def _caption(text: str) -> str:
    return f"<p class='caption'>{_text(text)}</p>" if text else ""


def _table(block: model.Table) -> str:
    head = "".join(f"<th align='{_align(c.align)}'>{_text(c.title)}</th>"
                   for c in block.columns)
    rows = []
    for i, row in enumerate(block.rows):
        fill = f" bgcolor='{ZEBRA}'" if block.zebra and i % 2 else ""
        cells = "".join(_cell(cell, column) for cell, column in
                        zip(row, block.columns, strict=True))
        rows.append(f"<tr{fill}>{cells}</tr>")
    return (f"<table class='grid'><tr>{head}</tr>{''.join(rows)}</table>"
            f"{_caption(block.caption)}")


def _grid(block: model.StatusGrid) -> str:
    theme, total, all_themes = GRID_WORDS
    bottom = "align='center' valign='bottom'"
    head = f"<th align='left' valign='bottom'>{theme}</th>" + "".join(
        f"<th {bottom}><span style='color:{s.colour}'>{_text(s.glyph)}</span><br/>"
        f"{_text(s.label)}</th>" for s in block.statuses) + f"<th {bottom}>{total}</th>"
    rows = []
    for i, (name, counts, row_total) in enumerate(block.rows):
        fill = f" bgcolor='{ZEBRA}'" if i % 2 else ""
        cells = "".join(f"<td align='center'>{_ZERO if n == 0 else f'{n:,}'}</td>"
                        for n in counts)
        rows.append(f"<tr{fill}><td>{_text(name)}</td>{cells}"
                    f"<td align='center'><b>{row_total:,}</b></td></tr>")
    totals = "".join(f"<td align='center'>{n:,}</td>" for n in block.totals)
    rows.append(f"<tr class='total'><td>{all_themes}</td>{totals}"
                f"<td align='center'>{block.total:,}</td></tr>")
    return (f"<table class='grid'><tr>{head}</tr>{''.join(rows)}</table>"
            f"{_caption(block.caption)}")


def _note(block: model.Note) -> str:
    caution = block.tone == "caution"
    title = (f"<b style='color:{CAUTION if caution else NAVY}'>{_text(block.title)}</b><br/>"
             if block.title else "")
    fill = CAUTION_FILL if caution else NOTE_FILL
    return (f"<table width='100%' cellpadding='8' bgcolor='{fill}'>"
            f"<tr><td>{title}{_text(block.text)}</td></tr></table>")


def block_html(block: model.Block) -> str:
    """One block as HTML; a chart becomes its plain-words description, a page break nothing."""
    if isinstance(block, model.Heading):
        level = min(max(block.level, 1), 3)
        return f"<h{level}>{_text(block.text)}</h{level}>"
    if isinstance(block, model.Paragraph):
        return _paragraph(block)
    if isinstance(block, model.BulletList):
        return _bullets(block)
    if isinstance(block, model.Table):
        return _table(block)
    if isinstance(block, model.StatusGrid):
        return _grid(block)
    if isinstance(block, model.Note):
        return _note(block)
    if isinstance(block, model.Chart):
        return f"<p class='small'>{_text(block.description or block.title)}</p>"
    return ""


def blocks_html(blocks: Iterable[model.Block]) -> str:
    return "".join(block_html(block) for block in blocks)


def section_html(section: model.Section) -> str:
    """A section's title (as a heading of its level) and its blocks."""
    level = min(max(section.level, 1), 3)
    return f"<h{level}>{_text(section.title)}</h{level}>{blocks_html(section.blocks)}"
