"""The frame of an HTML pack: escaping, the stylesheet (screen and print), the head, the cover
and the contents. The blocks are laid out by :mod:`.html_pack`.

The page is one self-contained file: no script, no external address of any kind (fonts are
named, never fetched), colours and sizes from :mod:`.look`, so it matches the printed pack.
Every text from the model is escaped, stripped of characters HTML forbids, and isolated when
it holds bidirectional controls, so a stray right-to-left override cannot reorder the page.
"""

from __future__ import annotations

import re
from html import escape

from mag_desktop.core.briefing import look, model
from mag_desktop.core.briefing.pack_words import AUTHOR, status_legend, subject
from mag_desktop.core.briefing.pdf_story import cover_facts
from mag_desktop.core.query.illustrative import DETAIL, NOTICE

FAMILY = f'"{look.FONT_FAMILY}", Verdana, sans-serif'
_FORBIDDEN = dict.fromkeys([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), *range(0x7F, 0xA0)])
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_HEX = re.compile("#[0-9A-Fa-f]{6}")


def clean(text: str) -> str:
    """Text without the control characters HTML may not hold."""
    return str(text).translate(_FORBIDDEN)


def t(text: str) -> str:
    """Text escaped for HTML content; wrapped in ``<bdi>`` when it holds direction controls."""
    out = escape(clean(text))
    return f"<bdi>{out}</bdi>" if _BIDI.search(out) else out


def attr(text: str) -> str:
    """Text escaped for an attribute value, direction controls removed."""
    return escape(_BIDI.sub("", clean(text)), quote=True)


def hex_colour(value: str | None) -> str | None:
    """A "#RRGGBB" colour from the model, or ``None`` for anything else."""
    return value if value and _HEX.fullmatch(value) else None


def _css_string(text: str) -> str:
    """A CSS string literal: every character outside plain letters, digits and spaces is
    written as a hex escape, so no quote or ``</style>`` can close it."""
    return '"' + "".join(c if (c.isalnum() and c.isascii()) or c == " " else f"\\{ord(c):x} "
                         for c in clean(text)) + '"'


def stylesheet(marking: str) -> str:
    p = look.PALETTE
    h = look.HEADING_SIZES
    mark = (f"@page {{ @top-right {{ content: {_css_string(marking)}; font-family: {FAMILY};"
            f" font-size: {look.FOOTER_SIZE}pt; color: {p['navy']}; }} }}") if marking else ""
    return f"""
html {{ font-family: {FAMILY}; font-size: {look.BODY_SIZE}pt; color: {p['ink']};
  line-height: 1.4; background: #FFFFFF; }}
body {{ max-width: 60rem; margin: 0 auto; padding: 0 1.5rem 3rem; overflow-wrap: break-word; }}
h1, h2, h3, h4, h5, h6 {{ color: {p['navy']}; line-height: 1.25; margin: 1.2em 0 0.4em; }}
h1 {{ font-size: {h[1]}pt; }} h2 {{ font-size: {h[2]}pt; }} h3 {{ font-size: {h[3]}pt; }}
h4, h5, h6 {{ font-size: {h[4]}pt; }}
p.lead {{ font-size: 12pt; }}
p.small, p.caption, .key {{ color: {p['muted']}; font-size: 10pt; }}
.marking {{ text-align: right; font-weight: bold; color: {p['navy']}; margin: 0.5rem 0; }}
.cover {{ border-top: 0.6rem solid {p['cover_band']}; padding-top: 0.5rem; }}
.cover .org {{ color: {p['muted']}; margin: 0.1rem 0; }}
.cover .sub {{ font-size: 15pt; margin: 1rem 0 0; }}
.cover h1 {{ font-size: 28pt; margin-top: 0.2rem; }}
dl.facts {{ display: grid; grid-template-columns: 9rem 1fr; border-top: 1px solid {p['rule']};
  margin: 1rem 0; }}
dl.facts dt, dl.facts dd {{ margin: 0; padding: 0.4rem 0; border-bottom: 1px solid {p['rule']}; }}
dl.facts dt {{ color: {p['muted']}; }}
dl.facts dd {{ font-weight: bold; color: {p['navy']}; font-size: 12pt; }}
.notice {{ border: 2px solid {p['caution']}; background: {p['caution_fill']};
  color: {p['caution']}; padding: 0.5rem 0.8rem; border-radius: 4px; }}
.notice strong {{ font-size: 14pt; }}
nav.contents ol {{ list-style: none; padding-left: 1.2rem; margin: 0.1rem 0; }}
nav.contents > ol {{ padding-left: 0; }}
nav.contents a {{ color: {p['navy']}; }}
a {{ color: {p['navy']}; }}
a.skip {{ position: absolute; left: -100rem; }}
a.skip:focus {{ position: static; display: inline-block; margin: 0.5rem 0; }}
.table-wrap {{ max-width: 100%; overflow-x: auto; margin: 0.4rem 0 0.8rem; }}
table {{ border-collapse: collapse; font-size: {look.TABLE_SIZE}pt; width: 100%; }}
caption {{ caption-side: bottom; text-align: left; color: {p['muted']}; font-size: 10pt;
  padding: 0.2rem 0; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.2rem 0.35rem;
  border-bottom: 1px solid {p['rule']}; overflow-wrap: break-word; }}
table.fixed {{ table-layout: fixed; }}
thead th {{ background: {p['header_fill']}; color: {p['navy']}; vertical-align: bottom;
  border-bottom: 2px solid {p['navy']}; }}
tbody th {{ font-weight: normal; }}
tbody tr:nth-child(even) {{ background: {p['zebra']}; }}
table.plain tbody tr {{ background: none; }}
tfoot td, tfoot th {{ background: {p['header_fill']}; font-weight: bold;
  border-top: 2px solid {p['navy']}; }}
.right {{ text-align: right; }} .centre {{ text-align: center; }}
.indent1 {{ padding-left: 1.2rem; }} .indent2 {{ padding-left: 2rem; }}
.strong {{ font-weight: bold; }}
.detail {{ display: block; color: {p['muted']}; }}
.status {{ font-weight: bold; white-space: nowrap; }}
.suppressed, abbr.marker {{ color: {p['suppressed']}; font-weight: bold; }}
abbr.marker {{ text-decoration: underline dotted; }}
.zero {{ color: {p['zero']}; }}
.note {{ background: {p['note_fill']}; border-left: 3px solid {p['navy']};
  padding: 0.4rem 0.8rem; margin: 0.6rem 0; }}
.note.caution {{ background: {p['caution_fill']}; border-left-color: {p['caution']}; }}
.note p {{ margin: 0.2rem 0; }}
figure.chart {{ margin: 0.8rem 0 1.2rem; }}
figure.chart figcaption {{ margin-bottom: 0.4rem; }}
figure.chart .chart-title {{ display: block; font-weight: bold; color: {p['navy']};
  font-size: {h[4]}pt; }}
.chart-body svg {{ display: block; width: 100%; max-width: 40rem; height: auto;
  margin-bottom: 0.4rem; }}
.chart-body table {{ font-size: 9pt; }}
.chart-body td.right {{ white-space: nowrap; }}
p.no-chart {{ border-left: 3px solid {p['rule']}; padding-left: 0.6rem; }}
@page {{ size: A4; margin: {look.MARGIN_TOP_CM}cm {look.MARGIN_RIGHT_CM}cm
  {look.MARGIN_BOTTOM_CM}cm {look.MARGIN_LEFT_CM}cm; }}
{mark}
@media print {{
  html {{ font-size: {look.BODY_SIZE}pt; }}
  body {{ max-width: none; padding: 0; }}
  nav.contents, section.level-1, section.new-page, .page-break {{ break-before: page; }}
  h1, h2, h3, h4, h5, h6, caption, figcaption {{ break-after: avoid; }}
  tr, figure.chart, .note, dl.facts div {{ break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  .table-wrap {{ overflow: visible; }}
  a {{ color: inherit; text-decoration: none; }}
  a.skip {{ display: none; }}
}}
"""


