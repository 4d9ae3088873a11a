"""Import speed: 1,000,000 observations × 13 columns against python-calamine alone, same run.

Each measurement runs in a fresh interpreter, so its peak memory is its own. Targets (issue):
validated and committed in at most 1.5 × the time python-calamine takes to read the same file
(``to_python``, the whole sheet at once), peak memory at most 1.5 GB, and a 1,000-row
commitments file in under 1 s.

    python benchmarks/bench_import.py [--rows 1000000] [--with-pandas]
"""

from __future__ import annotations

import argparse
import json
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
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"BENCH {elapsed:.3f} {peak:.0f}")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--with-pandas", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    workbook = OUT / f"observations_{args.rows}.xlsx"
    if not workbook.exists():
        subprocess.run([sys.executable, str(Path(__file__).with_name("make_workbook.py")),
                        str(workbook), "--rows", str(args.rows)], check=True)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        calamine_s, calamine_mb = timed(CALAMINE, str(workbook))
        results["python-calamine to_python"] = {"seconds": calamine_s, "peak_mb": calamine_mb}
        if args.with_pandas:
            s, mb = timed(PANDAS, str(workbook))
            results["pandas.read_excel (calamine)"] = {"seconds": s, "peak_mb": mb}
        s, mb = timed(IMPORT, str(workbook), str(Path(tmp) / "a.sqlite"), "indicators")
        results["mag-desktop import (validate + commit)"] = {"seconds": s, "peak_mb": mb}
        small = Path(tmp) / "commitments.xlsx"
        commitments_file(small, 1000)
        s2, mb2 = timed(IMPORT, str(small), str(Path(tmp) / "b.sqlite"), "commitments")
        results["1,000-row commitments import"] = {"seconds": s2, "peak_mb": mb2}
    ratio = s / calamine_s
    print(f"{args.rows:,} rows × 13 columns ({workbook.stat().st_size / 1e6:.0f} MB xlsx)")
    for name, r in results.items():
        print(f"  {name:<42} {r['seconds']:7.2f} s   peak {r['peak_mb']:6.0f} MB")
    print(f"  import / calamine read = {ratio:.2f} (target ≤ 1.5); "
          f"commitments 1,000 rows {s2:.2f} s (target < 1 s)")
    (OUT / "import.json").write_text(json.dumps({"rows": args.rows, "ratio": ratio,
                                                 "results": results}, indent=1))


if __name__ == "__main__":
    main()
