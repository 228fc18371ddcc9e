"""A verdict's words, defined once for the kiosk's screen, the console and exports, in every shipped language.

The English texts are the message ids of the catalogue ``shared/locale/<language>/LC_MESSAGES/doorstation.po``
(``python -m doorstation.translations update`` extracts them, a test fails when one lacks a translation).
Placeholders are named (``%(product)s``), so a translation may put them in its own order.
"""

from __future__ import annotations

from shared.decisions import Reason, ScanKind
from shared.languages import N_, shared_words

HEADLINES = {
    Reason.NOT_FOUND: N_("Unknown badge"),
    Reason.WRONG_CONFERENCE: N_("Badge for another conference"),
    Reason.MALFORMED: N_("Not a badge"),
    Reason.INVALID_SIGNATURE: N_("Forged or damaged badge"),
    Reason.UNPAID: N_("Not paid"),
    Reason.CANCELLED: N_("Order cancelled"),
    Reason.REFUNDED: N_("Refunded: badge no longer valid"),
    Reason.NOT_CHECKED_IN: N_("Was not checked in"),
    Reason.NOT_YET_SYNCED: N_("Valid badge, not yet synced: let in"),
    Reason.REVOKED_DEVICE: N_("This kiosk has been revoked"),
    Reason.ALREADY_CHECKED_IN: N_("Already checked in"),
    Reason.CHECKIN_RULE: N_("Not admitted by this station's list"),
    Reason.ZONE_FULL: N_("Zone full"),
}

DETAILS = {
    Reason.NOT_FOUND: N_("Search by name, or send them to the registration desk."),
    Reason.UNPAID: N_("Send them to the registration desk to pay."),
    Reason.NOT_YET_SYNCED: N_("Registered after this kiosk's last sync; the signature is genuine."),
    Reason.MALFORMED: N_("Scan the QR code on the badge."),
}


class VerdictWords:
    """The words of one language; ``VerdictWords("de").headline(Reason.UNPAID)`` → "Nicht bezahlt"."""

    def __init__(self, language: str = "en") -> None:
        self.language = language
        self._words = shared_words(language)

    def headline(self, reason: Reason) -> str:
        text = HEADLINES.get(reason)
        return self._words.gettext(text) if text else reason.value.replace("_", " ").capitalize()

    def detail(self, reason: Reason) -> str:
        text = DETAILS.get(reason)
        return self._words.gettext(text) if text else ""

    def admitted(self, kind: ScanKind, product: str) -> str:
        if kind is ScanKind.CHECK_IN:
            return self._words.gettext("Welcome")
        if kind is ScanKind.EXIT:
            return self._words.gettext("Checked out")
        return self._words.gettext("%(product)s: admitted") % {"product": product}

    def redeemed(self, product: str, left: int, quantity: int) -> str:
        return self._words.gettext("%(product)s redeemed: %(left)s of %(quantity)s left") % {
            "product": product, "left": left, "quantity": quantity}

    def left(self, product: str, left: int, quantity: int) -> str:
        """An add-on beside the name: "Lunch: 1 of 2 left"."""
        return self._words.gettext("%(product)s: %(left)s of %(quantity)s left") % {
            "product": product, "left": left, "quantity": quantity}

    def already_checked_in(self, at: str, station: str) -> str:
        if station:
            return self._words.gettext("Already checked in at %(time)s, %(station)s") % {"time": at, "station": station}
        return self._words.gettext("Already checked in at %(time)s") % {"time": at}

    def not_purchased(self, product: str) -> str:
        return self._words.gettext("%(product)s not purchased") % {"product": product}

    def already_used(self, product: str, quantity: int) -> str:
        if quantity > 1:
            return self._words.gettext("%(product)s already used: all %(quantity)s redeemed") % {
                "product": product, "quantity": quantity}
        return self._words.gettext("%(product)s already used") % {"product": product}

    def product(self) -> str:
        """The word for a product whose name the kiosk does not know."""
        return self._words.gettext("Product")

    def zone_full(self, refused: bool) -> str:
        if refused:
            return self._words.gettext("Entry refused until someone leaves.")
        return self._words.gettext("Let in: the room is at its capacity.")

    # A zone's figure and its alarms, at its doors (the kiosk) and on the dashboard.

    def zone_full_at(self, zone: str, inside: int, capacity: int) -> str:
        """"Room A full: 300 of 300"."""
        return self._words.gettext("%(zone)s full: %(inside)s of %(capacity)s") % {
            "zone": zone, "inside": inside, "capacity": capacity}

    def zone_refusing(self, full_at: str) -> str:
        return self._words.gettext("%(full)s; entry refused until someone leaves") % {"full": full_at}

    def zone_filling(self, zone: str, percent: int) -> str:
        return self._words.gettext("%(zone)s at %(percent)s %%") % {"zone": zone, "percent": percent}

    def zone_figure(self, zone: str, inside: int, capacity: int, *, estimate: bool = False,
                    as_of: str | None = None) -> str:
        """"Room A: 287 of 300" (no capacity: "Room A: 287 inside"); an ``estimate`` (the last synced figure and
        this kiosk's scans since) reads "Room A: ≈ 287 of 300, as of 10:42"."""
        count = f"≈ {inside}" if estimate else str(inside)
        if capacity:
            figure = self._words.gettext("%(zone)s: %(count)s of %(capacity)s") % {
                "zone": zone, "count": count, "capacity": capacity}
        else:
            figure = self._words.gettext("%(zone)s: %(count)s inside") % {"zone": zone, "count": count}
        if not estimate:
            return figure
        if as_of is None:
            return self._words.gettext("%(figure)s, never synced") % {"figure": figure}
        return self._words.gettext("%(figure)s, as of %(time)s") % {"figure": figure, "time": as_of}

    def figure_age(self, minutes: int | None) -> str:
        if minutes is None:
            return self._words.gettext("(no figure from the server yet)")
        return self._words.ngettext("(figure %(minutes)s minute old)", "(figure %(minutes)s minutes old)",
                                    minutes) % {"minutes": minutes}
