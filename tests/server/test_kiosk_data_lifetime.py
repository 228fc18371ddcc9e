"""`doorstation conference kiosk-data`: when a conference's kiosks delete what they hold, and the feed tells them."""

from __future__ import annotations

import datetime as dt

import pytest

from server.checkin_lists.models import ConferenceDays
from server.conferences.service import get_conference
from server.db.engine import make_engine
from server.wiring import make_session_factory
from server.sync.feed import conference_info
from tests.command_line import run_doorstation


@pytest.fixture
def run(empty_database_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def run(*args, expect=0):
        return run_doorstation(*args, env={"DATABASE_URL": empty_database_url}, expect=expect)

    return run


def wipe_moment(database_url: str) -> dt.datetime | None:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            conference = get_conference(session, "pycon-27")
            return conference_info(conference, session.get(ConferenceDays, conference.id)).wipe_kiosks_at
    finally:
        engine.dispose()


def test_kiosks_forget_the_set_days_after_the_last_day_at_midnight_on_the_venues_clock(run, empty_database_url):
    run("conference", "create", "pycon-27", "--name", "PyCon 2027", "--timezone", "America/New_York")
    assert wipe_moment(empty_database_url) is None  # no days: kept until revoked or forgotten
    said = run("conference", "kiosk-data", "pycon-27", "--first-day", "2027-04-30", "--last-day", "2027-05-03").stdout
    # 7 days by default, from the end of May 3rd in New York (EDT, UTC-4): May 11th, 00:00 local.
    assert wipe_moment(empty_database_url) == dt.datetime(2027, 5, 11, 4, 0, tzinfo=dt.UTC)
    assert "2027-05-11T04:00:00+00:00" in said
    run("conference", "kiosk-data", "pycon-27", "--wipe-after-days", "0")  # the last day is kept
    assert wipe_moment(empty_database_url) == dt.datetime(2027, 5, 4, 4, 0, tzinfo=dt.UTC)


def test_a_day_that_is_not_one_is_refused_and_changes_nothing(run, empty_database_url):
    run("conference", "create", "pycon-27", "--name", "PyCon 2027")
    refused = run("conference", "kiosk-data", "pycon-27", "--first-day", "2027-02-27", "--last-day", "2027-02-30",
                  expect=2)
    assert "not a day" in refused.stdout + refused.stderr
    alone = run("conference", "kiosk-data", "pycon-27", "--last-day", "2027-03-02", expect=None)
    assert alone.returncode != 0 and "both the first and the last day" in alone.stdout + alone.stderr
    run("conference", "kiosk-data", "pycon-27", "--wipe-after-days", "400", expect=2)
    assert wipe_moment(empty_database_url) is None
