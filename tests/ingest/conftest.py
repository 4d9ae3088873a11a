"""Fixtures of the importer tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import seed_definitions

from mag_desktop.core.store import Store


@pytest.fixture
def seeded(store: Store, tmp_path: Path) -> Store:
    """A store holding the two test indicators' definitions."""
    seed_definitions(store, tmp_path)
    return store
