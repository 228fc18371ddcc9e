"""A conflict's words, defined once for the console's conflicts page, the kiosk's operator panel and exports.

A conflict is a scan a kiosk allowed offline that the server could not honour. The server decides its
description when it folds the upload (``server.sync.events``) as a ``Phrase`` of the shared catalogue
(``shared/locale/<language>/LC_MESSAGES/doorstation.po``) and keeps it as data, so each reader gets it in
their own language: "check_in at Door B admitted Ada Lovelace, whose order is refunded: Order status is
'Refunded' — check-in not allowed." reads "… deren Bestellung erstattet ist …" for a German door lead.
The kinds of scan and the server's reasons ("fully redeemed") are here too, for the scan log export.
"""

from __future__ import annotations

from shared.decisions import Reason
from shared.languages import N_, SOURCE_LANGUAGE, shared_words
from shared.order_status import admits_entry
from shared.phrases import Moment, Part, Phrase, phrase

SCAN_KINDS = {"check_in": N_("Check-in"), "exit": N_("Exit"), "door_check": N_("Door check"),
              "redemption": N_("Redemption"), "undo": N_("Undo"), "badge_printed": N_("Badge printed"),
              "failed_scan": N_("Refused scan")}

# What the kiosk decided and what the server said of a scan, in a few words (the scan log, the conflicts page).
REASONS = {
    "ok": N_("ok"),
    Reason.NOT_FOUND: N_("not found"),
    Reason.WRONG_CONFERENCE: N_("wrong conference"),
    Reason.MALFORMED: N_("malformed"),
    Reason.UNPAID: N_("unpaid"),
    Reason.CANCELLED: N_("cancelled"),
    Reason.REFUNDED: N_("refunded"),
    Reason.ALREADY_CHECKED_IN: N_("already checked in"),
    Reason.NOT_CHECKED_IN: N_("not checked in"),
    Reason.PRODUCT_NOT_PURCHASED: N_("product not purchased"),
    Reason.FULLY_REDEEMED: N_("fully redeemed"),
    Reason.REVOKED_DEVICE: N_("revoked device"),
    Reason.INVALID_SIGNATURE: N_("invalid signature"),
    Reason.NOT_YET_SYNCED: N_("not yet synced"),
    Reason.CHECKIN_RULE: N_("checkin rule"),
    Reason.ZONE_FULL: N_("zone full"),
}


def _kind(kind: str) -> Part:
    """A scan's kind as the sentence names it: "Check-in" (a kind this list does not know: its code)."""
    return phrase(SCAN_KINDS[kind]) if kind in SCAN_KINDS else kind


def unknown_code(kind: str, station: str, code: str) -> Phrase:
    return phrase(N_("%(kind)s at %(station)s for unknown code %(code)s"), kind=_kind(kind), station=station, code=code)


def refused_by_list(kind: str, station: str, who: str, checkin_list: str, why: Part) -> Phrase:
    """"check_in at Door B admitted Ada (…) against the list 'Main days': Only before 17:00 CEST"."""
    return phrase(N_("%(kind)s at %(station)s admitted %(who)s against the list '%(list)s': %(why)s"),
                  kind=_kind(kind), station=station, who=who, list=checkin_list, why=why)


def without_product(kind: str, station: str, who: str) -> Phrase:
    return phrase(N_("%(kind)s at %(station)s admitted %(who)s without the product"), kind=_kind(kind), station=station,
                  who=who)


def fully_redeemed(product: str, station: str, who: str, redeemed: int, quantity: int) -> Phrase:
    """"Lunch at Door B for Ada Lovelace: Product 'Lunch' is fully redeemed (1/1).", the desk's words at the end."""
    return phrase(N_("%(product)s at %(station)s for %(who)s: Product '%(product)s' is fully redeemed "
                     "(%(redeemed)s/%(quantity)s)."), product=product, station=station, who=who, redeemed=redeemed,
                  quantity=quantity)


# An order's status as a conflict names it: its code in the sentence, its label in the desk's words.
ORDER_STATUS_WORDS = {"pending": N_("pending"), "refunded": N_("refunded"), "cancelled": N_("cancelled")}
ORDER_STATUS_LABELS = {"pending": N_("Pending"), "paid": N_("Paid"), "refunded": N_("Refunded"),
                       "partially_refunded": N_("Partially refunded"), "cancelled": N_("Cancelled")}


def order_not_valid(kind: str, station: str, who: str, status: str | None) -> Phrase:
    """"check_in at Door B admitted Ada, whose order is refunded: Order status is 'Refunded' — check-in not allowed."."""
    if status is None:
        return phrase(N_("%(kind)s at %(station)s admitted %(who)s, whose order is missing: Attendee has no "
                         "associated order."), kind=_kind(kind), station=station, who=who)
    named = phrase(ORDER_STATUS_WORDS[status]) if status in ORDER_STATUS_WORDS else status
    if admits_entry(status):  # the conflict is about something else; its status says nothing against it
        return phrase(N_("%(kind)s at %(station)s admitted %(who)s, whose order is %(status)s"), kind=_kind(kind),
                      station=station, who=who, status=named)
    return phrase(N_("%(kind)s at %(station)s admitted %(who)s, whose order is %(status)s: Order status is "
                     "'%(label)s' — check-in not allowed."), kind=_kind(kind), station=station, who=who,
                  status=named,
                  label=phrase(ORDER_STATUS_LABELS[status]) if status in ORDER_STATUS_LABELS else status)


def in_words(kind: str, station: str, when: Moment, code: str, message: Part) -> Phrase:
    """"Redemption at Door B, 2026-05-01 12:31:05 CEST (code Z2F7LHEC): Lunch at Door B for Ada: …"."""
    named = phrase(SCAN_KINDS[kind]) if kind in SCAN_KINDS else phrase(N_("Scan"))
    if station:
        return phrase(N_("%(kind)s at %(station)s, %(time)s (code %(code)s): %(message)s"), kind=named,
                      station=station, time=when, code=code, message=message)
    return phrase(N_("%(kind)s, %(time)s (code %(code)s): %(message)s"), kind=named, time=when, code=code,
                  message=message)


class ConflictWords:
    """A language's words for conflicts; ``ConflictWords("de").reason("fully_redeemed")`` → "vollständig eingelöst"."""

    def __init__(self, language: str = SOURCE_LANGUAGE) -> None:
        self.language = language
        self._words = shared_words(language)

    def kind(self, kind: str) -> str:
        text = SCAN_KINDS.get(kind)
        return self._words.gettext(text) if text else kind

    def reason(self, reason: str) -> str:
        """A kiosk's or the server's reason code in a few words; an unknown code with spaces for underscores."""
        text = REASONS.get(reason)
        return self._words.gettext(text) if text else reason.replace("_", " ")

    def scan_at(self, kind: str, station: str, when: str) -> str:
        """"Check-in at Door B, 2026-05-01 09:14:05 CEST"."""
        return self._words.gettext("%(kind)s at %(station)s, %(time)s") % {
            "kind": self.kind(kind), "station": station, "time": when}

    def description(self, words: Phrase | None, message: str) -> str:
        """The conflict's description as the server decided it, in this language (one stored before the
        words were kept as data reads as it was stored)."""
        return words.text(self.language) if words is not None else message
