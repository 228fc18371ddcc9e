"""What every admin command shares: the consoles, the conference option, failing with one line, the database."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from server.db.engine import make_engine
from server.wiring import make_session_factory
from server.payments.gateway import use_stripe_api
from server.settings import get_settings

console = Console(soft_wrap=True)  # never break a token or a path across lines
err = Console(stderr=True, soft_wrap=True)

ConferenceOpt = Annotated[str, typer.Option("--conference", "-c", help="Conference slug.")]


_engines: list[Engine] = []


def session_factory() -> sessionmaker[Session]:
    """Migrate the database to the current schema, then hand out sessions on it (until the command ends)."""
    from server.db.migrate import upgrade_to_head

    settings = get_settings()
    use_stripe_api(settings.stripe_api_base)  # a refund from the command line calls Stripe too
    url = settings.database_url
    upgrade_to_head(url)
    engine = make_engine(url)
    _engines.append(engine)
    return make_session_factory(engine)


def close_databases() -> None:
    """Close what the command opened: its connections are returned and closed, not left to the garbage collector."""
    while _engines:
        _engines.pop().dispose()


def fail(message: str) -> typer.Exit:
    """Print ``error: message`` on stderr; raise the returned Exit (status 1)."""
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code=1)


def parse_time(value: str | None, timezone: str) -> dt.datetime | None:
    """``value`` (ISO 8601) as a UTC moment; a time without an offset is on the conference's clock
    (``timezone``), as the organizer means it, not UTC. Bad input fails with one line."""
    from server.conferences.time_entry import from_venue_time
    from server.errors import InvalidInput

    try:
        return from_venue_time(value, timezone)
    except InvalidInput as error:
        raise fail(error.message + " (ISO 8601, e.g. 2026-05-01T09:00 on the conference's clock, "
                   "or 2026-05-01T09:00+02:00)") from None
