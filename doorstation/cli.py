"""``doorstation``: the admin command line. Each group lives in doorstation/commands/; this module
only puts them together under one command."""

from __future__ import annotations

import typer
from typer.core import TyperGroup

from doorstation.commands import attendees, badges, conferences, devices, payments, running, sponsors, users
from doorstation.commands.common import close_databases, err
from server.errors import DomainError


class DomainErrorsInOneLine(TyperGroup):
    """A rule a command breaks (no such conference, an amount too high) is one line on stderr and exit
    status 1, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DomainError as error:
            err.print(f"[bold red]error:[/] {error.message}", highlight=False)
            raise typer.Exit(code=1) from None
        finally:
            close_databases()


app = typer.Typer(cls=DomainErrorsInOneLine, help="Doorstation: conference check-in server and admin tools.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
for command in (running.server, running.demo, running.kiosk):
    app.command()(command)
app.command("demo-data")(running.demo_data)
app.command("release-holds")(running.release_holds)
for group, name in ((conferences.conference_app, "conference"), (conferences.ticket_types_app, "ticket-types"),
                    (conferences.addons_app, "addons"), (attendees.attendees_app, "attendees"),
                    (attendees.vouchers_app, "vouchers"), (devices.devices_app, "devices"),
                    (devices.conflicts_app, "conflicts"), (sponsors.sponsors_app, "sponsors"),
                    (payments.bulk_app, "bulk-purchases"), (payments.orders_app, "orders"),
                    (payments.stripe_app, "stripe"), (badges.badges_app, "badges"),
                    (users.users_app, "users")):
    app.add_typer(group, name=name)


def main() -> None:
    app()
