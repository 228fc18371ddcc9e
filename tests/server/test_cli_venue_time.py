"""The CLI reads a time without an offset on the conference's clock, as the organizer means it."""

import datetime as dt

import pytest
from sqlalchemy import create_engine, select

from server.conferences.models import TicketType
from server.vouchers.models import Voucher
from tests.command_line import run_doorstation


@pytest.fixture
def run(empty_database_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def run(*args, expect=0):
        return run_doorstation(*args, env={"DATABASE_URL": empty_database_url}, expect=expect)

    return run


def _stored(url, model, column):
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(column)).scalar_one()
    finally:
        engine.dispose()


def test_a_naive_sale_window_is_on_the_conferences_clock(run, empty_database_url):
    run("conference", "create", "nyc", "--name", "NYC", "--timezone", "America/New_York")
    run("ticket-types", "add", "early", "-c", "nyc", "--name", "Early", "--available-from", "2026-05-01T09:00",
        "--available-until", "2026-05-31T17:30+00:00")
    start = _stored(empty_database_url, TicketType, TicketType.available_from)
    end = _stored(empty_database_url, TicketType, TicketType.available_until)
    # 09:00 in New York in May (EDT, UTC-4) is 13:00 UTC; a time with its own offset keeps it.
    assert start.replace(tzinfo=None) == dt.datetime(2026, 5, 1, 13, 0)
    assert end.replace(tzinfo=None) == dt.datetime(2026, 5, 31, 17, 30)


def test_a_naive_voucher_window_is_on_the_conferences_clock(run, empty_database_url):
    run("conference", "create", "berlin", "--name", "Berlin", "--timezone", "Europe/Berlin")
    run("vouchers", "generate", "-c", "berlin", "--count", "1", "--valid-until", "2026-01-15T18:00")
    until = _stored(empty_database_url, Voucher, Voucher.valid_until)
    assert until.replace(tzinfo=None) == dt.datetime(2026, 1, 15, 17, 0)  # CET is UTC+1


def test_an_hour_the_clocks_skip_and_a_non_time_are_refused_in_one_line(run):
    run("conference", "create", "nyc", "--name", "NYC", "--timezone", "America/New_York")
    skipped = run("ticket-types", "add", "t", "-c", "nyc", "--name", "T", "--available-from", "2026-03-08T02:30",
                  expect=1)
    assert "2026-03-08 02:30 does not exist in America/New_York" in skipped.stderr
    garbage = run("ticket-types", "add", "t", "-c", "nyc", "--name", "T", "--available-from", "soon", expect=1)
    assert "'soon' is not a date and time" in garbage.stderr
