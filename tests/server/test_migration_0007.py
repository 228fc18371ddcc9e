"""Migration 0007 on a database that has data: add-ons get bulk_enabled (off), and the seat counters are
counted again without the pending orders that have no hold expiry (they had been counted for ever)."""

from alembic import command
from sqlalchemy import text

from server.capacity.service import get_global_sold_count
from server.conferences.models import Conference
from server.db.engine import make_engine, unit_of_work
from server.wiring import make_session_factory
from server.db.migrate import alembic_config, upgrade_to_head
from tests.factories import make_conference, make_order, make_ticket_type


def test_0007_recounts_seats_and_adds_bulk_enabled_off(empty_database_url):
    command.upgrade(alembic_config(empty_database_url), "0006")
    engine = make_engine(empty_database_url)
    with unit_of_work(make_session_factory(engine)) as session:
        conference = make_conference(session, slug="pycon", total_capacity=10)
        ticket = make_ticket_type(session, conference)
        make_order(session, conference, status="paid", tickets={ticket: 3})
        make_order(session, conference, status="pending", tickets={ticket: 2})  # a live hold
        make_order(session, conference, status="pending", tickets={ticket: 4}).hold_expires_at = None
    with engine.begin() as connection:
        # What the code before 0007 had counted: every pending order, with a hold or not.
        connection.execute(text("UPDATE conferences SET seats_taken = 9"))
        connection.execute(text("UPDATE ticket_types SET quantity_taken = 9"))
        connection.execute(text("INSERT INTO addons (sync_version, conference_id, name, slug, description, price, "
                                "total_quantity, quantity_taken, is_active) SELECT 0, id, 'Lunch', 'lunch', '', 20, "
                                "0, 0, true FROM conferences"))
    upgrade_to_head(empty_database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT seats_taken FROM conferences")).scalar() == 5
        assert connection.execute(text("SELECT quantity_taken FROM ticket_types")).scalar() == 5
        assert connection.execute(text("SELECT bulk_enabled FROM addons")).scalar() in (False, 0)
    with make_session_factory(engine)() as session:
        assert get_global_sold_count(session, session.query(Conference).one()) == 5
    engine.dispose()
