"""A verdict in words, for the volunteer at the door: short, specific, in the conference's time.

Pure (no Qt) so the wording is tested without a window, and the verdict screen only lays it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shared.decisions import Outcome, Reason, ScanKind, Verdict
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


COLOURS = {Outcome.ACCEPT: "green", Outcome.WARN: "amber", Outcome.REFUSE: "red"}

FIXED_HEADLINES = {
    Reason.NOT_FOUND: "Unknown badge",
    Reason.WRONG_CONFERENCE: "Badge for another conference",
    Reason.MALFORMED: "Not a badge",
    Reason.INVALID_SIGNATURE: "Forged or damaged badge",
    Reason.UNPAID: "Not paid",
    Reason.CANCELLED: "Order cancelled",
    Reason.REFUNDED: "Refunded: badge no longer valid",
    Reason.NOT_CHECKED_IN: "Was not checked in",
    Reason.NOT_YET_SYNCED: "Valid badge, not yet synced: let in",
    Reason.REVOKED_DEVICE: "This kiosk has been revoked",
}

DETAILS = {
    Reason.NOT_FOUND: "Search by name, or send them to the registration desk.",
    Reason.UNPAID: "Send them to the registration desk to pay.",
    Reason.NOT_YET_SYNCED: "Registered after this kiosk's last sync; the signature is genuine.",
    Reason.MALFORMED: "Scan the QR code on the badge.",
}


def describe(verdict: Verdict, *, kind: ScanKind, product_name: str = "", timezone: str = "UTC",
             message: str = "") -> VerdictText:
    attendee = verdict.attendee
    headline = _headline(verdict, kind, product_name, timezone)
    detail = DETAILS.get(verdict.reason, "")
    if verdict.reason in (Reason.MALFORMED, Reason.WRONG_CONFERENCE, Reason.INVALID_SIGNATURE) and message:
        detail = _beyond(headline, message) or detail
    if verdict.reason is Reason.ZONE_FULL:  # "Room A full: 300 of 300", with the door's figure
        headline = message or headline
        detail = ("Entry refused until someone leaves." if verdict.outcome is Outcome.REFUSE
                  else "Let in: the room is at its capacity.")
    if attendee is None or not attendee.name:
        return VerdictText(COLOURS[verdict.outcome], headline, detail=detail)
    # A refused person is not told what they could use: the add-ons would read as if the badge were good.
    # A redemption's verdict holds the state before it: the line of the product redeemed counts it already.
    redeemed = verdict.holding if kind is ScanKind.REDEMPTION and verdict.reason is Reason.OK else None
    addons = () if verdict.outcome is Outcome.REFUSE else tuple(
        f"{h.name}: {h.remaining - 1 if h == redeemed else h.remaining} of {h.quantity} left"
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


def _headline(verdict: Verdict, kind: ScanKind, product_name: str, timezone: str) -> str:
    reason, attendee, holding = verdict.reason, verdict.attendee, verdict.holding
    product = holding.name if holding else product_name or "Product"
    if reason is Reason.OK:
        if kind is ScanKind.CHECK_IN:
            return "Welcome"
        if kind is ScanKind.EXIT:
            return "Checked out"
        if kind is ScanKind.REDEMPTION and holding:
            # The verdict holds the state before this redemption.
            return f"{product} redeemed: {holding.remaining - 1} of {holding.quantity} left"
        return f"{product}: admitted"
    if reason is Reason.ALREADY_CHECKED_IN and attendee and attendee.last_check_in_at:
        at = local_time(attendee.last_check_in_at, timezone)
        where = f", {attendee.last_check_in_station}" if attendee.last_check_in_station else ""
        return f"Already checked in at {at}{where}"
    if reason is Reason.CHECKIN_RULE:  # the station's check-in list, in the words the console shows its rules in
        return verdict.explanation or "Not admitted by this station's list"
    if reason is Reason.PRODUCT_NOT_PURCHASED:
        return f"{product} not purchased"
    if reason is Reason.FULLY_REDEEMED:
        quantity = holding.quantity if holding else 0
        return f"{product} already used: all {quantity} redeemed" if quantity > 1 else f"{product} already used"
    return FIXED_HEADLINES.get(reason, reason.value.replace("_", " ").capitalize())


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
