"""Rows written and looked up set-wise: one INSERT statement for a whole batch, one parameter for a
set of keys.

On PostgreSQL the rows travel as one array a column and the statement is ``INSERT … SELECT * FROM
unnest(…)``: its text is the same whatever the number of rows, so the server plans it once, and
the driver does not parse a statement with thousands of placeholders (a multi-row ``VALUES``
list of 500 scan events took psycopg about 50 ms to split and convert, each time). SQLite gets
Core's executemany, which runs in-process and compiles once. For the same reason a lookup of a
batch's keys is ``= ANY(array)`` on PostgreSQL rather than ``IN`` with a placeholder a key.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, ColumnElement, Row, Table, TextClause, any_, bindparam, cast, insert, inspect, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import InstrumentedAttribute, Mapper, Session
from sqlalchemy.sql.selectable import TextualSelect

from server.db.base import UTCDateTime


def one_of(session: Session, column: ColumnElement[Any] | InstrumentedAttribute[Any],
           values: Collection[Any]) -> ColumnElement[bool]:
    """``column IN (values)``: on PostgreSQL ``column = ANY(CAST(:values AS type[]))``, one parameter
    whatever the number of values."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(cast(bindparam(None, list(values), type_=postgresql.ARRAY(column.type)),
                                   postgresql.ARRAY(column.type)))
    return column.in_(values)


def insert_rows(session: Session, model: type, rows: list[dict[str, Any]],
                returning: Sequence[str] = ()) -> list[Row]:
    """Insert ``rows`` (dicts keyed by ``model``'s attribute names, all with the same keys) in one
    statement; the ``returning`` attributes of the rows inserted, in no particular order.

    Columns left out take their Python default (a constant) as Core would give it.
    """
    if not rows:
        return []
    mapper: Mapper[Any] = inspect(model)
    columns = {key: mapper.attrs[key].columns[0] for key in rows[0]}
    defaults = {column.key: column.default.arg for column in mapper.local_table.c
                if column.key not in {c.key for c in columns.values()} and column.default is not None
                and column.default.is_scalar}
    table_rows = [{**defaults, **{columns[key].key: value for key, value in row.items()}} for row in rows]
    table = mapper.local_table
    assert isinstance(table, Table)  # our models map tables, not joins or selects
    if session.get_bind().dialect.name != "postgresql":
        statement = insert(table)
        if returning:
            result = session.execute(statement.returning(*(mapper.attrs[key].columns[0] for key in returning)),
                                     table_rows)
            return list(result)
        session.execute(statement, table_rows)
        return []
    names = tuple(table_rows[0])
    if not returning and not any(isinstance(table.c[name].type, JSON) for name in names):
        _copy_rows(session, table, names, table_rows)
        return []
    result = session.execute(_unnest_insert(table.name, names, tuple(returning), model),
                             {name: [row[name] for row in table_rows] for name in names})
    return list(result) if returning else []


def _copy_rows(session: Session, table: Table, names: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    """``COPY … FROM STDIN``: the rows go to the server as one stream formatted by the driver's C code,
    where an array parameter a column was dumped element by element in Python (by SQLAlchemy's bind
    processing, then psycopg's text array dumper with its quoting) — most of a batch's server CPU.
    The column types' own checks are kept where they matter: a naive time is refused, as ``UTCDateTime``
    refuses it."""
    times = [name for name in names if isinstance(table.c[name].type, UTCDateTime)]
    for row in rows:
        for name in times:
            if (value := row[name]) is not None and value.tzinfo is None:
                raise ValueError(f"naive datetime {value!r}: times must be timezone-aware")
    connection = session.connection()
    statement = f"COPY {table.name} ({', '.join(table.c[name].name for name in names)}) FROM STDIN"
    cursor = connection.connection.cursor()
    # Told to the engine's listeners as any statement is, so that what counts or logs statements sees it.
    connection.dispatch.before_cursor_execute(connection, cursor, statement, {}, None, False)
    try:
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(tuple(row[name] for name in names))
    finally:
        cursor.close()


@lru_cache(maxsize=64)
def _unnest_insert(table_name: str, names: tuple[str, ...], returning: tuple[str, ...],
                   model: type) -> TextClause | TextualSelect:
    mapper: Mapper[Any] = inspect(model)
    table = mapper.local_table
    dialect = postgresql.dialect()
    arrays = ", ".join(f"CAST(:{name} AS {table.c[name].type.compile(dialect=dialect)}[])" for name in names)
    sql = f"INSERT INTO {table_name} ({', '.join(table.c[name].name for name in names)}) SELECT * FROM unnest({arrays})"
    if returning:
        sql += " RETURNING " + ", ".join(mapper.attrs[key].columns[0].name for key in returning)
    statement: TextClause | TextualSelect = text(sql).bindparams(*(bindparam(name, type_=postgresql.ARRAY(table.c[name].type)) for name in names))
    if returning:
        assert isinstance(statement, TextClause)
        statement = statement.columns(*(mapper.attrs[key].columns[0] for key in returning))
    return statement