def head(meta: model.BriefingMeta) -> str:
    return ('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(clean(meta.title))}</title>\n"
            f'<meta name="generator" content="{attr(AUTHOR)}">\n'
            f'<meta name="mag:audience-code" content="{attr(meta.audience.code)}">\n'
            f'<meta name="mag:data-version" content="{int(meta.data_version)}">\n'
            f'<meta name="description" content="{attr(subject(meta))}">\n'
            f"<style>{stylesheet(meta.marking)}</style>\n</head>\n")


def cover(meta: model.BriefingMeta) -> str:
    """The cover's facts in the printed cover's order, the marking first."""
    area = meta.audience
    subtitle = (f"Ward pack · a ward of {area.authority_name}" if area.level == "ward"
                else "Authority pack")
    parts = ['<header class="cover">']
    if meta.marking:
        parts.append(f'<p class="marking">{t(meta.marking)}</p>')
    parts += ['<p class="org">West Midlands Combined Authority · Race Equalities Taskforce</p>',
              '<p class="org">Members Advisory Group briefing</p>',
              f'<p class="sub">{t(subtitle)}</p>', f'<h1 id="cover">{t(area.name)}</h1>']
    if meta.illustrative:
        parts.append(f'<div class="notice" role="note"><p><strong>⚠ {t(NOTICE)}</strong></p>'
                     f"<p>{t(DETAIL)}</p></div>")
    facts = "".join(f"<div><dt>{t(label)}</dt><dd>{t(value)}</dd></div>"
                    for label, value in cover_facts(meta))
    parts += [f'<dl class="facts">{facts}</dl>', f'<p class="small">{t(status_legend())}</p>',
              "</header>"]
    return "\n".join(parts)


def contents(sections: tuple[model.Section, ...]) -> str:
    """The contents as nested lists by level, each entry a link to its section."""
    parts = ['<nav class="contents" aria-labelledby="contents">',
             '<h1 id="contents">Contents</h1>']
    depth = 0
    for section in sections:
        level = max(1, min(section.level, depth + 1))
        if level > depth:
            parts.append("<ol>")
        else:
            parts.append("</li>" + "</ol></li>" * (depth - level))
        depth = level
        parts.append(f'<li><a href="#{attr(section_id(section))}">{t(section.title)}</a>')
    parts.append("</li>" + "</ol></li>" * (depth - 1) + "</ol>" if depth else "")
    parts.append("</nav>")
    return "\n".join(parts)


def section_id(section: model.Section) -> str:
    """The section's anchor: its key, made safe for an id (no spaces)."""
    return "s-" + re.sub(r"[^A-Za-z0-9_.:-]", "-", section.key)
