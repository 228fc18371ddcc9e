"""Voucher bulk generation (a batch of unique codes sharing one configuration) and voucher checks at order time."""

from __future__ import annotations

import datetime as dt
import secrets
import string
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from server.conferences.models import AddOn, Conference, TicketType
from server.errors import Conflict, InvalidInput
from server.vouchers.models import Voucher, VoucherType, voucher_addons, voucher_ticket_types
from shared.languages import N_, Marked

_CODE_ALPHABET = string.ascii_uppercase + string.digits
_CODE_LENGTH = 8
_MAX_COUNT = 500
_MAX_PREFIX_LENGTH = 100 - _CODE_LENGTH


@dataclass
class VoucherBulkConfig:
    """Everything a batch of vouchers shares: its type and discount, uses, window and restrictions."""

    conference: Conference
    prefix: str
    count: int
    voucher_type: str
    discount_value: Decimal
    max_uses: int = 1
    valid_from: dt.datetime | None = None
    valid_until: dt.datetime | None = None
    unlocks_hidden_tickets: bool = field(default=False)
    applicable_ticket_types: list[TicketType] | None = None
    applicable_addons: list[AddOn] | None = None


def _generate_unique_code(prefix: str, existing_codes: set[str]) -> str:
    for _ in range(100):
        code = prefix + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
        if code not in existing_codes:
            return code
    raise RuntimeError(f"Failed to generate a unique voucher code with prefix '{prefix}' after 100 attempts")


def check_voucher_config(config: VoucherBulkConfig) -> VoucherType:
    """Everything generate_voucher_codes refuses before it writes; callers may run it ahead (a bulk purchase at creation)."""
    if config.count < 1 or config.count > _MAX_COUNT:
        raise InvalidInput(Marked(N_("count must be between 1 and %(maximum)s, got %(count)s"), maximum=_MAX_COUNT,
                                  count=config.count))
    try:
        voucher_type = VoucherType(config.voucher_type)
    except ValueError:
        choices = ", ".join(t.value for t in VoucherType)
        raise InvalidInput(Marked(N_("Unknown voucher type '%(value)s' (one of %(choices)s)."),
                                  value=config.voucher_type, choices=choices)) from None
    if config.discount_value < 0:
        raise InvalidInput(Marked(N_("discount_value cannot be negative.")))
    if voucher_type is VoucherType.PERCENTAGE and config.discount_value > 100:
        raise InvalidInput(Marked(N_("A percentage discount must be between 0 and 100.")))
    if config.max_uses < 1:
        raise InvalidInput(Marked(N_("max_uses must be at least 1.")))
    if len(config.prefix) > _MAX_PREFIX_LENGTH or any(c.isspace() or not c.isprintable() for c in config.prefix):
        raise InvalidInput(Marked(N_("The prefix must be at most %(length)s printable characters without spaces."),
                                  length=_MAX_PREFIX_LENGTH))
    # A window that starts and ends at the same moment is allowed (a voucher for one instant, which
    # nothing can use: harmless); one that ends before it starts is a typo.
    if config.valid_from and config.valid_until and config.valid_until < config.valid_from:
        raise InvalidInput(Marked(N_("valid_until cannot be before valid_from.")))
    products: list[TicketType | AddOn] = [*(config.applicable_ticket_types or []), *(config.applicable_addons or [])]
    for product in products:
        if product.conference_id != config.conference.id:
            raise InvalidInput(Marked(N_("'%(name)s' does not belong to %(conference)s."), name=product.name,
                                      conference=config.conference.slug))
    return voucher_type


