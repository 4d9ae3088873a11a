"""Reference data written into a new store: areas, themes, principles, statuses, ethnic groups."""

from __future__ import annotations

import sqlite3

from mag_desktop.core import ethnicity, vocab
from mag_desktop.core.geography import ENGLAND_CODE, REGION_CODE, REGION_NAME, load_geography


def seed_reference(conn: sqlite3.Connection) -> None:
    geo = load_geography()
    conn.execute(
        "INSERT INTO area(code, name, level) VALUES (?, 'England', 'england')", (ENGLAND_CODE,)
    )
    conn.execute(
        "INSERT INTO area(code, name, level, parent_code) VALUES (?, ?, 'region', ?)",
        (REGION_CODE, REGION_NAME, ENGLAND_CODE),
    )
    conn.executemany(
        "INSERT INTO area(code, name, level, parent_code, membership, county, police_force_area)"
        " VALUES (?, ?, 'authority', ?, ?, ?, ?)",
        [
            (a.code, a.name, REGION_CODE, a.membership, a.county, a.police_force_area)
            for a in geo.authorities
        ],
    )
    conn.executemany(
        "INSERT INTO area(code, name, level, parent_code) VALUES (?, ?, 'ward', ?)",
        [(w.code, w.name, w.authority_code) for w in geo.wards],
    )
    for position, theme in enumerate(vocab.themes()):
        conn.execute(
            "INSERT INTO theme VALUES (?, ?, ?, ?, ?, ?)",
            (theme.code, theme.kind, theme.name, theme.short_name, theme.mission, position),
        )
        conn.executemany(
            "INSERT INTO priority VALUES (?, ?, ?)",
            [(theme.code, i, text) for i, text in enumerate(theme.priorities)],
        )
    conn.executemany(
        "INSERT INTO principle VALUES (?, ?)", [(p.code, p.name) for p in vocab.principles()]
    )
    conn.executemany(
        "INSERT INTO status VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (s.code, s.label, s.colour, s.shape, s.glyph, s.rank, int(s.open))
            for s in vocab.statuses()
        ],
    )
    conn.executemany(
        "INSERT INTO ethnic_group VALUES (?, ?, ?, ?, ?, ?)",
        [
            (g.code, g.label, g.short_label, g.heading_code, g.kind, g.order)
            for g in ethnicity.groups()
        ],
    )
