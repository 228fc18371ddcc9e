"""Reading what a console form sent: one typed field for each kind of value, one home for its rule.

Every field arrives as text. A page reads each one through a function here (money, whole number,
record id, venue time, text, email, slug, access code) and gets a value it can store as it is, or a
``FieldRefused`` naming the field, with a sentence saying what is wrong. A typed ``Form(int)``
parameter would answer a mistyped number with the API's JSON 422; a console page answers with the
form again and the sentence (the routes catch ``InvalidInput``, of which ``FieldRefused`` is one).

A refusal writes nothing: the page calls ``refused(request, db)`` before it draws the form again,
which forgets what the request flushed and makes its unit of work (server.api) roll back instead of
committing. No page needs a savepoint of its own to survive a refusal.

The bounds are the database's: text as long as its column, money that fits ``Numeric(12, 2)`` in
the currency's minor unit, ids that fit a 32-bit INTEGER, times in the years a conference happens.
What the database would refuse with a 500 (a NUL byte on PostgreSQL, a number out of range) is
refused here, with words, on both databases alike.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from decimal import Decimal

from fastapi import Request
from sqlalchemy.orm import InstrumentedAttribute, Session

from server.conferences.time_entry import from_venue_time
from server.errors import DomainError, InvalidInput
from shared.badge_codes import ACCESS_CODE, SLUG
from shared.email_address import MAX_LENGTH as MAX_EMAIL_LENGTH
from shared.email_address import is_email_address
from shared.languages import N_, Marked
from shared.protocol import MAX_ID

MAX_WHOLE_NUMBER = 10_000_000
MAX_MONEY = Decimal("99999999.99")  # the money columns are Numeric(12, 2): well inside them
# Currencies without a minor unit (Stripe's list): an amount in yen has no cents.
ZERO_DECIMAL_CURRENCIES = frozenset({"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx",
                                     "vnd", "vuv", "xaf", "xof", "xpf"})
_MONEY = re.compile(r"^(?P<units>[0-9]{1,12})(?:(?P<separator>[.,])(?P<minor>[0-9]*))?$")
_WHOLE = re.compile(r"^-?[0-9]{1,20}$")


class FieldRefused(InvalidInput):
    """One field's value is refused; ``field`` is its name in the form, ``message`` says why in words (a
    ``shared.languages.Marked``: English here, in the API and in logs; the reader's language on a page, the
    field's label included, which pages mark with ``N_``)."""

    code = "invalid_field"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def refused(request: Request, db: Session, error: InvalidInput | DomainError | None = None) -> None:
    """Forget what this request wrote, before its form is drawn again with the reason.

    The page is then drawn from what is stored, and the request's unit of work rolls back at its end
    instead of committing (server.api.unit_of_work_dependency reads the mark set here). A refused
    field is named to the page (``refused_field`` and ``refused_message`` in every template's context,
    server.web.console.render), so that the message can stand beside that field.
    """
    db.rollback()
    request.state.form_refused = True
    if isinstance(error, FieldRefused):
        request.state.refused_field = (error.field, error.message)


# Numbers --------------------------------------------------------------------------------------------------

def minor_unit_places(currency: str) -> int:
    """Decimal places of the currency's minor unit: 2 for EUR or USD (cents), 0 for JPY."""
    return 0 if currency.lower() in ZERO_DECIMAL_CURRENCIES else 2


def money(text: str, what: str, *, currency: str = "usd", field: str = "", maximum: Decimal = MAX_MONEY,
          required: bool = False) -> Decimal:
    """An amount such as ``12.50`` (or ``12,50``): zero or more, at most ``maximum``, to the currency's minor
    unit. Empty is 0 unless ``required``. ``1e30``, ``nan``, ``-1``, ``12.345`` and ``²`` are refused."""
    field = field or what
    text = text.strip()
    if not text:
        if required:
            raise FieldRefused(field, Marked(N_("Give the %(what)s."), what=_label(what)))
        return Decimal("0.00")
    match = _MONEY.match(text)
    if match is None:
        if text.startswith("-") and _MONEY.match(text[1:]):
            raise FieldRefused(field, Marked(N_("Invalid %(what)s '%(value)s': must be zero or more."), what=_label(what),
                                            value=text))
        if text.isascii() and any(c.isdigit() for c in text) and not any(c.isspace() for c in text):
            raise FieldRefused(field, Marked(N_("Invalid %(what)s '%(value)s': write it as digits, such as 12.50."),
                                            what=_label(what), value=_shown(text)))
        raise FieldRefused(field, Marked(N_("Invalid %(what)s '%(value)s': not a number."), what=_label(what),
                                        value=_shown(text)))
    places = minor_unit_places(currency)
    if match["separator"] == "," and len(match["minor"]) > places:  # "1,000": a thousand, or one?
        raise FieldRefused(field, Marked(N_("Invalid %(what)s '%(value)s': write it without a thousands separator, "
                                            "and with a point before the cents (1000 or 12.50)."),
                                         what=_label(what), value=text))
    minor = (match["minor"] or "").rstrip("0")
    if len(minor) > places:
        raise FieldRefused(field, Marked(N_("Invalid %(what)s '%(value)s': at most two decimal places."),
                                         what=_label(what), value=text) if places == 2 else
                          Marked(N_("Invalid %(what)s '%(value)s': no decimal places in %(currency)s."),
                                 what=_label(what), value=text, currency=currency.upper()))
    amount = Decimal(f"{match['units']}.{minor or '0'}")
    if amount > maximum:
        raise FieldRefused(field, Marked(N_("Invalid %(what)s '%(value)s': at most %(maximum)s."), what=_label(what),
                                         value=text, maximum=str(maximum)))
    return amount.quantize(Decimal("0.01"))


