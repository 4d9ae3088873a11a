"""The store's schema, as a list of migrations applied in order by ``PRAGMA user_version``.

History is never overwritten: every data row carries the ``import_id`` that brought it and, once
a later import replaces it, ``superseded_by``. The current state is the rows whose
``superseded_by`` is NULL (partial unique indexes enforce one current row per key). Undoing an
import deletes its rows and revives the ones it superseded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from mag_desktop.core.store.seed import seed_reference

V1 = [
    """CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE area(
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('england','region','authority','ward')),
        parent_code TEXT REFERENCES area(code),
        membership TEXT CHECK (membership IN ('constituent','non-constituent','former')),
        county TEXT,
        police_force_area TEXT)""",
    """CREATE INDEX area_parent ON area(parent_code, level)""",
    """CREATE TABLE theme(
        code TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, short_name TEXT NOT NULL,
        mission TEXT NOT NULL, position INTEGER NOT NULL)""",
    """CREATE TABLE priority(
        theme_code TEXT NOT NULL REFERENCES theme(code), position INTEGER NOT NULL,
        text TEXT NOT NULL, PRIMARY KEY (theme_code, position))""",
    """CREATE TABLE principle(code TEXT PRIMARY KEY, name TEXT NOT NULL)""",
    """CREATE TABLE status(
        code TEXT PRIMARY KEY, label TEXT NOT NULL, colour TEXT NOT NULL, shape TEXT NOT NULL,
        glyph TEXT NOT NULL, rank INTEGER NOT NULL, open INTEGER NOT NULL)""",
    """CREATE TABLE ethnic_group(
        code TEXT PRIMARY KEY, label TEXT NOT NULL, short_label TEXT NOT NULL,
        heading_code TEXT, kind TEXT NOT NULL, position INTEGER NOT NULL)""",
    """CREATE TABLE period(
        label TEXT PRIMARY KEY, kind TEXT NOT NULL, start_date TEXT NOT NULL,
        end_date TEXT NOT NULL)""",
    """CREATE TABLE import_log(
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL, sha256 TEXT NOT NULL, kind TEXT NOT NULL, sheet TEXT,
        period TEXT, rows_read INTEGER NOT NULL DEFAULT 0, rows_valid INTEGER NOT NULL DEFAULT 0,
        inserted INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL, finished_at TEXT, os_user TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('committed','rejected','undone')),
        data_version INTEGER, backup_path TEXT, message TEXT NOT NULL DEFAULT '',
        contents TEXT NOT NULL DEFAULT '{}')""",
    """CREATE INDEX import_log_sha ON import_log(sha256, outcome)""",
    """CREATE TABLE indicator(
        row_id INTEGER PRIMARY KEY,
        code TEXT NOT NULL, name TEXT NOT NULL, theme_code TEXT NOT NULL REFERENCES theme(code),
        unit TEXT NOT NULL, polarity TEXT NOT NULL CHECK (polarity IN ('higher','lower','none')),
        source TEXT NOT NULL DEFAULT '', frequency TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '', decimals INTEGER NOT NULL DEFAULT 1,
        import_id INTEGER NOT NULL REFERENCES import_log(id),
        superseded_by INTEGER REFERENCES import_log(id))""",
    """CREATE UNIQUE INDEX indicator_current ON indicator(code) WHERE superseded_by IS NULL""",
    """CREATE TABLE observation(
        row_id INTEGER PRIMARY KEY,
        indicator_code TEXT NOT NULL,
        period TEXT NOT NULL REFERENCES period(label),
        area_code TEXT NOT NULL REFERENCES area(code),
        group_code TEXT NOT NULL REFERENCES ethnic_group(code),
        value REAL, numerator REAL, denominator REAL, lower REAL, upper REAL, marker TEXT,
        group_label TEXT NOT NULL DEFAULT '',
        import_id INTEGER NOT NULL REFERENCES import_log(id),
        superseded_by INTEGER REFERENCES import_log(id),
        CHECK (marker IS NULL OR (value IS NULL AND numerator IS NULL AND denominator IS NULL
               AND lower IS NULL AND upper IS NULL)))""",
    """CREATE UNIQUE INDEX observation_current
        ON observation(indicator_code, area_code, period, group_code)
        WHERE superseded_by IS NULL""",
    """CREATE INDEX observation_import ON observation(import_id)""",
    """CREATE INDEX observation_superseded ON observation(superseded_by)
        WHERE superseded_by IS NOT NULL""",
    """CREATE TABLE commitment(
        row_id INTEGER PRIMARY KEY,
        id TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
        theme_code TEXT NOT NULL REFERENCES theme(code), priority TEXT NOT NULL DEFAULT '',
        lead TEXT NOT NULL, partners TEXT NOT NULL DEFAULT '',
        authority_code TEXT REFERENCES area(code),
        wards TEXT NOT NULL DEFAULT '', principles TEXT NOT NULL DEFAULT '',
        start_date TEXT, due_date TEXT,
        import_id INTEGER NOT NULL REFERENCES import_log(id),
        superseded_by INTEGER REFERENCES import_log(id))""",
    """CREATE UNIQUE INDEX commitment_current ON commitment(id) WHERE superseded_by IS NULL""",
    """CREATE INDEX commitment_import ON commitment(import_id)""",
    """CREATE TABLE commitment_update(
        row_id INTEGER PRIMARY KEY,
        commitment_id TEXT NOT NULL, quarter TEXT NOT NULL REFERENCES period(label),
        status TEXT NOT NULL REFERENCES status(code), narrative TEXT NOT NULL DEFAULT '',
        milestones TEXT NOT NULL DEFAULT '[]', reason TEXT NOT NULL DEFAULT '',
        import_id INTEGER NOT NULL REFERENCES import_log(id),
        superseded_by INTEGER REFERENCES import_log(id))""",
    """CREATE UNIQUE INDEX commitment_update_current ON commitment_update(commitment_id, quarter)
        WHERE superseded_by IS NULL""",
    """CREATE INDEX commitment_update_import ON commitment_update(import_id)""",
    """CREATE TABLE pack_log(
        id INTEGER PRIMARY KEY, produced_at TEXT NOT NULL, os_user TEXT NOT NULL,
        kind TEXT NOT NULL, parameters TEXT NOT NULL, data_version INTEGER NOT NULL,
        file TEXT NOT NULL, sha256 TEXT NOT NULL, pages INTEGER)""",
    """INSERT INTO meta(key, value) VALUES ('data_version', '0')""",
]


def _v1(conn: sqlite3.Connection) -> None:
    for statement in V1:
        conn.execute(statement)
    seed_reference(conn)


V2 = [
    # How an observation's limits came about: NULL when it has none, 'supplied' when the partner
    # gave them, else the method MAG Desktop computed them with ('wilson', 'exact', 'byar').
    """ALTER TABLE observation ADD COLUMN limits_source TEXT""",
    # 1 when the figure is withheld to protect a suppressed one (secondary suppression): it is
    # kept as the partner sent it but never shown, exported or published.
    """ALTER TABLE observation ADD COLUMN withheld INTEGER NOT NULL DEFAULT 0""",
    # Whom the indicator counts ("residents", "households", "children aged 10 to 17"); empty
    # means residents.
    """ALTER TABLE indicator ADD COLUMN population TEXT NOT NULL DEFAULT ''""",
    # A figure resting on fewer events than this is shown as low reliability ([u]).
    """ALTER TABLE indicator ADD COLUMN min_count INTEGER NOT NULL DEFAULT 10""",
    """UPDATE observation SET limits_source = 'supplied'
        WHERE lower IS NOT NULL AND upper IS NOT NULL""",
    # England and Wales, a second national area: the Home Office's police figures (and other
    # partners') cover both countries and must not be shown as England.
    """INSERT OR IGNORE INTO area(code, name, level)
        VALUES ('K04000001', 'England and Wales', 'england')""",
    # Groups of other classifications kept as their own under their broad heading, never
    # folded into a 2021 group that counts other people (DfE's Gypsy/Roma spans two of them).
    """INSERT OR IGNORE INTO ethnic_group VALUES
        ('ASIAN_EXCL_CHINESE', 'Asian except Chinese', 'Asian except Chinese', 'ASIAN',
         'group', 1950),
        ('WHITE_GYPSY_ROMA', 'Gypsy/Roma', 'Gypsy/Roma', 'WHITE', 'group', 4450),
        ('WHITE_IRISH_TRAVELLER', 'Traveller of Irish heritage', 'Irish Traveller', 'WHITE',
         'group', 4460),
        ('WHITE_OTHER_2001', 'Any other White background (2001 classification)',
         'Other White (2001)', 'WHITE', 'group', 4950)""",
]


def _v2(conn: sqlite3.Connection) -> None:
    for statement in V2:
        conn.execute(statement)
    from mag_desktop.core.ingest.limits import backfill_limits  # computed as an import would

    backfill_limits(conn)
    from mag_desktop.core.disclosure import refresh_all  # the disclosure code reads the store

    refresh_all(conn)


V3 = [
    # The indicators a commitment's update names as those it aims to move: a JSON list of
    # {indicator, group, comparator, aim} (see ``core/links/codec.py``), kept per quarter like
    # the status, so a changed link is a changed update.
    """ALTER TABLE commitment_update ADD COLUMN links TEXT NOT NULL DEFAULT '[]'""",
]


def _v3(conn: sqlite3.Connection) -> None:
    for statement in V3:
        conn.execute(statement)


Migration = Callable[[sqlite3.Connection], None]

#: MIGRATIONS[i] brings the schema from version i to version i + 1.
MIGRATIONS: list[Migration] = [_v1, _v2, _v3]
#: STATEMENTS[i] are the SQL statements of MIGRATIONS[i]; the rest of a migration only fills
#: data, so the objects a version makes are those of its statements (see ``shape.py``).
STATEMENTS: list[list[str]] = [V1, V2, V3]
SCHEMA_VERSION = len(MIGRATIONS)

#: The tables that hold the store's content (for checksums, counts and backups).
CONTENT_TABLES = (
    "meta", "area", "theme", "priority", "principle", "status", "ethnic_group", "period",
    "import_log", "indicator", "observation", "commitment", "commitment_update", "pack_log",
)
