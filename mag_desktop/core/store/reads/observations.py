"""Current observations, read through :func:`shown_columns` (withheld figures masked).

Each function returns the rows as the query layer has always had them (a frame with the
cursor's column names, figures as SQLite gave them); the caller types and shapes them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import pandas as pd

from mag_desktop.core.store.reads.shown import shown_columns

_CELLS_SQL = """
SELECT indicator_code AS code, area_code, period, count(*) AS n
FROM observation INDEXED BY observation_current
WHERE superseded_by IS NULL
GROUP BY indicator_code, area_code, period
"""


def _frame(cursor: sqlite3.Cursor) -> pd.DataFrame:
    return pd.DataFrame(cursor.fetchall(), columns=[d[0] for d in cursor.description])


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def cells(conn: sqlite3.Connection) -> pd.DataFrame:
    """Current observations counted per indicator, area and period (code, area_code, period,
    n): one pass over the ``observation_current`` index."""
    return pd.DataFrame(conn.execute(_CELLS_SQL).fetchall(),
                        columns=["code", "area_code", "period", "n"])


def indicators_of_import(conn: sqlite3.Connection, import_id: int) -> list[str]:
    """Codes of indicators with current observations brought by one import."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT indicator_code FROM observation"
        " WHERE import_id = ? AND superseded_by IS NULL", (import_id,))]


def periods_held(conn: sqlite3.Connection, indicator: str, area_code: str) -> list[str]:
    """The periods with a current observation of an indicator for an area (any order)."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT period FROM observation INDEXED BY observation_current"
        " WHERE indicator_code = ? AND area_code = ? AND superseded_by IS NULL",
        (indicator, area_code))]


def for_areas(conn: sqlite3.Connection, indicator: str, areas: Sequence[str],
              period: str) -> pd.DataFrame:
    """area_code, group_code, every shown figure and group_label: one indicator and period."""
    return _frame(conn.execute(
        f"SELECT area_code, group_code, {shown_columns()},"
        " group_label FROM observation INDEXED BY observation_current"
        f" WHERE indicator_code = ? AND area_code IN ({_marks(areas)}) AND period = ?"
        " AND superseded_by IS NULL",
        (indicator, *areas, period)))


def over_time(conn: sqlite3.Connection, indicator: str, area_code: str,
              groups: Sequence[str] = ()) -> pd.DataFrame:
    """period, group_code, value, lower, upper and the marker columns: an indicator for an
    area in every period (only ``groups`` when given)."""
    sql = (
        f"SELECT period, group_code, {shown_columns(columns=('value', 'lower', 'upper'))}"
        " FROM observation INDEXED BY observation_current"
        " WHERE indicator_code = ? AND area_code = ? AND superseded_by IS NULL"
    )
    params: list[str] = [indicator, area_code]
    if groups:
        sql += f" AND group_code IN ({_marks(groups)})"
        params += list(groups)
    return _frame(conn.execute(sql, params))


def figure_rows(conn: sqlite3.Connection, indicator: str,
                area_code: str) -> list[tuple[Any, ...]]:
    """(period, group_code, value, numerator, denominator, lower, upper, marker, withheld,
    limits_source) as shown (withheld figures masked): an indicator for an area, every
    period and group, as tuples (a few hundred rows at most, read many times: no frame is
    worth building)."""
    figures = ("value", "numerator", "denominator", "lower", "upper")
    return conn.execute(
        f"SELECT period, group_code, {shown_columns(columns=figures)}"
        " FROM observation INDEXED BY observation_current"
        " WHERE indicator_code = ? AND area_code = ? AND superseded_by IS NULL",
        (indicator, area_code)).fetchall()


_WARD_COLUMNS = ("value", "lower", "upper", "numerator")


def _for_ward(conn: sqlite3.Connection, where: str, params: tuple[str, ...]) -> pd.DataFrame:
    return _frame(conn.execute(
        "SELECT indicator_code AS code, area_code, period, group_code,"
        f" {shown_columns(columns=_WARD_COLUMNS)}"
        " FROM observation INDEXED BY observation_current"
        f" WHERE {where} AND superseded_by IS NULL",
        params))


def of_indicators(conn: sqlite3.Connection, indicators: Sequence[str],
                  areas: Sequence[str]) -> pd.DataFrame:
    """code, area_code, period, group_code, value, lower, upper, numerator and the marker
    columns of the given indicators in the given areas (every period and group)."""
    return _for_ward(conn, f"indicator_code IN ({_marks(indicators)})"
                     f" AND area_code IN ({_marks(areas)})", (*indicators, *areas))


def all_groups_of_current_indicators(conn: sqlite3.Connection,
                                     areas: Sequence[str]) -> pd.DataFrame:
    """As :func:`of_indicators`, for every current indicator, the ``ALL`` group only."""
    return _for_ward(
        conn,
        "indicator_code IN (SELECT code FROM indicator WHERE superseded_by IS NULL)"
        f" AND area_code IN ({_marks(areas)}) AND group_code = 'ALL'", tuple(areas))


def selection(conn: sqlite3.Connection, indicator: str | None, period: str | None,
              areas: Sequence[str] | None) -> pd.DataFrame:
    """indicator_code, period, area_code, group_code and every shown figure; each of the
    indicator, period and areas narrows the rows when given."""
    where, params = ["o.superseded_by IS NULL"], []
    for column, wanted in (("indicator_code", indicator), ("period", period)):
        if wanted:
            where.append(f"o.{column} = ?")
            params.append(wanted)
    if areas:
        where.append(f"o.area_code IN ({_marks(areas)})")
        params += list(areas)
    return _frame(conn.execute(
        "SELECT o.indicator_code, o.period, o.area_code, o.group_code, "
        f"{shown_columns('o')} FROM observation o WHERE {' AND '.join(where)}", params))
