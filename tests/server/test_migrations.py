"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from server.db.base import Base
from server.db.migrate import upgrade_to_head


def assert_matches_models(url):
    engine = create_engine(url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_migrations_match_the_models(empty_database_url):
    """On a database of its own (a unique PostgreSQL database per run, dropped after: see conftest)."""
    upgrade_to_head(empty_database_url)
    upgrade_to_head(empty_database_url)  # a second start finds nothing to do
    assert_matches_models(empty_database_url)


def test_head_revision_constant_is_the_newest_migration():
    from alembic.script import ScriptDirectory

    from server.db.migrate import HEAD_REVISION, alembic_config

    assert ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() == HEAD_REVISION
