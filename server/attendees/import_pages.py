"""Console pages: import attendees from a CSV file, previewed (the first 100 bad lines and how many in all, rows
already there) before it is written."""

from __future__ import annotations

import io
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from server.api import DbSession
from server.attendees.csv_import import ImportRejected, import_attendees
from server.attendees.pending_imports import MAX_IMPORT_BYTES, forget_upload, keep_upload, take_upload
from server.errors import Conflict
from server.users.models import Role
from server.web.console import CsrfProtected, SignedIn, conference_for, render
from shared.languages import N_, Marked

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)
PREVIEW_ROWS = 200  # the rows shown of a large file (problems: the first 100, server.attendees.csv_import)
LIMIT_TEXT = f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB"


@router.get("/conferences/{slug}/import")
def import_form(request: Request, db: DbSession, user: SignedIn, slug: str,
                imported: Annotated[int | None, Query(ge=0)] = None,
                skipped: Annotated[int | None, Query(ge=0)] = None) -> HTMLResponse:
    """The attendee CSV upload form (after an import, what it did)."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    return render(request, "import.html", conference=conference, limit=LIMIT_TEXT, imported=imported,
                  skipped=skipped)


# Somewhat over the file's limit, for the form's other fields and the multipart framing: a file
# just over the limit gets this page's own words; a body far over it is cut off with a 413.
@router.post("/conferences/{slug}/import", dependencies=[CsrfProtected], max_body_size=MAX_IMPORT_BYTES + 64 * 1024)
def import_preview(request: Request, db: DbSession, user: SignedIn, slug: str,
                   file: Annotated[UploadFile, File()],
                   allow_duplicates: Annotated[bool, Form()] = False) -> HTMLResponse:
    """Check an uploaded CSV and show what importing it would do; nothing is written until it is confirmed."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    upload = file.file  # spooled to disk by the multipart parser: checked from there, a buffer at a time
    size = upload.seek(0, io.SEEK_END)
    upload.seek(0)
    page: dict[str, Any] = {"conference": conference, "limit": LIMIT_TEXT, "filename": file.filename or "",
                            "allow_duplicates": allow_duplicates}
    if size > MAX_IMPORT_BYTES:
        return render(request, "import.html", status_code=413, error=Marked(N_(
            "The file is larger than %(limit)s: split it into smaller files and import them one after the other. "
            "Nothing was imported."), limit=LIMIT_TEXT), **page)
    if _blank(upload):
        return render(request, "import.html", status_code=422, error=Marked(N_("The file is empty. Nothing was imported.")),
                      **page)
    try:
        preview = import_attendees(db, conference, upload, allow_duplicates=allow_duplicates, dry_run=True)
    except ImportRejected as rejected:
        return render(request, "import.html", status_code=422, problems=rejected.problems, total=rejected.total,
                      **page)
    except Conflict as refused:  # the venue's capacity, a ticket type's limit
        return render(request, "import.html", status_code=409, error=_nothing_imported(refused), **page)
    upload.seek(0)  # a file that passed is kept whole, to import exactly these bytes on confirmation
    token = keep_upload(db, conference, user.session_id, filename=file.filename or "", content=upload.read(),
                        allow_duplicates=allow_duplicates)
    return render(request, "import.html", preview=preview, rows=preview.rows[:PREVIEW_ROWS], token=token, **page)


def _nothing_imported(refused: Conflict) -> str:
    """The service's refusal (sold out, a ticket type's limit) and that nothing was imported, each worded on the page."""
    return Marked.joined(" ", [refused.message, Marked(N_("Nothing was imported."))])


def _blank(upload: BinaryIO, chunk: int = 1 << 20) -> bool:
    """True when the file holds nothing but white space (read a megabyte at a time; left at its start)."""
    try:
        while data := upload.read(chunk):
            if data.strip():
                return False
        return True
    finally:
        upload.seek(0)


@router.post("/conferences/{slug}/import/confirm", dependencies=[CsrfProtected])
def import_confirm(request: Request, db: DbSession, user: SignedIn, slug: str,
                   token: Annotated[str, Form(max_length=200)] = "") -> Response:
    """Import the previewed file (the copy kept on the server, byte for byte), once."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    upload = take_upload(db, conference, user.session_id, token)
    if upload is None:
        return render(request, "import.html", status_code=409, limit=LIMIT_TEXT, conference=conference,
                      error=Marked(N_("This preview has been imported already, or it is more than an hour old. "
                                      "Nothing more was imported: upload the file again to see what it would do now.")))
    page: dict[str, Any] = {"conference": conference, "limit": LIMIT_TEXT, "filename": upload.filename,
            "allow_duplicates": upload.allow_duplicates}
    try:
        result = import_attendees(db, conference, upload.content, allow_duplicates=upload.allow_duplicates)
    except ImportRejected as rejected:  # the conference changed since the preview
        return render(request, "import.html", status_code=422, problems=rejected.problems, total=rejected.total,
                      changed=True, **page)
    except Conflict as refused:
        return render(request, "import.html", status_code=409, error=_nothing_imported(refused), **page)
    forget_upload(db, upload)
    return RedirectResponse(f"/conferences/{conference.slug}/import?imported={result.imported}"
                            f"&skipped={len(result.already_there)}", status_code=303)
