"""Named queries about vouchers: the console's list (paged, by code prefix), its CSV export, and the counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from server.vouchers.models import Voucher, VoucherType


def _of(conference_id: int, code_prefix: str):
    query = select(Voucher).where(Voucher.conference_id == conference_id)
    if code_prefix:
        # autoescape: a prefix with % or _ means those characters, not LIKE's wildcards.
        query = query.where(Voucher.code.startswith(code_prefix, autoescape=True))
    return query


def count_vouchers(session: Session, conference_id: int, code_prefix: str = "") -> int:
    return session.scalar(_of(conference_id, code_prefix).with_only_columns(func.count(Voucher.id)))


def voucher_page(session: Session, conference_id: int, *, code_prefix: str = "", offset: int = 0,
                 limit: int = 50) -> list[Voucher]:
    """Vouchers by code (the unique index on conference and code keeps this order cheap), restrictions loaded."""
    return list(session.scalars(
        _of(conference_id, code_prefix)
        .options(selectinload(Voucher.applicable_ticket_types), selectinload(Voucher.applicable_addons))
        .order_by(Voucher.code).offset(offset).limit(limit)))


def vouchers_after(session: Session, conference_id: int, *, code_prefix: str = "", after: str | None = None,
                   limit: int = 500) -> list[Voucher]:
    """The next ``limit`` vouchers by code after ``after``: the export reads them a page at a time."""
    query = _of(conference_id, code_prefix)
    if after is not None:
        query = query.where(Voucher.code > after)
    return list(session.scalars(
        query.options(selectinload(Voucher.applicable_ticket_types), selectinload(Voucher.applicable_addons))
        .order_by(Voucher.code).limit(limit)))


def voucher_in(session: Session, conference_id: int, voucher_id: int) -> Voucher | None:
    """The voucher with this id if it is the conference's (another conference's id finds nothing)."""
    return session.scalar(select(Voucher).where(Voucher.id == voucher_id, Voucher.conference_id == conference_id))


@dataclass(frozen=True)
class VoucherCount:
    """How many codes of one type a conference has, and how they were used: what a viewer sees instead of codes."""

    voucher_type: VoucherType
    codes: int
    active: int
    uses: int  # orders placed with them
    uses_left: int  # of the active codes


def voucher_counts(session: Session, conference_id: int) -> list[VoucherCount]:
    """Per voucher type, in the type's order: codes, active codes, uses, uses left on active codes."""
    left = case((Voucher.is_active & (Voucher.max_uses > Voucher.times_used), Voucher.max_uses - Voucher.times_used),
                else_=0)
    rows = session.execute(
        select(Voucher.voucher_type, func.count(Voucher.id), func.count(Voucher.id).filter(Voucher.is_active),
               func.coalesce(func.sum(Voucher.times_used), 0), func.coalesce(func.sum(left), 0))
        .where(Voucher.conference_id == conference_id).group_by(Voucher.voucher_type))
    by_type = {VoucherType(row[0]): VoucherCount(VoucherType(row[0]), *map(int, row[1:])) for row in rows}
    return [by_type[t] for t in VoucherType if t in by_type]
