"""Engine and unit-of-work scope for the server database (SQLite file or PostgreSQL).

On SQLite every transaction starts with ``BEGIN IMMEDIATE``: the write lock is taken up front,
so the check-then-write sequences that PostgreSQL guards with ``SELECT … FOR UPDATE`` (capacity,
voucher uses, redemptions, bulk fulfilment) are serialised too. SQLite's default deferred
transactions would let two of them read the same "1 seat left" and then fail, or worse, both
write. SQLite is the zero-set-up default; production runs PostgreSQL.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

# SQLite has no decimal type; our amounts stay exact (see base.Money), so the warning is noise.
warnings.filterwarnings("ignore", message=".*does \\*not\\* support Decimal objects natively", category=sa_exc.SAWarning)

def make_engine(url: str, *, pool_size: int = 10, max_overflow: int = 20, **kwargs) -> Engine:
    """An engine holding at most ``pool_size + max_overflow`` connections (the server's admission keeps
    the requests at work under that: server/admission.py)."""
    if make_url(url).database not in (None, "", ":memory:"):  # an in-memory SQLite has one connection, no pool to size
        kwargs = {"pool_size": pool_size, "max_overflow": max_overflow, **kwargs}
    else:
        kwargs.pop("pool_timeout", None)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False}, **kwargs)

        @event.listens_for(engine, "connect")
        def _configure_sqlite(dbapi_connection, _record) -> None:
            # Hand transaction control to SQLAlchemy's "begin" event below (pysqlite's own
            # implicit BEGIN is deferred and would defeat the up-front lock).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=60000", "synchronous=NORMAL"):
                cursor.execute(f"PRAGMA {pragma}")
            cursor.close()

        # The dialect's own BEGIN, rather than a "begin" event: one listener of the engine's statement
        # events makes SQLAlchemy dispatch every one of them around every statement (a sixth of a
        # desk scan's CPU, the event lists iterated empty).
        engine.dialect.do_begin = _begin_immediate  # type: ignore[method-assign]
        return engine
    # Sessions in UTC, whatever the PostgreSQL server's own zone: psycopg hands a timestamptz back in the
    # session's zone, and 0001-01-01 00:00 UTC is a year before year 1 in a zone behind UTC (a DataError
    # on every read of that row). Times are UTC in the database and on the wire; zones are for people.
    kwargs.setdefault("connect_args", {"options": "-c TimeZone=UTC"})
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _begin_immediate(dbapi_connection) -> None:
    dbapi_connection.execute("BEGIN IMMEDIATE")


@contextmanager
def unit_of_work(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commits when the block ends, rolls back if it raises.

    Services only ``flush()``; this boundary (a request, a CLI command, a job) decides.
    """
    with session_factory() as session, session.begin():
        yield session
