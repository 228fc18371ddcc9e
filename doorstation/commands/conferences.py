"""``doorstation conference|ticket-types|addons …``: a conference and what it sells."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Table

from doorstation.commands.common import ConferenceOpt, console, parse_time, session_factory
from server.db.engine import unit_of_work

conference_app = typer.Typer(help="Create and list conferences.", no_args_is_help=True)
ticket_types_app = typer.Typer(help="Ticket types of a conference.", no_args_is_help=True)
addons_app = typer.Typer(help="Add-ons (meals, tutorials, merchandise).", no_args_is_help=True)


@conference_app.command("create")
def conference_create(
    slug: Annotated[str, typer.Argument(help="Short id used in URLs and badges, e.g. pycon-2027.")],
    name: Annotated[str, typer.Option(help="Display name.")],
    timezone: Annotated[str, typer.Option(help="IANA time zone of the venue.")] = "UTC",
    capacity: Annotated[int, typer.Option(help="Venue capacity across all tickets; 0 = unlimited.")] = 0,
    currency: Annotated[str, typer.Option(help="Three-letter currency code.")] = "usd",
) -> None:
    """Create a conference (with its badge signing key pair)."""
    from server.conferences.service import create_conference

    with unit_of_work(session_factory()) as session:
        conference = create_conference(session, slug=slug, name=name, timezone=timezone, total_capacity=capacity,
                                       currency=currency)
        console.print(f"Created conference [bold]{conference.slug}[/] ({conference.name}).")


@conference_app.command("rotate-key")
def conference_rotate_key(slug: Annotated[str, typer.Argument(help="Conference slug.")]) -> None:
    """New badge signing key; badges signed with the replaced key keep working until the next rotation."""
    from server.conferences.service import get_conference, rotate_badge_key

    with unit_of_work(session_factory()) as session:
        rotate_badge_key(session, get_conference(session, slug))
    console.print(f"New badge signing key for {slug}. Kiosks learn it on their next sync; badges printed "
                  "before keep working until the next rotation: reprint them (`badges export`) before then.")


@conference_app.command("list")
def conference_list() -> None:
    """List conferences with their sold seats and attendees."""
    from server.attendees.repository import count_attendees
    from server.capacity.service import get_global_sold_count
    from server.conferences.repository import all_conferences

    table = Table()
    for column in ("slug", "name", "capacity", "sold", "attendees", "time zone"):
        table.add_column(column)
    with unit_of_work(session_factory()) as session:
        for conference in all_conferences(session):
            count = count_attendees(session, conference.id)
            table.add_row(conference.slug, conference.name, str(conference.total_capacity or "unlimited"),
                          str(get_global_sold_count(session, conference)), str(count), conference.timezone)
    console.print(table)


@ticket_types_app.command("add")
def ticket_types_add(
    conference: ConferenceOpt,
    slug: Annotated[str, typer.Argument(help="Short id, e.g. standard.")],
    name: Annotated[str, typer.Option(help="Display name.")],
    price: Annotated[str, typer.Option(help="Price, e.g. 350.00.")] = "0.00",
    quantity: Annotated[int, typer.Option(help="How many may be sold; 0 = unlimited.")] = 0,
    available_from: Annotated[Optional[str], typer.Option(help="On sale from (ISO 8601; without an offset, on the conference's clock).")] = None,
    available_until: Annotated[Optional[str], typer.Option(help="On sale until (ISO 8601; without an offset, on the conference's clock).")] = None,
    requires_voucher: Annotated[bool, typer.Option(help="Hidden unless a voucher unlocks it.")] = False,
    bulk_enabled: Annotated[bool, typer.Option(help="Sponsors may buy it in bulk.")] = False,
) -> None:
    """Add a ticket type to a conference."""
    from server.conferences.service import add_ticket_type, get_conference

    with unit_of_work(session_factory()) as session:
        conf = get_conference(session, conference)
        ticket_type = add_ticket_type(
            session, conf, name=name, slug=slug, price=price, total_quantity=quantity,
            available_from=parse_time(available_from, conf.timezone),
            available_until=parse_time(available_until, conf.timezone),
            requires_voucher=requires_voucher, bulk_enabled=bulk_enabled,
        )
        console.print(f"Added ticket type [bold]{ticket_type.slug}[/] at {ticket_type.price}.")


@addons_app.command("add")
def addons_add(
    conference: ConferenceOpt,
    slug: Annotated[str, typer.Argument(help="Short id, e.g. lunch.")],
    name: Annotated[str, typer.Option(help="Display name.")],
    price: Annotated[str, typer.Option(help="Price, e.g. 25.00.")] = "0.00",
    quantity: Annotated[int, typer.Option(help="How many may be sold; 0 = unlimited.")] = 0,
    requires: Annotated[Optional[list[str]], typer.Option(help="Ticket type it needs (repeatable).")] = None,
    bulk_enabled: Annotated[bool, typer.Option(help="Sponsors may buy it in bulk.")] = False,
) -> None:
    """Add an add-on (meal, tutorial, T-shirt) to a conference."""
    from server.conferences.service import add_addon, get_conference, get_ticket_type

    with unit_of_work(session_factory()) as session:
        conf = get_conference(session, conference)
        addon = add_addon(session, conf, name=name, slug=slug, price=price, total_quantity=quantity,
                          requires_ticket_types=[get_ticket_type(session, conf, t) for t in requires or []],
                          bulk_enabled=bulk_enabled)
        console.print(f"Added add-on [bold]{addon.slug}[/] at {addon.price}.")


@conference_app.command("kiosk-data")
def conference_kiosk_data(
    slug: Annotated[str, typer.Argument(help="Conference slug.")],
    first_day: Annotated[Optional[str], typer.Option(help="The conference's first day, YYYY-MM-DD (on its clock); "
                                                     "give it with --last-day.")] = None,
    last_day: Annotated[Optional[str], typer.Option(help="The conference's last day, YYYY-MM-DD (on its clock).")] = None,
    wipe_after_days: Annotated[Optional[int], typer.Option(min=0, max=365, help="Days after the last day at whose "
                                                           "end kiosks delete what they hold (default 7).")] = None,
) -> None:
    """When kiosks forget the conference: at midnight on its clock, the set number of days after its last day.
    The days are the check-in rules' "conference day" 1 … n too (the console's check-in lists page sets them)."""
    import datetime as dt

    from server.checkin_lists.models import ConferenceDays
    from server.checkin_lists.service import set_days, set_kiosk_data_lifetime
    from server.conferences.service import get_conference
    from server.sync.feed import kiosks_wiped_at

    def day(text: str | None, option: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(text) if text else None
        except ValueError:
            raise typer.BadParameter(f"{text!r} is not a day (YYYY-MM-DD).", param_hint=option) from None

    first, last = day(first_day, "--first-day"), day(last_day, "--last-day")
    with unit_of_work(session_factory()) as session:
        conference = get_conference(session, slug)
        if first_day or last_day:
            set_days(session, conference, first, last)
        if wipe_after_days is not None:
            set_kiosk_data_lifetime(session, conference, wipe_after_days=wipe_after_days)
        moment = kiosks_wiped_at(conference, session.get(ConferenceDays, conference.id))
    console.print(f"Kiosks of {slug} delete what they hold at {moment.isoformat()} (UTC)." if moment else
                  f"{slug} has no days set: its kiosks keep their data until revoked or told to forget it.")


@conference_app.command("stripe")
def conference_stripe(
    slug: Annotated[str, typer.Argument(help="Conference slug.")],
    secret_key: Annotated[str, typer.Option(help="Stripe secret key, sk_live_… or sk_test_….")] = "",
    publishable_key: Annotated[str, typer.Option(help="Stripe publishable key, pk_….")] = "",
    webhook_secret: Annotated[str, typer.Option(help="Signing secret of the webhook endpoint, whsec_….")] = "",
) -> None:
    """Set a conference's Stripe keys (only the ones given change)."""
    from server.conferences.service import get_conference, set_stripe_keys

    with unit_of_work(session_factory()) as session:
        set_stripe_keys(get_conference(session, slug), secret_key=secret_key, publishable_key=publishable_key,
                        webhook_secret=webhook_secret)
    console.print(f"Stripe keys of {slug} updated. Webhook endpoint: "
                  f"https://<your server>/api/v1/stripe/webhook/{slug} (events: checkout.session.completed, "
                  "checkout.session.expired, charge.refunded).")
