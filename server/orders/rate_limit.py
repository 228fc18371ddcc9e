"""How many orders one client may place: a fixed-window counter per client address, in the database.

Anonymous order creation holds seats for 15 minutes. Without a limit, one client could hold every
remaining seat and renew the holds for ever. The counter lives in the database rather than in a
rate-limiting library's memory store because Doorstation runs several server processes (``--workers``)
against one SQLite file or PostgreSQL, and no well-kept limiter stores its counters there (slowapi
and ``limits`` need Redis, Memcached or MongoDB for shared storage, which a deployment here does not
have). The count is taken in the order's own transaction: a refused order does not count, a placed
one always does, and two requests of one client at the same moment are serialised on its row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import CursorResult, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from server.db.base import utcnow
from server.errors import DomainError
from server.orders.models import OrderRateWindow

WINDOW = dt.timedelta(minutes=15)  # a hold's lifetime: at most this many holds alive per client


class TooManyOrders(DomainError):
    code = "too_many_orders"
    http_status = 429


def count_order_from(session: Session, client: str, *, limit: int, now: dt.datetime | None = None) -> None:
    """Count one more order from ``client`` in the current window; raises TooManyOrders past ``limit``
    (the settings' orders_per_window)."""
    now = now or utcnow()
    epoch = int(now.timestamp()) // int(WINDOW.total_seconds()) * int(WINDOW.total_seconds())
    window_start = dt.datetime.fromtimestamp(epoch, dt.UTC)
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(OrderRateWindow).values(client=client[:64], window_start=window_start, orders=1)
    # One atomic statement: insert the window's row or add one to it, and read the new count.
    orders = session.execute(
        statement.on_conflict_do_update(index_elements=["client", "window_start"],
                                        set_={"orders": OrderRateWindow.orders + 1})
        .returning(OrderRateWindow.orders)
    ).scalar_one()
    if orders > limit:
        retry = window_start + WINDOW - now
        raise TooManyOrders(f"Too many orders from your address: at most {limit} every "
                            f"{int(WINDOW.total_seconds() // 60)} minutes. Try again in "
                            f"{max(1, round(retry.total_seconds() / 60))} minutes.")


def forget_old_windows(session: Session, *, now: dt.datetime | None = None) -> int:
    """Delete the counters of windows that have ended (the server's periodic job)."""
    now = now or utcnow()
    result = session.execute(delete(OrderRateWindow).where(OrderRateWindow.window_start < now - WINDOW))
    return cast(CursorResult[Any], result).rowcount  # a DELETE's result: a cursor's, with its rowcount
