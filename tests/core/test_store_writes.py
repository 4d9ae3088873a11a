"""The store's own modules for the importer's writes and a release's snapshot, on a real store:
names that go into SQL text are refused unless they are the store's, and a file that is not a
store is said to be so rather than raised as SQLite's error."""

from __future__ import annotations

from pathlib import Path

import pytest

from mag_desktop.core.store import (
    Store,
    definitions_write,
    observations_write,
    snapshot,
    snapshot_checks,
)
from mag_desktop.core.store.reads import compare


def test_codes_are_looked_up_only_in_the_tables_of_codes(store: Store) -> None:
    with store.read() as conn:
        assert observations_write.known_codes(conn, "area", ["E08000025", "NOPE"]) == {
            "E08000025"}
        assert observations_write.known_codes(conn, "ethnic_group", ["ALL"]) == {"ALL"}
        with pytest.raises(ValueError, match="not a table of codes"):
            observations_write.known_codes(conn, "import_log", ["1"])


def test_only_a_versioned_table_has_rows_superseded(store: Store) -> None:
    with pytest.raises(ValueError, match="not a versioned table"), store.write("test") as conn:
        definitions_write.supersede_row(conn, "area", 1, 1)  # type: ignore[arg-type]


def test_two_stores_compared_side_by_side_only_as_new_and_old(tmp_path: Path) -> None:
    for name in ("new", "old"):
        Store.open(tmp_path / f"{name}.sqlite").close()
    with compare.attached(tmp_path / "new.sqlite", tmp_path / "old.sqlite") as conn:
        assert compare.titles(conn, "new") == compare.titles(conn, "old") == {}
        assert compare.held(conn, "old") == set()
        with pytest.raises(ValueError, match="not an attached store"):
            compare.titles(conn, "main")  # type: ignore[arg-type]


def test_a_file_that_is_not_a_store_is_said_to_be_unreadable(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(snapshot_checks.Unreadable), snapshot_checks.opened(broken) as conn:
        snapshot_checks.user_version(conn)
    assert snapshot.committed_imports(broken) is None


def test_a_new_store_has_no_committed_imports_and_no_release_id(store: Store) -> None:
    assert snapshot.committed_imports(store.path) == 0
    with store.read() as conn:
        assert snapshot.release_id(conn) is None
