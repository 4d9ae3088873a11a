"""The answer to resolving one area name or code (see :mod:`names`), and the small helpers
that word its messages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one piece of text."""

    text: str  # what was given
    code: str | None  # resolved code, None when not resolved
    kind: str | None  # the store's level: "authority" | "ward" | "region" | "england"
    status: str  # "ok" | "retired" | "outside" | "ambiguous" | "unknown"
    name: str | None  # canonical name
    suggestions: tuple[str, ...]  # "did you mean" names, or the candidates when ambiguous
    message: str  # one plain sentence for reports
    level: str | None = None  # an area_levels level ("county or authority" when unsure)
    replaced: str | None = None  # the retired ward code that ``code`` succeeds

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def unknown(text: str, message: str, suggestions: tuple[str, ...] = ()) -> Resolution:
    return Resolution(text, None, None, "unknown", None, suggestions, message)


def alternatives(items: tuple[str, ...] | list[str], word: str = "or") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def a_or_an(words: str) -> str:
    return f"{'an' if words[:1].lower() in 'aeiou' or words[:2] in ('MS', 'LS') else 'a'} {words}"
