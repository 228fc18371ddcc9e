import datetime as dt
import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from server.errors import InvalidInput
from server.sponsors.models import BulkPurchase, BulkPurchaseStatus
from server.sponsors import bulk_purchases
from server.sponsors.bulk_purchases import BulkPurchaseError, BulkVoucherConfig, validate_bulk_purchase
from server.sponsors.service import create_sponsor
from server.vouchers.models import Voucher, VoucherType
from tests.factories import make_addon, make_conference, make_ticket_type

COMP = BulkVoucherConfig(voucher_type=VoucherType.COMP, discount_value=Decimal(100))


def comp(**fields):
    """The comp configuration with ``fields`` changed (validated, as a request's would be)."""
    return BulkVoucherConfig.model_validate(COMP.model_dump() | fields)


def make_purchase(session, *, quantity=5, unit_price="0.00", voucher_config=COMP, status=None, sponsor_slug="acme"):
    conference = make_conference(session)
    sponsor = create_sponsor(session, conference, name="Acme", slug=sponsor_slug)
    ticket = make_ticket_type(session, conference, name="Standard", bulk_enabled=True)
    purchase = bulk_purchases.create_bulk_purchase(
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
    with pytest.raises(InvalidInput, match=r"^This ticket type does not have bulk purchasing enabled\.$"):
        bulk_purchases.create_bulk_purchase(session, sponsor, 2, make_ticket_type(session, conference), Decimal(1))
    assert session.scalars(select(BulkPurchase)).all() == []


def test_an_addon_is_not_bought_in_bulk_unless_enabled(session):
    conference = make_conference(session)
    lunch = make_addon(session, conference, name="Lunch")
    dinner = make_addon(session, conference, name="Dinner", bulk_enabled=True)
    assert lunch.bulk_enabled is False  # off by default
    with pytest.raises(InvalidInput, match=r"^This add-on does not have bulk purchasing enabled\.$"):
        bulk_purchases.create_bulk_purchase(session, None, 2, None, Decimal(0), voucher_config=COMP, addon=lunch,
                                                 conference=conference)
    purchase = bulk_purchases.create_bulk_purchase(session, None, 2, None, Decimal(0), voucher_config=COMP,
                                                        addon=dinner, conference=conference)
    bulk_purchases.approve(session, purchase)
    vouchers = bulk_purchases.fulfill_bulk_purchase(session, purchase)
    assert all([a.id for a in v.applicable_addons] == [dinner.id] for v in vouchers)


@pytest.mark.parametrize(("foreign", "message"), [
    ("ticket_type", "Ticket type must belong to the same conference as the bulk purchase."),
    ("addon", "Add-on must belong to the same conference as the bulk purchase."),
    ("sponsor", "Sponsor must belong to the same conference as the bulk purchase."),
])
def test_everything_in_a_bulk_purchase_belongs_to_its_conference(session, foreign, message):
    conference, other = make_conference(session), make_conference(session)
    parts = {"sponsor": None, "ticket_type": None, "addon": None}
    parts[foreign] = {"sponsor": lambda: create_sponsor(session, other, name="Acme"),
                      "ticket_type": lambda: make_ticket_type(session, other, bulk_enabled=True),
                      "addon": lambda: make_addon(session, other, bulk_enabled=True)}[foreign]()
    with pytest.raises(InvalidInput, match=f"^{re.escape(message)}$"):
        bulk_purchases.create_bulk_purchase(session, parts["sponsor"], 2, parts["ticket_type"], Decimal(0),
                                                 addon=parts["addon"], conference=conference)
    assert session.scalars(select(BulkPurchase)).all() == []


def test_the_rule_runs_on_its_own_and_names_every_problem(session):
    conference, other = make_conference(session), make_conference(session)
    purchase = BulkPurchase(conference_id=conference.id, quantity=1, unit_price=Decimal(0), total_amount=Decimal(0),
                            ticket_type=make_ticket_type(session, conference), addon=make_addon(session, other),
                            sponsor=create_sponsor(session, conference, name="Acme"))
    with pytest.raises(InvalidInput) as refused:
        validate_bulk_purchase(purchase)
    assert refused.value.message == ("This ticket type does not have bulk purchasing enabled. "
                                     "Add-on must belong to the same conference as the bulk purchase.")
    purchase.ticket_type.bulk_enabled = True
    purchase.addon = None
    validate_bulk_purchase(purchase)  # now it passes


def test_without_a_sponsor_the_codes_start_with_bulk(session):
    conference = make_conference(session)
    ticket = make_ticket_type(session, conference, bulk_enabled=True)
    purchase = bulk_purchases.create_bulk_purchase(session, None, 3, ticket, Decimal(0), voucher_config=COMP,
                                                        conference=conference)
    assert purchase.conference_id == conference.id and purchase.sponsor is None
    bulk_purchases.approve(session, purchase)
    codes = [v.code for v in bulk_purchases.fulfill_bulk_purchase(session, purchase)]
    assert len(codes) == 3 and all(re.fullmatch(r"BULK-[A-Z0-9]{8}", code) for code in codes)


def test_a_sponsor_without_a_slug_gets_one_from_its_name_and_its_codes_carry_it(session):
    conference = make_conference(session)
    sponsor = create_sponsor(session, conference, name="Widget Works")
    assert sponsor.slug == "widget-works"
    ticket = make_ticket_type(session, conference, bulk_enabled=True)
    purchase = bulk_purchases.create_bulk_purchase(session, sponsor, 1, ticket, Decimal(0), voucher_config=COMP)
    bulk_purchases.approve(session, purchase)
    [voucher] = bulk_purchases.fulfill_bulk_purchase(session, purchase)
    assert re.fullmatch(r"BULK-WIDGET-WORKS-[A-Z0-9]{8}", voucher.code)


def test_comp_deal_fulfils_from_approved_with_default_sponsor_prefix(session):
    purchase = make_purchase(session, quantity=5)
    bulk_purchases.approve(session, purchase)
    vouchers = bulk_purchases.fulfill_bulk_purchase(session, purchase)
    assert len(vouchers) == 5
    assert all(re.fullmatch(r"BULK-ACME-[A-Z0-9]{8}", v.code) for v in vouchers)
    assert all([t.id for t in v.applicable_ticket_types] == [purchase.ticket_type_id] for v in vouchers)
    assert purchase.payment_status is BulkPurchaseStatus.PAID and purchase.is_fulfilled


def test_fulfilment_is_idempotent(session):
    purchase = make_purchase(session, quantity=3, status=BulkPurchaseStatus.PROCESSING)
    assert len(bulk_purchases.fulfill_bulk_purchase(session, purchase)) == 3
    assert bulk_purchases.fulfill_bulk_purchase(session, purchase) == []
    assert len(session.scalars(select(Voucher)).all()) == 3


def test_paid_deal_cannot_be_fulfilled_from_approved(session):
    purchase = make_purchase(session, unit_price="10.00", status=BulkPurchaseStatus.APPROVED)
    with pytest.raises(BulkPurchaseError, match=(
            rf"^Cannot fulfill BulkPurchase #{purchase.id}: payment must be completed first\. "
            r"Only comp deals \(total_amount=0\) can be fulfilled from APPROVED state\.$")):
        bulk_purchases.fulfill_bulk_purchase(session, purchase)


@pytest.mark.parametrize("status", [BulkPurchaseStatus.PENDING, BulkPurchaseStatus.FAILED, BulkPurchaseStatus.REFUNDED])
def test_cannot_fulfil_from_pending_failed_or_refunded(session, status):
    purchase = make_purchase(session, status=status)
    with pytest.raises(BulkPurchaseError, match=rf"^Cannot fulfill BulkPurchase #{purchase.id} in '{status.label}' state\.$"):
        bulk_purchases.fulfill_bulk_purchase(session, purchase)


def test_missing_voucher_config_is_refused_before_anything_is_written(session):
    purchase = make_purchase(session, voucher_config=BulkVoucherConfig(max_uses=2), status=BulkPurchaseStatus.PROCESSING)
    with pytest.raises(BulkPurchaseError, match="voucher_config is missing required fields"):
        bulk_purchases.fulfill_bulk_purchase(session, purchase)
    assert session.scalars(select(Voucher)).all() == []


def test_configured_prefix_and_uses_are_honoured(session):
    purchase = make_purchase(session, quantity=2, voucher_config=comp(prefix="GLX-", max_uses=3),
                             status=BulkPurchaseStatus.PROCESSING)
    vouchers = bulk_purchases.fulfill_bulk_purchase(session, purchase)
    assert all(v.code.startswith("GLX-") and v.max_uses == 3 for v in vouchers)


def test_refund_deactivates_every_generated_voucher(session):
    purchase = make_purchase(session, quantity=4, status=BulkPurchaseStatus.PROCESSING)
    bulk_purchases.fulfill_bulk_purchase(session, purchase)
    assert bulk_purchases.refund_bulk_purchase(session, purchase) == 4
    session.expire_all()
    assert purchase.payment_status is BulkPurchaseStatus.REFUNDED
    assert {v.is_active for v in session.scalars(select(Voucher))} == {False}


@pytest.mark.parametrize(("status", "changes"), [
    (BulkPurchaseStatus.PENDING, True), (BulkPurchaseStatus.PROCESSING, True),
    (BulkPurchaseStatus.PAID, False), (BulkPurchaseStatus.REFUNDED, False)])
def test_mark_failed_only_from_pending_or_processing(session, status, changes):
    purchase = make_purchase(session, status=status)
    assert bulk_purchases.mark_failed(session, purchase) is changes
    session.expire_all()
    assert purchase.payment_status is (BulkPurchaseStatus.FAILED if changes else status)


@pytest.mark.parametrize(("quantity", "config", "reason"), [
    (501, COMP, "count must be between 1 and 500, got 501"),
    (2, comp(valid_from="2027-05-02T00:00Z", valid_until="2027-05-01T00:00Z"), "valid_until cannot be before valid_from."),
    (2, comp(voucher_type="percentage", discount_value="150"), "A percentage discount must be between 0 and 100."),
    (2, comp(prefix="HAS SPACE-"), "The prefix must be at most 92 printable characters without spaces."),
])
def test_a_voucher_configuration_that_could_never_be_fulfilled_is_refused_before_payment(session, quantity, config,
                                                                                         reason):
    conference = make_conference(session)
    ticket = make_ticket_type(session, conference, bulk_enabled=True)
    with pytest.raises(InvalidInput) as refused:
        bulk_purchases.create_bulk_purchase(session, None, quantity, ticket, Decimal("10.00"),
                                                 voucher_config=config, conference=conference)
    assert refused.value.message == f"The voucher codes of this purchase could not be generated: {reason}"
    assert session.scalars(select(BulkPurchase)).all() == []


def test_a_window_that_starts_when_it_ends_is_a_valid_bulk_configuration(session):
    purchase = make_purchase(session, quantity=1, status=BulkPurchaseStatus.PROCESSING, voucher_config=comp(
        valid_from="2027-05-01T09:00Z", valid_until="2027-05-01T09:00Z"))
    [voucher] = bulk_purchases.fulfill_bulk_purchase(session, purchase)
    assert voucher.valid_from == voucher.valid_until


@pytest.mark.parametrize(("stored", "read"), [
    ({"voucher_type": "comp", "discount_value": "100"}, COMP),
    ({"voucher_type": "fixed_amount", "discount_value": 20, "max_uses": 2, "prefix": "",
      "valid_from": "2027-05-01T09:00:00"},  # a number, an empty prefix, a time without an offset
     BulkVoucherConfig(voucher_type=VoucherType.FIXED_AMOUNT, discount_value=Decimal(20), max_uses=2, prefix="",
                       valid_from=dt.datetime(2027, 5, 1, 9, tzinfo=dt.UTC))),
    ({"voucher_type": "", "discount_value": None, "valid_until": "", "note": "set by hand"}, BulkVoucherConfig()),
    ({}, BulkVoucherConfig()),
])
def test_stored_configurations_written_before_the_type_existed_still_read(stored, read):
    assert BulkVoucherConfig.from_json(stored) == read


def test_a_stored_configuration_that_is_wrong_is_refused_naming_its_field():
    with pytest.raises(InvalidInput, match=r"^max_uses: Input should be a valid integer"):
        BulkVoucherConfig.from_json({"voucher_type": "comp", "discount_value": "100", "max_uses": "lots"})
