"""The structure tree of a tagged PDF in reading order, as a screen reader meets it: each
element's role with its text (or its alternative text), one line per element, indented by depth.

    python tests/briefing/pdf_structure.py FILE.pdf           # the whole tree
    python tests/briefing/pdf_structure.py FILE.pdf --roles H1 H2 Figure

Text is read from the marked content each element owns (``/MCID`` on its page), decoded with
the fonts' ``ToUnicode`` maps, so what is printed is what a reader would hear. It needs only
pikepdf and imports nothing from ``mag_desktop``: any tagged PDF will do.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf

_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


@dataclass(frozen=True)
class Node:
    depth: int
    role: str
    text: str  # the text of the marked content it owns directly (not its children's)
    alt: str  # /Alt, e.g. a figure's alternative text
    title: str  # /T, e.g. a heading's title

    @property
    def words(self) -> str:
        return self.alt or self.text or self.title


def _unicode_map(font: pikepdf.Object) -> dict[bytes, str]:
    """A font's ToUnicode map: character code (bytes) to text."""
    found: dict[bytes, str] = {}
    if "/ToUnicode" not in font:
        return found
    cmap = font.ToUnicode.read_bytes()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, uni in _PAIR.findall(block):
            found[bytes.fromhex(code.decode())] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, start in _RANGE.findall(block):
            first, last, base = int(lo, 16), int(hi, 16), int(start, 16)
            for k in range(last - first + 1):
                found[(first + k).to_bytes(len(lo) // 2, "big")] = chr(base + k)
    return found


def _decode(data: bytes, cmap: dict[bytes, str]) -> str:
    width = len(next(iter(cmap))) if cmap else 1
    return "".join(cmap.get(data[i:i + width], "") for i in range(0, len(data), width))


def page_texts(page: pikepdf.Page) -> dict[int, str]:
    """The text of each marked-content id on a page."""
    resources: Any = page.obj.get("/Resources")
    fonts: Any = resources.get("/Font") if resources is not None else None
    maps = {str(name): _unicode_map(font) for name, font in (fonts or {}).items()}
    texts: dict[int, list[str]] = {}
    stack: list[int | None] = []
    cmap: dict[bytes, str] = {}
    for instruction in pikepdf.parse_content_stream(page):
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            continue  # an inline image holds no text
        operands, op = instruction.operands, str(instruction.operator)
        if op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" and len(operands) > 1 else None
            mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
            stack.append(int(mcid) if mcid is not None else None)
        elif op == "EMC" and stack:
            stack.pop()
        elif op == "Tf":
            cmap = maps.get(str(operands[0]), {})
        elif op in ("Tj", "TJ", "'", '"'):
            current = next((m for m in reversed(stack) if m is not None), None)
            if current is None:
                continue
            parts = operands[-1] if op == "TJ" else [operands[-1]]
            for part in parts:
                if isinstance(part, pikepdf.String):
                    texts.setdefault(current, []).append(_decode(bytes(part), cmap))
    return {k: "".join(v) for k, v in texts.items()}


def walk(pdf: pikepdf.Pdf) -> Iterator[Node]:
    """Every structure element in reading order, depth first."""
    pages: dict[tuple[int, int], dict[int, str]] = {}

    def text_of(page: pikepdf.Object, mcid: int) -> str:
        key = page.objgen
        if key not in pages:
            pages[key] = page_texts(pikepdf.Page(page))
        return pages[key].get(mcid, "")

    def visit(element: Any, depth: int, page: Any) -> Iterator[Node]:
        page = element.get("/Pg", page)
        held = element.get("/K")
        kids = list(held) if isinstance(held, pikepdf.Array) else [] if held is None else [held]
        own: list[str] = []
        children: list[pikepdf.Object] = []
        for kid in kids:
            if isinstance(kid, int) and page is not None:
                own.append(text_of(page, kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                own.append(text_of(kid.get("/Pg", page), int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                children.append(kid)
        yield Node(depth, str(element.S)[1:], "".join(own).strip(),
                   str(element.get("/Alt", "")), str(element.get("/T", "")))
        for child in children:
            yield from visit(child, depth + 1, page)

    root = pdf.Root.StructTreeRoot.K
    for top in (list(root) if isinstance(root, pikepdf.Array) else [root]):
        yield from visit(top, 0, None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--roles", nargs="*", help="print only these roles (flat)")
    args = parser.parse_args(argv)
    with pikepdf.open(args.file) as pdf:
        for node in walk(pdf):
            if args.roles and node.role not in args.roles:
                continue
            indent = "" if args.roles else "  " * node.depth
            words = f": {node.words}" if node.words else ""
            print(f"{indent}{node.role}{words}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
