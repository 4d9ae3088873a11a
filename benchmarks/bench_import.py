"""Import speed: 1,000,000 observations × 13 columns against python-calamine and fastexcel alone.

Each measurement runs in a fresh interpreter, so its peak memory is its own (the import's
includes the peak of the worker process that works out disclosure control beside it, added as
if the two peaked at once); with ``--repeat`` the measurements take turns, round after round,
and the medians are reported, so that a slow spell of a shared machine weighs on all of them
alike. Targets (issue): validated and committed
in at most 1.0 × the time python-calamine takes to read the same file (``to_python``, the whole
sheet at once) and at most 2.5 × fastexcel's own read of it (``load_sheet`` with its defaults
and ``to_arrow``), peak memory under 1.2 GB, and a 1,000-row commitments file in under 1 s.
``--full-store`` also imports the file into a copy of the 2,000,000-observation store that
``bench_window.py`` builds (the import a clerk makes after a year of data).

    python benchmarks/bench_import.py [--rows 1000000] [--repeat 3] [--with-pandas] [--full-store]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"

CALAMINE = """
import python_calamine as pc, sys
book = pc.CalamineWorkbook.from_path(sys.argv[1])
rows = book.get_sheet_by_name("Observations").to_python()
print(len(rows))
"""
FASTEXCEL = """
import fastexcel, sys
sheet = fastexcel.read_excel(sys.argv[1]).load_sheet("Observations")
print(sheet.to_arrow().num_rows)
"""
PANDAS = """
import pandas as pd, sys
frame = pd.read_excel(sys.argv[1], sheet_name="Observations", engine="calamine")
print(len(frame))
"""
IMPORT = """
import sys
from pathlib import Path
from mag_desktop.core.store import Store
from mag_desktop.core.ingest.service import ImportOptions, run_import
store = Store.open(sys.argv[2])
result = run_import(store, Path(sys.argv[1]), ImportOptions(kind=sys.argv[3]))
assert result.status == "ok", result.message
print(result.rows_valid)
"""
TIMED = """
import resource, runpy, sys, time
script = sys.argv.pop(1)
start = time.perf_counter()
exec(compile(script, "<bench>", "exec"))
elapsed = time.perf_counter() - start
import multiprocessing
deadline = time.monotonic() + 30  # a worker process ends a moment after the import: its
while multiprocessing.active_children() and time.monotonic() < deadline:  # peak counts too
    time.sleep(0.02)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"BENCH {elapsed:.3f} {peak + workers:.0f}")
"""


def timed(script: str, *args: str) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", TIMED, script, *args], capture_output=True,
                         text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("BENCH"))
    _, seconds, peak = line.split()
    return float(seconds), float(peak)


def commitments_file(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    from mag_desktop.core import vocab
    from mag_desktop.core.ingest.mapping import columns

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Commitments"
    ws.append([c.header for c in columns("commitments")])
    themes = vocab.themes()
    authorities = ["Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall",
                   "Wolverhampton", "Regional"]
    statuses = ["On track", "At risk", "Off track", "Not started", "Complete"]
    for i in range(rows):
        t = themes[i % len(themes)]
        ws.append([f"BEN-{i:05d}", f"Commitment {i}", "A benchmark commitment", t.name,
                   t.priorities[i % len(t.priorities)], "WMCA", "Partners",
                   authorities[i % len(authorities)], "", "Valuing coproduction",
                   "01/04/2025", "31/03/2027", "2026 Q3", statuses[i % len(statuses)],
                   "Progress this quarter as planned.", ""])
    book.save(path)


def median_of(runs: list[tuple[float, float]]) -> dict[str, float]:
    return {"seconds": statistics.median(r[0] for r in runs),
            "peak_mb": max(r[1] for r in runs), "runs": [r[0] for r in runs]}  # type: ignore[dict-item]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--with-pandas", action="store_true")
    parser.add_argument("--full-store", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    workbook = OUT / f"observations_{args.rows}.xlsx"
    if not workbook.exists():
        subprocess.run([sys.executable, str(Path(__file__).with_name("make_workbook.py")),
                        str(workbook), "--rows", str(args.rows)], check=True)
    full = OUT / "window-2m.sqlite"
    if args.full_store and not full.exists():
        subprocess.run([sys.executable, str(Path(__file__).with_name("bench_window.py")),
                        "--build-only"], check=True)
    runs: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "commitments.xlsx"
        commitments_file(small, 1000)
        for n in range(args.repeat):
            runs.setdefault("python-calamine to_python", []).append(
                timed(CALAMINE, str(workbook)))
            runs.setdefault("fastexcel load_sheet + to_arrow", []).append(
                timed(FASTEXCEL, str(workbook)))
            if args.with_pandas:
                runs.setdefault("pandas.read_excel (calamine)", []).append(
                    timed(PANDAS, str(workbook)))
            runs.setdefault("mag-desktop import (validate + commit)", []).append(
                timed(IMPORT, str(workbook), str(Path(tmp) / f"a{n}.sqlite"), "indicators"))
            if args.full_store:
                copy = Path(tmp) / "full.sqlite"
                shutil.copyfile(full, copy)
                runs.setdefault("… into a store of 2,000,000 observations", []).append(
                    timed(IMPORT, str(workbook), str(copy), "indicators"))
                copy.unlink()
            runs.setdefault("1,000-row commitments import", []).append(
                timed(IMPORT, str(small), str(Path(tmp) / f"b{n}.sqlite"), "commitments"))
    results = {name: median_of(r) for name, r in runs.items()}
    s = results["mag-desktop import (validate + commit)"]["seconds"]
    s2 = results["1,000-row commitments import"]["seconds"]
    ratio = s / results["python-calamine to_python"]["seconds"]
    fast = s / results["fastexcel load_sheet + to_arrow"]["seconds"]
    rounds = f", median of {args.repeat}" if args.repeat > 1 else ""
    print(f"{args.rows:,} rows × 13 columns ({workbook.stat().st_size / 1e6:.0f} MB xlsx{rounds})")
    for name, r in results.items():
        print(f"  {name:<42} {r['seconds']:7.2f} s   peak {r['peak_mb']:6.0f} MB")
    print(f"  import / calamine read = {ratio:.2f} (target ≤ 1.0); import / fastexcel read = "
          f"{fast:.2f} (target ≤ 2.5); commitments 1,000 rows {s2:.2f} s (target < 1 s)")
    (OUT / "import.json").write_text(json.dumps({"rows": args.rows, "ratio": ratio,
                                                 "fastexcel_ratio": fast,
                                                 "results": results}, indent=1))


if __name__ == "__main__":
    main()
