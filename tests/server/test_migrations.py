"""The Alembic migrations build exactly the schema the models describe, on both databases."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from server.db.base import Base
from server.db.migrate import upgrade_to_head
from tests.conftest import POSTGRES_URL, _postgres_unavailable


def assert_matches_models(url):
    engine = create_engine(url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_sqlite_migrations_match_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    upgrade_to_head(url)
    upgrade_to_head(url)  # a second start finds nothing to do
    assert_matches_models(url)


@pytest.mark.postgres
def test_postgres_migrations_match_the_models():
    if not POSTGRES_URL:
        _postgres_unavailable("DOORSTATION_TEST_POSTGRES_URL is not set")
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = "doorstation_migration_check"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade_to_head(url)
        assert_matches_models(url)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_head_revision_constant_is_the_newest_migration():
    from alembic.script import ScriptDirectory

    from server.db.migrate import HEAD_REVISION, alembic_config

    assert ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() == HEAD_REVISION
