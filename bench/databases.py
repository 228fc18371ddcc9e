"""Scratch server databases for the benchmarks, gone when the benchmark ends (also when it fails)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextlib.contextmanager
def scratch_database(postgres: str | None = None) -> Iterator[str]:
    """The URL of a new, empty database: a SQLite file in a temporary folder, or with ``postgres`` a
    new database on that server (next to the one the URL names, which is left alone). Deleted or
    dropped on exit.
    """
    if postgres is None:
        scratch = Path(tempfile.mkdtemp(prefix="doorstation-bench-db-"))
        try:
            yield f"sqlite:///{scratch / 'bench.sqlite3'}"
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return
    name = f"doorstation_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(postgres).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:  # FORCE: a server process or pool may still hold a connection
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
