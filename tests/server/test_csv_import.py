from pathlib import Path

import pytest
from sqlalchemy import func, select

from server.attendees.csv_import import ImportRejected, import_attendees
from server.attendees.models import Attendee
from server.checkin.service import get_redeemable_products, lookup_attendee, validate_order_status
from server.errors import Conflict
from server.orders.models import Order
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type

HEADER = "first_name,last_name,email,company,ticket_type,access_code,add_ons\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "attendees.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def conference(session):
    conference = make_conference(session, total_capacity=100)
    make_ticket_type(session, conference, name="Standard", slug="standard")
    make_addon(session, conference, name="Lunch", slug="lunch")
    session.commit()
    return conference


def count(session, model):
    return session.scalar(select(func.count(model.id)))


def test_good_file_imports_paid_attendees_with_addons(session, conference, tmp_path):
    path = write(tmp_path, HEADER + "Ada,Lovelace,ada@example.org,Analytical,standard,ADA00001,lunch*2\n"
                                    "Alan,Turing,alan@example.org,,Standard,,\n")
    assert import_attendees(session, conference, path).imported == 2
    ada = lookup_attendee(session, conference=conference, access_code="ADA00001")
    assert (ada.full_name, ada.company) == ("Ada Lovelace", "Analytical")
    assert validate_order_status(ada) is None
    assert get_redeemable_products(session, ada)[0]["remaining"] == 2
    alan = session.scalar(select(Attendee).where(Attendee.first_name == "Alan"))
    assert len(alan.access_code) == 8


def test_every_bad_line_is_reported_and_nothing_is_imported(session, conference, tmp_path):
    existing = make_attendee(session, conference)
    session.commit()
    path = write(tmp_path, HEADER
                 + "Ada,Lovelace,ada@example.org,,standard,,\n"            # line 2: fine
                 + ",NoFirst,nofirst@example.org,,standard,,\n"            # 3
                 + "Bad,Email,not-an-email,,standard,,\n"                   # 4
                 + "Wrong,Ticket,w@example.org,,platinum,,\n"               # 5
                 + "Dup,One,d1@example.org,,standard,DUPE0001,\n"           # 6: fine alone
                 + "Dup,Two,d2@example.org,,standard,DUPE0001,\n"           # 7
                 + f"Taken,Code,t@example.org,,standard,{existing.access_code},\n"  # 8
                 + "Short,Code,s@example.org,,standard,abc,\n"              # 9
                 + "No,Addon,n@example.org,,standard,,caviar\n"             # 10
                 + "Too,Many,m@example.org,,standard,,,extra\n")            # 11
    before = count(session, Attendee), count(session, Order)
    with pytest.raises(ImportRejected) as rejected:
        import_attendees(session, conference, path)
    session.rollback()
    problems = dict(rejected.value.problems)
    assert sorted(problems) == [3, 4, 5, 7, 8, 9, 10, 11]
    assert problems[3] == "first_name is empty"
    assert "'not-an-email' is not an email address" in problems[4]
    assert "unknown ticket type 'platinum'" in problems[5]
    assert problems[7] == "access code DUPE0001 is also on line 6"
    assert "already belongs to an attendee" in problems[8]
    assert "'ABC' is not 8 characters" in problems[9]
    assert "unknown add-on 'caviar'" in problems[10]
    assert "8 fields, the header has 7" in problems[11]
    assert (count(session, Attendee), count(session, Order)) == before


def test_missing_columns_and_non_utf8_are_refused(session, conference, tmp_path):
    with pytest.raises(ImportRejected, match="line 1: missing column\\(s\\): ticket_type"):
        import_attendees(session, conference, write(tmp_path, "first_name,email\nAda,ada@example.org\n"))
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "José,Núñez,j@example.org,,standard,,\n").encode("latin-1"))
    with pytest.raises(ImportRejected, match="line 2: the file is not UTF-8"):
        import_attendees(session, conference, path)


