"""Import profiles: a partner's layout saved once (a small JSON file) and reused every quarter.

A profile can name the sheet, map headers to fields (or "ignore" them), fix constants (an
indicator id, a period), translate values, keep only some rows or leave out the rows of some
values, fix the header row, read status words (a
``status_map`` added to resources/import/status_map.json), map extra ethnic labels, add
indicator definitions, and derive each group's share of a total as a second indicator.
Every key is described in resources/import/profile.schema.json, which a profile is checked
against when loaded: a misspelt key or a value of the wrong kind is refused, naming the key.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from mag_desktop.core.errors import MagError
from mag_desktop.core.ethnicity import groups
from mag_desktop.core.ingest.schema_check import SchemaChecker, key_path, shown
from mag_desktop.core.ingest.status_map import status_map
from mag_desktop.core.vocab import statuses
from mag_desktop.paths import resource_path

VERSION = 1
SHOWN = 5  # problems named in the one-line message; the rest counted


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
    header_row: int | None = None  # the main table's header row as Excel numbers it (1-based)
    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, Any] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    keep_rows: dict[str, list[str]] = field(default_factory=dict)
    skip_values: dict[str, list[str]] = field(default_factory=dict)  # field → texts left out
    status_map: dict[str, str] = field(default_factory=dict)  # word → status (commitments)
    group_labels: dict[str, str] = field(default_factory=dict)
    definitions: list[dict[str, Any]] = field(default_factory=list)
    shares: Shares | None = None

    def __post_init__(self) -> None:
        # a heading is read with its spacing and line breaks made single spaces
        # ("Number of live births\nIndian" is read "Number of live births Indian"): a label
        # written as the cell holds it names the heading as it is read
        self.group_labels = {" ".join(k.split()) if "\n" in k or "  " in k else k: v
                             for k, v in self.group_labels.items()}

    def to_json(self) -> dict[str, Any]:
        data = {"profile": VERSION, **asdict(self)}
        return {k: v for k, v in data.items() if v not in (None, {}, [], "")}


@cache
def profile_schema() -> dict[str, Any]:
    """The JSON Schema of import profiles (resources/import/profile.schema.json)."""
    schema: dict[str, Any] = json.loads(
        resource_path("import", "profile.schema.json").read_text(encoding="utf-8"))
    return schema


def profile_problems(raw: Any) -> list[str]:
    """Every way ``raw`` (a parsed profile) breaks the schema, or names an unknown ethnic
    group or status; each problem a plain phrase naming its key."""
    problems = SchemaChecker(profile_schema()).problems(raw)
    if problems or not isinstance(raw, dict):
        return problems
    known = {g.code for g in groups()}
    labels = [(("group_labels", k), v) for k, v in raw.get("group_labels", {}).items()]
    shares = raw.get("shares") or {}
    of_group = shares.get("of_group", [])
    labels += [(("shares", "of_group"), c) for c in ([of_group] if isinstance(of_group, str)
                                                      else of_group)]
    for where, code in labels:
        if code not in known:
            close = difflib.get_close_matches(code, sorted(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(f"key '{key_path(where)}' must be an ethnic group code, found "
                            f"{shown(code)}{hint}")
    for word, name in raw.get("status_map", {}).items():
        try:
            status_map({word: name})
        except MagError:
            names = ", ".join(s.label for s in statuses())
            problems.append(f"key '{key_path(('status_map', word))}' must be a status "
                            f"({names}), found {shown(name)}")
    return problems


def load_profile(path: Path) -> Profile:
    """Read and check a profile; a MagError names the file and every bad key."""
    name = Path(path).name
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise MagError(f"there is no import profile at {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise MagError(f"the import profile {path} cannot be read: {exc}") from exc
    except ValueError as exc:
        raise MagError(f"profile {name} is not valid JSON: {exc}") from exc
    if not isinstance(raw, dict) or raw.get("profile") != VERSION:
        raise MagError(f"{path} is not an import profile (expected \"profile\": {VERSION})")
    problems = profile_problems(raw)
    if problems:
        more = f"; and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
        raise MagError(f"profile {name}: " + "; ".join(problems[:SHOWN]) + more)
    shares = raw.pop("shares", None)
    raw.pop("profile")
    profile = Profile(**raw)
    if shares:
        profile.shares = Shares(**shares)
    return profile


def save_profile(profile: Profile, path: Path) -> None:
    """Write ``profile`` as JSON; a profile that would not load again is refused unwritten."""
    problems = profile_problems(profile.to_json())
    if problems:
        raise MagError(f"profile {Path(path).name} was not saved: " + "; ".join(problems))
    Path(path).write_text(json.dumps(profile.to_json(), indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
