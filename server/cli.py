"""``doorstation``: the admin command line (server, conferences, products, attendees, vouchers, demo)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table
from sqlalchemy import func, select

from server.command_line import ConferenceOpt, console, err
from server.command_line import fail as _fail
from server.command_line import session_factory as _session_factory
from server.db.engine import database_url, unit_of_work
from server.errors import DomainError
from server.sponsors.cli import sponsors_app

app = typer.Typer(help="Doorstation: conference check-in server and admin tools.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
conference_app = typer.Typer(help="Create and list conferences.", no_args_is_help=True)
ticket_types_app = typer.Typer(help="Ticket types of a conference.", no_args_is_help=True)
addons_app = typer.Typer(help="Add-ons (meals, tutorials, merchandise).", no_args_is_help=True)
attendees_app = typer.Typer(help="Attendees.", no_args_is_help=True)
vouchers_app = typer.Typer(help="Voucher codes.", no_args_is_help=True)
app.add_typer(conference_app, name="conference")
app.add_typer(ticket_types_app, name="ticket-types")
app.add_typer(addons_app, name="addons")
app.add_typer(attendees_app, name="attendees")
app.add_typer(vouchers_app, name="vouchers")
devices_app = typer.Typer(help="Kiosk devices: add (get a pairing code), list, revoke.", no_args_is_help=True)
conflicts_app = typer.Typer(help="Scans allowed offline that the server could not honour.", no_args_is_help=True)
app.add_typer(devices_app, name="devices")
app.add_typer(conflicts_app, name="conflicts")

app.add_typer(sponsors_app, name="sponsors")


def _parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _fail(f"'{value}' is not a date/time (use ISO 8601, e.g. 2026-05-01T09:00+02:00)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


@app.command()
def server(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (use PostgreSQL for more than one).")] = 1,
) -> None:
    """Run the sync server (SQLite file by default; DATABASE_URL for PostgreSQL). Migrations run first."""
    import uvicorn

    from server.api import admin_token
    from server.db.migrate import upgrade_to_head

    url = database_url()
    upgrade_to_head(url)
    token_from_env = bool(os.environ.get("DOORSTATION_ADMIN_TOKEN"))
    token = admin_token()
    console.print(f"Database: {url.split('@')[-1]}")
    if not token_from_env:
        console.print(f"Admin token (set DOORSTATION_ADMIN_TOKEN to choose one): [bold]{token}[/]")
    uvicorn.run("server.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info")


@app.command()
def demo(
    attendees: Annotated[int, typer.Option(help="Attendees in the demo conference.")] = 500,
    port: Annotated[Optional[int], typer.Option(
        help="Port for the server; without it the first free one from 8000 up.")] = None,
    kiosk: Annotated[bool, typer.Option(help="Open a kiosk paired to the demo server (--no-kiosk: server only).")] = True,
    reset: Annotated[bool, typer.Option(
        help="Start over: delete the demo's database and kiosk data first.")] = False,
) -> None:
    """Seed a demo conference (once) into ./doorstation-demo.sqlite3, run its server and open a kiosk on it.

    The server keeps running after the kiosk window closes, until Ctrl+C.
    """
    from server.demo_launcher import DEMO_DATABASE_URL, DemoRefused, run_demo

    os.environ.setdefault("DATABASE_URL", DEMO_DATABASE_URL)
    try:
        code = run_demo(console, _session_factory, attendees=attendees, port=port, kiosk=kiosk, reset=reset)
    except DemoRefused as error:
        raise _fail(str(error)) from None
    raise typer.Exit(code)


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

    with unit_of_work(_session_factory()) as session:
        conference = create_conference(session, slug=slug, name=name, timezone=timezone, total_capacity=capacity,
                                       currency=currency)
        console.print(f"Created conference [bold]{conference.slug}[/] ({conference.name}).")


@conference_app.command("rotate-key")
def conference_rotate_key(slug: Annotated[str, typer.Argument(help="Conference slug.")]) -> None:
    """New badge signing key; badges signed with the replaced key keep working until the next rotation."""
    from server.conferences.service import get_conference, rotate_badge_key

    with unit_of_work(_session_factory()) as session:
        rotate_badge_key(session, get_conference(session, slug))
    console.print(f"New badge signing key for {slug}. Kiosks learn it on their next sync; badges printed "
                  "before keep working until the next rotation: reprint them (`badges export`) before then.")


@conference_app.command("list")
def conference_list() -> None:
    """List conferences with their sold seats and attendees."""
    from server.attendees.models import Attendee
    from server.capacity.service import get_global_sold_count
    from server.conferences.models import Conference

    table = Table()
    for column in ("slug", "name", "capacity", "sold", "attendees", "time zone"):
        table.add_column(column)
    with unit_of_work(_session_factory()) as session:
        for conference in session.scalars(select(Conference).order_by(Conference.slug)):
            count = session.scalar(select(func.count(Attendee.id)).where(Attendee.conference_id == conference.id))
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
    available_from: Annotated[Optional[str], typer.Option(help="On sale from (ISO 8601).")] = None,
    available_until: Annotated[Optional[str], typer.Option(help="On sale until (ISO 8601).")] = None,
    requires_voucher: Annotated[bool, typer.Option(help="Hidden unless a voucher unlocks it.")] = False,
    bulk_enabled: Annotated[bool, typer.Option(help="Sponsors may buy it in bulk.")] = False,
) -> None:
    """Add a ticket type to a conference."""
    from server.conferences.service import add_ticket_type, get_conference

    with unit_of_work(_session_factory()) as session:
        ticket_type = add_ticket_type(
            session, get_conference(session, conference), name=name, slug=slug, price=price, total_quantity=quantity,
            available_from=_parse_time(available_from), available_until=_parse_time(available_until),
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

    with unit_of_work(_session_factory()) as session:
        conf = get_conference(session, conference)
        addon = add_addon(session, conf, name=name, slug=slug, price=price, total_quantity=quantity,
                          requires_ticket_types=[get_ticket_type(session, conf, t) for t in requires or []],
                          bulk_enabled=bulk_enabled)
        console.print(f"Added add-on [bold]{addon.slug}[/] at {addon.price}.")


@attendees_app.command("import")
def attendees_import(
    file: Annotated[Path, typer.Argument(help="CSV with first_name, email, ticket_type [, last_name, company, access_code, add_ons].",
                                         exists=True, dir_okay=False, readable=True)],
    conference: ConferenceOpt,
    allow_duplicates: Annotated[bool, typer.Option(
        help="Import rows whose email and ticket type an attendee already has (different people sharing an "
             "email); without it such rows are skipped, so a file imported twice imports nothing new.")] = False,
) -> None:
    """Import attendees from CSV: all rows or none; every bad line is reported; rows already imported are skipped."""
    from server.attendees.csv_import import ImportRejected, import_attendees
    from server.conferences.service import get_conference

    started = time.perf_counter()
    try:
        with unit_of_work(_session_factory()) as session:
            result = import_attendees(session, get_conference(session, conference), file,
                                      allow_duplicates=allow_duplicates)
    except ImportRejected as rejected:
        err.print(f"[bold red]Nothing was imported[/] from {file}: {len(rejected.problems)} problem(s).", highlight=False)
        for line, reason in rejected.problems:
            err.print(f"  line {line}: {reason}", highlight=False, markup=False)
        raise typer.Exit(code=1) from None
    console.print(f"Imported {result.imported} attendees into {conference} in {time.perf_counter() - started:.1f} s.")
    if result.already_there:
        console.print(f"{len(result.already_there)} line(s) were already there and not imported again "
                      "(--allow-duplicates imports them):")
        for line, what in result.already_there:
            console.print(f"  line {line}: {what}", highlight=False, markup=False)


@vouchers_app.command("generate")
def vouchers_generate(
    conference: ConferenceOpt,
    count: Annotated[int, typer.Option(help="How many codes (1-500).")],
    voucher_type: Annotated[str, typer.Option("--type", help="comp, percentage or fixed_amount.")] = "comp",
    value: Annotated[str, typer.Option(help="Percentage (0-100) or amount off; ignored for comp.")] = "100",
    prefix: Annotated[str, typer.Option(help="Fixed start of every code.")] = "",
    max_uses: Annotated[int, typer.Option(help="Uses per code.")] = 1,
    valid_from: Annotated[Optional[str], typer.Option(help="Valid from (ISO 8601).")] = None,
    valid_until: Annotated[Optional[str], typer.Option(help="Valid until (ISO 8601).")] = None,
    ticket_type: Annotated[Optional[list[str]], typer.Option(help="Restrict to this ticket type (repeatable).")] = None,
    addon: Annotated[Optional[list[str]], typer.Option(help="Restrict to this add-on (repeatable).")] = None,
    unlocks_hidden_tickets: Annotated[bool, typer.Option(help="Unlocks voucher-only ticket types.")] = False,
) -> None:
    """Generate a batch of unique voucher codes and print them."""
    from server.conferences.service import get_addon, get_conference, get_ticket_type, parse_money
    from server.vouchers.service import VoucherBulkConfig, generate_voucher_codes

    with unit_of_work(_session_factory()) as session:
        conf = get_conference(session, conference)
        vouchers = generate_voucher_codes(session, VoucherBulkConfig(
            conference=conf, prefix=prefix, count=count, voucher_type=voucher_type,
            discount_value=parse_money(value, "discount value"), max_uses=max_uses,
            valid_from=_parse_time(valid_from), valid_until=_parse_time(valid_until),
            unlocks_hidden_tickets=unlocks_hidden_tickets,
            applicable_ticket_types=[get_ticket_type(session, conf, t) for t in ticket_type or []] or None,
            applicable_addons=[get_addon(session, conf, a) for a in addon or []] or None,
        ))
        codes = [v.code for v in vouchers]
    print("\n".join(codes))
    err.print(f"Generated {len(codes)} voucher codes for {conference}.")


@app.command("demo-data")
def demo_data(
    attendees: Annotated[int, typer.Option(help="How many attendees (orders in every status).")] = 10_000,
    slug: Annotated[str, typer.Option(help="Slug of the demo conference to create.")] = "demo",
) -> None:
    """Create a realistic demo conference: ticket types, meals, tutorials, sponsors, vouchers, attendees."""
    from server.demo_data import seed_demo

    if attendees < 0:
        raise _fail("--attendees cannot be negative")
    started = time.perf_counter()
    with unit_of_work(_session_factory()) as session:
        seed_demo(session, slug=slug, attendees=attendees)
    console.print(f"Created conference [bold]{slug}[/] with {attendees} attendees in {time.perf_counter() - started:.1f} s.")


@app.command("release-holds")
def release_holds() -> None:
    """Cancel pending orders whose 15-minute hold has expired (the server also does this every 30 s)."""
    from server.orders.service import release_expired_holds

    with unit_of_work(_session_factory()) as session:
        console.print(f"Released {release_expired_holds(session)} expired holds.")


@devices_app.command("add")
def devices_add(
    conference: ConferenceOpt,
    name: Annotated[str, typer.Argument(help="What to call the device, e.g. 'Door B kiosk'.")],
    station: Annotated[str, typer.Option(help="Station name shown on scans, e.g. 'Door B'.")] = "",
    server_url: Annotated[str, typer.Option(help="The server's address as kiosks reach it; put in the QR so "
                                                  "that scanning it is all a kiosk needs.")] = "",
) -> None:
    """Create a device and print its one-time pairing code (valid 24 hours) and a QR of it."""
    import segno

    from shared.protocol import pairing_payload

    from server.conferences.service import get_conference
    from server.devices.service import create_device

    with unit_of_work(_session_factory()) as session:
        device, code = create_device(session, get_conference(session, conference), name=name, station=station)
        device_id = device.id
    console.print(f"Device #{device_id} '{name}' for {conference}. Pairing code (valid 24 hours, works once):")
    console.print(f"\n    [bold]{code}[/]\n")
    segno.make_qr(pairing_payload(code, server_url)).terminal(compact=True)


@devices_app.command("list")
def devices_list(conference: ConferenceOpt) -> None:
    """List a conference's devices."""
    from server.conferences.service import get_conference
    from server.devices.service import list_devices

    table = Table()
    for column in ("id", "name", "station", "state", "last seen"):
        table.add_column(column)
    with unit_of_work(_session_factory()) as session:
        for d in list_devices(session, get_conference(session, conference)):
            state = "revoked" if d.revoked_at else "paired" if d.paired_at else "waiting for pairing"
            table.add_row(str(d.id), d.name, d.station, state, f"{d.last_seen_at:%Y-%m-%d %H:%M:%S}" if d.last_seen_at else "-")
    console.print(table)


