"""Fill a test store by SQL, the way a committed import leaves it (no ingest code involved).

Every helper takes the connection of an open ``store.write()`` block. Call :func:`finish` last
in the block: it moves the data version on, as a real import does, so caches see new data.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date

from mag_desktop.core.periods import parse_period
from mag_desktop.core.store import Store

BIRMINGHAM = "E08000025"
COVENTRY = "E08000026"
SANDWELL = "E08000028"
REGION = "E47000007"
ENGLAND = "E92000001"
ASTON = "E05011121"  # a Birmingham ward


def add_import(
    conn: sqlite3.Connection, file_name: str = "q.xlsx", finished_at: str = "2025-01-10T10:00:00",
    kind: str = "indicators", outcome: str = "committed",
) -> int:
    cur = conn.execute(
        "INSERT INTO import_log(file_name, sha256, kind, started_at, finished_at, os_user,"
        " outcome) VALUES (?, ?, ?, ?, ?, 'clerk', ?)",
        (file_name, f"sha-{file_name}", kind, finished_at, finished_at, outcome),
    )
    return int(cur.lastrowid or 0)


def add_period(conn: sqlite3.Connection, label: str) -> str:
    period = parse_period(label)
    conn.execute(
        "INSERT OR IGNORE INTO period VALUES (?, ?, ?, ?)",
        (period.label, period.kind, period.start.isoformat(), period.end.isoformat()),
    )
    return period.label


def add_indicator(
    conn: sqlite3.Connection, import_id: int, code: str, name: str | None = None,
    theme: str = "JOBS", unit: str = "%", polarity: str = "higher", decimals: int = 1,
) -> None:
    conn.execute(
        "INSERT INTO indicator(code, name, theme_code, unit, polarity, decimals, import_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (code, name or code.title(), theme, unit, polarity, decimals, import_id),
    )


def add_observations(
    conn: sqlite3.Connection, import_id: int, indicator: str,
    rows: Iterable[Sequence[object]],
) -> None:
    """rows: (period, area, group, value, lower, upper[, marker]) tuples."""
    values = []
    for row in rows:
        period, area, group, value, lower, upper, *rest = row
        values.append((indicator, add_period(conn, str(period)), area, group, value, lower, upper,
                       rest[0] if rest else None, import_id))
    conn.executemany(
        "INSERT INTO observation(indicator_code, period, area_code, group_code, value, lower,"
        " upper, marker, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )


def add_commitment(
    conn: sqlite3.Connection, import_id: int, cid: str, title: str | None = None,
    theme: str = "JOBS", authority: str | None = BIRMINGHAM, wards: Sequence[str] = (),
    due: date | None = None, lead: str = "WMCA", description: str = "", partners: str = "",
) -> None:
    conn.execute(
        "INSERT INTO commitment(id, title, description, theme_code, lead, partners,"
        " authority_code, wards, due_date, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (cid, title or f"Commitment {cid}", description, theme, lead, partners, authority,
         ";".join(wards), due.isoformat() if due else None, import_id),
    )


def add_update(
    conn: sqlite3.Connection, import_id: int, cid: str, quarter: str, status: str,
    narrative: str = "", milestones: list[dict[str, str | None]] | None = None,
) -> None:
    conn.execute(
        "INSERT INTO commitment_update(commitment_id, quarter, status, narrative, milestones,"
        " import_id) VALUES (?, ?, ?, ?, ?, ?)",
        (cid, add_period(conn, quarter), status, narrative, json.dumps(milestones or []),
         import_id),
    )


def add_history(
    conn: sqlite3.Connection, import_id: int, cid: str, history: Sequence[tuple[str, str]]
) -> None:
    """Several quarterly updates at once: [(quarter, status), ...]."""
    for quarter, status in history:
        add_update(conn, import_id, cid, quarter, status, narrative=f"{cid} in {quarter}")


def finish(conn: sqlite3.Connection) -> int:
    """Record each import's contents as the importer does, and move the data version on."""
    contents: dict[int, dict[str, list[str]]] = {}
    for import_id, code, period in conn.execute(
        "SELECT DISTINCT import_id, indicator_code, period FROM observation"
    ):
        contents.setdefault(import_id, {}).setdefault(code, []).append(period)
    for import_id, found in contents.items():
        conn.execute("UPDATE import_log SET contents = ? WHERE id = ?",
                     (json.dumps(found), import_id))
    return Store.bump_data_version(conn)


