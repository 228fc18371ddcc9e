"""What each role may do: ordered, shown in the menu only where it opens, and as the README's roles table says.

The table in the README is read here and checked row by row against the live server, signed in as
each role: a ✓ opens (a GET answers 200, a form is taken up rather than answered 404), an empty cell
answers "There is no such page" (404), and "counts" opens without a single code on the page.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from server.attendees.models import Attendee
from server.conferences.service import get_conference, get_ticket_type
from server.db.engine import unit_of_work
from server.orders.models import Order
from server.sponsors.models import BulkPurchaseVoucher
from server.sponsors import bulk_purchases
from server.sponsors.service import create_sponsor
from server.users.models import Role
from server.vouchers.models import Voucher, VoucherType
from server.web.sections import SECTIONS, sections_for
from tests.web.conftest import CONFERENCE_A, form_token

README = Path(__file__).resolve().parents[2] / "README.md"
ROLES = [Role.OWNER, Role.ORGANIZER, Role.DOOR_LEAD, Role.VIEWER]
A = f"/conferences/{CONFERENCE_A}"
COMP_CODE = "SPEAKER-FREE0001"


def roles_table() -> list[dict]:
    """The README's roles table: one dict per row, ``what``, ``where`` and a cell per role."""
    text = README.read_text()
    start = text.index("| What | Where | owner | organizer | door lead | viewer |")
    rows = []
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append({"what": cells[0], "where": cells[1].strip("`"), **dict(zip(ROLES, cells[2:], strict=True))})
    return rows


def test_roles_are_ordered_owner_organizer_door_lead_viewer():
    order = [Role.VIEWER, Role.DOOR_LEAD, Role.ORGANIZER, Role.OWNER]
    for i, role in enumerate(order):
        assert [other for other in order if role.at_least(other)] == order[:i + 1]
    assert Role("door_lead").label == "door lead"


def test_the_readme_table_lists_every_menu_section_for_the_roles_the_menu_shows_it_to():
    rows = {row["where"]: row for row in roles_table()}
    for section in SECTIONS:
        row = rows[f"GET {section.path}"]
        for role in ROLES:
            assert bool(row[role]) == (section in sections_for(role)), (section.path, role, row[role])


@pytest.fixture
def seeded(console_server):
    """Conference A with a comp voucher code and a fulfilled comp bulk purchase (its codes made); their ids."""
    with unit_of_work(console_server.session_factory) as session:
        conference = get_conference(session, CONFERENCE_A)
        session.add(Voucher(conference_id=conference.id, code=COMP_CODE, voucher_type=VoucherType.COMP, max_uses=1))
        ticket_type = get_ticket_type(session, conference, "standard")
        ticket_type.bulk_enabled = True
        sponsor = create_sponsor(session, conference, name="Acme")
        purchase = bulk_purchases.create_bulk_purchase(session, sponsor, 2, ticket_type, Decimal(0),
                                                            voucher_config=bulk_purchases.BulkVoucherConfig(voucher_type=VoucherType.COMP, discount_value=Decimal(100)),
                                                            conference=conference)
        bulk_purchases.approve(session, purchase)
        bulk_purchases.fulfill_bulk_purchase(session, purchase)
        bulk_codes = list(session.scalars(select(Voucher.code).join(BulkPurchaseVoucher).where(
            BulkPurchaseVoucher.bulk_purchase_id == purchase.id)))
        attendee_id = session.scalar(select(Attendee.id).where(Attendee.conference_id == conference.id)
                                     .order_by(Attendee.id).limit(1))
        order = session.scalar(select(Order.reference).join(Attendee, Attendee.order_id == Order.id)
                               .where(Attendee.id == attendee_id))
        return {"purchase": purchase.id, "attendee": attendee_id, "order": order, "codes": bulk_codes}


def test_the_readme_roles_table_is_what_the_server_does(seeded, signed_in_client):
    rows = roles_table()
    assert len(rows) >= 20
    for role in ROLES:
        client = signed_in_client(role)
        token = form_token(client.get(f"{A}/dashboard").text)
        for row in rows:
            method, _, path = row["where"].partition(" ")
            if method not in ("GET", "POST"):
                continue  # not a console page (the command line)
            url = f"{A}/" + path.format(purchase=seeded["purchase"], attendee=seeded["attendee"],
                                        order=seeded["order"])
            answer = client.get(url) if method == "GET" else client.post(url, data={"csrf_token": token})
            where = f"{role.value}: {row['what']} ({row['where']})"
            assert answer.status_code < 500, where
            if not row[role]:
                assert answer.status_code == 404 and "There is no such page" in answer.text, where
            elif method == "GET":
                assert answer.status_code == 200, where
            else:  # taken up: done, or refused for what the (empty) form lacks, never "no such page"
                assert answer.status_code != 404, where
            if row[role] == "counts":
                assert COMP_CODE not in answer.text and not any(code in answer.text for code in seeded["codes"]), where
            if row[role] == "✓" and path in ("vouchers", "sponsors/purchases/{purchase}"):
                assert COMP_CODE in answer.text or all(code in answer.text for code in seeded["codes"]), where


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_shows_a_role_only_what_it_may_open(console_server, signed_in_client, role):
    client = signed_in_client(role)
    page = client.get(f"{A}/dashboard").text
    nav = page.split('<nav class="conference-nav"', 1)[1].split("</nav>", 1)[0]
    shown = re.findall(rf'href="{A}/([a-z-]+)"', nav)
    assert shown == [s.path for s in sections_for(role)]
    for section in SECTIONS:
        answer = client.get(f"{A}/{section.path}")
        assert answer.status_code == (200 if section.path in shown else 404), (role, section.path)
    if role is Role.VIEWER:
        assert shown == ["dashboard", "zones", "attendees", "exports", "orders", "products", "checkin-lists",
                         "vouchers", "sponsors"]
