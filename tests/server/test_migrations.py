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


def test_migrations_make_the_dashboard_count_triggers(empty_database_url):
    """The triggers create_schema gives the tests' databases are the ones a migrated database has, and on
    PostgreSQL they fire once per statement (a per-row trigger made a bulk update take minutes)."""
    from sqlalchemy import text

    from server.dashboard.counting import TRIGGERS
    from server.zones.counting import TRIGGERS as ZONE_TRIGGERS

    upgrade_to_head(empty_database_url)
    engine = create_engine(empty_database_url)
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            rows = connection.execute(text("SELECT tgname, tgtype & 1 FROM pg_trigger WHERE NOT tgisinternal")).all()
            assert {per_row for _name, per_row in rows} == {0}  # bit 0 of tgtype: FOR EACH ROW
        else:
            rows = connection.execute(text("SELECT name, 0 FROM sqlite_master WHERE type = 'trigger'")).all()
    engine.dispose()
    assert sorted(name for name, _ in rows) == sorted([*(name for names in TRIGGERS.values() for name in names),
                                                       *ZONE_TRIGGERS])
