"""What placing or reviving an order asks of whoever keeps count of the seats.

The capacity domain keeps the counts, and it stands a floor above orders: its counts are read from
orders' lines. So orders does not import it; it names what it needs here, and the wiring
(server/wiring.py) hands capacity's functions in when the server, the CLI or a test starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from server.conferences.models import AddOn, Conference, TicketType


@dataclass(frozen=True)
class SeatKeeper:
    # The conference row locked (FOR UPDATE on PostgreSQL): every seat check and write runs under it.
    lock_conference: Callable[[Session, int], Conference]
    # Conflict if the venue has fewer than this many seats left (holds expired released first).
    check_venue: Callable[[Session, Conference, int], None]
    # Conflict if the ticket type or add-on has fewer than this many left.
    check_product: Callable[[Session, TicketType | AddOn, int], None]


_keeper: SeatKeeper | None = None


def keep_seats_with(keeper: SeatKeeper) -> None:
    global _keeper
    _keeper = keeper


def seat_keeper() -> SeatKeeper:
    if _keeper is None:  # selling with no one counting would oversell the venue: refuse instead
        raise RuntimeError("No seat keeper: import server.wiring (it hands capacity's in) before placing orders.")
    return _keeper