def generate_voucher_codes(session: Session, config: VoucherBulkConfig) -> list[Voucher]:
    """Create ``config.count`` vouchers with random ``{prefix}{8 × A-Z0-9}`` codes, unique per conference.

    All rows (vouchers and their restriction links) are written in the caller's transaction:
    either the whole batch exists or none of it. The unique constraint on (conference, code) is
    the last guard against a concurrent batch drawing the same code.
    """
    voucher_type = check_voucher_config(config)
    existing_query = select(Voucher.code).where(Voucher.conference_id == config.conference.id)
    if config.prefix:
        existing_query = existing_query.where(Voucher.code.startswith(config.prefix, autoescape=True))
    existing_codes = set(session.scalars(existing_query))

    rows = []
    for _ in range(config.count):
        code = _generate_unique_code(config.prefix, existing_codes)
        existing_codes.add(code)
        rows.append({
            "conference_id": config.conference.id, "code": code, "voucher_type": voucher_type,
            "discount_value": config.discount_value, "max_uses": config.max_uses, "valid_from": config.valid_from,
            "valid_until": config.valid_until, "unlocks_hidden_tickets": config.unlocks_hidden_tickets,
        })
    # One multi-row INSERT … RETURNING (SQLAlchemy's "insertmanyvalues"), not 500 single-row inserts.
    # No sort_by_parameter_order: SQLite has no sentinel to sort RETURNING rows by, so asking for it
    # makes SQLAlchemy send one INSERT per row there. Sorting by id afterwards gives the same order.
    vouchers = sorted(session.scalars(insert(Voucher).returning(Voucher), rows), key=lambda voucher: voucher.id)

    # Restriction links in one multi-row insert each, not one statement per voucher.
    if config.applicable_ticket_types:
        session.execute(
            insert(voucher_ticket_types),
            [{"voucher_id": v.id, "ticket_type_id": t.id} for v in vouchers for t in config.applicable_ticket_types],
        )
    if config.applicable_addons:
        session.execute(
            insert(voucher_addons),
            [{"voucher_id": v.id, "addon_id": a.id} for v in vouchers for a in config.applicable_addons],
        )
    return vouchers


def lock_voucher(session: Session, conference: Conference, code: str) -> Voucher:
    """The voucher with this code, row-locked so that its use count can be checked and bumped.

    Without the lock two buyers could both read ``times_used = max_uses - 1`` and both use it.
    """
    voucher = session.scalar(
        select(Voucher)
        .where(Voucher.conference_id == conference.id, Voucher.code == code.strip())
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if voucher is None:
        raise InvalidInput(Marked(N_("Voucher code '%(code)s' is not valid."), code=code), code="voucher_invalid")
    return voucher


def check_voucher_usable(voucher: Voucher, now: dt.datetime) -> None:
    """A voucher is usable while active, ``times_used < max_uses``, and inside its validity window."""
    if not voucher.is_active:
        raise Conflict(Marked(N_("Voucher code '%(code)s' is no longer active."), code=voucher.code),
                       code="voucher_inactive")
    if voucher.times_used >= voucher.max_uses:
        raise Conflict(Marked(N_("Voucher code '%(code)s' has been used up."), code=voucher.code), code="voucher_used_up")
    if voucher.valid_from is not None and now < voucher.valid_from:
        raise Conflict(Marked(N_("Voucher code '%(code)s' is not valid yet."), code=voucher.code),
                       code="voucher_not_yet_valid")
    if voucher.valid_until is not None and now >= voucher.valid_until:
        raise Conflict(Marked(N_("Voucher code '%(code)s' has expired."), code=voucher.code), code="voucher_expired")


def voucher_applies_to(voucher: Voucher, *, ticket_type: TicketType | None = None, addon: AddOn | None = None) -> bool:
    """A voucher with no restrictions applies to everything; otherwise only to the products it lists.

    The two lists are read together: a voucher restricted to the Lunch add-on (what a sponsor's
    bulk purchase of lunches generates) must not also comp every ticket type because its ticket
    list is empty.
    """
    if not voucher.applicable_ticket_types and not voucher.applicable_addons:
        return True
    if ticket_type is not None:
        return ticket_type in voucher.applicable_ticket_types
    return addon is not None and addon in voucher.applicable_addons


def deactivate_voucher(session: Session, voucher: Voucher) -> None:
    """The code is refused from now on (orders already placed with it keep their discount)."""
    voucher.is_active = False
    session.flush()
