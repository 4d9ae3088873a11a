"""Ward batches: manifest, pack log, cancel, one failing ward, existing files kept."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from briefing_helpers import BIRMINGHAM
from pypdf import PdfReader

from mag_desktop.core.briefing import batch
from mag_desktop.core.briefing.pack import READ_ONLY_NOTE, TEMP_PREFIX, list_packs
from mag_desktop.core.store import Store
from mag_desktop.core.tasks import CancelToken

WARDS = ["E05011118", "E05011119", "E05011120", "E05011121"]  # Acocks Green .. Aston


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX) or p.suffix == ".tmp"]


def _manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_pool_writes_packs_a_matching_manifest_and_log(writable_store: Store,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "wards"
    before = len(list_packs(writable_store.conn))
    result = batch.run_batch(writable_store, BIRMINGHAM, out, jobs=2, wards=WARDS)
    assert not result.failed and not result.cancelled and len(result.written) == 4
    rows = _manifest(out)
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(r["file"] for r in rows)
    for row in rows:
        path = out / row["file"]
        assert path.name.startswith(f"{row['ward_code']}_")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]
        assert len(PdfReader(path).pages) == int(row["pages"])
        assert row["data_version"] == str(writable_store.data_version())
    assert (out / "E05011118_Acocks_Green.pdf").exists()
    logged = list_packs(writable_store.conn)
    assert len(logged) == before + 4
    assert {r.sha256 for r in logged[:4]} == {r["sha256"] for r in rows}
    assert all(r.kind == "ward pack" and r.parameters["batch"] for r in logged[:4])
    assert not _leftovers(out)


def test_existing_files_are_kept_unless_overwrite(writable_store: Store,
                                                  tmp_path: Path) -> None:
    out = tmp_path / "wards"
    batch.run_batch(writable_store, BIRMINGHAM, out, jobs=1, wards=WARDS[:2])
    first = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
    again = batch.run_batch(writable_store, BIRMINGHAM, out, jobs=1, wards=WARDS[:2])
    assert not again.written and [w.code for w in again.skipped] == WARDS[:2]
    assert {p.name: p.read_bytes() for p in out.glob("*.pdf")} == first
    assert sorted(r["file"] for r in _manifest(out)) == sorted(first)  # still describes them
    forced = batch.run_batch(writable_store, BIRMINGHAM, out, jobs=1, wards=WARDS[:2],
                             overwrite=True)
    assert len(forced.written) == 2 and not forced.skipped


def test_one_failing_ward_does_not_stop_the_others(writable_store: Store, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch.write_pack

    def flaky(conn, code, out, options):  # type: ignore[no-untyped-def]
        if code == WARDS[1]:
            raise RuntimeError("the printer caught fire")
        return real(conn, code, out, options)

    monkeypatch.setattr(batch, "write_pack", flaky)
    out = tmp_path / "wards"
    result = batch.run_batch(writable_store, BIRMINGHAM, out, jobs=1, wards=WARDS[:3])
    assert [w.code for w, _ in result.failed] == [WARDS[1]]
    assert "printer caught fire" in result.failed[0][1]
    assert len(result.written) == 2
    assert {r["ward_code"] for r in _manifest(out)} == {WARDS[0], WARDS[2]}
    assert not _leftovers(out)


def test_a_failing_ward_in_a_worker_process_is_reported(writable_store: Store,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "wards"
    result = batch.run_batch(writable_store, BIRMINGHAM, out, jobs=2,
                             wards=[WARDS[0], "E05999999", WARDS[1]])
    assert [w.code for w, _ in result.failed] == ["E05999999"]
    assert "not an area the store knows" in result.failed[0][1]
    assert len(result.written) == 2


def test_cancel_stops_early_and_leaves_no_partial_file(writable_store: Store,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "wards"
    cancel = CancelToken()
    wards = batch.ward_list(writable_store.conn, BIRMINGHAM, out)[:12]

    def progress(fraction: float, message: str) -> None:
        if fraction > 0:
            cancel.cancel()  # after the first pack is finished

    result = batch.run_batch(writable_store, BIRMINGHAM, out, jobs=2,
                             wards=[w.code for w in wards], progress=progress, cancel=cancel)
    assert result.cancelled
    assert 1 <= len(result.written) < len(wards)
    assert not _leftovers(out)
    files = sorted(out.glob("*.pdf"))
    assert [p.name for p in files] == sorted(r["file"] for r in _manifest(out))
    for path in files:  # every file left is a whole PDF
        assert len(PdfReader(path).pages) > 10


def test_read_only_store_skips_logging_with_a_note(demo_store_file: Path,
                                                   tmp_path: Path) -> None:
    with Store.open(demo_store_file, readonly=True) as store:
        before = len(list_packs(store.conn))
        result = batch.run_batch(store, BIRMINGHAM, tmp_path / "wards", jobs=1,
                                 wards=WARDS[:1])
        assert len(result.written) == 1
        assert READ_ONLY_NOTE in result.notes
        assert len(list_packs(store.conn)) == before
