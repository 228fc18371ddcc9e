"""Dates, times, numbers and money as the page's language writes them (Babel, CLDR's data), in the
conference's time zone: the console's template filters.

    {{ moment|local_time(conference.timezone) }}       a live page's time: today's "09:14:05", else with its day
    {{ moment|conference_time(conference.timezone) }}  the full date, time and zone
    {{ count|number }}                                 1,234 · 1.234 (de) · 1 234 (fr)
    {{ amount|money(conference.currency) }}            1234.50 EUR · 1.234,50 € (de) · € 1.234,50 (nl)

English keeps the console's own writing of times (24-hour, "2026-05-01 09:14:05 CEST", as the exports
and the kiosk's operator panel write them) and money ("1234.50 EUR", as its notices and the CLI do), so what
a door lead reads on a page matches a CSV line and a message; the
other languages get their locale's order, month names and separators. The zone stays its abbreviation
("CEST"), the kiosk's label too. Arabic is written with the digits Babel gives its locale (Latin digits,
Arabic separators and marks).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from types import ModuleType

from server.conferences.local_time import conference_zone, in_conference_time, in_zone, short_local_time
from server.web import language
from shared.languages import SOURCE_LANGUAGE


# Babel (and its CLDR data, ~10 MB) is imported at a page's first formatted figure, not at start: a
# worker that only serves kiosks stays under its 120 MB (tests/server/test_server_process.py).
def _babel_dates() -> ModuleType:
    import babel.dates

    return babel.dates


def _babel_numbers() -> ModuleType:
    import babel.numbers

    return babel.numbers


def _zone_label(local: dt.datetime) -> str:
    return local.strftime("%Z")


def conference_time(moment: dt.datetime | None, timezone: str) -> str:
    """The full date, time and zone: "2026-05-01 09:14:05 CEST", "01.05.2026, 09:14:05 CEST"; "" for none."""
    tag = language.current()
    if moment is None or tag == SOURCE_LANGUAGE:
        return in_conference_time(moment, timezone)
    local = in_zone(moment, conference_zone(timezone))
    return f"{_babel_dates().format_datetime(local, 'medium', tzinfo=local.tzinfo, locale=tag)} {_zone_label(local)}"


def local_time(moment: dt.datetime | None, timezone: str, now: dt.datetime | None = None) -> str:
    """For a live page: today's time alone ("09:14:05"), another day with its weekday and date ("Fr., 1. Mai
    09:14"), another year with its year too; "—" for no time at all."""
    tag = language.current()
    if moment is None or tag == SOURCE_LANGUAGE:
        return short_local_time(moment, timezone, now)
    zone = conference_zone(timezone)
    local = in_zone(moment, zone)
    today = in_zone(now or dt.datetime.now(dt.UTC), zone).date()
    if local.date() == today:
        return _babel_dates().format_time(local, "medium", tzinfo=local.tzinfo, locale=tag)
    dates = _babel_dates()
    day = dates.format_skeleton("MMMEd" if local.year == today.year else "yMMMEd", local, tzinfo=local.tzinfo, locale=tag)
    clock = dates.format_time(local, "short", tzinfo=local.tzinfo, locale=tag)
    return f"{day} {clock}" + ("" if local.tzinfo is zone else f" {_zone_label(local)}")


def day(date: dt.date) -> str:
    """A conference day: "Tue 12 May", "Di., 12. Mai"."""
    tag = language.current()
    if tag == SOURCE_LANGUAGE:
        return f"{date:%a %d %b}"
    return _babel_dates().format_skeleton("MMMEd", dt.datetime.combine(date, dt.time(12)), locale=tag)


def number(value: float | Decimal | str | None) -> str:
    """A count or figure with the language's separators; "" for none, and text that is no number as it is."""
    if value is None or value == "":
        return ""
    try:
        return _babel_numbers().format_decimal(Decimal(str(value)), locale=language.current())
    except (InvalidOperation, ValueError):
        return str(value)


def percent(share: float) -> str:
    """A share (0.33) as the language writes a percentage: "33%", "33 %" (de, fr), "‎33‎%" (ar)."""
    return _babel_numbers().format_percent(share, locale=language.current())


def money(amount: float | Decimal | str | None, currency: str) -> str:
    """An amount in the conference's currency, as the language writes money ("1.234,50 €"); English keeps the
    console's "1234.50 EUR", as its notices, its forms' labels and the CLI say it."""
    if amount is None or amount == "":
        return ""
    if language.current() == SOURCE_LANGUAGE:
        return f"{amount} {currency.upper()}"
    try:
        return _babel_numbers().format_currency(Decimal(str(amount)), currency.upper(), locale=language.current())
    except (InvalidOperation, ValueError):
        return f"{amount} {currency.upper()}"


FILTERS = {"local_time": local_time, "conference_time": conference_time, "day": day, "number": number, "percent": percent,
           "money": money}
