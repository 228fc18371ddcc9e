"""Kiosks uploading the same attendees at the same moment, through a real server (both databases).

On PostgreSQL an upload reads and folds its attendees before it takes its conference's feed lock,
and under the lock folds again if another upload changed one of them meanwhile: the outcome must be
the one the uploads would have had one after the other.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import func, select

from server.attendees.models import Attendee
from server.checkin.models import ProductRedemption, SyncEvent
from server.db.engine import unit_of_work
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type, past_scan_time
from tests.server.test_sync_http import base_url, device_token  # noqa: F401 - the fixture

KIOSKS = 6
ROUNDS = 3
CROWD = 150  # other attendees in each upload: a fold that takes a while, so the uploads overlap


def _race(base_url: str, tokens: list[str], batches: list[list[dict]]) -> list[list[tuple[str, str]]]:
    """Every kiosk uploads its batch at the same moment; each upload's answers, in the order sent."""
    start = threading.Barrier(len(batches))

    def upload(n: int) -> list[tuple[str, str]]:
        start.wait()
        response = httpx.post(f"{base_url}/api/v1/sync/events", json={"events": batches[n]},
                              headers={"Authorization": f"Bearer {tokens[n]}"}, timeout=120)
        assert response.status_code == 200, response.text
        return [(r["status"], r["reason"]) for r in response.json()["results"]]

    with ThreadPoolExecutor(len(batches)) as pool:
        return list(pool.map(upload, range(len(batches))))


def _event(kind: str, code: str, at: dt.datetime, **extra) -> dict:
    return {"uuid": str(uuid.uuid4()), "kind": kind, "access_code": code, "station": "Door A",
            "occurred_at": at.isoformat(), **extra}


def test_kiosks_redeeming_the_same_last_lunch_at_once_redeem_it_once(session_factory, base_url):
    """Six kiosks each upload a redemption of the one lunch an attendee bought, at once: one is applied,
    five are conflicts, one redemption is stored; and the attendee checked in at one kiosk and out at
    another ends as the scans' order says (out), whichever upload committed last."""
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        ticket = make_ticket_type(session, conference)
        lunch = make_addon(session, conference)
        hungry = [make_attendee(session, conference, ticket_type=ticket, addons={lunch: 1}, first_name=f"H{n}")
                  for n in range(ROUNDS)]
        crowd = [make_attendee(session, conference, ticket_type=ticket, first_name=f"C{n}")
                 for n in range(KIOSKS * CROWD)]
        hungry_codes, crowd_codes, lunch_id = [a.access_code for a in hungry], [a.access_code for a in crowd], lunch.id
    tokens = [device_token(session_factory, base_url) for _ in range(KIOSKS)]
    at = past_scan_time(5, 1, 9, 0)

    for round_, code in enumerate(hungry_codes):
        moment = at + dt.timedelta(hours=round_)
        batches = [[_event("check_in", c, moment) for c in crowd_codes[n * CROWD:(n + 1) * CROWD]]
                   + [_event("redemption", code, moment + dt.timedelta(seconds=n), product_type="addon",
                             product_id=lunch_id)]
                   for n in range(KIOSKS)]
        # The same attendee in and out at two kiosks: in at +10 s (kiosk 0), out at +20 s (kiosk 1).
        batches[0].append(_event("check_in", code, moment + dt.timedelta(seconds=10)))
        batches[1].append(_event("exit", code, moment + dt.timedelta(seconds=20)))

        answers = _race(base_url, tokens, batches)

        lunches = Counter(batch_answers[CROWD] for batch_answers in answers)
        assert lunches == {("applied", "ok"): 1, ("conflict", "fully_redeemed"): KIOSKS - 1}, (round_, lunches)
        with session_factory() as session:
            attendee = session.scalars(select(Attendee).where(Attendee.access_code == code)).one()
            assert session.scalar(select(func.count()).select_from(ProductRedemption)
                                  .where(ProductRedemption.attendee_id == attendee.id)) == 1
            assert attendee.inside is False, round_
            assert attendee.checked_in_at == moment + dt.timedelta(seconds=10)


def test_the_same_scans_sent_by_several_kiosks_at_once_are_stored_once(session_factory, base_url):
    """A kiosk's scans of codes the server does not know (conflicts that change no attendee) and its
    refused scans, sent at once by several devices (a copied outbox, a retry while the first is still
    at work): each scan is stored once, answered once as such and as a duplicate everywhere else,
    and no upload fails."""
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        ticket = make_ticket_type(session, conference)
        crowd = [make_attendee(session, conference, ticket_type=ticket, first_name=f"C{n}")
                 for n in range(KIOSKS * CROWD)]
        crowd_codes = [a.access_code for a in crowd]
    tokens = [device_token(session_factory, base_url) for _ in range(KIOSKS)]
    at = past_scan_time(5, 1, 9, 0)

    for round_ in range(ROUNDS):
        moment = at + dt.timedelta(hours=round_)
        shared = [_event("check_in", f"ZZZZZZ{n:02d}", moment) for n in range(20)] \
            + [_event("failed_scan", f"QQQQQQ{n:02d}", moment, reason="unreadable") for n in range(20)]
        batches = [[_event("check_in", c, moment) for c in crowd_codes[n * CROWD:(n + 1) * CROWD]] + shared
                   for n in range(KIOSKS)]

        answers = _race(base_url, tokens, batches)

        for i in range(len(shared)):
            seen = Counter(batch_answers[CROWD + i][0] for batch_answers in answers)
            assert seen["duplicate"] == KIOSKS - 1 and sum(seen.values()) == KIOSKS, (round_, i, seen)
        with session_factory() as session:
            assert session.scalar(select(func.count()).select_from(SyncEvent).where(
                SyncEvent.uuid.in_([e["uuid"] for e in shared]))) == len(shared)