# -- bulk data for timing tests ---------------------------------------------------------------
def bulk_commitments(store: Store, count: int, quarters: Sequence[str]) -> None:
    """``count`` commitments over every theme and authority, each with one update a quarter."""
    with store.write() as conn:
        import_id = add_import(conn, "bulk-commitments.xlsx", kind="commitments")
        labels = [add_period(conn, q) for q in quarters]
        themes = [r[0] for r in conn.execute("SELECT code FROM theme ORDER BY position")]
        authorities = [r[0] for r in conn.execute(
            "SELECT code FROM area WHERE membership = 'constituent' ORDER BY code")]
        for i in range(count):
            add_commitment(
                conn, import_id, f"C{i:05d}", f"Commitment number {i}", themes[i % 8],
                None if i % 10 == 0 else authorities[i % 7], due=date.fromordinal(
                    date(2024, 1, 1).toordinal() + i % 900), lead=f"Lead {i % 13}",
                description=f"Work on item {i}",
            )
        statuses = ("NOT_STARTED", "ON_TRACK", "AT_RISK", "OFF_TRACK", "COMPLETE")
        for q, label in enumerate(labels):
            conn.execute(
                f"""INSERT INTO commitment_update(commitment_id, quarter, status, narrative,
                                                  import_id)
                SELECT id, ?, CASE (row_id + {q}) % 5 {' '.join(
                    f"WHEN {k} THEN '{s}'" for k, s in enumerate(statuses))} END,
                       'Narrative for ' || id, ? FROM commitment""",
                (label, import_id),
            )
        finish(conn)


def bulk_observations(store: Store, count: int, periods: Sequence[str]) -> list[str]:
    """About ``count`` observations: indicators × wards and authorities × periods × groups."""
    groups = [r[0] for r in store.conn.execute("SELECT code FROM ethnic_group")]
    areas = store.conn.execute("SELECT count(*) FROM area").fetchone()[0]
    per_indicator = areas * len(periods) * len(groups)
    indicators = [f"BULK{i:03d}" for i in range(max(1, round(count / per_indicator)))]
    with store.write() as conn:
        import_id = add_import(conn, "bulk-observations.xlsx")
        for code in indicators:
            add_indicator(conn, import_id, code, unit="per 1,000", polarity="lower")
        for label in periods:
            add_period(conn, label)
        conn.execute("CREATE TEMP TABLE bulk_ind(code TEXT)")
        conn.executemany("INSERT INTO bulk_ind VALUES (?)", [(c,) for c in indicators])
        conn.execute("CREATE TEMP TABLE bulk_period(label TEXT)")
        conn.executemany("INSERT INTO bulk_period VALUES (?)", [(p,) for p in periods])
        conn.execute(
            """INSERT INTO observation(indicator_code, period, area_code, group_code, value,
                                       lower, upper, import_id)
            SELECT code, label, area, grp, v, v * 0.9, v * 1.1, ? FROM (
                SELECT i.code, p.label, a.code AS area, g.code AS grp,
                       10 + ((a.rowid * 7 + g.rowid * 13 + i.rowid * 3 + p.rowid) % 400) / 10.0
                       AS v
                FROM bulk_ind i, bulk_period p, area a, ethnic_group g)""",
            (import_id,),
        )
        conn.execute("DROP TABLE bulk_ind")
        conn.execute("DROP TABLE bulk_period")
        finish(conn)
    return indicators
