"""Publishing and opening a data release of a store with 2,000,000 observations.

Targets: publishing (snapshot, blanking, SHA-256, signed zip) ≤ 3 s; opening (signature,
capped copy with SHA-256, the store's shape, SQLite's quick check, atomic install) ≤ 3 s. The
opening with SQLite's full integrity check (--full-check) is timed once too, and the window
started in member mode until the release's overview and commitments are on screen (≤ 2 s).
The store is built once and kept in benchmarks/out/ (delete it to rebuild).

    python benchmarks/bench_release.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core"))

import storefill as sf

from mag_desktop.core.release import keys, trust
from mag_desktop.core.release.compare import changes
from mag_desktop.core.release.installed import installed
from mag_desktop.core.release.opening import open_release
from mag_desktop.core.release.publish import publish
from mag_desktop.core.store import Store

OUT = Path(__file__).resolve().parent / "out"
STORE = OUT / "release_store_2m.sqlite"
TARGET_S = 3.0
WINDOW_TARGET_S = 2.0

WINDOW = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from mag_desktop.gui.app import application, open_window
from mag_desktop.gui.settings import Settings
app = application()
settings = Settings(QSettings(sys.argv[1], QSettings.Format.IniFormat))
window = open_window(Path("unused"), settings, member=True)
window.show()
loop = QEventLoop()
poll = QTimer()
poll.timeout.connect(lambda: window.controller.ready and loop.quit())
poll.start(2)
loop.exec()  # the overview and commitments of the release are on screen
print(f"READY {time.time():.6f}")
window.runner.wait()
"""


def window_shows_release(folder: Path, runs: int) -> list[float]:
    """Seconds from starting the window in member mode to the release's data on screen."""
    import subprocess

    times = []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(runs):
        launched = time.time()
        out = subprocess.run([sys.executable, "-c", WINDOW, str(folder / "w.ini")], env=env,
                             capture_output=True, text=True, check=True).stdout
        ready = float(next(x for x in out.splitlines() if x.startswith("READY")).split()[1])
        times.append(ready - launched)
    return times


def build_store() -> None:
    """2,000,000 observations and 1,000 commitments; 1% of figures withheld and a few
    thousand superseded, so the blanking has real work to do."""
    if STORE.exists():
        return
    OUT.mkdir(exist_ok=True)
    part = STORE.with_name(STORE.name + ".building")
    for leftover in part.parent.glob(part.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    with Store.open(part) as store:
        sf.bulk_commitments(store, 1000, ["2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1"])
        sf.bulk_observations(store, 2_000_000, ["2021", "2022", "2023", "2024"])
        with store.write() as conn:
            conn.execute("UPDATE observation SET withheld = 1 WHERE row_id % 100 = 7")
            import_id = sf.add_import(conn, "revisions.xlsx")
            conn.execute("UPDATE observation SET superseded_by = ? WHERE row_id % 500 = 3",
                         (import_id,))
            store.bump_data_version(conn)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.replace(part, STORE)
    print(f"built the store in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    build_store()
    size = STORE.stat().st_size
    with tempfile.TemporaryDirectory(prefix="bench-release-") as tmp:
        folder = Path(tmp)
        os.environ["MAG_KEYS_DIR"] = str(folder / "keys")
        os.environ["MAG_RELEASES_DIR"] = str(folder / "releases")
        trust.trust(keys.keygen("Benchmark clerk"))
        published: list[float] = []
        opened: list[float] = []
        phases: dict[str, list[float]] = {}

        def timer(kind: str) -> Callable[[float, str], None]:
            last = [time.perf_counter(), "start"]

            def progress(fraction: float, message: str) -> None:
                now = time.perf_counter()
                phases.setdefault(f"{kind}: {last[1]}", []).append(now - float(last[0]))
                last[:] = [now, message]
            return progress

        with Store.open(STORE) as store:  # as the command line and the window open it
            observations = store.conn.execute("SELECT count(*) FROM observation").fetchone()[0]
            for run in range(runs):
                out = folder / f"release-{run}.magrelease"
                started = time.perf_counter()
                manifest = publish(store, out, progress=timer("publish"))
                published.append(time.perf_counter() - started)
                started = time.perf_counter()
                open_release(out, progress=timer("open"))
                opened.append(time.perf_counter() - started)
                if run:
                    (folder / f"release-{run - 1}.magrelease").unlink()
            out = folder / "release-full.magrelease"  # once more, with the full check
            publish(store, out)
            started = time.perf_counter()
            open_release(out, full_check=True)
            full_check = time.perf_counter() - started
        state = installed()
        assert state.current and state.previous
        started = time.perf_counter()
        found = changes(state.current.path, state.previous.path)
        compared = time.perf_counter() - started
        release_size = out.stat().st_size
        shown = window_shows_release(folder, runs)
    print(f"store: {observations:,} observations, {size / 1024**2:.0f} MB; release "
          f"{release_size / 1024**2:.0f} MB ({manifest.counts['observation']:,} observations)")
    for name, times in (("publish", published), ("open", opened)):
        best, middle = min(times), statistics.median(times)
        verdict = "ok" if middle <= TARGET_S else "OVER"
        print(f"  {name:<8} best {best:5.2f} s  median {middle:5.2f} s  of {runs}  "
              f"(target {TARGET_S:.0f} s) {verdict}")
    verdict = "ok" if min(shown) <= WINDOW_TARGET_S else "OVER"
    print(f"  window showing the release: best {min(shown):5.2f} s  median "
          f"{statistics.median(shown):5.2f} s  of {runs}  (target {WINDOW_TARGET_S:.0f} s) "
          f"{verdict}")
    print(f"  open --full-check (SQLite's integrity_check) once: {full_check:5.2f} s")
    print(f"  since my last release (two releases of 2,000,000 observations, "
          f"{found.corrections_total} corrections): {compared:5.2f} s")
    for phase, times in phases.items():
        print(f"    {phase:<40} median {statistics.median(times):5.2f} s")


if __name__ == "__main__":
    main()
