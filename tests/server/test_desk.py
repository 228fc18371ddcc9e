"""The help desk's routes through a real uvicorn: check-in, door check and redemption, by the kiosks' rules."""

from __future__ import annotations

import httpx
import pytest

from server.db.engine import unit_of_work
from server.devices.service import create_device
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type, past_scan_time
from tests.live_server import live_server

ADMIN = {"Authorization": "Bearer test-admin"}


@pytest.fixture
def desk(database_url, session_factory, monkeypatch):
    monkeypatch.setenv("DOORSTATION_ADMIN_TOKEN", "test-admin")
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        lunch = make_addon(session, conference, name="Lunch", slug="lunch")
        make_addon(session, conference, name="Tutorial", slug="tutorial")
        ticket = make_ticket_type(session, conference, name="Standard")
        ada = make_attendee(session, conference, ticket_type=ticket, addons={lunch: 1})
        bob = make_attendee(session, conference, order_status="refunded", first_name="Bob")
        line = next(i.id for i in ada.order.line_items if i.addon_id == lunch.id)
        pairing = create_device(session, conference, name="kiosk", station="Door A")[1]
        codes = ada.access_code, bob.access_code
    with live_server(database_url) as url:
        token = httpx.post(f"{url}/api/v1/sync/pair", json={"pairing_code": pairing}).json()["device_token"]
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as kiosk:
            yield {"url": f"{url}/api/v1/admin/conferences/pycon/attendees", "ada": codes[0], "bob": codes[1],
                   "line": line, "kiosk": kiosk}


def test_a_check_in_at_the_desk_reaches_the_kiosks(desk):
    answer = httpx.post(f"{desk['url']}/{desk['ada']}/check-ins", json={"station": "Desk", "by": "Grace"}, headers=ADMIN)
    assert answer.status_code == 201 and answer.json()["check_in_count"] == 1 and answer.json()["checked_in"]
    [ada] = [a for a in desk["kiosk"].get("/api/v1/sync/changes").json()["attendees"] if a["access_code"] == desk["ada"]]
    assert (ada["inside"], ada["last_check_in_station"]) == (True, "Desk")


def test_every_desk_scan_reaches_a_kiosk_that_has_read_the_feed(desk):
    """The desk writes without the ORM's flush hook: each scan must still stamp the attendee's new
    version, or a kiosk already past the old one never hears of it."""
    cursor = desk["kiosk"].get("/api/v1/sync/changes").json()["next_cursor"]
    for path, body in (("check-ins", {"station": "Desk"}), ("door-checks", {"addon": "lunch"}),
                       ("redemptions", {"line_item_id": desk["line"]})):
        assert httpx.post(f"{desk['url']}/{desk['ada']}/{path}", json=body, headers=ADMIN).status_code == 201
        page = desk["kiosk"].get("/api/v1/sync/changes", params={"after": cursor}).json()
        assert [a["access_code"] for a in page["attendees"]] == [desk["ada"]], path
        cursor = page["next_cursor"]
    assert page["attendees"][0]["inside"]


def test_the_desk_refuses_a_refunded_order_in_the_reference_words(desk):
    answer = httpx.post(f"{desk['url']}/{desk['bob']}/check-ins", json={}, headers=ADMIN)
    assert answer.status_code == 409
    assert answer.json()["detail"]["message"] == "Order status is 'Refunded' — check-in not allowed."


def test_a_lunch_redeemed_at_the_desk_is_used_up_for_the_kiosks(desk):
    first = httpx.post(f"{desk['url']}/{desk['ada']}/redemptions", json={"line_item_id": desk["line"]}, headers=ADMIN)
    assert first.status_code == 201 and first.json()["redeemable"] == []
    again = httpx.post(f"{desk['url']}/{desk['ada']}/redemptions", json={"line_item_id": desk["line"]}, headers=ADMIN)
    assert again.status_code == 409 and again.json()["detail"]["message"] == "Product 'Lunch' is fully redeemed (1/1)."
    upload = desk["kiosk"].post("/api/v1/sync/events", json={"events": [{
        "uuid": "00000000-0000-4000-8000-000000000001", "kind": "redemption", "access_code": desk["ada"],
        "occurred_at": past_scan_time(5, 4, 12, 0).isoformat(), "station": "Lunch", "product_type": "addon",
        "product_id": None}]}).json()
    assert upload["results"][0]["status"] == "rejected"  # a redemption that names no product


def test_a_door_check_needs_the_product(desk):
    answer = httpx.post(f"{desk['url']}/{desk['ada']}/door-checks", json={"addon": "tutorial"}, headers=ADMIN)
    assert answer.status_code == 409 and answer.json()["detail"]["code"] == "product_not_purchased"
    assert httpx.post(f"{desk['url']}/{desk['ada']}/door-checks", json={"addon": "lunch"}, headers=ADMIN).status_code == 201
    assert httpx.post(f"{desk['url']}/{desk['ada']}/door-checks", json={}, headers=ADMIN).status_code == 422


