"""A filter in words, for the line above the tabs and the title lines of every export.

``filter_sentence`` gives one line ("Authorities: Birmingham, Coventry · Themes: Housing ·
Period: 2024 Q1 to 2025 Q4"); ``filter_rows`` gives every key with its words, "all" where
the key narrows nothing, for an export's "About" rows. An empty filter reads
:data:`NO_FILTER`, the words the filter panel shows when nothing is chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from mag_desktop.core.query.filters import Filter

NO_FILTER = "Showing everything: no filter"
#: The keys that hold several codes, with their heading in words.
HEADINGS: dict[str, str] = {
    "authorities": "Authorities",
    "wards": "Wards",
    "themes": "Themes",
    "statuses": "Statuses",
    "groups": "Ethnic groups",
}
Names = Callable[[str, str], str]  # (key, code) -> words, e.g. ("authorities", "E08000025")


def _code_names(key: str, code: str) -> str:
    return code


def period_words(flt: Filter) -> str:
    """"2024 Q1 to 2025 Q4", "from 2024 Q1", "up to 2025 Q4", or "" (every period)."""
    first, last = flt.period_from, flt.period_to
    if first and last:
        return first if first == last else f"{first} to {last}"
    if first:
        return f"from {first}"
    return f"up to {last}" if last else ""


def filter_rows(flt: Filter, names: Names = _code_names) -> list[tuple[str, str]]:
    """(heading, words) for every part of the filter, "all" where it narrows nothing."""
    rows = [(heading, ", ".join(names(key, c) for c in getattr(flt, key)) or "all")
            for key, heading in HEADINGS.items()]
    rows.append(("Period", period_words(flt) or "all"))
    rows.append(("Search", f"“{flt.text}”" if flt.text else "none"))
    if not flt.include_regional and (flt.authorities or flt.wards):
        rows.append(("Regional commitments", "hidden"))
    return rows


def filter_sentence(flt: Filter, names: Names = _code_names) -> str:
    """The filter as one line of words: only the parts that narrow what is shown."""
    if flt.is_empty():
        return NO_FILTER
    parts = [f"{heading}: {words}" for heading, words in filter_rows(flt, names)
             if words not in ("all", "none")]
    return " · ".join(parts)