@devices_app.command("revoke")
def devices_revoke(conference: ConferenceOpt, device_id: Annotated[int, typer.Argument(help="Device id (see list).")]) -> None:
    """Revoke a device (a lost kiosk): its token stops working at once."""
    from server.conferences.service import get_conference
    from server.devices.service import revoke_device

    with unit_of_work(_session_factory()) as session:
        device = revoke_device(session, get_conference(session, conference), device_id)
        console.print(f"Revoked device #{device.id} '{device.name}'.")


@conflicts_app.command("list")
def conflicts_list(conference: ConferenceOpt) -> None:
    """List sync conflicts, newest first."""
    from server.conferences.service import get_conference
    from server.sync.events import list_conflicts

    table = Table()
    for column in ("when (UTC)", "station", "scan", "code", "reason", "what happened"):
        table.add_column(column)
    with unit_of_work(_session_factory()) as session:
        rows = list_conflicts(session, get_conference(session, conference).id)
        for conflict, event in rows:
            table.add_row(f"{event.occurred_at:%Y-%m-%d %H:%M:%S}", event.station, event.kind, event.access_code,
                          conflict.reason, conflict.message)
    console.print(table if rows else "No conflicts.")


@app.command()
def kiosk(
    data_dir: Annotated[Path | None, typer.Option(help="Where the kiosk keeps its cache and settings "
                                                        "(default: the platform's data folder).")] = None,
    server_url: Annotated[str, typer.Option(help="Pair with this server first (with --pairing-code).")] = "",
    pairing_code: Annotated[str, typer.Option(help="One-time code from `doorstation devices add`.")] = "",
    camera_file: Annotated[list[Path] | None, typer.Option(help="Use image files as the camera (repeatable).")] = None,
    decoder: Annotated[str | None, typer.Option(help="Barcode decoder: zxing-cpp (default), pyzbar or opencv.")] = None,
    windowed: Annotated[bool, typer.Option(help="Stay in a window even if the station is in kiosk mode.")] = False,
) -> None:
    """Open the check-in kiosk (pairs on first run, then scans with a barcode scanner, camera or search)."""
    from kiosk.__main__ import main as kiosk_main

    argv = ["--data-dir", str(data_dir or _kiosk_data_dir())]
    if server_url or pairing_code:
        argv += ["--server-url", server_url, "--pairing-code", pairing_code]
    for path in camera_file or []:
        argv += ["--camera-file", str(path)]
    if decoder:
        argv += ["--decoder", decoder]
    if windowed:
        argv.append("--windowed")
    raise typer.Exit(kiosk_main(argv))


