"""Alembic environment: runs migrations with our engine setup (SQLite pragmas included)."""

from alembic import context

import server.db.models  # noqa: F401  (registers every table on the metadata)
from server.db.base import Base
from server.db.engine import make_engine

config = context.config


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
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
