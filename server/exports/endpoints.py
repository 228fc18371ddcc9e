"""Console pages: the exports (viewer and up), and the CSV downloads themselves, streamed."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, StreamingResponse
from sqlalchemy.orm import Session, sessionmaker

from server.api import DbSession
from server.db.engine import unit_of_work
from server.exports.service import EXPORTS, Export, ExportScope
from server.exports.spreadsheet import csv_chunks
from server.users.models import Role
from server.web.console import SignedIn, conference_for, page_not_found, render

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)


@router.get("/conferences/{slug}/exports")
def exports(request: Request, db: DbSession, user: SignedIn, slug: str) -> HTMLResponse:
    """The CSV exports of a conference."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    return render(request, "exports.html", conference=conference, exports=list(EXPORTS.values()))


def _rows(session_factory: sessionmaker[Session], export: Export, scope: ExportScope) -> Iterator[tuple]:
    """Every row, a page at a time, each page read in a transaction of its own: the download may take
    minutes on a slow connection, and a transaction held that long would hold SQLite's write lock."""
    after = None
    while True:
        with unit_of_work(session_factory) as session:
            rows, after = export.page(session, scope, after)
        if not rows:
            return
        yield from rows


@router.get("/conferences/{slug}/exports/{name}.csv", response_class=StreamingResponse)
def download(request: Request, db: DbSession, user: SignedIn, slug: str, name: str) -> StreamingResponse:
    """One export as CSV (UTF-8 with BOM, formula-looking cells escaped), streamed as it is read."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    export = EXPORTS.get(name)
    if export is None:
        raise page_not_found()
    scope = ExportScope(conference.id, conference.slug, conference.timezone)
    return StreamingResponse(
        csv_chunks(export.header, _rows(request.app.state.session_factory, export, scope)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{export.filename(scope)}"',
                 "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})
