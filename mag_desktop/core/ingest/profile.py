"""Import profiles: a partner's layout saved once (a small JSON file) and reused every quarter.

A profile can name the sheet, map headers to fields (or "ignore" them), fix constants (an
indicator id, a period), translate values, keep only some rows, read status words (a
``status_map`` added to resources/import/status_map.json), map extra ethnic labels, add
indicator definitions, and derive each group's share of a total as a second indicator.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mag_desktop.core.errors import MagError

VERSION = 1


@dataclass
class Shares:
    """Derive a percentage indicator: each group's value as a share of one group's value, or of
    the sum of several groups' values (say every group with a reported ethnicity, when "All"
    also counts people whose ethnicity was not reported); All is then 100% of that sum."""

    indicator_id: str
    of_group: str | list[str] = "ALL"


@dataclass
class Profile:
    name: str = ""
    kind: str = "auto"
    sheet: str | None = None
    table: int | None = None  # which of the sheet's stacked tables (1-based), when several
    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, Any] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    keep_rows: dict[str, list[str]] = field(default_factory=dict)
    status_map: dict[str, str] = field(default_factory=dict)  # word → status (commitments)
    group_labels: dict[str, str] = field(default_factory=dict)
    definitions: list[dict[str, Any]] = field(default_factory=list)
    shares: Shares | None = None

    def to_json(self) -> dict[str, Any]:
        data = {"profile": VERSION, **asdict(self)}
        return {k: v for k, v in data.items() if v not in (None, {}, [], "")}


def load_profile(path: Path) -> Profile:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise MagError(f"there is no import profile at {path}") from exc
    except (OSError, ValueError) as exc:
        raise MagError(f"the import profile {path} cannot be read: {exc}") from exc
    if not isinstance(raw, dict) or raw.get("profile") != VERSION:
        raise MagError(f"{path} is not an import profile (expected \"profile\": {VERSION})")
    known = set(Profile.__dataclass_fields__)
    unknown = sorted(set(raw) - known - {"profile"})
    if unknown:
        raise MagError(f"the import profile {path} has unknown keys: {', '.join(unknown)}")
    shares = raw.pop("shares", None)
    raw.pop("profile")
    try:
        profile = Profile(**raw)
        if shares:
            profile.shares = Shares(**shares)
    except TypeError as exc:
        raise MagError(f"the import profile {path} is not valid: {exc}") from exc
    return profile


def save_profile(profile: Profile, path: Path) -> None:
    Path(path).write_text(json.dumps(profile.to_json(), indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
