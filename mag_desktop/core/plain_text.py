"""Text that every output can hold: what a person types (a meeting's name, a marking) and what
a renderer writes into XML, SVG, HTML or Typst.

Control characters (C0 but tab, line feed and carriage return; DEL; C1), the non-characters
U+FFFE and U+FFFF and lone surrogates cannot be written to XML at all, and Typst refuses a
PDF/UA document holding one; bidirectional overrides and isolates make text display other than
it reads; zero-width characters make two equal-looking names differ. Imported text loses them
on the way in (with a warning, in :mod:`mag_desktop.core.ingest.textcheck`); these functions
guard the text that does not come through an import.
"""

from __future__ import annotations

import re

#: never valid in XML 1.0, so never in an SVG, an HTML file or a tagged PDF's text
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
#: direction controls and zero-width characters
INVISIBLE = re.compile("[\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069\u061c\ufeff]")


def writable(text: str) -> str:
    """``text`` without the characters XML cannot hold (everything else kept)."""
    return UNWRITABLE.sub("", str(text))


def one_line(text: str) -> str:
    """Text a person typed for one line of a document: unwritable and invisible characters
    removed, runs of white space (tabs and line breaks too) made one space, ends trimmed."""
    return " ".join(INVISIBLE.sub("", writable(text)).split())
