"""Alembic environment: runs migrations with our engine setup (SQLite pragmas included)."""

from alembic import context

import server.wiring  # noqa: F401  (registers every table on the metadata)
from server.db.base import Base
from server.db.engine import make_engine

config = context.config


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("No sqlalchemy.url for the migrations: run them through server.db.migrate.")
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
