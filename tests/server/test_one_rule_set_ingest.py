"""Uploads through a real uvicorn: the server folds each batch by the shared rules, whatever arrives how."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid

import httpx
import pytest
from sqlalchemy import func, select

from server.checkin.models import CheckIn, ProductRedemption, SyncEvent
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.sync.models import SyncConflict
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type, past_scan_time
from tests.live_server import live_server

T0 = past_scan_time(5, 4, 8, 0)


def minutes(n: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=n)


def event(kind: str, code: str, at: dt.datetime, *, station: str = "Door A", undoes: str | None = None,
          product_id: int | None = None, reason: str = "ok") -> dict:
    return {"uuid": str(uuid.uuid4()), "kind": kind, "access_code": code, "occurred_at": at.isoformat(),
            "station": station, "product_type": "addon" if product_id else None, "product_id": product_id,
            "reason": reason, "undoes": undoes}


@pytest.fixture
def door(database_url, session_factory):
    """A live server, Ada (paid, one lunch) and three paired devices' HTTP clients."""
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        lunch = make_addon(session, conference, name="Lunch")
        ada = make_attendee(session, conference, ticket_type=make_ticket_type(session, conference), addons={lunch: 1})
        codes = [create_device(session, conference, name=f"kiosk {n}", station=f"Door {n}")[1] for n in range(3)]
        ada_code, ada_id, lunch_id = ada.access_code, ada.id, lunch.id
    with live_server(database_url) as url:
        clients = []
        for code in codes:
            token = httpx.post(f"{url}/api/v1/sync/pair", json={"pairing_code": code}).json()["device_token"]
            clients.append(PairedDevice(httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"},
                                                     timeout=30), session_factory))
        yield {"url": url, "clients": clients, "ada": ada_code, "ada_id": ada_id, "lunch": lunch_id}
        for client in clients:
            client.http.close()


class PairedDevice:
    def __init__(self, http: httpx.Client, session_factory):
        self.http, self.session_factory = http, session_factory

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.http.get(path, **kwargs)

    def post(self, path: str, **kwargs) -> httpx.Response:
        return self.http.post(path, **kwargs)


def upload(device: PairedDevice, *events: dict) -> list[dict]:
    response = device.post("/api/v1/sync/events", json={"events": list(events)})
    assert response.status_code == 200, response.text
    wait_until_stored(device.session_factory, [e["uuid"] for e in events])
    return response.json()["results"]


