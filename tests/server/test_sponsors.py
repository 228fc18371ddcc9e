"""Sponsors and sponsor levels: the rules, and the admin HTTP API a person uses (real uvicorn)."""

import re

import httpx
import pytest
from sqlalchemy import func, select

from server.db.engine import unit_of_work
from server.errors import Conflict, InvalidInput
from server.sponsors.models import BulkPurchase, Sponsor
from server.sponsors.service import create_sponsor, create_sponsor_level, slug_from_name, update_sponsor
from tests.factories import make_addon, make_conference, make_ticket_type
from tests.live_server import live_server

LEVEL_MESSAGE = "Sponsor level must belong to the same conference as the sponsor."


@pytest.mark.parametrize(("name", "slug"), [
    ("Widget Works", "widget-works"), ("  ACME, Inc. ", "acme-inc"), ("Café Ñu", "cafe-nu"), ("R2-D2 & Co", "r2-d2-co")])
def test_slug_from_name(name, slug):
    assert slug_from_name(name) == slug


def test_a_sponsor_gets_its_slug_from_its_name_unless_one_is_given(session):
    conference = make_conference(session)
    assert create_sponsor(session, conference, name="Widget Works").slug == "widget-works"
    assert create_sponsor(session, conference, name="Globex", slug="gx").slug == "gx"
    with pytest.raises(Conflict, match="Sponsor 'widget-works' already exists"):
        create_sponsor(session, conference, name="Widget  works!")
    with pytest.raises(InvalidInput, match="No slug can be made from the name '!!!'; give one."):
        create_sponsor(session, conference, name="!!!")


def test_a_level_of_another_conference_is_refused_on_create_and_on_edit(session):
    conference, other = make_conference(session), make_conference(session)
    gold, foreign = create_sponsor_level(session, conference, name="Gold"), create_sponsor_level(session, other, name="Gold")
    with pytest.raises(InvalidInput, match=f"^{LEVEL_MESSAGE}$"):
        create_sponsor(session, conference, name="Acme", level=foreign)
    assert session.scalar(select(func.count(Sponsor.id))) == 0
    acme = create_sponsor(session, conference, name="Acme", level=gold)
    with pytest.raises(InvalidInput, match=f"^{LEVEL_MESSAGE}$"):
        update_sponsor(session, acme, level=foreign)


def listed(client, path, field):
    """The ``field`` of each item listed at ``path`` (read at once: a route answers only once committed)."""
    return [item[field] for item in client.get(path).json()]


@pytest.fixture
def admin(database_url, session_factory, monkeypatch):
    """A live server with conferences 'pycon' (a bulk-enabled ticket type, a plain lunch) and 'other'."""
    monkeypatch.setenv("DOORSTATION_ADMIN_TOKEN", "test-admin-token")
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        make_ticket_type(session, conference, slug="standard", bulk_enabled=True)
        make_ticket_type(session, conference, slug="student")
        make_addon(session, conference, slug="lunch")
        make_addon(session, conference, slug="dinner", bulk_enabled=True)
        make_conference(session, slug="other")
    with live_server(database_url) as url, httpx.Client(
            base_url=f"{url}/api/v1/admin/conferences", headers={"Authorization": "Bearer test-admin-token"},
            timeout=10) as client:
        yield client


def test_sponsors_and_levels_over_the_admin_api(admin, session_factory):
    gold = admin.post("/pycon/sponsor-levels", json={"name": "Gold", "cost": "5000", "comp_badges": 4})
    assert gold.status_code == 201 and gold.json()["cost"] == "5000.00"
    foreign = admin.post("/other/sponsor-levels", json={"name": "Gold"}).json()
    created = admin.post("/pycon/sponsors", json={"name": "Widget Works", "level_id": gold.json()["id"]})
    assert created.status_code == 201
    assert created.json() | {"level": None} == {"slug": "widget-works", "name": "Widget Works", "contact_email": "",
                                                "level": None, "voucher_prefix": "BULK-WIDGET-WORKS-"}
    refused = admin.post("/pycon/sponsors", json={"name": "Acme", "level_id": foreign["id"]})
    assert (refused.status_code, refused.json()["detail"]["message"]) == (422, LEVEL_MESSAGE)
    refused = admin.patch("/pycon/sponsors/widget-works", json={"level_id": foreign["id"]})
    assert (refused.status_code, refused.json()["detail"]["message"]) == (422, LEVEL_MESSAGE)
    edited = admin.patch("/pycon/sponsors/widget-works", json={"contact_email": "events@widget.example"}).json()
    assert edited["level"]["name"] == "Gold" and edited["contact_email"] == "events@widget.example"
    assert admin.patch("/pycon/sponsors/widget-works", json={"level_id": None}).json()["level"] is None
    renamed = admin.patch(f"/pycon/sponsor-levels/{gold.json()['id']}", json={"name": "Platinum", "cost": "7000"})
    assert renamed.json() | {"id": 0} == {"id": 0, "name": "Platinum", "cost": "7000.00", "comp_badges": 4}
    assert admin.patch(f"/pycon/sponsor-levels/{foreign['id']}", json={"name": "X"}).status_code == 404
    assert listed(admin, "/pycon/sponsors", "slug") == ["widget-works"]
    assert listed(admin, "/pycon/sponsor-levels", "name") == ["Platinum"]
    assert admin.post("/pycon/sponsors", json={"name": "Widget Works"}).status_code == 409
    assert admin.get("/pycon/sponsors", headers={"Authorization": ""}).status_code == 401  # no token


