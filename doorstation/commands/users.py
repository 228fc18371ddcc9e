"""``doorstation users``: who may sign in to the web console, and their role in each conference."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from doorstation.commands.common import ConferenceOpt, console, fail, session_factory
from server.db.engine import unit_of_work
from server.errors import DomainError
from server.users.models import Role

users_app = typer.Typer(help="Console users: add, list, set a role, disable.", no_args_is_help=True)

RoleOpt = Annotated[Role, typer.Option("--role", "-r", help="owner, organizer, door_lead or viewer.",
                                       case_sensitive=False)]


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def users_add(
    email: Annotated[str, typer.Argument(help="The email the user signs in with.")],
    name: Annotated[str, typer.Option("--name", help="The name the console shows.")],
    conference: ConferenceOpt,
    role: RoleOpt,
    password_stdin: Annotated[bool, typer.Option("--password-stdin",
                                                 help="Read the password from the first line of standard input "
                                                      "instead of asking for it.")] = False,
) -> None:
    """Add a console user with a role in one conference (the password is asked for, never an argument)."""
    from server.conferences.service import get_conference
    from server.users.service import add_user

    password = _read_password(password_stdin)
    try:
        with unit_of_work(session_factory()) as session:
            user = add_user(session, email=email, display_name=name, password=password,
                            conference=get_conference(session, conference), role=role)
            console.print(f"Added {user.email} ({user.display_name}) as {role.label} of {conference}.")
    except DomainError as error:
        raise fail(error.message) from None


@users_app.command("list")
def users_list() -> None:
    """Every console user, with their roles and whether they are disabled."""
    from server.users.repository import UserRepository

    table = Table()
    for column in ("email", "name", "roles", "state"):
        table.add_column(column)
    with unit_of_work(session_factory()) as session:
        repository = UserRepository(session)
        for user in repository.all():
            roles = ", ".join(f"{c.slug}: {r.label}" for c, r in repository.conferences_of(user.id)) or "-"
            table.add_row(user.email, user.display_name, roles,
                          f"disabled {user.disabled_at:%Y-%m-%d %H:%M}" if user.disabled_at else "active")
    console.print(table)


@users_app.command("set-role")
def users_set_role(
    email: Annotated[str, typer.Argument(help="The user's email.")],
    conference: ConferenceOpt,
    role: Annotated[Role | None, typer.Option("--role", "-r", help="owner, organizer, door_lead or viewer.",
                                              case_sensitive=False)] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Take away any role in this conference.")] = False,
) -> None:
    """Give a user a role in a conference (replacing the one they had), or take it away with --remove."""
    from server.conferences.service import get_conference
    from server.users.service import get_user, set_role

    if (role is None) == (not remove):
        raise fail("give either --role ROLE or --remove")
    try:
        with unit_of_work(session_factory()) as session:
            user = get_user(session, email)
            set_role(session, user, get_conference(session, conference), None if remove else role)
            console.print(f"{user.email} is now {role.label} of {conference}." if role is not None
                          else f"{user.email} now has no role in {conference}.")
    except DomainError as error:
        raise fail(error.message) from None


@users_app.command("disable")
def users_disable(email: Annotated[str, typer.Argument(help="The user's email.")]) -> None:
    """Stop a user signing in; every browser they are signed in on is signed out at once."""
    from server.users.service import disable, get_user

    try:
        with unit_of_work(session_factory()) as session:
            user = get_user(session, email)
            disable(session, user)
            console.print(f"Disabled {user.email}: signed out everywhere, cannot sign in.")
    except DomainError as error:
        raise fail(error.message) from None