def wait_until_stored(session_factory, uuids: list[str]) -> None:
    """The sync route's unit of work may still be committing when its answer arrives (the commit
    boundary is fixed on its own branch); what these tests read next must see the upload."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with session_factory() as session:
            if session.scalar(select(func.count(SyncEvent.id)).where(SyncEvent.uuid.in_(set(uuids)))) == len(set(uuids)):
                return
        time.sleep(0.01)


def ada_on_the_feed(client: PairedDevice) -> dict:
    [ada] = client.get("/api/v1/sync/changes", params={"after": 0}).json()["attendees"]
    return ada


def test_one_upload_with_an_undo_and_a_re_scan_leaves_checked_in_at_right(door, session_factory):
    """The wrong badge checked in, taken back, the right one scanned, all in one upload."""
    kiosk = door["clients"][0]
    wrong = event("check_in", door["ada"], minutes(0))
    assert upload(kiosk, wrong)[0]["status"] == "applied"
    results = upload(kiosk, event("undo", door["ada"], minutes(1), undoes=wrong["uuid"], reason="check_in"),
                     event("check_in", door["ada"], minutes(2), station="Door B"))
    assert [r["status"] for r in results] == ["applied", "applied"]
    ada = ada_on_the_feed(door["clients"][1])  # what every other kiosk learns
    assert ada["checked_in_at"] == minutes(2).isoformat()
    assert (ada["last_check_in_at"], ada["last_check_in_station"], ada["inside"]) == (minutes(2).isoformat(),
                                                                                      "Door B", True)
    with session_factory() as session:
        assert session.scalars(select(CheckIn.checked_in_at)).all() == [minutes(2)]


def test_a_check_in_uploaded_after_a_later_exit_leaves_the_attendee_outside(door):
    entrance, offline = door["clients"][0], door["clients"][1]
    upload(entrance, event("check_in", door["ada"], minutes(0)), event("exit", door["ada"], minutes(30), station="Exit"))
    upload(offline, event("check_in", door["ada"], minutes(10), station="Door B"))  # was offline until now
    ada = ada_on_the_feed(entrance)
    assert (ada["inside"], ada["checked_in_at"], ada["last_check_in_station"]) == (False, minutes(0).isoformat(),
                                                                                   "Door B")


def test_a_uuid_twice_in_one_batch_is_stored_once_and_both_answers_agree(door, session_factory):
    lunch = event("redemption", door["ada"], minutes(0), product_id=door["lunch"])
    results = upload(door["clients"][0], lunch, event("check_in", door["ada"], minutes(1)), lunch)
    assert results[0] == results[2] == {"uuid": lunch["uuid"], "status": "applied", "reason": "ok"}
    assert upload(door["clients"][0], lunch)[0]["status"] == "duplicate"
    with session_factory() as session:
        assert session.scalar(select(func.count(SyncEvent.id)).where(SyncEvent.uuid == lunch["uuid"])) == 1
        assert session.scalar(select(func.count(ProductRedemption.id))) == 1


def test_the_same_batch_from_two_devices_at_once_is_applied_once(door, session_factory):
    batch = [event("check_in", door["ada"], minutes(n)) for n in range(50)]
    batch += [event("exit", door["ada"], minutes(60), station="Exit")]
    barrier = threading.Barrier(2)
    answers: list[httpx.Response] = []

    def send(client):
        barrier.wait()
        answers.append(client.post("/api/v1/sync/events", json={"events": batch}))

    threads = [threading.Thread(target=send, args=(client,)) for client in door["clients"][:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wait_until_stored(session_factory, [e["uuid"] for e in batch])
    assert sorted(a.status_code for a in answers) == [200, 200]
    statuses = sorted({r["status"] for r in a.json()["results"]} for a in answers)
    assert statuses == [{"applied"}, {"duplicate"}]
    with session_factory() as session:
        assert session.scalar(select(func.count(SyncEvent.id))) == 51
        assert session.scalar(select(func.count(CheckIn.id))) == 50


def test_a_single_lunch_redeemed_at_two_offline_kiosks_is_one_conflict_with_the_reference_words(door, session_factory):
    a, b = door["clients"][:2]
    assert upload(a, event("redemption", door["ada"], minutes(5), product_id=door["lunch"]))[0]["status"] == "applied"
    late = upload(b, event("redemption", door["ada"], minutes(1), station="Door B", product_id=door["lunch"]))
    assert late[0]["status"] == "conflict" and late[0]["reason"] == "fully_redeemed"
    [conflict] = a.get("/api/v1/sync/conflicts").json()
    assert "Product 'Lunch' is fully redeemed (1/1)." in conflict["message"] and conflict["station"] == "Door B"
    assert ada_on_the_feed(a)["holdings"][-1]["redeemed"] == 1
    with session_factory() as session:
        assert session.scalar(select(func.count(SyncConflict.id))) == 1


def test_an_undo_of_a_scan_of_someone_else_is_rejected_and_changes_nothing(door, session_factory):
    kiosk = door["clients"][0]
    upload(kiosk, first := event("check_in", door["ada"], minutes(0)))
    results = upload(kiosk, event("undo", "ZZZZZZZZ", minutes(1), undoes=first["uuid"], reason="check_in"),
                     event("undo", door["ada"], minutes(1), undoes=str(uuid.uuid4()), reason="check_in"))
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", "nothing_to_undo")] * 2
    assert ada_on_the_feed(kiosk)["inside"] is True
