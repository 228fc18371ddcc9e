"""``doorstation attendees …`` and ``doorstation vouchers …``: people and codes in bulk."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from doorstation.commands.common import ConferenceOpt, console, err, parse_time, session_factory
from server.db.engine import unit_of_work

attendees_app = typer.Typer(help="Attendees.", no_args_is_help=True)
vouchers_app = typer.Typer(help="Voucher codes.", no_args_is_help=True)


@attendees_app.command("import")
def attendees_import(
    file: Annotated[Path, typer.Argument(help="CSV with first_name, email, ticket_type [, last_name, company, access_code, add_ons, language].",
                                         exists=True, dir_okay=False, readable=True)],
    conference: ConferenceOpt,
    allow_duplicates: Annotated[bool, typer.Option(
        help="Import rows whose email and ticket type an attendee already has (different people sharing an "
             "email); without it such rows are skipped, so a file imported twice imports nothing new.")] = False,
) -> None:
    """Import attendees from CSV: all rows or none; the first 100 bad lines are listed; rows already imported are skipped."""
    from server.attendees.csv_import import ImportRejected, import_attendees
    from server.conferences.service import get_conference

    started = time.perf_counter()
    try:
        with unit_of_work(session_factory()) as session:
            result = import_attendees(session, get_conference(session, conference), file,
                                      allow_duplicates=allow_duplicates)
    except ImportRejected as rejected:
        err.print(f"[bold red]Nothing was imported[/] from {file}: {rejected.total} problem(s).", highlight=False)
        for line, reason in rejected.problems:
            err.print(f"  line {line}: {reason}", highlight=False, markup=False)
        if rejected.total > len(rejected.problems):
            err.print(f"  … and {rejected.total - len(rejected.problems)} more (the first {len(rejected.problems)} "
                      "are listed)", highlight=False, markup=False)
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
    valid_from: Annotated[Optional[str], typer.Option(help="Valid from (ISO 8601; without an offset, on the conference's clock).")] = None,
    valid_until: Annotated[Optional[str], typer.Option(help="Valid until (ISO 8601; without an offset, on the conference's clock).")] = None,
    ticket_type: Annotated[Optional[list[str]], typer.Option(help="Restrict to this ticket type (repeatable).")] = None,
    addon: Annotated[Optional[list[str]], typer.Option(help="Restrict to this add-on (repeatable).")] = None,
    unlocks_hidden_tickets: Annotated[bool, typer.Option(help="Unlocks voucher-only ticket types.")] = False,
) -> None:
    """Generate a batch of unique voucher codes and print them."""
    from server.conferences.service import get_addon, get_conference, get_ticket_type, parse_money
    from server.vouchers.service import VoucherBulkConfig, generate_voucher_codes

    with unit_of_work(session_factory()) as session:
        conf = get_conference(session, conference)
        vouchers = generate_voucher_codes(session, VoucherBulkConfig(
            conference=conf, prefix=prefix, count=count, voucher_type=voucher_type,
            discount_value=parse_money(value, "discount value"), max_uses=max_uses,
            valid_from=parse_time(valid_from, conf.timezone), valid_until=parse_time(valid_until, conf.timezone),
            unlocks_hidden_tickets=unlocks_hidden_tickets,
            applicable_ticket_types=[get_ticket_type(session, conf, t) for t in ticket_type or []] or None,
            applicable_addons=[get_addon(session, conf, a) for a in addon or []] or None,
        ))
        codes = [v.code for v in vouchers]
    print("\n".join(codes))
    err.print(f"Generated {len(codes)} voucher codes for {conference}.")
