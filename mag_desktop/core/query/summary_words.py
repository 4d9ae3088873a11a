"""The summary's small words: counts whose nouns agree with their numbers, lists joined with
"and", a list cut short after a few names with "and N more", and sentences cut into pieces whose
counts lead to the commitments they count (:class:`~.selections.Selection`)."""

from __future__ import annotations

from collections.abc import Sequence

from mag_desktop.core.query.selections import Selection

LISTED = 4  # names given in a sentence before "and N more"
#: A sentence in pieces: each piece's text, and the commitments it counts (None for words).
#: The pieces joined are the sentence.
Linked = tuple[tuple[str, Selection | None], ...]


def count_of(n: int, singular: str, plural: str | None = None) -> str:
    """"1 commitment", "2 commitments", "1,204 indicators"."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def and_(words: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def listing(items: Sequence[str]) -> str:
    """The first :data:`LISTED` items, then "and N more" when there are at least two more
    (one more is named: "and 1 more" would hide it behind as many words as its name)."""
    if len(items) <= LISTED + 1:
        return "; ".join(items)
    return f"{'; '.join(items[:LISTED])} and {len(items) - LISTED:,} more"


def linked(sentence: str, *counted: tuple[str, Selection]) -> Linked:
    """``sentence`` cut around each (phrase, selection), in order; a phrase not found is left
    as words."""
    pieces: list[tuple[str, Selection | None]] = []
    rest = sentence
    for phrase, selection in counted:
        at = rest.find(phrase)
        if at < 0:
            continue
        if at:
            pieces.append((rest[:at], None))
        pieces.append((phrase, selection))
        rest = rest[at + len(phrase):]
    if rest:
        pieces.append((rest, None))
    return tuple(pieces)