def _kiosk_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("doorstation-kiosk", appauthor=False))


badges_app = typer.Typer(help="Badges: export them to one PDF for printing.", no_args_is_help=True)
app.add_typer(badges_app, name="badges")


@badges_app.command("export")
def badges_export(
    conference: ConferenceOpt,
    out: Annotated[Path, typer.Argument(help="PDF file to write (one badge per page).")],
    ticket_type: Annotated[str, typer.Option(help="Only this ticket type (slug or name).")] = "",
    size: Annotated[str, typer.Option(help="102x152mm (default), 4x3in or a6.")] = "102x152mm",
    landscape: Annotated[bool, typer.Option(help="Landscape badges.")] = False,
) -> None:
    """Every valid badge of a conference (paid orders) in one PDF, each QR signed with the conference's key."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed to draw a PDF
    from PySide6.QtGui import QGuiApplication
    from rich.progress import Progress

    from kiosk.badges.render import BadgeData, BadgeLayout, BadgeSize, render_pdf
    from server.attendees.models import Attendee
    from server.conferences.models import TicketType
    from server.conferences.service import get_conference, get_ticket_type
    from server.orders.models import Order
    from shared.badge_codes import sign
    from shared.order_status import ADMITS_ENTRY

    try:
        layout = BadgeLayout(BadgeSize(size.lower()), landscape)
    except ValueError:
        raise _fail(f"Unknown badge size {size!r}; choose 102x152mm, 4x3in or a6.") from None
    if out.suffix.lower() != ".pdf":
        raise _fail("The output file must end in .pdf")
    if not out.parent.exists():
        raise _fail(f"No folder {out.parent}")
    with unit_of_work(_session_factory()) as session:
        conf = get_conference(session, conference)
        query = (select(Attendee.first_name, Attendee.last_name, Attendee.company, Attendee.access_code, TicketType.name)
                 .join(Order, Attendee.order_id == Order.id).outerjoin(TicketType, Attendee.ticket_type_id == TicketType.id)
                 .where(Attendee.conference_id == conf.id,
                        Order.status.in_(sorted(ADMITS_ENTRY)))
                 .order_by(Attendee.last_name, Attendee.first_name, Attendee.id))
        if ticket_type:
            query = query.where(Attendee.ticket_type_id == get_ticket_type(session, conf, ticket_type).id)
        rows = session.execute(query).all()
        badges = [BadgeData(conf.name, f"{first} {last}".strip(), company, kind or "General Admission", code,
                            sign(conf.slug, code, conf.badge_private_key))
                  for first, last, company, code, kind in rows]
    if not badges:
        raise _fail("No badges to export (no paid attendees match).")
    app_ = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts need it)
    started = time.perf_counter()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"Rendering {len(badges)} badges", total=len(badges))
        pages = render_pdf(badges, out, layout, progress=lambda n: progress.update(task, completed=n))
    console.print(f"Wrote {pages} badges to {out} in {time.perf_counter() - started:.1f} s.")


# The money commands live with their domain; they register themselves on ``app`` (and need the
# helpers above, hence the import here rather than at the top).
from server.payments import cli as payments_cli  # noqa: E402, F401


def main() -> None:
    try:
        app()
    except DomainError as error:
        err.print(f"[bold red]error:[/] {error.message}", highlight=False)
        sys.exit(1)


__all__ = ["main"]
