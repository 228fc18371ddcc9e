"""The voucher list as a spreadsheet: one row per code, times on the venue's clock, cells made safe
by server.exports.spreadsheet (a code or restriction starting with = must not run as a formula)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session, sessionmaker

from server.conferences.time_entry import in_venue_words
from server.db.engine import unit_of_work
from server.vouchers.models import Voucher
from server.vouchers.repository import vouchers_after

HEADER = ("code", "type", "value", "max_uses", "times_used", "valid_from", "valid_until", "unlocks_hidden_tickets",
          "ticket_types", "addons", "active", "created")


def voucher_row(voucher: Voucher, timezone: str) -> tuple:
    return (
        voucher.code, voucher.voucher_type.value, voucher.discount_value, voucher.max_uses, voucher.times_used,
        in_venue_words(voucher.valid_from, timezone), in_venue_words(voucher.valid_until, timezone),
        "yes" if voucher.unlocks_hidden_tickets else "no",
        "; ".join(t.name for t in voucher.applicable_ticket_types),
        "; ".join(a.name for a in voucher.applicable_addons),
        "yes" if voucher.is_active else "no", in_venue_words(voucher.created_at, timezone),
    )


def voucher_rows(session_factory: sessionmaker[Session], conference_id: int, timezone: str,
                 code_prefix: str = "") -> Iterator[tuple]:
    """Every voucher (of this prefix) by code, read a page at a time, each page in its own short transaction:
    a slow download must not hold a transaction (on SQLite, the write lock) open."""
    after = None
    while True:
        with unit_of_work(session_factory) as session:
            page = vouchers_after(session, conference_id, code_prefix=code_prefix, after=after)
            rows = [voucher_row(v, timezone) for v in page]
        if not rows:
            return
        yield from rows
        after = rows[-1][0]
