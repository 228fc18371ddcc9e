"""What every admin command shares: the consoles, the conference option, failing with one line, the database.

Kept apart from server.cli so that a domain's commands (server.sponsors.cli) can use it without
importing the module that registers them.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from server.db.engine import database_url, make_engine, make_session_factory

console = Console(soft_wrap=True)  # never break a token or a path across lines
err = Console(stderr=True, soft_wrap=True)

ConferenceOpt = Annotated[str, typer.Option("--conference", "-c", help="Conference slug.")]


def session_factory():
    """Migrate the database to the current schema, then hand out sessions on it."""
    from server.db.migrate import upgrade_to_head

    url = database_url()
    upgrade_to_head(url)
    return make_session_factory(make_engine(url))


def fail(message: str) -> typer.Exit:
    """Print ``error: message`` on stderr; raise the returned Exit (status 1)."""
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code=1)
