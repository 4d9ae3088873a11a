"""The Filter: what a member has chosen to look at, shared by the window, the CLI and the packs.

Within one key the choices are alternatives (Birmingham *or* Coventry); across keys they all
apply (Birmingham *and* Housing). An empty key means "everything". The filter is immutable:
:meth:`Filter.without` and :meth:`Filter.replace` return changed copies, so a summary of the
filter can be cleared piece by piece.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from mag_desktop.core.periods import PeriodError, parse_period

#: The keys that hold several codes, with the words a summary shows for them.
CODE_KEYS: dict[str, str] = {
    "authorities": "Authority",
    "wards": "Ward",
    "themes": "Theme",
    "statuses": "Status",
    "groups": "Ethnic group",
}
#: The keys that hold one value.
VALUE_KEYS: dict[str, str] = {"period_from": "From", "period_to": "To", "text": "Search"}
REGIONAL_KEY = "include_regional"


class FilterPart(NamedTuple):
    """One piece of a filter summary: ``Filter.without(part.key, part.value)`` clears it."""

    key: str
    value: str
    label: str


def _codes(value: object) -> tuple[str, ...]:
    """A tuple of distinct, trimmed, upper-case codes from a code, a list or a tuple."""
    if isinstance(value, str):
        items: Iterable[object] = (value,)
    elif isinstance(value, Iterable):
        items = value
    else:
        items = ()
    cleaned = (str(item).strip().upper() for item in items if item is not None)
    return tuple(dict.fromkeys(code for code in cleaned if code))


def _period(value: object) -> str | None:
    """The normalised label of a period (None for nothing); PeriodError for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_period(value).label


@dataclass(frozen=True)
class Filter:
    authorities: tuple[str, ...] = ()
    wards: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    period_from: str | None = None
    period_to: str | None = None
    text: str = ""
    include_regional: bool = True

    def __post_init__(self) -> None:
        for key in CODE_KEYS:
            object.__setattr__(self, key, _codes(getattr(self, key)))
        object.__setattr__(self, "period_from", _period(self.period_from))
        object.__setattr__(self, "period_to", _period(self.period_to))
        object.__setattr__(self, "text", " ".join(str(self.text or "").split()))
        object.__setattr__(self, "include_regional", bool(self.include_regional))

    def is_empty(self) -> bool:
        """True when nothing narrows the view (``include_regional`` alone narrows nothing)."""
        return not any(getattr(self, key) for key in (*CODE_KEYS, *VALUE_KEYS))

    def describe(self, names: Callable[[str, str], str]) -> list[FilterPart]:
        """The filter as removable pieces, e.g. FilterPart("authorities", "E08000025",
        "Authority: Birmingham"). ``names(key, code)`` turns a code into words."""
        parts = [
            FilterPart(key, code, f"{word}: {names(key, code)}")
            for key, word in CODE_KEYS.items()
            for code in getattr(self, key)
        ]
        for key, word in VALUE_KEYS.items():
            value = getattr(self, key)
            if value:
                shown = f"“{value}”" if key == "text" else value
                parts.append(FilterPart(key, value, f"{word}: {shown}"))
        if not self.include_regional and (self.authorities or self.wards):
            parts.append(FilterPart(REGIONAL_KEY, "false", "Regional commitments hidden"))
        return parts

    def without(self, key: str, value: str | None = None) -> Filter:
        """A copy with one piece removed (``value`` None clears the whole key)."""
        if key in CODE_KEYS:
            drop = None if value is None else value.strip().upper()
            kept = tuple(c for c in getattr(self, key) if drop is not None and c != drop)
            return self.replace(**{key: kept})
        if key in VALUE_KEYS:
            return self.replace(**{key: "" if key == "text" else None})
        if key == REGIONAL_KEY:
            return self.replace(include_regional=True)
        raise ValueError(f"a filter has no {key!r}; keys: {', '.join(self.keys())}")

    def replace(self, **changes: Any) -> Filter:
        """A copy with some keys changed (lists are accepted for the code keys)."""
        unknown = set(changes) - set(self.keys())
        if unknown:
            raise ValueError(f"a filter has no {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **changes)

    @staticmethod
    def keys() -> tuple[str, ...]:
        return (*CODE_KEYS, *VALUE_KEYS, REGIONAL_KEY)

    def to_dict(self, keys: Iterable[str] | None = None) -> dict[str, Any]:
        """A JSON-safe dict (lists, strings, None, bool); ``keys`` keeps only some keys, e.g.
        ("authorities", "wards", "themes") for "my authority, wards and themes"."""
        wanted = self.keys() if keys is None else tuple(keys)
        return {
            key: list(value) if isinstance(value := getattr(self, key), tuple) else value
            for key in self.keys()
            if key in wanted
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Filter:
        """Rebuild a filter from :meth:`to_dict` output, forgiving what a settings file may hold:
        unknown keys are ignored and an unreadable period is dropped."""
        data = data if isinstance(data, Mapping) else {}
        values: dict[str, Any] = {k: data[k] for k in CODE_KEYS if isinstance(data.get(k), list)}
        for key in ("period_from", "period_to"):
            try:
                values[key] = _period(data.get(key))
            except (PeriodError, TypeError):
                values[key] = None
        if isinstance(data.get("text"), str):
            values["text"] = data["text"]
        if isinstance(data.get(REGIONAL_KEY), bool):
            values[REGIONAL_KEY] = data[REGIONAL_KEY]
        return cls(**values)
