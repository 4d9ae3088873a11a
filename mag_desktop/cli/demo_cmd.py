"""``demo``: load the bundled sample dataset into the store through the importer."""

from __future__ import annotations

import argparse
import time

from mag_desktop.cli.progress import TerminalProgress
from mag_desktop.cli.store_cmds import open_store
from mag_desktop.core.demo import load_sample
from mag_desktop.core.store import maintenance


def cmd_demo(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    bar = TerminalProgress()
    failed = 0
    with open_store(args, doing="loading the sample data") as store:
        for result in load_sample(store, bar):
            bar.done()
            if result.status == "ok":
                print(f"  imported {result.file}: {result.inserted:,} new, "
                      f"{result.updated:,} changed, {result.unchanged:,} unchanged")
            elif result.errors and result.errors[0].rule == "file" and "already" in \
                    result.message:
                print(f"  already loaded: {result.file}")
            else:
                failed += 1
                print(f"  REJECTED {result.file}: {result.message}")
                for issue in result.errors[:10]:
                    print("    " + issue.line())
        details = maintenance.info(store)
    counts = details.counts
    print(f"sample data ready in {details.path} ({time.perf_counter() - started:.1f} s): "
          f"{counts['indicators']} indicators, {counts['observations']:,} observations, "
          f"{counts['commitments']} commitments with {counts['commitment updates']} quarterly "
          f"updates; data version {details.data_version}")
    if not failed:
        print("next: 'mag-desktop' opens the window; 'mag-desktop info' describes the store")
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo", parents=[common], help="load the bundled sample data (real and illustrative)",
        description="Import the sample dataset through the ordinary importer: Census 2021 "
        "by ward and authority, police use of force by perceived ethnicity (real, published "
        "data), and illustrative commitments and quarterly indicators (not official "
        "statistics). Files already imported are skipped.",
    )
    p.set_defaults(func=cmd_demo)
