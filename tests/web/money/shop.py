"""The console's money pages against a local fake Stripe: the real ``stripe`` library, signed webhooks
delivered by the fake to the live server's real webhook route.

``money_shop`` (a fixture of this folder's conftest.py) is the console server of tests/web/conftest.py with
conference A ("pycon") able to sell: Stripe keys, its "standard" ticket type open to bulk
purchases, and the fake's webhooks pointed at the live server.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import select

from server.orders.models import Order
from server.payments import webhooks
from tests.fake_stripe import FakeStripe
from tests.web.conftest import CONFERENCE_A, ConsoleServer

WEBHOOK_SECRET = "whsec_test_console"


@dataclass
class MoneyShop:
    server: ConsoleServer
    fake: FakeStripe

    def paid_order(self, *, tickets: int = 2, first_name: str = "Ada", email: str = "ada@example.org") -> str:
        """An order placed on the public route, paid through Checkout (the fake's signed webhook): its reference."""
        body = {"buyer": {"first_name": first_name, "last_name": "Buyer", "email": email},
                "tickets": {"standard": tickets}}
        placed = httpx.post(self.server.url(f"/api/v1/conferences/{CONFERENCE_A}/orders"), json=body, timeout=10)
        assert placed.status_code == 201, placed.text
        reference = placed.json()["reference"]
        started = httpx.post(self.server.url(f"/api/v1/orders/{reference}/checkout"), timeout=30,
                             json={"success_url": "https://pycon.example/ok", "cancel_url": "https://pycon.example/no"})
        assert started.status_code == 200, started.text
        paid = self.fake.deliver(self.fake.pay(started.json()["session_id"]))
        assert paid.status_code == 200, paid.text
        return reference

    def order(self, reference: str) -> dict:
        return httpx.get(self.server.url(f"/api/v1/orders/{reference}"), timeout=10).json()

    def order_row(self, reference: str) -> Order:
        with self.server.session_factory() as session:
            return session.scalar(select(Order).where(Order.reference == reference))

    def refunds(self) -> list[int]:
        """The amounts (minor units) Stripe was asked to refund, in order; each call once, however many retries."""
        seen, amounts = set(), []
        for call in self.fake.calls("/v1/refunds"):
            if call.idempotency_key not in seen:
                seen.add(call.idempotency_key)
                amounts.append(int(call.params.get("amount") or -1))
        return amounts


class HandlerOutage:
    """Makes one webhook handler fail until ``end()``: an event is then recorded but not applied, as when the
    database refused for a moment. (The fault is injected in-process; everything else is the real path.)"""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, event_type: str) -> None:
        self.original: Callable = webhooks.HANDLERS[event_type]
        self.active = True

        def failing(session, conference, obj):
            if self.active:
                raise RuntimeError("the database refused for a moment")
            return self.original(session, conference, obj)

        monkeypatch.setitem(webhooks.HANDLERS, event_type, failing)

    def end(self) -> None:
        self.active = False


def wait_for(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def form_token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
