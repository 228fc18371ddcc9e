import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from server.errors import InvalidInput
from server.sponsors.models import BulkPurchaseStatus
from server.sponsors.service import BulkPurchaseError, BulkPurchaseService, create_sponsor
from server.vouchers.models import Voucher
from tests.factories import make_conference, make_ticket_type

COMP = {"voucher_type": "comp", "discount_value": "100"}


def make_purchase(session, *, quantity=5, unit_price="0.00", voucher_config=COMP, status=None, sponsor_slug="acme"):
    conference = make_conference(session)
    sponsor = create_sponsor(session, conference, name="Acme", slug=sponsor_slug)
    ticket = make_ticket_type(session, conference, name="Standard", bulk_enabled=True)
    purchase = BulkPurchaseService.create_bulk_purchase(
        session, sponsor, quantity, ticket, Decimal(unit_price), voucher_config=voucher_config)
    if status is not None:
        purchase.payment_status = status
        session.flush()
    return purchase


def test_create_starts_pending_with_total_and_description(session):
    purchase = make_purchase(session, quantity=4, unit_price="250.00")
    assert purchase.payment_status is BulkPurchaseStatus.PENDING
    assert purchase.total_amount == Decimal("1000.00")
    assert purchase.product_description == "4x Standard voucher codes"


@pytest.mark.parametrize(("quantity", "price", "message"), [
    (0, "1.00", "Quantity must be at least 1."), (3, "-0.01", "Unit price cannot be negative.")])
def test_create_refuses_bad_quantity_or_price(session, quantity, price, message):
    with pytest.raises(BulkPurchaseError, match=f"^{re.escape(message)}$"):
        make_purchase(session, quantity=quantity, unit_price=price)


def test_ticket_type_must_be_bulk_enabled(session):
    conference = make_conference(session)
    sponsor = create_sponsor(session, conference, name="Acme", slug="acme")
    with pytest.raises(InvalidInput, match="not enabled for bulk purchases"):
        BulkPurchaseService.create_bulk_purchase(session, sponsor, 2, make_ticket_type(session, conference), Decimal(1))


def test_comp_deal_fulfils_from_approved_with_default_sponsor_prefix(session):
    purchase = make_purchase(session, quantity=5)
    BulkPurchaseService.approve(session, purchase)
    vouchers = BulkPurchaseService.fulfill_bulk_purchase(session, purchase)
    assert len(vouchers) == 5
    assert all(re.fullmatch(r"BULK-ACME-[A-Z0-9]{8}", v.code) for v in vouchers)
    assert all([t.id for t in v.applicable_ticket_types] == [purchase.ticket_type_id] for v in vouchers)
    assert purchase.payment_status is BulkPurchaseStatus.PAID and purchase.is_fulfilled


def test_fulfilment_is_idempotent(session):
    purchase = make_purchase(session, quantity=3, status=BulkPurchaseStatus.PROCESSING)
    assert len(BulkPurchaseService.fulfill_bulk_purchase(session, purchase)) == 3
    assert BulkPurchaseService.fulfill_bulk_purchase(session, purchase) == []
    assert len(session.scalars(select(Voucher)).all()) == 3


def test_paid_deal_cannot_be_fulfilled_from_approved(session):
    purchase = make_purchase(session, unit_price="10.00", status=BulkPurchaseStatus.APPROVED)
    with pytest.raises(BulkPurchaseError, match=(
            rf"^Cannot fulfill BulkPurchase #{purchase.id}: payment must be completed first\. "
            r"Only comp deals \(total_amount=0\) can be fulfilled from APPROVED state\.$")):
        BulkPurchaseService.fulfill_bulk_purchase(session, purchase)


@pytest.mark.parametrize("status", [BulkPurchaseStatus.PENDING, BulkPurchaseStatus.FAILED, BulkPurchaseStatus.REFUNDED])
def test_cannot_fulfil_from_pending_failed_or_refunded(session, status):
    purchase = make_purchase(session, status=status)
    with pytest.raises(BulkPurchaseError, match=rf"^Cannot fulfill BulkPurchase #{purchase.id} in '{status.label}' state\.$"):
        BulkPurchaseService.fulfill_bulk_purchase(session, purchase)


def test_missing_voucher_config_is_refused_before_anything_is_written(session):
    purchase = make_purchase(session, voucher_config={"max_uses": 2}, status=BulkPurchaseStatus.PROCESSING)
    with pytest.raises(BulkPurchaseError, match="voucher_config is missing required fields"):
        BulkPurchaseService.fulfill_bulk_purchase(session, purchase)
    assert session.scalars(select(Voucher)).all() == []


def test_configured_prefix_and_uses_are_honoured(session):
    purchase = make_purchase(session, quantity=2, voucher_config=COMP | {"prefix": "GLX-", "max_uses": 3},
                             status=BulkPurchaseStatus.PROCESSING)
    vouchers = BulkPurchaseService.fulfill_bulk_purchase(session, purchase)
    assert all(v.code.startswith("GLX-") and v.max_uses == 3 for v in vouchers)


def test_refund_deactivates_every_generated_voucher(session):
    purchase = make_purchase(session, quantity=4, status=BulkPurchaseStatus.PROCESSING)
    BulkPurchaseService.fulfill_bulk_purchase(session, purchase)
    assert BulkPurchaseService.refund_bulk_purchase(session, purchase) == 4
    session.expire_all()
    assert purchase.payment_status is BulkPurchaseStatus.REFUNDED
    assert {v.is_active for v in session.scalars(select(Voucher))} == {False}


@pytest.mark.parametrize(("status", "changes"), [
    (BulkPurchaseStatus.PENDING, True), (BulkPurchaseStatus.PROCESSING, True),
    (BulkPurchaseStatus.PAID, False), (BulkPurchaseStatus.REFUNDED, False)])
def test_mark_failed_only_from_pending_or_processing(session, status, changes):
    purchase = make_purchase(session, status=status)
    assert BulkPurchaseService.mark_failed(session, purchase) is changes
    session.expire_all()
    assert purchase.payment_status is (BulkPurchaseStatus.FAILED if changes else status)
