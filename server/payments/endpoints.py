"""Payment routes: start Stripe Checkout for an order, and Stripe's webhook."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Header, Request

from server.api import ReferencePath, SlugPath
from server.payments.checkout import start_order_checkout
from server.payments.schemas import CheckoutCreate, CheckoutRead, WebhookAnswer
from server.payments.webhooks import receive

router = APIRouter(prefix="/api/v1", tags=["payments"])
# Stripe's webhook alone: the app includes it with the settings' max_webhook_bytes as its body limit.
webhook_router = APIRouter(prefix="/api/v1", tags=["payments"])


@router.post("/orders/{reference}/checkout", response_model=CheckoutRead)
def start_checkout(reference: ReferencePath, body: CheckoutCreate, request: Request) -> CheckoutRead:
    """Start (or get again) the Stripe Checkout Session that pays a pending order."""
    # Its own two short transactions around the Stripe call (see start_order_checkout), not the
    # request's unit of work: no transaction may stay open while Stripe answers.
    started = start_order_checkout(request.app.state.session_factory, reference, success_url=body.success_url,
                                   cancel_url=body.cancel_url)
    return CheckoutRead(checkout_url=started.url, session_id=started.session_id, expires_at=started.expires_at)


# The limit (settings: max_webhook_bytes, given where server.app includes webhook_router) is enforced
# while the body streams in (413 at once from Content-Length, or as soon as the bytes pass it), before
# the signature check: a large body is not a Stripe event.
@webhook_router.post("/stripe/webhook/{conference_slug}", response_model=WebhookAnswer)
async def stripe_webhook(conference_slug: SlugPath, request: Request,
                         stripe_signature: str | None = Header(default=None)) -> WebhookAnswer:
    """Stripe's webhook for one conference: signature checked with its secret, each event applied once."""
    payload = await request.body()
    # The handlers do blocking database work (and may wait on a row lock): off the event loop.
    result = await asyncio.to_thread(receive, request.app.state.session_factory, conference_slug, payload,
                                     stripe_signature)
    return WebhookAnswer(event_id=result.event_id, outcome=result.outcome, note=result.note)
