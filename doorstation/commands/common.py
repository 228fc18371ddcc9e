"""What every admin command shares: the consoles, the conference option, failing with one line, the database."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.orm import Session, sessionmaker

from server.db.engine import make_engine, make_session_factory
from server.settings import get_settings

console = Console(soft_wrap=True)  # never break a token or a path across lines
err = Console(stderr=True, soft_wrap=True)

ConferenceOpt = Annotated[str, typer.Option("--conference", "-c", help="Conference slug.")]


def session_factory() -> sessionmaker[Session]:
    """Migrate the database to the current schema, then hand out sessions on it."""
    from server.db.migrate import upgrade_to_head

    url = get_settings().database_url
    upgrade_to_head(url)
    return make_session_factory(make_engine(url))


def fail(message: str) -> typer.Exit:
    """Print ``error: message`` on stderr; raise the returned Exit (status 1)."""
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code=1)


def parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise fail(f"'{value}' is not a date/time (use ISO 8601, e.g. 2026-05-01T09:00+02:00)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
