"""A local fake of the part of Stripe's HTTP API we use, for the real ``stripe`` library to talk to.

It answers with Stripe's own fixture objects (../shared/testdata/stripe), honours idempotency keys
as Stripe does (same key, same answer; same key with other parameters, an ``idempotency_error``),
records every request so tests can assert amounts, currency, metadata and keys, and sends webhooks
signed for real (HMAC-SHA256 over ``{t}.{payload}``), as Stripe does after a payment or a refund.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

import httpx

from tests.conftest import SHARED_TESTDATA, shared_testdata

FIXTURES = SHARED_TESTDATA / "stripe"


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def parse_form(body: str) -> dict[str, Any]:
    """``line_items[0][price_data][currency]=eur`` → nested dicts and lists, as Stripe reads them."""
    root: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        _assign(root, re.findall(r"[^\[\]]+", key), value)
    return root


def _assign(root: dict, parts: list[str], value: str) -> None:
    node: Any = root
    for part, following in zip(parts, parts[1:]):
        container: Any = [] if following.isdigit() else {}
        if isinstance(node, list):
            index = int(part)
            node.extend([None] * (index + 1 - len(node)))
            if node[index] is None:
                node[index] = container
            node = node[index]
        else:
            node = node.setdefault(part, container)
    if isinstance(node, list):
        node.extend([None] * (int(parts[-1]) + 1 - len(node)))
        node[int(parts[-1])] = value
    else:
        node[parts[-1]] = value


def sign(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


@dataclass
class Recorded:
    method: str
    path: str
    idempotency_key: str | None
    api_key: str
    params: dict[str, Any]


@dataclass
class FakeStripe:
    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    sessions: dict[str, dict] = field(default_factory=dict)
    charges: dict[str, dict] = field(default_factory=dict)  # by payment intent
    webhook_url: str = ""
    webhook_secret: str = ""
    fail_next: tuple[int, dict] | None = None
    delay: float = 0.0  # seconds every API answer takes (Stripe on a bad day), after the request is recorded
    _idempotent: dict[str, tuple[dict, int, dict]] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    delivered: list[httpx.Response] = field(default_factory=list)

    # The API ---------------------------------------------------------------------------------------

    def handle(self, method: str, path: str, headers, body: str) -> tuple[int, dict]:
        params = parse_form(body) if body else {}
        key = headers.get("Idempotency-Key")
        api_key = (headers.get("Authorization") or "").removeprefix("Bearer ")
        with self._lock:
            self.requests.append(Recorded(method, path, key, api_key, params))
        time.sleep(self.delay)
        with self._lock:
            if self.fail_next is not None:
                status, error = self.fail_next
                self.fail_next = None
                return status, error
            if key and key in self._idempotent:
                first_params, status, answer = self._idempotent[key]
                if first_params != params:
                    return 400, {"error": {"type": "idempotency_error", "message": "Keys for idempotent requests "
                                           "can only be used with the same parameters they were first used with."}}
                return status, answer
            status, answer = self._route(method, path, params)
            if key and method == "POST":
                self._idempotent[key] = (params, status, answer)
        return status, answer

    def _route(self, method: str, path: str, params: dict) -> tuple[int, dict]:
        if method == "POST" and path == "/v1/checkout/sessions":
            return 200, self._create_session(params)
        if method == "POST" and path == "/v1/refunds":
            return self._create_refund(params)
        return 404, fixture("error_resource_missing")

    def _create_session(self, params: dict) -> dict:
        session = fixture("checkout.session")
        number = next(self._ids)
        session_id = f"cs_test_fake{number:04d}"
        total = sum(int(line["price_data"]["unit_amount"]) * int(line.get("quantity", 1))
                    for line in params.get("line_items", []))
        currency = params["line_items"][0]["price_data"]["currency"] if params.get("line_items") else "usd"
        session.update(
            id=session_id, url=f"{self.url}/pay/{session_id}", mode=params.get("mode"), status="open",
            payment_status="unpaid", amount_total=total, amount_subtotal=total, currency=currency,
            metadata=params.get("metadata", {}), client_reference_id=params.get("client_reference_id"),
            customer_email=params.get("customer_email"), success_url=params.get("success_url"),
            cancel_url=params.get("cancel_url"), payment_intent=None, created=int(time.time()),
            expires_at=int(params.get("expires_at") or time.time() + 86400), total_details=None,
            shipping_cost=None, currency_conversion=None,
        )
        self.sessions[session_id] = session
        return session

    def _create_refund(self, params: dict) -> tuple[int, dict]:
        charge = self.charges.get(params.get("payment_intent", ""))
        if charge is None:
            return 404, fixture("error_resource_missing")
        amount = int(params.get("amount") or charge["amount"] - charge["amount_refunded"])
        if amount <= 0 or charge["amount_refunded"] + amount > charge["amount"]:
            return 400, {"error": {"type": "invalid_request_error", "code": "amount_too_large",
                                   "message": "Refund amount is greater than unrefunded amount on charge."}}
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount"]
        refund = fixture("refund")
        refund.update(id=f"re_fake{next(self._ids):04d}", amount=amount, charge=charge["id"],
                      payment_intent=charge["payment_intent"], currency=charge["currency"], created=int(time.time()))
        # Stripe tells the webhook a moment later, on its own connection.
        event = self.event("charge.refunded", copy.deepcopy(charge))
        threading.Thread(target=self.deliver, args=(event,), daemon=True).start()
        return 200, refund

    # What Stripe does on its side (tests drive it) -------------------------------------------------

    def pay(self, session_id: str) -> dict:
        """The buyer completes Checkout: the session is paid, a charge exists; returns the event."""
        with self._lock:
            session = self.sessions[session_id]
            payment_intent = f"pi_fake{next(self._ids):04d}"
            session.update(status="complete", payment_status="paid", payment_intent=payment_intent)
            charge = fixture("charge")
            charge.update(id=f"ch_fake{next(self._ids):04d}", amount=session["amount_total"], amount_refunded=0,
                          refunded=False, payment_intent=payment_intent, currency=session["currency"],
                          amount_captured=session["amount_total"])
            self.charges[payment_intent] = charge
            return self.event("checkout.session.completed", copy.deepcopy(session))

    def expire(self, session_id: str) -> dict:
        with self._lock:
            session = self.sessions[session_id]
            session.update(status="expired")
            return self.event("checkout.session.expired", copy.deepcopy(session))

    def event(self, event_type: str, obj: dict) -> dict:
        event = fixture("event")
        event.update(id=f"evt_fake{next(self._ids):05d}", type=event_type, created=int(time.time()),
                     api_version="2026-07-29.dahlia", data={"object": obj})
        return event

    def deliver(self, event: dict, *, url: str | None = None, secret: str | None = None, timestamp: int | None = None,
                signature: str | None = None) -> httpx.Response:
        payload = json.dumps(event).encode()
        header = signature if signature is not None else sign(payload, secret or self.webhook_secret, timestamp)
        headers = {"Content-Type": "application/json"}
        if header:
            headers["Stripe-Signature"] = header
        response = httpx.post(url or self.webhook_url, content=payload, headers=headers, timeout=30)
        self.delivered.append(response)
        return response

    def calls(self, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.path == path]


def serve(fake: FakeStripe):
    """Start the fake on 127.0.0.1 (a thread); returns the HTTP server (call ``shutdown()``, then ``server_close()``).

    It answers with Stripe's objects from ../shared/testdata/stripe: without them the test skips.
    """
    shared_testdata("stripe")

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            path = self.path.split("?")[0]
            status, answer = fake.handle(self.command, path, self.headers, body)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Request-Id", f"req_fake{len(fake.requests)}")
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_DELETE = _answer

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
