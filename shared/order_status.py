"""What an order's status means at the door and for the venue's seats: one definition each.

Statuses (pending, paid, partially_refunded, refunded, cancelled) are compared as the lowercase strings both the server's ``OrderStatus`` (a ``StrEnum``) and the kiosk's cache use, so
``OrderStatus.PAID in ADMITS_ENTRY`` and ``"paid" in ADMITS_ENTRY`` are both true.
"""

from __future__ import annotations

# A partial refund keeps the badge working (a refunded add-on is no reason to turn someone away).
ADMITS_ENTRY = frozenset({"paid", "partially_refunded"})

# A seat is held by every order that admits entry, and by a pending order while its hold lasts
# (15 minutes; expired holds are released — cancelled — by the server, so a pending order's seat
# counts until then, and capacity validation releases expired holds before it counts).
PENDING = "pending"
HOLDS_SEAT = ADMITS_ENTRY | {PENDING}


def holds_seat(status: str | None, hold_expires_at: object | None) -> bool:
    """Whether an order's seats are taken: it admits entry, or it is pending with a hold (until the server
    releases the hold, which cancels it). A pending order without a hold takes no seat (a
    hold is what makes a pending order count: none left, nothing holds it)."""
    return status in ADMITS_ENTRY or (status == PENDING and hold_expires_at is not None)


def admits_entry(status: str | None) -> bool:
    """Whether an attendee whose order has this status may enter (check in, door checks, redemptions)."""
    return status in ADMITS_ENTRY
