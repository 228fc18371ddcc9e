"""Apply the Alembic migrations; the server and the CLI call this on start."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from server.db.engine import make_engine

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration's revision id. A test checks it against the migrations folder; with it,
# a start on an up-to-date database costs one query instead of loading Alembic (~0.5 s).
HEAD_REVISION = "0021"


def alembic_config(url: str):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser interpolation would choke on a '%' in a password.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def current_revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(text("SELECT version_num FROM alembic_version"))
    except DBAPIError:  # no alembic_version table yet: an empty database
        return None
    finally:
        engine.dispose()


def upgrade_to_head(url: str) -> None:
    if current_revision(url) == HEAD_REVISION:
        return
    from alembic import command

    command.upgrade(alembic_config(url), "head")
