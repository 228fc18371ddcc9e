"""The scan decision rules, shared by the kiosk (offline, from its cache) and the server.

Pure functions over plain data: the same inputs give the same verdict on both sides, so a
kiosk offline and the server online can never disagree about what a scan means.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from shared.order_status import admits_entry
from shared.phrases import Phrase, in_one_line


class Reason(enum.StrEnum):
    OK = "ok"
    NOT_FOUND = "not_found"
    WRONG_CONFERENCE = "wrong_conference"
    MALFORMED = "malformed"
    UNPAID = "unpaid"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    ALREADY_CHECKED_IN = "already_checked_in"
    NOT_CHECKED_IN = "not_checked_in"
    PRODUCT_NOT_PURCHASED = "product_not_purchased"
    FULLY_REDEEMED = "fully_redeemed"
    REVOKED_DEVICE = "revoked_device"
    INVALID_SIGNATURE = "invalid_signature"
    NOT_YET_SYNCED = "not_yet_synced"
    CHECKIN_RULE = "checkin_rule"  # the station's check-in list refuses: ``Verdict.explanation`` says why
    ZONE_FULL = "zone_full"  # the zone a door leads into holds its capacity (shared.zone_moves)


class Outcome(enum.StrEnum):
    ACCEPT = "accept"  # green
    WARN = "warn"  # amber: let in, but look (re-entry, not yet synced)
    REFUSE = "refuse"  # red


class ScanKind(enum.StrEnum):
    """What a scan at a station does. ``kind`` means this, and only this, throughout: the kind of a
    scan, or of an event a kiosk records (``shared.protocol.EventKind`` adds the ones nothing is
    decided for: a failed scan, a badge printed, an undo). Whether a product is a ticket type or
    an add-on is its ``product_type``."""

    CHECK_IN = "check_in"
    EXIT = "exit"
    DOOR_CHECK = "door_check"
    REDEMPTION = "redemption"


ORDER_STATUS_REASONS = {"pending": Reason.UNPAID, "cancelled": Reason.CANCELLED, "refunded": Reason.REFUNDED}


@dataclass(frozen=True)
class Holding:
    """One product an attendee holds: their ticket type, or an add-on line with a quantity."""

    product_type: str  # "ticket_type" | "addon"
    product_id: int
    name: str
    quantity: int = 1
    redeemed: int = 0
    line_item_id: int | None = None

    @property
    def remaining(self) -> int:
        return self.quantity - self.redeemed


@dataclass(frozen=True, order=True)
class Passage:
    """One check-in (``entering``) or exit through a door. Ordered by time; at the same instant
    an exit sorts first, so a check-in and an exit at one moment leave the attendee inside."""

    at: dt.datetime
    entering: bool
    station: str = ""


@dataclass(frozen=True)
class AttendeeState:
    """What the deciding side knows about an attendee, including scans still waiting to upload.

    ``passages`` is every check-in and exit not taken back, when this side knows them all (the
    server does); the summary fields (``inside``, ``checked_in_at``, ``last_check_in_*``) are then
    derived from it by ``shared.scan_effects``. A kiosk knows only the summary the server sent
    (``passages`` is None) and folds its own waiting scans onto it.
    """

    access_code: str
    name: str
    company: str
    ticket_type: str
    order_status: str | None
    inside: bool = False  # checked in and not scanned out since
    last_check_in_at: dt.datetime | None = None
    last_check_in_station: str = ""
    holdings: tuple[Holding, ...] = field(default_factory=tuple)
    checked_in_at: dt.datetime | None = None  # the first check-in (kept: reports count arrivals by it)
    passages: tuple[Passage, ...] | None = None
    language: str = ""  # the attendee's, where known (shared.languages): a print station prints their badge in it


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reason: Reason
    attendee: AttendeeState | None = None
    holding: Holding | None = None  # the product a door check or redemption was about
    explanation: str = ""  # a check-in list's refusal in words: "Only before 10:00 CEST"
    reasons: tuple[Phrase, ...] = ()  # the same, to word in any language (shared/locale's catalogue)

    def explanation_in(self, language: str) -> str:
        """The check-in list's refusal in ``language`` ("Nur vor 17:00 CEST"); "" when no list refused."""
        return in_one_line(self.reasons, language) if self.reasons else self.explanation

    @property
    def admitted(self) -> bool:
        """Whether the scan had its effect (check-in recorded, product redeemed)."""
        return self.outcome is not Outcome.REFUSE