def test_an_unknown_code_is_not_found(desk):
    assert httpx.get(f"{desk['url']}/ZZZZZZZZ", headers=ADMIN).status_code == 404
    assert httpx.get(f"{desk['url']}/{desk['ada']}").status_code == 401


def test_a_desk_scan_is_at_most_six_statements(desk, statements):
    """Lookup, order status, the rule's state, the scan, the version stamp and the answer: six statements,
    whatever the attendee holds (it was 17 for a check-in: the holdings read and never used, versions
    allocated twice). A change that adds one fails here."""
    for path, body in (("check-ins", {}), ("door-checks", {"addon": "lunch"}), ("redemptions", {"line_item_id": desk["line"]}),
                       ("check-ins", {"station": "Door B"})):
        statements.clear()
        answer = httpx.post(f"{desk['url']}/{desk['ada']}/{path}", json=body, headers=ADMIN)
        assert answer.status_code == 201, answer.text
        assert 0 < len(statements) <= 6, f"{path}: {len(statements)} statements: {statements}"
    assert answer.json()["check_in_count"] == 2 and answer.json()["redeemable"] == []


def test_a_redemption_of_a_line_that_is_not_theirs_is_refused_in_words(desk):
    answer = httpx.post(f"{desk['url']}/{desk['bob']}/redemptions", json={"line_item_id": desk["line"]}, headers=ADMIN)
    assert answer.status_code == 409  # Bob's order is refunded: the order gate speaks first
    answer = httpx.post(f"{desk['url']}/{desk['ada']}/redemptions", json={"line_item_id": desk["line"] + 1000},
                        headers=ADMIN)
    assert answer.status_code == 404 and "order has no add-on line" in answer.json()["detail"]["message"]
    for out_of_range in (0, -1, 99999999999999999999):
        answer = httpx.post(f"{desk['url']}/{desk['ada']}/redemptions", json={"line_item_id": out_of_range},
                            headers=ADMIN)
        assert answer.status_code == 422

def test_the_desk_answers_a_line_or_a_name_no_database_can_hold_with_a_refusal(desk):
    """An order line id beyond a 32-bit INTEGER, or a NUL in who did it, is the caller's mistake (422),
    not a query PostgreSQL fails; nothing is redeemed."""
    for body in ({"line_item_id": 2**31}, {"line_item_id": 99999999999999999999}, {"line_item_id": 0},
                 {"line_item_id": desk["line"], "by": "Gr\x00ace"}):
        answer = httpx.post(f"{desk['url']}/{desk['ada']}/redemptions", json=body, headers=ADMIN)
        assert answer.status_code == 422, (body, answer.text)
    unknown = httpx.post(f"{desk['url']}/{desk['ada']}/redemptions", json={"line_item_id": 2**31 - 1}, headers=ADMIN)
    assert unknown.status_code == 404 and "order has no add-on line" in unknown.json()["detail"]["message"]
    still = httpx.get(f"{desk['url']}/{desk['ada']}", headers=ADMIN).json()
    assert [line["redeemed_count"] for line in still["redeemable"]] == [0]


# The scans are plain routes (server.api.PlainRoute): what FastAPI checked for them, they check themselves,
# and must refuse as FastAPI did, in the same words, over HTTP.
SCANS = (("check-ins", {"station": "Desk"}), ("door-checks", {"addon": "lunch"}), ("redemptions", {"line_item_id": 0}))


def _scan(desk, path, body):
    return {"line_item_id": desk["line"]} if path == "redemptions" else body


@pytest.mark.parametrize("path, body", SCANS)
def test_a_desk_scan_without_the_admin_token_is_refused(desk, path, body):
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic test-admin"}):
        answer = httpx.post(f"{desk['url']}/{desk['ada']}/{path}", json=_scan(desk, path, body), headers=headers)
        assert (answer.status_code, answer.json()) == (401, {"detail": {"code": "unauthorized",
                                                                       "message": "Admin token required."}})
    # the token is checked before anything else is looked at
    answer = httpx.post(f"{desk['url'].replace('/pycon/', '/Bad Slug/')}/{desk['ada']}/{path}", content=b"{not json")
    assert answer.status_code == 401


@pytest.mark.parametrize("path, body", SCANS)
def test_a_desk_scan_of_an_unknown_conference_or_attendee_is_not_found(desk, path, body):
    answer = httpx.post(f"{desk['url'].replace('/pycon/', '/nope/')}/{desk['ada']}/{path}", json=_scan(desk, path, body),
                        headers=ADMIN)
    assert (answer.status_code, answer.json()) == (404, {"detail": {"code": "not_found",
                                                                   "message": "No conference with slug 'nope'."}})
    answer = httpx.post(f"{desk['url']}/ZZZZ/{path}", json=_scan(desk, path, body), headers=ADMIN)
    assert (answer.status_code, answer.json()) == (404, {"detail": {"code": "not_found",
                                                                   "message": "No attendee with access code 'ZZZZ' in pycon."}})


