"""Engine and unit-of-work scope for the server database (SQLite file or PostgreSQL).

On SQLite every transaction starts with ``BEGIN IMMEDIATE``: the write lock is taken up front,
so the check-then-write sequences that PostgreSQL guards with ``SELECT … FOR UPDATE`` (capacity,
voucher uses, redemptions, bulk fulfilment) are serialised too. SQLite's default deferred
transactions would let two of them read the same "1 seat left" and then fail, or worse, both
write. SQLite is the zero-set-up default; production runs PostgreSQL.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

# SQLite has no decimal type; our amounts stay exact (see base.Money), so the warning is noise.
warnings.filterwarnings("ignore", message=".*does \\*not\\* support Decimal objects natively", category=sa_exc.SAWarning)

DEFAULT_SQLITE_PATH = Path("doorstation.sqlite3")


def database_url() -> str:
    """``DATABASE_URL`` if set, else a SQLite file in the working directory."""
    url = os.environ.get("DATABASE_URL")
    if url:
        # Accept the common postgres:// and postgresql:// spellings; we drive PostgreSQL with psycopg 3.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def make_engine(url: str, **kwargs) -> Engine:
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

        @event.listens_for(engine, "begin")
        def _begin_immediate(connection) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Every model and the flush hooks (change-feed versions, seat counters) must be loaded in any
    # process that writes, or a server that happens not to import them would skip the stamping.
    import server.db.models  # noqa: F401

    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commits when the block ends, rolls back if it raises.

    Services only ``flush()``; this boundary (a request, a CLI command, a job) decides.
    """
    with session_factory() as session, session.begin():
        yield session