@pytest.mark.parametrize(("body", "message"), [
    ({"ticket_type": "student"}, "This ticket type does not have bulk purchasing enabled."),
    ({"addon": "lunch"}, "This add-on does not have bulk purchasing enabled."),
])
def test_bulk_purchases_of_products_not_enabled_are_refused_over_http(admin, session_factory, body, message):
    response = admin.post("/pycon/bulk-purchases", json={"quantity": 5, "unit_price": "10.00"} | body)
    assert (response.status_code, response.json()["detail"]["message"]) == (422, message)
    with session_factory() as session:
        assert session.scalar(select(func.count(BulkPurchase.id))) == 0


def test_a_bulk_purchase_without_a_sponsor_over_http(admin):
    admin.post("/pycon/sponsors", json={"name": "Widget Works"})
    own = admin.post("/pycon/bulk-purchases", json={"quantity": 5, "unit_price": "0", "addon": "dinner"})
    assert own.status_code == 201, own.text
    assert own.json() | {"id": 0} == {"id": 0, "sponsor": None, "quantity": 5, "unit_price": "0.00",
                                      "total_amount": "0.00", "ticket_type": None, "addon": "dinner",
                                      "status": "pending", "codes": 0}
    sponsored = admin.post("/pycon/bulk-purchases", json={"sponsor": "widget-works", "quantity": 2,
                                                          "unit_price": "300", "ticket_type": "standard"})
    assert sponsored.json()["total_amount"] == "600.00"
    assert listed(admin, "/pycon/bulk-purchases", "sponsor") == [None, "widget-works"]


def test_a_typed_voucher_configuration_is_stored_as_the_json_it_always_was(admin, session_factory):
    answer = admin.post("/pycon/bulk-purchases", json={
        "quantity": 2, "unit_price": "10", "ticket_type": "standard", "voucher_config": {
            "voucher_type": "percentage", "discount_value": 25, "max_uses": 3, "prefix": "PCT-",
            "valid_until": "2027-05-01T09:00"}})
    assert answer.status_code == 201, answer.text
    with session_factory() as session:
        stored = session.scalars(select(BulkPurchase.voucher_config)).one()
    assert stored == {"voucher_type": "percentage", "discount_value": "25", "max_uses": 3, "prefix": "PCT-",
                      "valid_until": "2027-05-01T09:00:00Z", "unlocks_hidden_tickets": False}


@pytest.mark.parametrize(("config", "field", "message"), [
    ({"voucher_type": "gift"}, "voucher_type", "Unknown voucher type 'gift'."),
    ({"discount_value": "-5"}, "discount_value", "greater than or equal to 0"),
    ({"discount_value": "ten"}, "discount_value", "valid decimal"),
    ({"max_uses": 0}, "max_uses", "greater than or equal to 1"),
    ({"max_uses": "lots"}, "max_uses", "valid integer"),
    ({"valid_from": "next tuesday"}, "valid_from", "valid datetime"),
    ({"unlocks_hidden": True}, "unlocks_hidden", "Extra inputs are not permitted"),
])
def test_a_bad_voucher_configuration_is_a_422_naming_its_field_and_writes_nothing(admin, session_factory, config,
                                                                                  field, message):
    answer = admin.post("/pycon/bulk-purchases", json={"quantity": 2, "unit_price": "10", "ticket_type": "standard",
                                                       "voucher_config": {"voucher_type": "comp", "discount_value": 100}
                                                       | config})
    assert answer.status_code == 422, answer.text
    [problem] = answer.json()["detail"]
    assert problem["loc"] == ["body", "voucher_config", field] and message in problem["msg"]
    with session_factory() as session:
        assert session.scalar(select(func.count(BulkPurchase.id))) == 0


def test_a_voucher_configuration_whose_codes_could_never_be_made_is_refused_over_http(admin, session_factory):
    answer = admin.post("/pycon/bulk-purchases", json={"quantity": 2, "unit_price": "10", "voucher_config": {
        "voucher_type": "percentage", "discount_value": 150}})
    assert answer.status_code == 422
    assert answer.json()["detail"]["message"] == ("The voucher codes of this purchase could not be generated: "
                                                  "A percentage discount must be between 0 and 100.")
    with session_factory() as session:
        assert session.scalar(select(func.count(BulkPurchase.id))) == 0


@pytest.mark.parametrize(("fields", "message"), [
    ({"name": "   "}, "A sponsor needs a name."),
    ({"name": "W" * 201, "slug": "w"}, "A sponsor's name is at most 200 characters."),
    ({"name": "Acme", "contact_email": "nope"}, "'nope' is not an email address."),
])
def test_what_a_sponsor_cannot_be(session, fields, message):
    conference = make_conference(session)
    with pytest.raises(InvalidInput, match=f"^{re.escape(message)}$"):
        create_sponsor(session, conference, **fields)
    acme = create_sponsor(session, conference, name="Acme")
    with pytest.raises(InvalidInput, match=f"^{re.escape(message)}$"):
        update_sponsor(session, acme, **{k: v for k, v in fields.items() if k != "slug"})
