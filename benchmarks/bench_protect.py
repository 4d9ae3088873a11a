"""Statistics at import: the share of a 1,000,000-row import spent computing confidence
intervals and disclosure control (secondary suppression). Target (issue): under 10% together.

The workbook is ``make_workbook.py``'s (about 0.6% of cells suppressed with "[c]", at random,
across every ward, authority and ethnic group, which is harder than real files where small
counts cluster). The import runs once in this process with a progress callback that stamps
each step; the time spent in disclosure control's two parts (in memory, on threads of its own
while the indexes are built again, and from the store after the write) is summed, and
``bench_intervals.py`` measures the intervals' step on its own.

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

from mag_desktop.core import disclosure
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
    in_memory = importlib.import_module("mag_desktop.core.disclosure.refresh")
    for module, name in ((in_memory, "flags_in_memory"), (disclosure, "refresh")):  # as the import
        original = getattr(module, name)

        def timed(*args: object, _original: Any = original) -> Any:
            start = time.perf_counter()
            try:
                return _original(*args)
            finally:
                spent[0] += time.perf_counter() - start

        setattr(module, name, timed)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.sqlite")
        start = time.perf_counter()
        result = run_import(store, book, ImportOptions(kind="indicators"))
        total = time.perf_counter() - start
        assert result.status == "ok", result.message
        withheld, secret = store.conn.execute(
            "SELECT sum(withheld), sum(marker IS NOT NULL) FROM observation").fetchone()
        store.close()
    protect = spent[0]
    print(f"observations {result.records:,}; suppressed by the publisher {secret:,}; "
          f"withheld to protect them {withheld:,}")
    print(f"import {total:.2f} s; disclosure control {protect:.2f} s "
          f"({100 * protect / total:.1f}% of the import)")


if __name__ == "__main__":
    main()
