"""Statistics at import: the share of a 1,000,000-row import spent on disclosure control
(secondary suppression), with the intervals timed by ``bench_intervals.py``. Target (issue):
under 10% together.

The workbook is ``make_workbook.py``'s (about 0.6% of cells suppressed with "[c]", at random,
across every ward, authority and ethnic group, which is harder than real files where small
counts cluster). Two figures are given:

* the work itself: the flags of the file's rows worked out in this process, on one thread (as
  the worker process does) and on two (as an import too small for a worker does);
* what it costs the import: the import runs once as a clerk's does (the flags worked out by a
  worker process beside the writing), and the time the import spends on disclosure control is
  summed: packing the rows for the worker, waiting for its flags after the indexes are built,
  setting them, and working out again the slices the store already held.

    python benchmarks/bench_protect.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_workbook import rows as make_rows
from make_workbook import write

from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.store import Store

OUT = Path(__file__).resolve().parent / "out"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    book = OUT / f"observations_{args.rows}.xlsx"
    if not book.exists():
        write(book, make_rows(args.rows))
    spent = [0.0]
    seen: list[tuple[Any, ...]] = []
    refresh = importlib.import_module("mag_desktop.core.disclosure.refresh")
    commit = importlib.import_module("mag_desktop.core.ingest.commit")
    started = refresh.flags_of_new_started

    def timed(original: Any) -> Any:
        def run(*args: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args)
            finally:
                spent[0] += time.perf_counter() - start
        return run

    def starting(conn: Any, frame: Any, held: Any) -> Any:
        seen.append((frame, held, refresh._children(conn), *refresh._definitions(conn)))
        future = timed(started)(conn, frame, held)
        future.result = timed(future.result)  # the import's wait for the flags
        return future

    commit.disclosure.flags_of_new_started = starting
    commit.withheld.set_flags_of_current = timed(commit.withheld.set_flags_of_current)
    commit.disclosure.refresh = timed(commit.disclosure.refresh)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.sqlite")
        start = time.perf_counter()
        result = run_import(store, book, ImportOptions(kind="indicators"))
        total = time.perf_counter() - start
        assert result.status == "ok", result.message
        withheld, secret = store.conn.execute(
            "SELECT sum(withheld), sum(marker IS NOT NULL) FROM observation").fetchone()
        store.close()
    frame, held, children, units, thresholds = seen[0]
    work = {}
    for threads in (1, 2):
        start = time.perf_counter()
        flags = refresh.flags_in_memory(frame, held, children, units, thresholds, threads)
        work[threads] = time.perf_counter() - start
    assert int((flags != 0).sum()) == withheld
    print(f"observations {result.records:,}; suppressed by the publisher {secret:,}; "
          f"withheld to protect them {withheld:,}")
    print(f"disclosure control's work: {work[1]:.2f} s on one thread, {work[2]:.2f} s on two")
    print(f"import {total:.2f} s, of which disclosure control {spent[0]:.2f} s "
          f"({100 * spent[0] / total:.1f}% of the import)")


if __name__ == "__main__":
    main()