def _order_gate(attendee: AttendeeState) -> Reason | None:
    if admits_entry(attendee.order_status):
        return None
    return ORDER_STATUS_REASONS.get(attendee.order_status or "", Reason.UNPAID)


def decide_check_in(attendee: AttendeeState | None) -> Verdict:
    """Entry: paid (or partially refunded) orders only; re-entry is allowed but reported."""
    if attendee is None:
        return Verdict(Outcome.REFUSE, Reason.NOT_FOUND)
    if (reason := _order_gate(attendee)) is not None:
        return Verdict(Outcome.REFUSE, reason, attendee)
    if attendee.last_check_in_at is not None:
        return Verdict(Outcome.WARN, Reason.ALREADY_CHECKED_IN, attendee)
    return Verdict(Outcome.ACCEPT, Reason.OK, attendee)


def decide_exit(attendee: AttendeeState | None) -> Verdict:
    """Exit scans are recorded for anyone known; a badge that never came in is reported."""
    if attendee is None:
        return Verdict(Outcome.REFUSE, Reason.NOT_FOUND)
    if not attendee.inside:
        return Verdict(Outcome.WARN, Reason.NOT_CHECKED_IN, attendee)
    return Verdict(Outcome.ACCEPT, Reason.OK, attendee)


def _holding(attendee: AttendeeState, product_type: str, product_id: int) -> Holding | None:
    return next((h for h in attendee.holdings if h.product_type == product_type and h.product_id == product_id), None)


def decide_door_check(attendee: AttendeeState | None, *, product_type: str, product_id: int) -> Verdict:
    """Admission to a room or area that needs one product (a tutorial, the VIP lounge)."""
    if attendee is None:
        return Verdict(Outcome.REFUSE, Reason.NOT_FOUND)
    if (reason := _order_gate(attendee)) is not None:
        return Verdict(Outcome.REFUSE, reason, attendee)
    holding = _holding(attendee, product_type, product_id)
    if holding is None:
        return Verdict(Outcome.REFUSE, Reason.PRODUCT_NOT_PURCHASED, attendee)
    return Verdict(Outcome.ACCEPT, Reason.OK, attendee, holding)


def decide_redemption(attendee: AttendeeState | None, *, addon_id: int) -> Verdict:
    """Redeem one unit of an add-on (a lunch), up to the purchased quantity."""
    if attendee is None:
        return Verdict(Outcome.REFUSE, Reason.NOT_FOUND)
    if (reason := _order_gate(attendee)) is not None:
        return Verdict(Outcome.REFUSE, reason, attendee)
    holding = _holding(attendee, "addon", addon_id)
    if holding is None:
        return Verdict(Outcome.REFUSE, Reason.PRODUCT_NOT_PURCHASED, attendee)
    if holding.remaining <= 0:
        return Verdict(Outcome.REFUSE, Reason.FULLY_REDEEMED, attendee, holding)
    return Verdict(Outcome.ACCEPT, Reason.OK, attendee, holding)


def decide(kind: ScanKind, attendee: AttendeeState | None, *, product_type: str = "addon",
           product_id: int | None = None) -> Verdict:
    if kind is ScanKind.CHECK_IN:
        return decide_check_in(attendee)
    if kind is ScanKind.EXIT:
        return decide_exit(attendee)
    if product_id is None:
        raise ValueError(f"a {kind.value} station needs a product")
    if kind is ScanKind.DOOR_CHECK:
        return decide_door_check(attendee, product_type=product_type, product_id=product_id)
    return decide_redemption(attendee, addon_id=product_id)
