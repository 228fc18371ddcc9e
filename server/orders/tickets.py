"""What paying an order asks of whoever issues its tickets to people.

An attendee (a ticket's holder, with the access code that opens the door) belongs to an order, so
the attendees domain stands a floor above orders; yet paying an order is what makes its attendees.
So orders does not import it: it names what it needs here, and the wiring (server/wiring.py) hands
the attendees' function in when the server, the CLI or a test starts, as it hands capacity's seat
keeper in (server/orders/seats.py).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from server.orders.models import Order

# One attendee, with a fresh access code, for each ticket of the (now paid) order that has none yet.
IssueTickets = Callable[[Session, Order], None]

_issuer: IssueTickets | None = None


def issue_tickets_with(issuer: IssueTickets) -> None:
    global _issuer
    _issuer = issuer


def ticket_issuer() -> IssueTickets:
    if _issuer is None:  # a paid order without its attendees would let no one in: refuse instead
        raise RuntimeError("No ticket issuer: import server.wiring (it hands the attendees' in) before paying orders.")
    return _issuer