def test_import_that_would_oversell_the_venue_is_refused(session, tmp_path):
    conference = make_conference(session, total_capacity=2)
    make_ticket_type(session, conference, slug="standard")
    session.commit()
    rows = "".join(f"P{i},X,p{i}@example.org,,standard,,\n" for i in range(3))
    with pytest.raises(Conflict, match="Only 2 tickets remaining"):
        import_attendees(session, conference, write(tmp_path, HEADER + rows))
    session.rollback()
    assert count(session, Attendee) == 0


def test_a_field_over_the_csv_size_limit_is_a_line_error(session, conference, tmp_path):
    path = write(tmp_path, HEADER + "Ada,Lovelace,ada@example.org,,standard,,\n"
                                    + "B" * 200_000 + ",X,b@example.org,,standard,,\n"
                                    + "Alan,Turing,alan@example.org,,standard,,\n"
                                    + "Bad,Email,not-an-email,,standard,,\n")
    with pytest.raises(ImportRejected) as rejected:
        import_attendees(session, conference, path)
    assert rejected.value.problems == [(3, "cannot be read as CSV: field larger than field limit (131072)"),
                                       (5, "'not-an-email' is not an email address")]
    session.rollback()
    assert count(session, Attendee) == 0


def test_a_header_naming_a_column_twice_is_refused(session, conference, tmp_path):
    path = write(tmp_path, "first_name,email,ticket_type,Email\nAda,ada@example.org,standard,other@example.org\n")
    with pytest.raises(ImportRejected) as rejected:
        import_attendees(session, conference, path)
    assert rejected.value.problems == [(1, "column(s) named more than once: email")]


def test_importing_the_same_rows_again_imports_nothing_new_and_says_which_lines(session, conference, tmp_path):
    first = HEADER + "Ada,Lovelace,ada@example.org,,standard,ADA00001,\nAlan,Turing,alan@example.org,,standard,,\n"
    assert import_attendees(session, conference, write(tmp_path, first)).imported == 2
    session.commit()
    alan = session.scalar(select(Attendee.access_code).where(Attendee.first_name == "Alan"))
    again = import_attendees(session, conference, write(tmp_path, first.replace("ada@", "ADA@")
                                                        + "Grace,Hopper,grace@example.org,,standard,,\n"))
    session.commit()
    assert again.imported == 1
    assert again.already_there == [(2, "ADA@example.org, Standard: already imported (ADA00001)"),
                                   (3, f"alan@example.org, Standard: already imported ({alan})")]
    assert count(session, Attendee) == 3
    nothing_new = import_attendees(session, conference, write(tmp_path, first))
    assert (nothing_new.imported, len(nothing_new.already_there)) == (0, 2)
    assert count(session, Attendee) == 3


def test_duplicates_are_imported_when_allowed(session, conference, tmp_path):
    rows = HEADER + "Ada,Lovelace,team@example.org,,standard,,\nAlan,Turing,team@example.org,,standard,,\n"
    with pytest.raises(ImportRejected) as rejected:
        import_attendees(session, conference, write(tmp_path, rows))
    assert rejected.value.problems == [(3, "same email and ticket type as line 2 (allow duplicates to import both)")]
    session.rollback()
    assert import_attendees(session, conference, write(tmp_path, rows), allow_duplicates=True).imported == 2
    session.commit()
    assert import_attendees(session, conference, write(tmp_path, rows), allow_duplicates=True).imported == 2
    assert count(session, Attendee) == 4


def test_a_row_whose_code_belongs_to_someone_else_is_still_an_error(session, conference, tmp_path):
    import_attendees(session, conference, write(tmp_path, HEADER + "Ada,Lovelace,ada@example.org,,standard,ADA00001,\n"))
    session.commit()
    with pytest.raises(ImportRejected) as rejected:
        import_attendees(session, conference, write(tmp_path, HEADER + "Eve,X,eve@example.org,,standard,ADA00001,\n"))
    assert rejected.value.problems == [(2, "access code ADA00001 already belongs to an attendee")]
