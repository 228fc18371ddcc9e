"""``doorstation sponsors …``: sponsors and their levels, created, listed and edited by an organiser."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Table

from doorstation.commands.common import ConferenceOpt, console, fail, session_factory
from server.db.engine import unit_of_work

sponsors_app = typer.Typer(help="Sponsors and sponsor levels: add, list, edit.", no_args_is_help=True)
levels_app = typer.Typer(help="Sponsor levels (Gold, Silver…): add, list, edit.", no_args_is_help=True)
sponsors_app.add_typer(levels_app, name="levels")

SponsorArg = Annotated[str, typer.Argument(help="Sponsor slug (see `sponsors list`).")]
LevelOpt = Annotated[Optional[str], typer.Option("--level", help="Sponsor level, by name or id.")]


@sponsors_app.command("add")
def sponsors_add(
    conference: ConferenceOpt,
    name: Annotated[str, typer.Argument(help="The sponsor's name, e.g. 'Widget Works'.")],
    slug: Annotated[str, typer.Option(help="Short id (default: made from the name, e.g. widget-works).")] = "",
    level: LevelOpt = None,
    email: Annotated[str, typer.Option(help="Contact email.")] = "",
) -> None:
    """Add a sponsor; its bulk voucher codes start with BULK-{SLUG}- unless a purchase says otherwise."""
    from server.conferences.service import get_conference
    from server.sponsors.service import create_sponsor, get_sponsor_level

    with unit_of_work(session_factory()) as session:
        conf = get_conference(session, conference)
        sponsor = create_sponsor(session, conf, name=name, slug=slug or None, contact_email=email,
                                 level=get_sponsor_level(session, conf, level) if level else None)
        console.print(f"Added sponsor [bold]{sponsor.slug}[/] ({sponsor.name}); bulk codes start with "
                      f"BULK-{sponsor.slug.upper()}-.")


@sponsors_app.command("list")
def sponsors_list(conference: ConferenceOpt) -> None:
    """A conference's sponsors with their level."""
    from server.conferences.service import get_conference
    from server.sponsors.service import list_sponsors

    table = Table()
    for column in ("slug", "name", "level", "contact"):
        table.add_column(column)
    with unit_of_work(session_factory()) as session:
        sponsors = list_sponsors(session, get_conference(session, conference))
        for s in sponsors:
            table.add_row(s.slug, s.name, s.level.name if s.level else "-", s.contact_email or "-")
    console.print(table if sponsors else f"No sponsors in {conference}.")


@sponsors_app.command("edit")
def sponsors_edit(
    conference: ConferenceOpt,
    sponsor: SponsorArg,
    name: Annotated[Optional[str], typer.Option(help="New name.")] = None,
    slug: Annotated[Optional[str], typer.Option(help="New slug.")] = None,
    level: LevelOpt = None,
    no_level: Annotated[bool, typer.Option("--no-level", help="Remove the sponsor's level.")] = False,
    email: Annotated[Optional[str], typer.Option(help="New contact email.")] = None,
) -> None:
    """Change a sponsor's name, slug, level or contact (only what is given changes)."""
    from server.conferences.service import get_conference
    from server.sponsors.service import get_sponsor, get_sponsor_level, update_sponsor

    if level and no_level:
        raise fail("Give --level or --no-level, not both.")
    with unit_of_work(session_factory()) as session:
        conf = get_conference(session, conference)
        new_level = None if no_level else get_sponsor_level(session, conf, level) if level else ...
        edited = update_sponsor(session, get_sponsor(session, conf, sponsor), name=name, slug=slug, level=new_level,
                                contact_email=email)
        console.print(f"Sponsor [bold]{edited.slug}[/]: {edited.name}, level "
                      f"{edited.level.name if edited.level else '-'}, contact {edited.contact_email or '-'}.")


@levels_app.command("add")
def levels_add(
    conference: ConferenceOpt,
    name: Annotated[str, typer.Argument(help="Level name, e.g. Gold.")],
    cost: Annotated[str, typer.Option(help="What the level costs, e.g. 5000.")] = "0.00",
    comp_badges: Annotated[int, typer.Option(help="Free badges that come with it.")] = 0,
) -> None:
    """Add a sponsor level."""
    from server.conferences.service import get_conference
    from server.sponsors.service import create_sponsor_level

    with unit_of_work(session_factory()) as session:
        level = create_sponsor_level(session, get_conference(session, conference), name=name, cost=cost,
                                     comp_badges=comp_badges)
        console.print(f"Added sponsor level [bold]{level.name}[/] (#{level.id}) at {level.cost}, "
                      f"{level.comp_badges} comp badges.")


@levels_app.command("list")
def levels_list(conference: ConferenceOpt) -> None:
    """A conference's sponsor levels, dearest first."""
    from server.conferences.service import get_conference
    from server.sponsors.service import list_sponsor_levels

    table = Table()
    for column in ("id", "name", "cost", "comp badges"):
        table.add_column(column)
    with unit_of_work(session_factory()) as session:
        levels = list_sponsor_levels(session, get_conference(session, conference))
        for level in levels:
            table.add_row(str(level.id), level.name, str(level.cost), str(level.comp_badges))
    console.print(table if levels else f"No sponsor levels in {conference}.")


@levels_app.command("edit")
def levels_edit(
    conference: ConferenceOpt,
    level: Annotated[str, typer.Argument(help="Level name or id.")],
    name: Annotated[Optional[str], typer.Option(help="New name.")] = None,
    cost: Annotated[Optional[str], typer.Option(help="New cost.")] = None,
    comp_badges: Annotated[Optional[int], typer.Option(help="New number of comp badges.")] = None,
) -> None:
    """Change a sponsor level (only what is given changes)."""
    from server.conferences.service import get_conference
    from server.errors import NotFound
    from server.sponsors.service import get_sponsor_level, update_sponsor_level

    with unit_of_work(session_factory()) as session:
        conf = get_conference(session, conference)
        found = get_sponsor_level(session, conf, level)
        if found.conference_id != conf.id:
            raise NotFound(f"No sponsor level '{level}' in {conference}.")
        edited = update_sponsor_level(session, found, name=name, cost=cost, comp_badges=comp_badges)
        console.print(f"Sponsor level [bold]{edited.name}[/]: {edited.cost}, {edited.comp_badges} comp badges.")
