"""Creating conferences and the products they sell."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.conferences.models import AddOn, Conference, TicketType
from server.conferences.repository import conference_by_slug
from server.errors import Conflict, InvalidInput, NotFound
from server.feed_versions import FeedPosition
from shared.languages import N_, Marked

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
# Stripe's zero-decimal currencies plus the common three-letter codes are all we accept: a typo
# in the currency would otherwise only surface at the first payment.
CURRENCY_PATTERN = re.compile(r"^[a-z]{3}$")


def check_slug(slug: str, what: str = "slug") -> str:
    if not SLUG_PATTERN.match(slug):
        raise InvalidInput(
            f"Invalid {what} '{slug}': use 1-63 lowercase letters, digits and dashes, starting with a letter or digit."
        )
    return slug


def parse_money(value: str | Decimal | int, what: str = "price") -> Decimal:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise InvalidInput(f"Invalid {what} '{value}': not a number.") from None
    if not amount.is_finite() or amount < 0:
        raise InvalidInput(f"Invalid {what} '{value}': must be zero or more.")
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(f"Invalid {what} '{value}': at most two decimal places.")
    return amount.quantize(Decimal("0.01"))


def rotate_badge_key(session: Session, conference: Conference) -> None:
    """A new signing key pair (say the private key may have leaked). Badges signed with the key
    just replaced keep working until the next rotation, so they can be reprinted at leisure;
    kiosks learn both keys on their next sync."""
    conference.badge_previous_public_key = conference.badge_public_key
    conference.badge_private_key, conference.badge_public_key = new_badge_key_pair()
    session.flush()


def new_badge_key_pair() -> tuple[bytes, bytes]:
    private = Ed25519PrivateKey.generate()
    return (
        private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
        private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
    )


def create_conference(
    session: Session,
    *,
    slug: str,
    name: str,
    timezone: str = "UTC",
    total_capacity: int = 0,
    currency: str = "usd",
    stripe_secret_key: str = "",
    stripe_publishable_key: str = "",
    stripe_webhook_secret: str = "",
) -> Conference:
    check_slug(slug)
    _check_conference_fields(name=name, timezone=timezone, total_capacity=total_capacity)
    currency = currency.lower()
    if not CURRENCY_PATTERN.match(currency):
        raise InvalidInput(Marked(N_("Invalid currency '%(currency)s': use a three-letter ISO code such as usd or eur."),
                                  currency=currency))
    if session.scalar(select(Conference.id).where(Conference.slug == slug)) is not None:
        raise Conflict(Marked(N_("A conference with slug '%(slug)s' already exists."), slug=slug), code="duplicate_slug")
    private_key, public_key = new_badge_key_pair()
    conference = Conference(
        slug=slug,
        name=name.strip(),
        timezone=timezone,
        total_capacity=total_capacity,
        currency=currency,
        stripe_secret_key=stripe_secret_key,
        stripe_publishable_key=stripe_publishable_key,
        stripe_webhook_secret=stripe_webhook_secret,
        badge_private_key=private_key,
        badge_public_key=public_key,
    )
    session.add(conference)
    session.flush()
    session.add(FeedPosition(conference_id=conference.id, last_version=0))
    session.flush()
    return conference


def _check_conference_fields(*, name: str, timezone: str, total_capacity: int) -> None:
    if not name.strip():
        raise InvalidInput("A conference needs a name.")
    if len(name.strip()) > 200:
        raise InvalidInput("A conference name has at most 200 characters.")
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(Marked(N_("Unknown time zone '%(zone)s' (use an IANA name such as Europe/Berlin)."),
                                  zone=timezone)) from None
    if total_capacity < 0:
        raise InvalidInput("Total capacity must be zero (unlimited) or more.")


def update_conference(session: Session, conference: Conference, *, name: str, timezone: str,
                      total_capacity: int) -> None:
    """Rename, move to another time zone, resize the venue.

    The venue cannot shrink below the seats already sold or held: those people have tickets. Sale
    windows are stored in UTC, so changing the zone keeps every window at the same moment (the
    pages show it on the new clock).
    """
    _check_conference_fields(name=name, timezone=timezone, total_capacity=total_capacity)
    if total_capacity and total_capacity < conference.seats_taken:
        raise InvalidInput(Marked(N_("%(seats)s seats are already sold or held: the venue capacity cannot be less (or 0 "
                                     "for unlimited)."), seats=conference.seats_taken))
    conference.name = name.strip()
    conference.timezone = timezone
    conference.total_capacity = total_capacity
    session.flush()


def get_conference(session: Session, slug: str) -> Conference:
    conference = conference_by_slug(session, slug)
    if conference is None:
        raise NotFound(f"No conference with slug '{slug}'.")
    return conference


def add_ticket_type(
    session: Session,
    conference: Conference,
    *,
    name: str,
    slug: str,
    price: Decimal | str = Decimal("0.00"),
    total_quantity: int = 0,
    available_from: dt.datetime | None = None,
    available_until: dt.datetime | None = None,
    requires_voucher: bool = False,
    bulk_enabled: bool = False,
) -> TicketType:
    check_slug(slug, "ticket type slug")
    _check_product_name(name, "ticket type")
    _check_ticket_type_fields(total_quantity=total_quantity, available_from=available_from,
                              available_until=available_until)
    _refuse_taken_slug(session, TicketType, conference, slug)
    ticket_type = TicketType(
        conference=conference,
        name=name,
        slug=slug,
        price=parse_money(price),
        total_quantity=total_quantity,
        available_from=available_from,
        available_until=available_until,
        requires_voucher=requires_voucher,
        bulk_enabled=bulk_enabled,
    )
    session.add(ticket_type)
    session.flush()
    return ticket_type


def add_addon(
    session: Session,
    conference: Conference,
    *,
    name: str,
    slug: str,
    price: Decimal | str = Decimal("0.00"),
    total_quantity: int = 0,
    description: str = "",
    requires_ticket_types: Sequence[TicketType] = (),
    bulk_enabled: bool = False,
) -> AddOn:
    check_slug(slug, "add-on slug")
    _check_product_name(name, "add-on")
    _check_addon_fields(conference, total_quantity=total_quantity, requires_ticket_types=requires_ticket_types)
    _refuse_taken_slug(session, AddOn, conference, slug)
    addon = AddOn(
        conference=conference,
        name=name,
        slug=slug,
        price=parse_money(price),
        total_quantity=total_quantity,
        description=description,
        requires_ticket_types=list(requires_ticket_types),
        bulk_enabled=bulk_enabled,
    )
    session.add(addon)
    session.flush()
    return addon


def _check_product_name(name: str, what: str) -> None:
    if not name.strip():
        raise InvalidInput(f"The {what} needs a name.")
    if len(name.strip()) > 200:
        raise InvalidInput(f"A {what} name has at most 200 characters.")


def _check_ticket_type_fields(*, total_quantity: int, available_from: dt.datetime | None,
                              available_until: dt.datetime | None) -> None:
    if total_quantity < 0:
        raise InvalidInput("Ticket quantity must be zero (unlimited) or more.")
    if available_from and available_until and available_until <= available_from:
        raise InvalidInput(Marked(N_("The availability window ends before it starts.")))


def _check_addon_fields(conference: Conference, *, total_quantity: int,
                        requires_ticket_types: Sequence[TicketType]) -> None:
    if total_quantity < 0:
        raise InvalidInput("Add-on quantity must be zero (unlimited) or more.")
    for ticket_type in requires_ticket_types:
        if ticket_type.conference_id != conference.id:
            raise InvalidInput("Ticket type does not belong to the add-on's conference.")


def _refuse_quantity_below_taken(product: TicketType | AddOn, total_quantity: int) -> None:
    if total_quantity and total_quantity < product.quantity_taken:
        raise InvalidInput(Marked(N_("%(taken)s of '%(name)s' are already sold or held: the quantity cannot be less (or 0 "
                                     "for unlimited)."), taken=product.quantity_taken, name=product.name))


def update_ticket_type(
    session: Session,
    ticket_type: TicketType,
    *,
    name: str,
    price: Decimal | str,
    total_quantity: int,
    available_from: dt.datetime | None,
    available_until: dt.datetime | None,
    requires_voucher: bool,
    bulk_enabled: bool,
) -> None:
    """Change what a ticket type is sold as; its slug stays (badges, imports and the API name it).

    Orders already placed keep the price they were placed at (their lines carry it).
    """
    _check_product_name(name, "ticket type")
    _check_ticket_type_fields(total_quantity=total_quantity, available_from=available_from,
                              available_until=available_until)
    _refuse_quantity_below_taken(ticket_type, total_quantity)
    ticket_type.name = name.strip()
    ticket_type.price = parse_money(price)
    ticket_type.total_quantity = total_quantity
    ticket_type.available_from = available_from
    ticket_type.available_until = available_until
    ticket_type.requires_voucher = requires_voucher
    ticket_type.bulk_enabled = bulk_enabled
    session.flush()


def update_addon(
    session: Session,
    addon: AddOn,
    *,
    name: str,
    price: Decimal | str,
    total_quantity: int,
    description: str,
    requires_ticket_types: Sequence[TicketType],
    bulk_enabled: bool,
) -> None:
    """Change what an add-on is sold as; its slug stays (kiosk stations name it for door checks)."""
    _check_product_name(name, "add-on")
    _check_addon_fields(addon.conference, total_quantity=total_quantity, requires_ticket_types=requires_ticket_types)
    if len(description) > 500:
        raise InvalidInput(Marked(N_("A description has at most 500 characters.")))
    _refuse_quantity_below_taken(addon, total_quantity)
    addon.name = name.strip()
    addon.price = parse_money(price)
    addon.total_quantity = total_quantity
    addon.description = description.strip()
    addon.requires_ticket_types = list(requires_ticket_types)
    addon.bulk_enabled = bulk_enabled
    session.flush()


def set_product_active(session: Session, product: TicketType | AddOn, active: bool) -> None:
    """Stop (or resume) selling a ticket type or add-on. Tickets and add-ons already sold stay valid:
    the door never looks at this flag, only the order service does."""
    product.is_active = active
    session.flush()


def _product_label(model: type[TicketType | AddOn]) -> str:
    return "Ticket type" if model is TicketType else "Add-on"


def _refuse_taken_slug(session: Session, model: type[TicketType | AddOn], conference: Conference, slug: str) -> None:
    if session.scalar(select(model.id).where(model.conference_id == conference.id, model.slug == slug)):
        taken = (N_("Ticket type '%(slug)s' already exists in %(conference)s.") if model is TicketType
                 else N_("Add-on '%(slug)s' already exists in %(conference)s."))
        raise Conflict(Marked(taken, slug=slug, conference=conference.slug), code="duplicate_slug")


def _get_product(session: Session, model: type[TicketType | AddOn], conference: Conference, slug_or_name: str):
    found = session.scalar(
        select(model).where(model.conference_id == conference.id, (model.slug == slug_or_name) | (model.name == slug_or_name))
    )
    if found is None:
        raise NotFound(f"No {_product_label(model).lower()} '{slug_or_name}' in {conference.slug}.")
    return found


def get_ticket_type(session: Session, conference: Conference, slug_or_name: str) -> TicketType:
    """A ticket type of the conference, by slug or display name."""
    return _get_product(session, TicketType, conference, slug_or_name)


def get_addon(session: Session, conference: Conference, slug_or_name: str) -> AddOn:
    """An add-on of the conference, by slug or display name."""
    return _get_product(session, AddOn, conference, slug_or_name)


def set_stripe_keys(conference: Conference, *, secret_key: str = "", publishable_key: str = "",
                    webhook_secret: str = "") -> None:
    """Set the keys given (an empty one is left as it is), refusing what is plainly not such a key."""
    if secret_key and not secret_key.startswith(("sk_", "rk_")):
        raise InvalidInput(Marked(N_("The secret key starts with sk_ (or rk_ for a restricted key).")))
    if webhook_secret and not webhook_secret.startswith("whsec_"):
        raise InvalidInput(Marked(N_("The webhook signing secret starts with whsec_.")))
    if secret_key:
        conference.stripe_secret_key = secret_key
    if publishable_key:
        conference.stripe_publishable_key = publishable_key
    if webhook_secret:
        conference.stripe_webhook_secret = webhook_secret