@pytest.mark.parametrize("path, body", SCANS)
def test_a_desk_scan_refuses_a_bad_request_as_fastapi_did(desk, path, body):
    """One 422 listing every mistake, located and worded as FastAPI locates and words them."""
    def refused(url, content, content_type="application/json"):
        answer = httpx.post(url, content=content, headers={**ADMIN, "Content-Type": content_type})
        assert answer.status_code == 422, answer.text
        return answer.json()["detail"]

    url = f"{desk['url']}/{desk['ada']}/{path}"
    assert refused(url, b"{not json") == [{"loc": ["body", 1], "msg": "JSON decode error", "type": "json_invalid"}]
    assert refused(url, b"") == [{"loc": ["body"], "msg": "Field required", "type": "missing"}]
    not_an_object = [{"loc": ["body"], "msg": "Input should be a valid dictionary or object to extract fields from",
                      "type": "model_attributes_type"}]
    assert refused(url, b"null") == not_an_object
    assert refused(url, b"[]") == not_an_object
    assert refused(url, b"{}", "text/plain") == not_an_object  # not said to be JSON: not read as JSON
    assert refused(url, b'{"station": "' + b"x" * 101 + b'"}')[0] == {
        "loc": ["body", "station"], "msg": "String should have at most 100 characters", "type": "string_too_long"}
    both = refused(f"{desk['url'].replace('/pycon/', '/PyCon/')}/AB%00C/{path}", b'{"by": 5}')
    assert both[:3] == [
        {"loc": ["path", "slug"], "msg": "String should match pattern '^[a-z0-9][a-z0-9-]{0,62}$'",
         "type": "string_pattern_mismatch"},
        {"loc": ["path", "access_code"], "msg": "Value error, must not contain NUL characters", "type": "value_error"},
        {"loc": ["body", "by"], "msg": "Input should be a valid string", "type": "string_type"}]
    assert refused(f"{desk['url']}/ABCDEFGHIJKLMNOPQ/{path}", b"{}")[0] == {
        "loc": ["path", "access_code"], "msg": "Value should have at most 16 items after validation, not 17",
        "type": "too_long"}
    not_text = httpx.post(url, content=b'{"by": "\x98"}', headers={**ADMIN, "Content-Type": "application/json"})
    assert (not_text.status_code, not_text.json()) == (400, {"detail": "There was an error parsing the body"})
    answer = httpx.post(url, content=b'{"station": "Desk", "by": "Grace"}', headers=ADMIN)  # no Content-Type
    assert answer.status_code == 422 and answer.json()["detail"] == not_an_object
    ok = httpx.post(url, json=_scan(desk, path, body), headers={**ADMIN, "Content-Type": "application/vnd.desk+json"})
    assert ok.status_code == 201, ok.text  # a JSON media type of its own is JSON


def test_a_desk_redemption_of_no_line_or_a_door_check_of_no_product_is_a_bad_request(desk):
    answer = httpx.post(f"{desk['url']}/{desk['ada']}/redemptions", json={"line_item_id": 1.5}, headers=ADMIN)
    assert answer.json()["detail"] == [{"loc": ["body", "line_item_id"], "type": "int_from_float",
                                        "msg": "Input should be a valid integer, got a number with a fractional part"}]
    answer = httpx.post(f"{desk['url']}/{desk['ada']}/door-checks", json={"ticket_type": "standard", "addon": "lunch"},
                        headers=ADMIN)
    assert (answer.status_code, answer.json()) == (422, {"detail": {
        "code": "invalid", "message": "Exactly one of ticket_type or addon must be provided."}})


@pytest.mark.parametrize("path, body", SCANS)
def test_a_desk_scan_of_an_order_that_does_not_admit_entry_is_refused(desk, path, body):
    answer = httpx.post(f"{desk['url']}/{desk['bob']}/{path}", json=_scan(desk, path, body), headers=ADMIN)
    assert (answer.status_code, answer.json()) == (409, {"detail": {
        "code": "order_not_admitted", "message": "Order status is 'Refunded' — check-in not allowed."}})


def test_the_desk_scans_keep_their_place_in_the_api_description(desk):
    """The fuzz test (test_openapi_fuzz) and API clients read /openapi.json: the plain routes stay in it."""
    paths = httpx.get(desk["url"].split("/api/")[0] + "/openapi.json").json()["paths"]
    for path, model in (("check-ins", "DeskAction"), ("door-checks", "DeskDoorCheck"), ("redemptions", "DeskRedemption")):
        operation = paths[f"/api/v1/admin/conferences/{{slug}}/attendees/{{access_code}}/{path}"]["post"]
        assert operation["requestBody"]["content"]["application/json"]["schema"] == {"$ref": f"#/components/schemas/{model}"}
        assert operation["responses"]["201"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/AttendeeAtTheDesk"}
        assert [p["name"] for p in operation["parameters"]] == ["slug", "access_code", "authorization"]
