"""A verdict in words, for the volunteer at the door: short, specific, in the conference's time.

Pure (no Qt) so the wording is tested without a window, and the verdict screen only lays it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from shared.decisions import Outcome, Reason, ScanKind, Verdict
from shared.languages import SOURCE_LANGUAGE
from shared.verdict_words import VerdictWords
from shared.zone_moves import Fullness
from shared.zones import conference_zone, in_zone


@dataclass(frozen=True)
class VerdictText:
    colour: str  # green | amber | red
    headline: str  # the reason in words: "Already checked in at 09:14, Door B"
    name: str = ""
    ticket_type: str = ""
    company: str = ""
    addons: tuple[str, ...] = ()  # "Lunch: 1 of 2 left"
    detail: str = ""  # one more line where it helps ("Scan the badge's QR code")


# How a moment is written for the volunteer: (moment, the conference's time zone) → "09:14 CEST". The kiosk's UI
# hands in one that writes it in the station's language (kiosk.ui.clock); this module's ``local_time`` otherwise.
Clock = Callable[[dt.datetime, str], str]



class StationNumber(int):
    """A count that writes itself in the station's digits where a shared sentence puts it ("%(left)s of
    %(quantity)s left"): those sentences (shared.verdict_words) are the console's too and take ints, while the
    kiosk writes its numbers as its language does (١ / 1). Arithmetic and comparisons stay an int's."""

    write: Callable[[int], str]

    def __new__(cls, value: int, write: Callable[[int], str]) -> StationNumber:
        number = super().__new__(cls, value)
        number.write = write
        return number

    def __str__(self) -> str:
        return self.write(int(self))

    __repr__ = int.__repr__


def numbered(write: Callable[[int], str] | None) -> Callable[[int], int]:
    """Counts as ``write`` puts them (a StationNumber), or left as they are."""
    if write is None:
        return lambda value: value
    return lambda value: StationNumber(value, write)


COLOURS = {Outcome.ACCEPT: "green", Outcome.WARN: "amber", Outcome.REFUSE: "red"}


def describe(verdict: Verdict, *, kind: ScanKind, product_name: str = "", timezone: str = "UTC",
             message: str = "", language: str = "en", clock: Clock | None = None,
             number: Callable[[int], str] | None = None, fullness: Fullness | None = None) -> VerdictText:
    """The verdict in the station's ``language``, in words defined once in shared.verdict_words, its times
    written by ``clock`` and its counts by ``number``."""
    words = VerdictWords(language)
    attendee = verdict.attendee
    count = numbered(number)
    headline = _headline(verdict, kind, product_name, timezone, words, clock or local_time, count)
    detail = words.detail(verdict.reason)
    # The badge check's own sentence ("Not a badge: the scan was empty.") is English: another language keeps
    # the catalogue's detail rather than mix the two on one screen.
    if (verdict.reason in (Reason.MALFORMED, Reason.WRONG_CONFERENCE, Reason.INVALID_SIGNATURE) and message
            and language == SOURCE_LANGUAGE):
        detail = _beyond(headline, message) or detail
    if verdict.reason is Reason.ZONE_FULL:  # "Room A full: 300 of 300", with the door's figure
        headline = fullness.message(language, count) if fullness is not None else message or headline
        detail = words.zone_full(refused=verdict.outcome is Outcome.REFUSE)
    if attendee is None or not attendee.name:
        return VerdictText(COLOURS[verdict.outcome], headline, detail=detail)
    # A refused person is not told what they could use: the add-ons would read as if the badge were good.
    # A redemption's verdict holds the state before it: the line of the product redeemed counts it already.
    redeemed = verdict.holding if kind is ScanKind.REDEMPTION and verdict.reason is Reason.OK else None
    addons = () if verdict.outcome is Outcome.REFUSE else tuple(
        words.left(h.name, count(h.remaining - 1 if h == redeemed else h.remaining), count(h.quantity))
        if h.quantity > 1 or kind is ScanKind.REDEMPTION else h.name
        for h in attendee.holdings if h.product_type == "addon"
    )
    return VerdictText(COLOURS[verdict.outcome], headline, name=attendee.name, ticket_type=attendee.ticket_type,
                       company=attendee.company, addons=addons, detail=detail)


def _beyond(headline: str, message: str) -> str:
    """What ``message`` says that the headline does not: "Forged or damaged badge: the signature does not
    match." under "Forged or damaged badge" is "The signature does not match."; "" when nothing."""
    if not message.lower().startswith(headline.lower()):
        return message
    _, colon, rest = message.partition(":")
    rest = rest.strip()
    return rest[:1].upper() + rest[1:] if colon else ""


def _headline(verdict: Verdict, kind: ScanKind, product_name: str, timezone: str, words: VerdictWords,
              clock: Clock, count: Callable[[int], int]) -> str:
    reason, attendee, holding = verdict.reason, verdict.attendee, verdict.holding
    product = holding.name if holding else product_name or words.product()
    if reason is Reason.OK:
        if kind is ScanKind.REDEMPTION and holding:
            # The verdict holds the state before this redemption.
            return words.redeemed(product, count(holding.remaining - 1), count(holding.quantity))
        return words.admitted(kind, product)
    if reason is Reason.ALREADY_CHECKED_IN and attendee and attendee.last_check_in_at:
        return words.already_checked_in(clock(attendee.last_check_in_at, timezone),
                                        attendee.last_check_in_station)
    if reason is Reason.CHECKIN_RULE:  # the station's check-in list, in the words the console shows its rules in
        return verdict.explanation_in(words.language) or words.headline(reason)
    if reason is Reason.PRODUCT_NOT_PURCHASED:
        return words.not_purchased(product)
    if reason is Reason.FULLY_REDEEMED:
        return words.already_used(product, count(holding.quantity if holding else 0))
    return words.headline(reason)


def local_time(moment: dt.datetime, timezone: str, *, today: dt.date | None = None, seconds: bool = False) -> str:
    """The one way a kiosk shows a time, in the conference's zone and labelled with it: "09:14 CEST"
    today, "Mon 04 09:14 CEST" on another day (a volunteer needs to see that it was not today).

    Never raises: whatever time was synced shows; one of another year shows its year ("Fri 31 Dec 9999
    23:59 UTC": a moment at the calendar's edge stays in UTC, see ``shared.zones``)."""
    zone = conference_zone(timezone)
    local = in_zone(moment, zone)
    today = today or dt.datetime.now(zone).date()
    clock = "%H:%M:%S" if seconds else "%H:%M"
    if local.date() == today:
        return local.strftime(f"{clock} %Z")
    if local.year != today.year:
        return local.strftime(f"%a %d %b {local.year:04d} {clock} %Z")  # %Y gives "1", not "0001", on Linux
    return local.strftime(f"%a %d {clock} %Z")