def whole_number(text: str, what: str, *, minimum: int = 0, maximum: int = MAX_WHOLE_NUMBER,
                 required: bool = False, field: str = "") -> int:
    """``text`` as a whole number between ``minimum`` and ``maximum``; empty is ``minimum`` unless ``required``.

    ASCII digits only: ``'²'.isdigit()`` is True, yet ``int('²')`` raises."""
    field = field or what
    text = text.strip()
    if not text:
        if required:
            raise FieldRefused(field, Marked(N_("Give the %(what)s."), what=_label(what)))
        return minimum
    if not _WHOLE.match(text):
        raise FieldRefused(field, Marked(N_("The %(what)s '%(value)s' is not a whole number."), what=_label(what),
                                         value=_shown(text)))
    value = int(text)
    if not minimum <= value <= maximum:
        raise FieldRefused(field, Marked(N_("The %(what)s must be between %(minimum)s and %(maximum)s."),
                                         what=_label(what), minimum=f"{minimum:,}", maximum=f"{maximum:,}"))
    return value


def record_id(text: str, what: str, *, field: str = "", required: bool = True) -> int | None:
    """The id a select sent (``None`` for an empty, optional one): a plain number that fits a row id.

    The page then looks it up in the conference; an id that is not there is the page's refusal."""
    field = field or what
    text = text.strip()
    if not text and not required:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= 10 and 1 <= int(text) <= MAX_ID):
        raise FieldRefused(field, Marked(N_("Choose one of this conference's %(what)s."), what=_label(what)))
    return int(text)


def ids(values: list[str], what: str, *, field: str = "") -> list[int]:
    """The ids a multiple select sent (as numbers, each a possible row id); anything else is refused."""
    chosen = set()
    for value in values:
        if value.strip():
            number = record_id(value, what, field=field or what)
            assert number is not None
            chosen.add(number)
    return sorted(chosen)


def checked(value: str | None) -> bool:
    """A checkbox: present (any value) when ticked, absent when not."""
    return value is not None


# Times ----------------------------------------------------------------------------------------------------

def venue_time(text: str, timezone: str, what: str, *, field: str = "") -> dt.datetime | None:
    """A ``datetime-local`` field read on the venue's clock (UTC out), ``None`` when empty; years 2000-2099.

    The rule lives in server.conferences.time_entry, which the command line shares."""
    try:
        return from_venue_time(_no_control_characters(text, field or what, what), timezone, what=what)
    except FieldRefused:
        raise
    except InvalidInput as error:
        raise FieldRefused(field or what, error.message) from None


