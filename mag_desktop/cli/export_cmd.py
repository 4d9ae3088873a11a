"""``export indicators``: the indicator figures a filter selects, written to xlsx or csv.

Mistakes in the command line (an unknown indicator, area or period, a file name that is not
.xlsx or .csv) exit 2 with one line naming what is accepted; a store with no figures for the
selection, or a file that cannot be written, exits 1.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from mag_desktop.cli.pack_cmds import existing_store
from mag_desktop.cli.progress import TerminalProgress
from mag_desktop.core.errors import UsageError
from mag_desktop.core.export_indicators import Exported, Selection, export_indicators
from mag_desktop.core.export_writer import SUFFIXES
from mag_desktop.core.geography import load_geography
from mag_desktop.core.names import AreaResolver
from mag_desktop.core.periods import PeriodError, parse_period
from mag_desktop.core.store import Store
from mag_desktop.core.store.reads import indicators

_DESCRIPTION = (
    "Write the indicator figures to an xlsx or csv file: values, numerators, denominators, 95% "
    "limits, suppression markers and comparisons, under the import template's headers (the "
    "file imports again). The filter, data version and the data's 'as at' quarter are stated "
    "above the table. Suppressed figures, and those withheld to protect them, are never "
    "written. Without --indicator, --area or --period, everything is exported."
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    export = sub.add_parser("export", parents=[common], help="export figures to xlsx or csv",
                            description="Export figures to xlsx or csv.")
    what = export.add_subparsers(dest="what", metavar="WHAT", required=True)
    p = what.add_parser("indicators", parents=[common], help="the indicator figures",
                        description=_DESCRIPTION)
    p.add_argument("--indicator", metavar="ID", help="one indicator, by its ID")
    p.add_argument("--area", metavar="CODE",
                   help="one area: an ONS code or a name (authority, ward, WMCA, England)")
    p.add_argument("--period", metavar="P", help='one period, e.g. "2026 Q3", 2023/24, 2021')
    p.add_argument("--out", metavar="FILE", required=True, help="FILE.xlsx or FILE.csv")
    p.set_defaults(func=cmd_export_indicators)




def _indicator(store: Store, text: str | None) -> str | None:
    if not text:
        return None
    with store.read() as conn:
        known = indicators.current_codes(conn)
    code = text.strip().upper()
    if code not in known:
        raise UsageError(f'"{text}" is not an indicator in the store; the indicators are '
                         f"{', '.join(known) or 'none yet'}")
    return code


def _area(text: str | None) -> str | None:
    if not text:
        return None
    found = AreaResolver(load_geography()).resolve(text)
    if not found.ok or found.code is None:
        raise UsageError((found.message or f'"{text}" is not a known area') + "; give an ONS "
                         "code or the name of a WMCA authority or ward, WMCA or England")
    return found.code


def _period(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return parse_period(text).label
    except PeriodError:
        raise UsageError(f'"{text}" is not a period: give a quarter ("2026 Q3"), a financial '
                         'year ("2023/24") or a year ("2021")') from None


def _summary(made: Exported, seconds: float) -> str:
    return (f"wrote {made.path}: {made.rows:,} rows ({made.suppressed:,} suppressed, "
            f"{made.low_reliability:,} low reliability); data version {made.data_version}, "
            f"as at {made.as_at or 'not known'} ({seconds:.1f} s)")


def cmd_export_indicators(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        raise UsageError(f"--out {args.out}: choose a name ending in .xlsx or .csv")
    area, period = _area(args.area), _period(args.period)
    bar = TerminalProgress()
    started = time.perf_counter()
    with existing_store(args) as store:
        selection = Selection(_indicator(store, args.indicator), area, period)
        try:
            made = export_indicators(store.conn, selection, out, bar)
        finally:
            bar.done()
    print(_summary(made, time.perf_counter() - started))
    return 0
