"""Fixtures of the money pages' tests: the fake Stripe, and the console server selling through it (tests.web.money.shop)."""

from __future__ import annotations

import pytest

from server.conferences.service import get_conference, get_ticket_type
from server.db.engine import unit_of_work
from tests.fake_stripe import FakeStripe, serve
from tests.web.conftest import CONFERENCE_A
from tests.web.money.shop import WEBHOOK_SECRET, MoneyShop


@pytest.fixture
def stripe_for_console(monkeypatch):
    """The fake Stripe, and the settings pointing the server at it: before the console server is created."""
    from server.settings import get_settings

    fake = FakeStripe()
    http = serve(fake)
    monkeypatch.setenv("DOORSTATION_STRIPE_API_BASE", fake.url)
    monkeypatch.setenv("DOORSTATION_ORDERS_PER_WINDOW", "1000")
    # The server's own retry of failed events (every 30 s) would race a test's "Retry" click.
    monkeypatch.setattr("server.app.HOLD_RELEASE_INTERVAL_S", 3600)
    get_settings.cache_clear()
    yield fake
    http.shutdown()
    http.server_close()


@pytest.fixture
def money_shop(stripe_for_console, console_server) -> MoneyShop:
    with unit_of_work(console_server.session_factory) as session:
        conference = get_conference(session, CONFERENCE_A)
        conference.stripe_secret_key, conference.stripe_webhook_secret = "sk_test_console", WEBHOOK_SECRET
        get_ticket_type(session, conference, "standard").bulk_enabled = True
    stripe_for_console.webhook_url = console_server.url(f"/api/v1/stripe/webhook/{CONFERENCE_A}")
    stripe_for_console.webhook_secret = WEBHOOK_SECRET
    return MoneyShop(server=console_server, fake=stripe_for_console)
