"""Order routes: a buyer places an order; anyone with the reference can read it."""

from __future__ import annotations

from fastapi import APIRouter, Request

from server.api import DbSession, ReferencePath, Settings, SlugPath
from server.conferences.service import get_addon, get_conference, get_ticket_type
from server.orders.rate_limit import count_order_from
from server.orders.schemas import OrderCreate, OrderRead
from server.orders.service import AttendeeDetails, Cart, get_order, place_order

router = APIRouter(prefix="/api/v1", tags=["orders"])


@router.post("/conferences/{slug}/orders", status_code=201, response_model=OrderRead)
def create_order(slug: SlugPath, body: OrderCreate, request: Request, session: DbSession,
                 settings: Settings) -> OrderRead:
    """Place an order: seats are held for 15 minutes while it is PENDING (a zero total is PAID at once).

    At most the conference's tickets per order, and a few orders per client address every 15
    minutes (429 beyond): anonymous holds cannot take every seat.
    """
    # The client's address as uvicorn reports it: behind a proxy, from X-Forwarded-For when the proxy
    # is trusted (127.0.0.1 by default; FORWARDED_ALLOW_IPS for another), else the proxy's own.
    count_order_from(session, request.client.host if request.client else "unknown", limit=settings.orders_per_window)
    conference = get_conference(session, slug)
    cart = Cart(
        buyer=AttendeeDetails(**body.buyer.model_dump()),
        tickets={get_ticket_type(session, conference, s).id: q for s, q in body.tickets.items()},
        addons={get_addon(session, conference, s).id: q for s, q in body.addons.items()},
        voucher_code=body.voucher_code,
        attendees=[AttendeeDetails(**a.model_dump()) for a in body.attendees] if body.attendees is not None else None,
    )
    return OrderRead.model_validate(place_order(session, conference, cart))


@router.get("/orders/{reference}", response_model=OrderRead)
def read_order(reference: ReferencePath, session: DbSession) -> OrderRead:
    """An order's status and lines, by its ORD- reference."""
    return OrderRead.model_validate(get_order(session, reference))
