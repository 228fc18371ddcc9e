"""``doorstation badges export``: every valid badge of a conference in one PDF (the kiosk's renderer)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from doorstation.commands.common import ConferenceOpt, console, fail, session_factory
from server.db.engine import unit_of_work

badges_app = typer.Typer(help="Badges: export them to one PDF for printing.", no_args_is_help=True)


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
    from server.attendees.repository import badge_rows
    from server.conferences.service import get_conference, get_ticket_type
    from shared.badge_codes import sign

    try:
        layout = BadgeLayout(BadgeSize(size.lower()), landscape)
    except ValueError:
        raise fail(f"Unknown badge size {size!r}; choose 102x152mm, 4x3in or a6.") from None
    if out.suffix.lower() != ".pdf":
        raise fail("The output file must end in .pdf")
    if not out.parent.exists():
        raise fail(f"No folder {out.parent}")
    with unit_of_work(session_factory()) as session:
        conf = get_conference(session, conference)
        rows = badge_rows(session, conf.id, get_ticket_type(session, conf, ticket_type).id if ticket_type else None)
        badges = [BadgeData(conf.name, f"{first} {last}".strip(), company, ticket_type_name or "General Admission",
                            code, sign(conf.slug, code, conf.badge_private_key))
                  for first, last, company, code, ticket_type_name in rows]
    if not badges:
        raise fail("No badges to export (no paid attendees match).")
    app_ = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts need it)
    started = time.perf_counter()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"Rendering {len(badges)} badges", total=len(badges))
        pages = render_pdf(badges, out, layout, progress=lambda n: progress.update(task, completed=n))
    console.print(f"Wrote {pages} badges to {out} in {time.perf_counter() - started:.1f} s.")
