"""The admin CLI, run as a person runs it: the installed ``doorstation`` command in a subprocess."""

import os
import re
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, func, select, text

from server.attendees.models import Attendee
from tests.command_line import run_doorstation

DOORSTATION = [sys.executable, "-m", "doorstation"]


@pytest.fixture
def run(empty_database_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def run(*args, expect=0):
        return run_doorstation(*args, env={"DATABASE_URL": empty_database_url}, expect=expect)

    return run


def test_the_installed_command_runs(empty_database_url, tmp_path):
    """The one run through a real process: the console script's module, its exit status and streams."""
    env = {**os.environ, "DATABASE_URL": empty_database_url, "COLUMNS": "200"}
    ok = subprocess.run([*DOORSTATION, "conference", "create", "smoke", "--name", "Smoke"], capture_output=True,
                        text=True, env=env, cwd=tmp_path, timeout=120)
    assert ok.returncode == 0 and "Created conference smoke (Smoke)." in ok.stdout, ok.stderr
    refused = subprocess.run([*DOORSTATION, "devices", "list", "-c", "nowhere"], capture_output=True, text=True,
                             env=env, cwd=tmp_path, timeout=120)
    assert refused.returncode == 1 and refused.stderr.strip() == "error: No conference with slug 'nowhere'."


def test_a_conference_set_up_from_scratch(run, tmp_path):
    run("conference", "create", "pycon-27", "--name", "PyCon 2027", "--capacity", "300", "--timezone", "America/New_York")
    run("ticket-types", "add", "standard", "-c", "pycon-27", "--name", "Standard", "--price", "400")
    run("addons", "add", "lunch", "-c", "pycon-27", "--name", "Lunch", "--price", "25", "--requires", "standard")
    csv = tmp_path / "people.csv"
    csv.write_text("first_name,last_name,email,ticket_type,add_ons\nAda,Lovelace,ada@example.org,standard,lunch\n"
                   "Alan,Turing,alan@example.org,standard,\n")
    result = run("attendees", "import", str(csv), "-c", "pycon-27")
    assert "Imported 2 attendees into pycon-27" in result.stdout
    listing = run("conference", "list").stdout
    assert "pycon-27" in listing and "PyCon 2027" in listing and "300" in listing
    codes = run("vouchers", "generate", "-c", "pycon-27", "--count", "3", "--prefix", "SPK-",
                "--ticket-type", "standard").stdout.split()
    assert len(codes) == 3 and all(c.startswith("SPK-") and len(c) == 12 for c in codes)


def test_bad_import_reports_every_line_and_exits_non_zero(run, tmp_path, empty_database_url):
    run("conference", "create", "conf", "--name", "Conf")
    run("ticket-types", "add", "standard", "-c", "conf", "--name", "Standard")
    csv = tmp_path / "bad.csv"
    csv.write_text("first_name,email,ticket_type\nAda,ada@example.org,standard\n,x@example.org,standard\n"
                   "Bob,bob,standard\n")
    result = run("attendees", "import", str(csv), "-c", "conf", expect=1)
    assert "Nothing was imported" in result.stderr
    assert "line 3: first_name is empty" in result.stderr
    assert "line 4: 'bob' is not an email address" in result.stderr
    engine = create_engine(empty_database_url)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count(Attendee.id))) == 0
    engine.dispose()


def test_domain_errors_are_one_clear_line(run):
    result = run("ticket-types", "add", "x", "-c", "nowhere", "--name", "X", expect=1)
    assert result.stderr.strip() == "error: No conference with slug 'nowhere'."
    result = run("conference", "create", "ok", "--name", "Ok", "--timezone", "Mars/Olympus", expect=1)
    assert "Unknown time zone 'Mars/Olympus'" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_data_makes_every_order_status(run, empty_database_url):
    result = run("demo-data", "--attendees", "2000")
    assert "with 2000 attendees" in result.stdout
    engine = create_engine(empty_database_url)
    with engine.connect() as connection:
        statuses = set(connection.scalars(text("SELECT DISTINCT status FROM orders")))
        attendees = connection.scalar(text("SELECT count(*) FROM attendees"))
    engine.dispose()
    assert statuses == {"paid", "partially_refunded", "refunded", "cancelled", "pending"}
    assert 1800 < attendees < 2000  # pending orders have no attendees yet


