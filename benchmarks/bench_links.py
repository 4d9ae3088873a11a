"""Is it working? on a large store: 2,000,000 observations and 1,000 commitments, 400 of them
linked to an indicator (a third of those to two).

Targets (set here; the issue names none): the commitments whose linked gap widened, read once
per data version with the commitments frame, ≤ 1 s; one commitment's progress in its own
areas (the window's detail, read off the window's thread, after the commitments it is chosen
from) ≤ 300 ms; an authority pack's links
for every theme ≤ 2 s; the commitments linked to an indicator ≤ 50 ms once cached.

    python benchmarks/bench_links.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core"))

import storefill as sf
from bench_query import best_of, report

from mag_desktop.core.links import area_figures, listing
from mag_desktop.core.links.progress import commitment_progress
from mag_desktop.core.query import Filter, commitments_frame
from mag_desktop.core.query.memo_cache import StoreMemo
from mag_desktop.core.store import Store

LINKED, DOUBLE = 400, 3  # commitments linked; every third of them to two indicators


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def link(store: Store, codes: list[str]) -> None:
    """Links on the latest updates of the first ``LINKED`` commitments, a data version on."""
    with store.write() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM commitment ORDER BY id LIMIT ?",
                                          (LINKED,))]
        for i, cid in enumerate(ids):
            chosen = [codes[i % len(codes)]] + ([codes[(i + 1) % len(codes)]]
                                                if i % DOUBLE == 0 else [])
            links = [{"indicator": c, "group": "BLACK_AFRICAN", "comparator": "WHITE_BRITISH",
                      "aim": "narrow"} for c in chosen]
            conn.execute("UPDATE commitment_update SET links = ? WHERE commitment_id = ?",
                         (json.dumps(links), cid))
            conn.execute("UPDATE commitment SET start_date = '2022-06-01', wards = ?"
                         " WHERE id = ? AND authority_code = ?",
                         (sf.ASTON if i % 4 == 0 else "", cid, sf.BIRMINGHAM))
        sf.finish(conn)


def cold(fn: Callable[[], object], conn: sqlite3.Connection | None = None) -> float:
    """The first answer after the data changed: every per-version memo emptied, then, given
    ``conn``, the commitments frame read again untimed (the window shows the commitments,
    whose flags read every link in its own area, before any detail)."""
    from mag_desktop.core.links import figures
    from mag_desktop.core.query import commitments

    for module in (listing, figures, area_figures):
        for memo in [v for v in vars(module).values() if isinstance(v, StoreMemo)]:
            memo.clear()
    commitments._all_cache.clear()
    if conn is not None:
        commitments_frame(conn)
    return timed(fn)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "store.sqlite")
        started = time.perf_counter()
        sf.bulk_commitments(store, 1000, ["2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1"])
        codes = sf.bulk_observations(store, 2_000_000, ["2021", "2022", "2023", "2024"])
        link(store, codes)
        print(f"built a store of 2,000,000 observations and {LINKED} linked commitments in "
              f"{time.perf_counter() - started:.0f} s")
        conn = store.conn
        one = next(cid for cid, c in listing.linked_commitments(conn).items()
                   if c.authority_code == sf.BIRMINGHAM and c.wards and len(c.links) == 2)
        birmingham = tuple(commitments_frame(conn, Filter(authorities=(sf.BIRMINGHAM,)))["id"])
        themes = tuple(r[0] for r in conn.execute("SELECT code FROM theme ORDER BY position"))
        links = sum(len(c.links) for c in listing.linked_commitments(conn).values())
        widened = len(listing.widening_ids(conn))
        figures = {
            f"widening_ids, cold ({links} links)": (
                cold(lambda: listing.widening_ids(conn)), 1.0),
            "commitments_frame, cold (with the flag)": (
                cold(lambda: commitments_frame(conn)), 1.5),
            "commitment_progress (2 links x 2 areas)": (
                best_of(lambda: commitment_progress(conn, one)), 0.300),
            "commitment_progress, after a change": (
                cold(lambda: commitment_progress(conn, one), conn), 0.300),
            "theme_progress (Birmingham, 8 themes)": (
                cold(lambda: listing.theme_progress(conn, sf.BIRMINGHAM, themes, birmingham)),
                2.0),
            "linked_to_indicator (cached)": (
                best_of(lambda: listing.linked_to_indicator(conn, codes[0])), 0.050),
        }
        print(f"  ({widened} commitments with a widened gap)")
        report(figures, 42)
        store.close()


if __name__ == "__main__":
    main()
