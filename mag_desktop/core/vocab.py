"""Vocabularies loaded from ``resources/reference``: themes, principles, statuses, markers."""

from __future__ import annotations

import csv
import json
import re
from functools import cache

from mag_desktop.core.domain import GuidingPrinciple, Status, Theme
from mag_desktop.paths import resource_path


@cache
def themes() -> tuple[Theme, ...]:
    """The 5 thematic action areas then the 3 cross-cutting priorities, in the strategy's order."""
    raw = json.loads(resource_path("reference", "themes.json").read_text(encoding="utf-8"))
    return tuple(
        Theme(
            code=t["code"],
            kind=t["kind"],
            name=t["name"],
            short_name=t["short_name"],
            mission=t["mission"],
            priorities=tuple(t["priorities"]),
        )
        for t in raw["themes"]
    )


@cache
def principles() -> tuple[GuidingPrinciple, ...]:
    raw = json.loads(resource_path("reference", "themes.json").read_text(encoding="utf-8"))
    return tuple(GuidingPrinciple(p["code"], p["name"]) for p in raw["principles"])


def theme(code: str) -> Theme:
    for t in themes():
        if t.code == code:
            return t
    raise KeyError(f"no theme with code {code!r}")


@cache
def statuses() -> tuple[Status, ...]:
    """Statuses in order of progress (Not started … Complete, then Closed and Withdrawn)."""
    with resource_path("reference", "statuses.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return tuple(
        Status(
            code=r["code"],
            label=r["label"],
            colour=r["colour"],
            shape=r["shape"],
            glyph=r["glyph"],
            rank=int(r["rank"]),
            open=r["open"] == "true",
        )
        for r in rows
    )


def status(code: str) -> Status:
    for s in statuses():
        if s.code == code:
            return s
    raise KeyError(f"no status with code {code!r}")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@cache
def suppression_markers() -> dict[str, str]:
    """Marker → meaning, e.g. "[c]" → "confidential: …"."""
    with resource_path("reference", "suppression_markers.csv").open(
        encoding="utf-8", newline=""
    ) as f:
        return {r["marker"]: r["meaning"] for r in csv.DictReader(f)}


@cache
def confidential_markers() -> frozenset[str]:
    """The markers of figures withheld to protect people ("[c]", "*", "c"): the ones disclosure
    control must keep unknowable (a "not available" figure has nothing to protect)."""
    with resource_path("reference", "suppression_markers.csv").open(
        encoding="utf-8", newline=""
    ) as f:
        return frozenset(r["marker"] for r in csv.DictReader(f) if r["kind"] == "confidential")


def match_marker(text: object) -> str | None:
    """The suppression marker a cell holds ("[c]", "..", "#N/A"), or None for anything else."""
    if not isinstance(text, str):
        return None
    cleaned = text.strip()
    markers = suppression_markers()
    if cleaned in markers:
        return cleaned
    lowered = cleaned.lower()
    for marker in markers:
        if marker.lower() == lowered:
            return marker
    return None


@cache
def _theme_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for t in themes():
        for name in (t.code, t.name, t.short_name):
            index[_key(name.replace("&", " and "))] = t.code
    index[_key("jobs")] = "JOBS"
    index[_key("skills")] = "JOBS"
    index[_key("health")] = "HEALTH"
    index[_key("housing")] = "HOUSING"
    index[_key("justice")] = "JUSTICE"
    index[_key("data")] = "DATA"
    index[_key("leadership")] = "LEADERSHIP"
    index[_key("cultural intelligence")] = "CULTURE"
    return index


def match_theme(text: object) -> Theme | None:
    """The theme a partner's word means: its code, full name or short name, any case."""
    if not isinstance(text, str):
        return None
    code = _theme_index().get(_key(text.replace("&", " and ")))
    return theme(code) if code else None


def match_priority(theme_code: str, text: str) -> str | None:
    """The theme's priority for action that the text names (exactly, or as its start)."""
    wanted = _key(text)
    if not wanted:
        return None
    for priority in theme(theme_code).priorities:
        key = _key(priority)
        if key == wanted or (len(wanted) >= 20 and key.startswith(wanted)):
            return priority
    return None


def match_principle(text: str) -> GuidingPrinciple | None:
    wanted = _key(text)
    for p in principles():
        if wanted in (_key(p.code), _key(p.name)) or (len(wanted) > 4 and wanted in _key(p.name)):
            return p
    return None
