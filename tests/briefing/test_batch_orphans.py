"""A ward batch whose process is killed: its workers exit with it, and a re-run completes the
folder with a manifest and a pack log that describe every PDF in it."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from briefing_helpers import BIRMINGHAM
from pypdf import PdfReader

from mag_desktop.core.briefing import batch, kept
from mag_desktop.core.briefing.pack import list_packs
from mag_desktop.core.store import Store

SCRIPT = """
import sys
from pathlib import Path
from mag_desktop.core.briefing import batch
from mag_desktop.core.store import Store

if __name__ == "__main__":
    store = Store.open(Path(sys.argv[1]))
    wards = [w.code for w in batch.ward_list(store.conn, "{authority}", Path(sys.argv[2]))][:10]
    batch.run_batch(store, "{authority}", Path(sys.argv[2]), jobs=2, wards=wards)
"""


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc")
def test_workers_die_with_a_killed_batch_and_a_rerun_completes_it(writable_store: Store,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "wards"
    script = tmp_path / "run_batch.py"
    script.write_text(SCRIPT.replace("{authority}", BIRMINGHAM), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), str(writable_store.path), str(out)])
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob("*.pdf")) and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = [pid for pid in _children(parent.pid)
                   if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]
        assert workers, "the batch should run its wards in worker processes"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)], "workers outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
    written_before_kill = sorted(p.name for p in out.glob("*.pdf"))
    assert 1 <= len(written_before_kill) < 10

    wards = [w.code for w in batch.ward_list(writable_store.conn, BIRMINGHAM, out)][:10]
    again = batch.run_batch(writable_store, BIRMINGHAM, out, jobs=1, wards=wards)
    assert sorted(w.file.name for w in again.skipped) == written_before_kill
    files = sorted(out.glob("*.pdf"))
    rows = _manifest(out)
    assert [p.name for p in files] == [r["file"] for r in rows] and len(rows) == 10
    logged = {r.sha256 for r in list_packs(writable_store.conn)}
    for row in rows:
        path = out / row["file"]
        assert row["sha256"] in logged
        assert len(PdfReader(path).pages) == int(row["pages"])
        assert row["data_version"] == str(writable_store.data_version())
    assert not [p for p in out.iterdir() if p.suffix == ".tmp"]


def test_kept_packs_are_checked_before_they_are_kept(writable_store: Store,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "wards"
    wards = [w.code for w in batch.ward_list(writable_store.conn, BIRMINGHAM, out)][:3]
    first = batch.run_batch(writable_store, BIRMINGHAM, out, jobs=1, wards=wards)
    truncated, changed, unlisted = (p.path for p in first.written)
    truncated.write_bytes(truncated.read_bytes()[:5000])
    changed.write_bytes(changed.read_bytes().replace(b"%%EOF", b"%%EOF\n% edited"))
    rows = [r for r in _manifest(out) if r["file"] != unlisted.name]
    with (out / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    described = kept.describe(unlisted, wards[2], "any", None)
    assert described.pack is not None
    assert described.pack.pages == len(PdfReader(unlisted).pages)
    assert described.pack.data_version == writable_store.data_version()
    assert kept.describe(unlisted, "E05999999", "any", None).pack is None  # another ward's

    again = batch.run_batch(writable_store, BIRMINGHAM, out, jobs=1, wards=wards)
    assert sorted(p.path.name for p in again.written) == sorted([truncated.name, changed.name])
    assert [w.file.name for w in again.skipped] == [unlisted.name]
    assert any("not a complete MAG Desktop pack" in n for n in again.notes)
    assert any("has changed since the manifest" in n for n in again.notes)
    assert sorted(r["file"] for r in _manifest(out)) == sorted(p.name for p in out.glob("*.pdf"))
