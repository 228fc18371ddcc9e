import datetime as dt
import re
from decimal import Decimal

import pytest
from sqlalchemy import event, func, select

from server.errors import InvalidInput
from server.vouchers.models import Voucher, VoucherType
from server.vouchers.service import VoucherBulkConfig, generate_voucher_codes
from tests.factories import make_addon, make_conference, make_ticket_type


def config(conference, **overrides):
    values = dict(conference=conference, prefix="SPK-", count=25, voucher_type="comp", discount_value=Decimal(100))
    return VoucherBulkConfig(**(values | overrides))


def test_codes_are_prefix_plus_eight_uppercase_alphanumerics_and_unique(session):
    conference = make_conference(session)
    vouchers = generate_voucher_codes(session, config(conference, count=500))
    codes = [v.code for v in vouchers]
    assert len(codes) == len(set(codes)) == 500
    assert all(re.fullmatch(r"SPK-[A-Z0-9]{8}", code) for code in codes)
    session.commit()
    stored = session.scalars(select(Voucher).where(Voucher.conference_id == conference.id)).all()
    assert len(stored) == 500
    assert {v.voucher_type for v in stored} == {VoucherType.COMP} and {v.max_uses for v in stored} == {1}


def test_500_codes_go_to_the_database_as_one_insert_on_sqlite_and_postgresql(session, engine):
    """The README's voucher figure rests on one multi-row INSERT; 500 single-row inserts took twice as long."""
    conference = make_conference(session)
    session.commit()
    inserts = []

    def count_inserts(_connection, _cursor, statement, _parameters, _context, _executemany):
        if statement.startswith("INSERT INTO vouchers"):
            inserts.append(statement)

    event.listen(engine, "before_cursor_execute", count_inserts)
    try:
        vouchers = generate_voucher_codes(session, config(conference, count=500))
    finally:
        event.remove(engine, "before_cursor_execute", count_inserts)
    assert len(inserts) == 1
    assert [v.id for v in vouchers] == sorted(v.id for v in vouchers)  # in the order they were written


@pytest.mark.parametrize("count", [0, 501, -3])
def test_count_outside_1_to_500_is_refused_with_the_reference_message(session, count):
    conference = make_conference(session)
    with pytest.raises(ValueError, match=f"^count must be between 1 and 500, got {count}$"):
        generate_voucher_codes(session, config(conference, count=count))
    assert session.scalar(select(func.count(Voucher.id))) == 0


def test_new_codes_never_collide_with_existing_ones(session, monkeypatch):
    conference = make_conference(session)
    [existing] = generate_voucher_codes(session, config(conference, count=1))
    # Make the generator draw the existing code first: it must retry, not duplicate.
    draws = iter(list(existing.code[len("SPK-"):]) + list("NEWCODE1"))
    monkeypatch.setattr("server.vouchers.service.secrets.choice", lambda _alphabet: next(draws))
    [fresh] = generate_voucher_codes(session, config(conference, count=1))
    assert fresh.code == "SPK-NEWCODE1"


def test_same_code_may_exist_in_another_conference(session, monkeypatch):
    first, second = make_conference(session), make_conference(session)
    monkeypatch.setattr("server.vouchers.service.secrets.choice", lambda _alphabet: "A")
    generate_voucher_codes(session, config(first, count=1))
    [other] = generate_voucher_codes(session, config(second, count=1))
    assert other.code == "SPK-AAAAAAAA"


def test_gives_up_after_100_collisions(session, monkeypatch):
    conference = make_conference(session)
    monkeypatch.setattr("server.vouchers.service.secrets.choice", lambda _alphabet: "A")
    generate_voucher_codes(session, config(conference, count=1))
    with pytest.raises(RuntimeError, match="after 100 attempts"):
        generate_voucher_codes(session, config(conference, count=1))


def test_restrictions_are_linked_to_every_voucher(session):
    conference = make_conference(session)
    tutorial, vip = make_ticket_type(session, conference), make_ticket_type(session, conference)
    lunch = make_addon(session, conference)
    vouchers = generate_voucher_codes(session, config(conference, count=3, applicable_ticket_types=[tutorial, vip],
                                                     applicable_addons=[lunch]))
    session.commit()
    session.expire_all()
    for voucher in vouchers:
        assert {t.id for t in voucher.applicable_ticket_types} == {tutorial.id, vip.id}
        assert [a.id for a in voucher.applicable_addons] == [lunch.id]


def test_a_restriction_from_another_conference_writes_nothing(session):
    conference, other = make_conference(session), make_conference(session)
    with pytest.raises(InvalidInput, match="does not belong to"):
        generate_voucher_codes(session, config(conference, applicable_ticket_types=[make_ticket_type(session, other)]))
    assert session.scalar(select(func.count(Voucher.id))) == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"voucher_type": "half-off"}, "Unknown voucher type 'half-off'"),
        ({"voucher_type": "percentage", "discount_value": Decimal(120)}, "between 0 and 100"),
        ({"discount_value": Decimal(-1)}, "cannot be negative"),
        ({"max_uses": 0}, "max_uses must be at least 1"),
        ({"prefix": "HAS SPACE"}, "printable characters without spaces"),
    ],
)
def test_bad_configuration_is_refused_clearly(session, overrides, message):
    with pytest.raises(InvalidInput, match=message):
        generate_voucher_codes(session, config(make_conference(session), **overrides))


def test_a_window_that_starts_when_it_ends_is_accepted_one_that_ends_before_is_not(session):
    conference = make_conference(session)
    moment = dt.datetime(2027, 5, 1, 9, 0, tzinfo=dt.UTC)
    [voucher] = generate_voucher_codes(session, config(conference, count=1, valid_from=moment, valid_until=moment))
    session.commit()
    session.expire_all()
    assert (voucher.valid_from, voucher.valid_until) == (moment, moment)
    with pytest.raises(InvalidInput, match=r"^valid_until cannot be before valid_from\.$"):
        generate_voucher_codes(session, config(conference, count=1, valid_from=moment,
                                               valid_until=moment - dt.timedelta(seconds=1)))
    assert session.scalar(select(func.count(Voucher.id))) == 1
