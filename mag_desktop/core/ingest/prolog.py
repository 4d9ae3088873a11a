"""The prolog of an XML part, read as a stream: refused if it declares a DOCTYPE or entities.

A DOCTYPE (and so any entity: "billion laughs", external entities) can only come before the root
element, after the XML declaration, comments and processing instructions. Those are followed
here through the whole stream, however long they are and wherever a chunk happens to cut them,
so padding the prolog with a megabyte of comment hides nothing. Reading stops at the root
element, so a part costs a few bytes whatever its size.
"""

from __future__ import annotations

#: comments and processing instructions before the root; Excel writes one, a prolog with more
#: than this is refused rather than followed one by one
MAX_ITEMS = 1000
_BOM = b"\xef\xbb\xbf"


class Unsafe(Exception):
    """The prolog declares a DOCTYPE or entities, or is unreasonably long; says which."""


class Prolog:
    """Feed a part's chunks in order; raises :class:`Unsafe`; ``done`` once the root is seen."""

    def __init__(self) -> None:
        self.done = False
        self._pending = b""
        self._inside: bytes | None = None  # the end being looked for: b"-->" or b"?>"
        self._items = 0

    def feed(self, chunk: bytes) -> None:
        if self.done:
            return
        buf = self._pending + chunk
        self._pending = b""
        pos = 3 if buf.startswith(_BOM) else 0
        while True:
            if self._inside is not None:
                end = buf.find(self._inside, pos)
                if end < 0:
                    self._pending = buf[-len(self._inside) + 1:]
                    return
                pos, self._inside = end + len(self._inside), None
                continue
            start = buf.find(b"<", pos)
            if start < 0:
                return
            if len(buf) - start < 10:  # too short to tell what it is: wait for more
                self._pending = buf[start:]
                return
            self._items += 1
            if self._items > MAX_ITEMS:
                raise Unsafe("has over 1,000 comments or instructions before its content")
            if buf.startswith(b"<!--", start):
                self._inside, pos = b"-->", start + 4
            elif buf.startswith(b"<?", start):
                self._inside, pos = b"?>", start + 2
            elif buf.startswith(b"<!", start):
                word = buf[start + 2:start + 9].upper()
                if word.startswith((b"DOCTYPE", b"ENTITY")):
                    raise Unsafe("declares XML entities (a DOCTYPE)")
                pos = start + 2
            else:
                self.done = True
                return

    def finish(self) -> None:
        """The end of the part: what was held back is read as the part's end."""
        if not self.done and self._pending:
            rest, self._pending = self._pending, b""
            self.feed(rest + b" " * 10)


def looks_like_xml(head: bytes) -> bool:
    """Whether a part's first bytes are XML (whatever the part is called)."""
    text = head[3:] if head.startswith(_BOM) else head
    if text.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16: read as XML by some readers, checked like XML
    return text.lstrip()[:1] == b"<"