_TIME_OF_DAY = re.compile(r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?")


def time_of_day(text: str, what: str, *, field: str = "") -> dt.time | None:
    """A ``time`` field ("09:30", or "09:30:00" as some browsers send it) on the venue's clock, to the minute;
    ``None`` when empty."""
    field = field or what
    text = _no_control_characters(text, field, what).strip()
    if not text:
        return None
    match = _TIME_OF_DAY.fullmatch(text)
    if match is None:
        raise FieldRefused(field, Marked(N_("The %(what)s '%(value)s' is not a time of day (for example 09:30)."),
                                         what=_label(what), value=_shown(text)))
    if int(match["hour"]) > 23 or int(match["minute"]) > 59 or int(match["second"] or 0) > 59:
        raise FieldRefused(field, Marked(N_("The %(what)s '%(value)s' is not a time of day: hours 0-23, minutes 0-59."),
                                         what=_label(what), value=_shown(text)))
    return dt.time(int(match["hour"]), int(match["minute"]))


def day(text: str, what: str, *, field: str = "") -> dt.date | None:
    """A ``date`` field ("2026-05-12"), in the years a conference happens; ``None`` when empty."""
    field = field or what
    text = _no_control_characters(text, field, what).strip()
    if not text:
        return None
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise FieldRefused(field, Marked(N_("The %(what)s '%(value)s' is not a date (for example 2026-05-12)."),
                                         what=_label(what), value=_shown(text))) from None
    if not 2000 <= value.year <= 2099:
        raise FieldRefused(field, Marked(N_("The %(what)s %(value)s is not between the years 2000 and 2099: check the "
                                            "year."), what=_label(what), value=str(value)))
    return value


def json_object(text: str, what: str, *, field: str = "", max_length: int = 20_000) -> dict | None:
    """A JSON object typed into a text area (a rule for those who write them); ``None`` when empty."""
    field = field or what
    text = _no_control_characters(text, field, what, multiline=True).strip()
    if not text:
        return None
    if len(text) > max_length:
        raise FieldRefused(field, Marked(N_("The %(what)s is longer than %(limit)s characters."), what=_label(what),
                                         limit=f"{max_length:,}"))
    try:
        value = json.loads(text)
    except ValueError as error:
        raise FieldRefused(field, Marked(N_("The %(what)s is not JSON: %(error)s."), what=_label(what),
                                         error=str(error))) from None
    if not isinstance(value, dict):
        raise FieldRefused(field, Marked(N_("The %(what)s is a JSON object ({…}), not %(kind)s."), what=_label(what),
                                         kind=type(value).__name__))
    return value


# Text -----------------------------------------------------------------------------------------------------

def column_length(column: InstrumentedAttribute[str] | InstrumentedAttribute[str | None]) -> int:
    """The length of a model's ``String(n)`` column: a field is never longer than where it is stored."""
    length = getattr(column.property.columns[0].type, "length", None)
    assert isinstance(length, int), f"{column} has no length"
    return length


def text(value: str, what: str, *, column: InstrumentedAttribute | None = None, max_length: int | None = None,
         required: bool = False, multiline: bool = False, field: str = "") -> str:
    """``value`` trimmed: no longer than its column (or ``max_length``), without control characters
    (line breaks only where ``multiline``), not empty where ``required``."""
    field = field or what
    limit = max_length if max_length is not None else column_length(column) if column is not None else None
    value = _no_control_characters(value, field, what, multiline=multiline).strip()
    if required and not value:
        raise FieldRefused(field, Marked(N_("Give the %(what)s."), what=_label(what)))
    if limit is not None and len(value) > limit:
        raise FieldRefused(field, Marked(N_("The %(what)s is %(length)s characters long; at most %(limit)s, please."),
                                         what=_label(what), length=f"{len(value):,}", limit=f"{limit:,}"))
    return value


def search_text(value: str, what: str = N_("search")) -> str:
    """What a viewer typed in a search box (a GET query): trimmed, and refused if it holds control
    characters, which no name, email or code contains (PostgreSQL refuses a NUL with an error)."""
    return text(value, what, max_length=200)


def email(value: str, what: str = N_("email address"), *, required: bool = False, field: str = "") -> str:
    """An email address by the one rule (shared.email_address), trimmed; empty unless ``required``."""
    field = field or what
    value = text(value, what, max_length=MAX_EMAIL_LENGTH + 100, required=required, field=field)
    if value and not is_email_address(value):
        raise FieldRefused(field, Marked(N_("'%(value)s' is not an email address."), value=_shown(value)))
    return value


def slug(value: str, what: str = N_("slug"), *, required: bool = True, field: str = "") -> str:
    """A slug as in addresses: lower-case letters, digits and dashes, at most 63 (shared.badge_codes.SLUG)."""
    field = field or what
    value = value.strip()
    if not value and not required:
        return ""
    if not SLUG.match(value):
        raise FieldRefused(field, Marked(N_("Invalid %(what)s '%(value)s': use 1-63 lowercase letters, digits and "
                                            "dashes, starting with a letter or digit."),
                                         what=_label(what), value=_shown(value)))
    return value


def access_code(value: str, what: str = N_("access code"), *, field: str = "") -> str:
    """An attendee's access code as typed or pasted (any case, spaces around): eight of A-Z and 0-9."""
    field = field or what
    code = value.strip().upper() if value.isascii() else value
    if not ACCESS_CODE.match(code):
        raise FieldRefused(field, Marked(N_("The %(what)s '%(value)s' is not eight letters and digits."),
                                         what=_label(what), value=_shown(value.strip())))
    return code


def choice(value: str, options: dict[str, str] | tuple[str, ...], what: str, *, field: str = "") -> str:
    """One of ``options`` (the values a select offers)."""
    if value not in options:
        raise FieldRefused(field or what, Marked(N_("Choose the %(what)s from the list."), what=_label(what)))
    return value


def _no_control_characters(value: str, field: str, what: str, *, multiline: bool = False) -> str:
    allowed = "\n\r\t" if multiline else "\t"
    for character in value:
        category = unicodedata.category(character)
        if (category == "Cc" and character not in allowed) or category == "Cs":
            raise FieldRefused(field, Marked(N_("The %(what)s holds a control character (such as a NUL) or half of a "
                                                "character: type it again."), what=_label(what)))
    return value


def _label(what: str) -> Marked:
    """A field's label as a part of its refusal, worded in the reader's language where the page marked it
    (``forms.text(…, N_("first name"))``); a label the catalogue lacks reads as the page gave it."""
    return what if isinstance(what, Marked) else Marked(what.replace("%", "%%"))


def _shown(value: str) -> str:
    """A refused value as the message quotes it: short, and printable."""
    value = "".join(c if c.isprintable() else "\N{REPLACEMENT CHARACTER}" for c in value)
    return value if len(value) <= 40 else value[:40] + "…"
