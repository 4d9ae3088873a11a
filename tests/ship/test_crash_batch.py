"""A ward batch killed (SIGKILL, workers and all) leaves no half-written PDF under a final name.

Each pack is rendered to a temporary name and renamed when complete, so after a kill at any
moment every ``*.pdf`` in the folder is a whole PDF; temporary files may remain, but none of
them ends in ``.pdf``. The batch runs as ``mag-desktop pack --all-wards`` (when that command is
there) and through the core's ``run_batch`` directly, with its worker processes, in a child.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from shiphelpers import build_sample_store, cli, kill_group, start, wait_for, was_killed

from mag_desktop.cli.main import build_parser
from mag_desktop.core.briefing.manifest import MANIFEST
from mag_desktop.core.briefing.pack import TEMP_PREFIX

OPTIONS = ("--authority", "--all-wards", "--out-dir")
BIRMINGHAM = "E08000025"
WARDS = 69  # Birmingham's wards
CATCH_A_WRITE_SECONDS = 5.0
CORE_BATCH = """
import sys
import time
from collections.abc import Callable
from pathlib import Path
from mag_desktop.core.briefing.batch import run_batch
from mag_desktop.core.store import Store

if __name__ == "__main__":
    with Store.open(sys.argv[1]) as store:
        run_batch(store, sys.argv[2], Path(sys.argv[3]), jobs=2)
"""


def pack_command_ready() -> str | None:
    """Why the batch cannot be tested yet (None when ``pack`` has the options it needs)."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    pack = sub.choices.get("pack")
    if pack is None:
        return "the 'pack' command is not there yet"
    known = {s for action in pack._actions for s in action.option_strings}
    missing = [o for o in OPTIONS if o not in known]
    return f"'pack' has no {', '.join(missing)} yet" if missing else None


def check_folder(folder: Path) -> list[Path]:
    """Every ``*.pdf`` is a whole PDF; anything else is the manifest or a temporary file whose
    name does not end in ``.pdf``. Returns the PDFs."""
    pdfs = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".pdf":
            assert len(PdfReader(path).pages) >= 1, f"{path.name} has no pages"
            pdfs.append(path)
        else:
            temporary = path.name.startswith(TEMP_PREFIX) and path.suffix == ".tmp"
            assert temporary or MANIFEST in path.name, f"unexpected file {path.name}"
    return pdfs


def midway(folder: Path, done_before: int) -> Callable[[], bool]:
    """True once ``done_before`` packs are finished and, best of all, while another is being
    written under its temporary name (or after a few more seconds without catching one)."""
    since: list[float] = []

    def ready() -> bool:
        names = [p.name for p in folder.iterdir()] if folder.exists() else []
        if sum(name.endswith(".pdf") for name in names) < done_before:
            return False
        since.append(since[0] if since else time.monotonic())
        writing = any(name.startswith(TEMP_PREFIX) for name in names)
        return writing or time.monotonic() - since[0] > CATCH_A_WRITE_SECONDS

    return ready


def batch_command(way: str, store: Path, folder: Path) -> list[str]:
    if way == "cli":
        return cli("pack", "--authority", "Birmingham", "--all-wards", "--out-dir",
                   str(folder), "--store", str(store))
    script = folder.parent / "core_batch.py"
    script.write_text(CORE_BATCH, encoding="utf-8")
    return [sys.executable, str(script), str(store), BIRMINGHAM, str(folder)]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("crash-batch") / "sample.sqlite")


@pytest.mark.slow
@pytest.mark.parametrize("way", ["cli", "core"])
def test_a_killed_ward_batch_leaves_only_whole_pdfs(way: str, sample_store: Path,
                                                    tmp_path: Path) -> None:
    reason = pack_command_ready() if way == "cli" else None
    if reason:
        pytest.skip(f"ward batch crash test through the command line: {reason}")
    store = tmp_path / "store.sqlite"
    shutil.copy(sample_store, store)
    folder = tmp_path / "wards"
    caught = False
    for attempt in range(3):
        proc = start(batch_command(way, store, folder), tmp_path / f"pack-{attempt}.log")
        try:
            wait_for(midway(folder, done_before=2 + 3 * attempt), proc, timeout=240,
                     interval=0.001)
        finally:
            kill_group(proc)
        caught = caught or was_killed(proc)
        done = check_folder(folder)
        if caught:
            assert 0 < len(done) < WARDS, f"not killed midway: {len(done)} packs written"
            break
    assert caught, "the batch finished before it could be killed"
