"""The console's typed fields (server.web.forms): what each takes, and the words for what it refuses.

The pages' side (every form over HTTP, both databases) is tests/web/test_console_forms_fuzz.py; this is
the rule table itself, one line per case a person could type.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from server.attendees.models import Attendee
from server.web import forms
from server.web.forms import FieldRefused


@pytest.mark.parametrize(("typed", "currency", "stored"), [
    ("12.50", "usd", Decimal("12.50")), ("12,50", "eur", Decimal("12.50")), (" 7 ", "usd", Decimal("7.00")),
    ("", "usd", Decimal("0.00")), ("99999999.99", "usd", Decimal("99999999.99")), ("5000", "jpy", Decimal(5000)),
    ("5000.00", "jpy", Decimal(5000)),  # what the edit form shows of a yen price comes back as it was
])
def test_money_takes_an_amount_to_the_currencys_minor_unit(typed, currency, stored):
    assert forms.money(typed, "price", currency=currency) == stored


@pytest.mark.parametrize(("typed", "currency", "message"), [
    ("1e30", "usd", "Invalid price '1e30': write it as digits, such as 12.50."),
    ("1e20", "usd", "Invalid price '1e20': write it as digits, such as 12.50."),
    ("nan", "usd", "Invalid price 'nan': not a number."),
    ("inf", "usd", "Invalid price 'inf': not a number."),
    ("²", "usd", "Invalid price '²': not a number."),
    ("-1", "usd", "Invalid price '-1': must be zero or more."),
    ("12.345", "usd", "Invalid price '12.345': at most two decimal places."),
    ("12.5", "jpy", "Invalid price '12.5': no decimal places in JPY."),
    ("100000000", "usd", "Invalid price '100000000': at most 99999999.99."),
    ("1,000", "usd", ("Invalid price '1,000': write it without a thousands separator, and with a point before "
                      "the cents (1000 or 12.50).")),
])
def test_money_refuses_what_is_not_an_amount_in_words(typed, currency, message):
    with pytest.raises(FieldRefused) as refused:
        forms.money(typed, "price", currency=currency, field="price")
    assert (refused.value.field, refused.value.message) == ("price", message)


@pytest.mark.parametrize(("typed", "message"), [
    ("²", "The quantity '²' is not a whole number."),
    ("١٢", "The quantity '١٢' is not a whole number."),
    ("1.5", "The quantity '1.5' is not a whole number."),
    ("99999999999999999999", "The quantity must be between 0 and 10,000,000."),
    ("-1", "The quantity must be between 0 and 10,000,000."),
])
def test_a_whole_number_is_ascii_digits_within_bounds(typed, message):
    with pytest.raises(FieldRefused, match=message):
        forms.whole_number(typed, "quantity")
    assert forms.whole_number(" 12 ", "quantity") == 12 and forms.whole_number("", "quantity") == 0


@pytest.mark.parametrize("typed", ["²", "0", "2147483648", "99999999999999999999", "1e3", "x"])
def test_an_id_fits_a_row_id_or_the_choice_is_refused(typed):
    with pytest.raises(FieldRefused, match="Choose one of this conference's ticket types."):
        forms.ids(["3", typed], "ticket types")
    assert forms.ids(["3", "", "3", "2147483647"], "ticket types") == [3, 2147483647]


@pytest.mark.parametrize("typed", ["0001-01-01T00:00", "9999-12-31T23:59", "1999-12-31T23:59", "2100-01-01T00:00"])
def test_a_venue_time_is_in_the_years_a_conference_happens(typed):
    with pytest.raises(FieldRefused, match="is not between the years 2000 and 2099: check the year."):
        forms.venue_time(typed, "Pacific/Kiritimati", "start of sale")
    assert forms.venue_time("2026-05-01T09:00", "America/New_York", "start of sale") == \
        dt.datetime(2026, 5, 1, 13, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("typed", "message"), [
    ("Ada\x00", "The first name holds a control character (such as a NUL) or half of a character"),
    ("Ada\x1b[31m", "The first name holds a control character"),
    ("Ada\nLovelace", "The first name holds a control character"),
    ("A" * 101, "The first name is 101 characters long; at most 100, please."),
])
def test_text_is_as_long_as_its_column_and_free_of_control_characters(typed, message):
    with pytest.raises(FieldRefused, match=message.replace("(", r"\(").replace(")", r"\)")):
        forms.text(typed, "first name", column=Attendee.first_name)
    assert forms.text("  Ada  ", "first name", column=Attendee.first_name) == "Ada"
    assert forms.text("line\nbreak", "note", max_length=100, multiline=True) == "line\nbreak"


@pytest.mark.parametrize("typed", ["nope", "a@b", "a b@example.org", "a@exa\x00mple.org", "x" * 250 + "@example.org"])
def test_one_email_rule(typed):
    with pytest.raises(FieldRefused, match="email address"):
        forms.email(typed)
    assert forms.email(" ada@example.org ") == "ada@example.org"