def test_sponsors_levels_and_bulk_purchases_from_the_command_line(run):
    run("conference", "create", "conf", "--name", "Conf")
    run("conference", "create", "other", "--name", "Other")
    run("ticket-types", "add", "standard", "-c", "conf", "--name", "Standard", "--bulk-enabled")
    run("addons", "add", "lunch", "-c", "conf", "--name", "Lunch")
    run("addons", "add", "dinner", "-c", "conf", "--name", "Dinner", "--bulk-enabled")
    assert "Added sponsor level Gold (#1)" in run("sponsors", "levels", "add", "-c", "conf", "Gold", "--cost", "5000").stdout
    run("sponsors", "levels", "add", "-c", "other", "Silver")  # #2, another conference's
    added = run("sponsors", "add", "-c", "conf", "Widget Works", "--level", "Gold").stdout
    assert "Added sponsor widget-works (Widget Works); bulk codes start with BULK-WIDGET-WORKS-." in added
    refused = run("sponsors", "edit", "-c", "conf", "widget-works", "--level", "2", expect=1)
    assert refused.stderr.strip() == "error: Sponsor level must belong to the same conference as the sponsor."
    run("sponsors", "edit", "-c", "conf", "widget-works", "--email", "events@widget.example")
    run("sponsors", "levels", "edit", "-c", "conf", "Gold", "--name", "Platinum")
    listing = run("sponsors", "list", "-c", "conf").stdout
    assert "widget-works" in listing and "Platinum" in listing and "events@widget.example" in listing

    refused = run("bulk-purchases", "create", "-c", "conf", "--quantity", "2", "--unit-price", "0", "--addon", "lunch",
                  expect=1)
    assert refused.stderr.strip() == "error: This add-on does not have bulk purchasing enabled."
    refused = run("bulk-purchases", "create", "-c", "conf", "--quantity", "2", "--unit-price", "0", "--addon", "dinner",
                  "--voucher-type", "gift", expect=1)
    assert refused.stderr.strip() == "error: Unknown voucher type 'gift'."
    run("bulk-purchases", "create", "-c", "conf", "--quantity", "2", "--unit-price", "0", "--addon", "dinner")
    run("bulk-purchases", "approve", "1")
    codes = run("bulk-purchases", "fulfil", "1").stdout.split()[-2:]
    assert all(re.fullmatch(r"BULK-[A-Z0-9]{8}", code) for code in codes), codes  # no sponsor: BULK-
    run("bulk-purchases", "create", "-c", "conf", "--sponsor", "widget-works", "--quantity", "1", "--unit-price", "0",
        "--ticket-type", "standard")
    run("bulk-purchases", "approve", "2")
    assert re.fullmatch(r"BULK-WIDGET-WORKS-[A-Z0-9]{8}", run("bulk-purchases", "fulfil", "2").stdout.split()[-1])


def test_a_voucher_window_may_start_when_it_ends_but_not_end_before(run):
    run("conference", "create", "conf", "--name", "Conf")
    window = ["vouchers", "generate", "-c", "conf", "--count", "1", "--valid-from", "2027-05-01T09:00"]
    assert len(run(*window, "--valid-until", "2027-05-01T09:00").stdout.split()) == 1
    refused = run(*window, "--valid-until", "2027-05-01T08:59", expect=1)
    assert refused.stderr.strip() == "error: valid_until cannot be before valid_from."


def test_importing_a_file_twice_imports_nothing_new_unless_duplicates_are_allowed(run, tmp_path, empty_database_url):
    run("conference", "create", "conf", "--name", "Conf")
    run("ticket-types", "add", "standard", "-c", "conf", "--name", "Standard")
    csv = tmp_path / "people.csv"
    csv.write_text("first_name,email,ticket_type,access_code\nAda,ada@example.org,standard,ADA00001\n"
                   "Alan,alan@example.org,standard,\n")
    assert "Imported 2 attendees" in run("attendees", "import", str(csv), "-c", "conf").stdout
    again = run("attendees", "import", str(csv), "-c", "conf").stdout
    assert "Imported 0 attendees" in again and "2 line(s) were already there" in again
    assert "line 2: ada@example.org, Standard: already imported (ADA00001)" in again
    csv.write_text("first_name,email,ticket_type\nAda,ada@example.org,standard\n")
    assert "Imported 1 attendees" in run("attendees", "import", str(csv), "-c", "conf", "--allow-duplicates").stdout
    huge = tmp_path / "huge.csv"
    huge.write_text("first_name,email,ticket_type\n" + "X" * 200_000 + ",x@example.org,standard\n")
    refused = run("attendees", "import", str(huge), "-c", "conf", expect=1)
    assert "line 2: cannot be read as CSV: field larger than field limit" in refused.stderr
    assert "Traceback" not in refused.stderr
    engine = create_engine(empty_database_url)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count(Attendee.id))) == 3
    engine.dispose()
