"""Where the shared real-world files and their profiles are, and how a test reads one back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import imp

from mag_desktop.core.ingest.profile import load_profile
from mag_desktop.core.ingest.service import ImportResult
from mag_desktop.core.store import Store


def _shared_data() -> Path:
    """shared/data beside the checkout (as CI lays it), else the workspace's own copy."""
    beside = Path(__file__).resolve().parents[3] / "shared" / "data"
    return beside if beside.exists() else Path("/work/shared/data")


REALWORLD = _shared_data() / "realworld"
PROFILES = Path(__file__).parents[1] / "fixtures" / "realworld"


def needs(path: Path) -> pytest.MarkDecorator:
    """Skip the test when the shared real-world file is not present."""
    return pytest.mark.skipif(not path.exists(),
                              reason="the shared real-world files are not present")


def import_with(store: Store, path: Path, profile: str, **options: Any) -> ImportResult:
    """Import ``path`` with the profile of that name; the result, whatever it is."""
    return imp(store, path, profile=load_profile(PROFILES / profile), **options)


def values(store: Store, indicator: str, period: str) -> dict[tuple[str, str], float | None]:
    """(area, group) -> value of the current observations of one indicator and period."""
    rows = store.conn.execute(
        "SELECT area_code, group_code, value FROM observation WHERE indicator_code = ? AND "
        "period = ? AND superseded_by IS NULL", (indicator, period))
    return {(area, group): value for area, group, value in rows}


def areas(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute(
        "SELECT DISTINCT area_code FROM observation WHERE superseded_by IS NULL")}


def errors(result: ImportResult) -> list[str]:
    return [i.line() for i in result.errors]
