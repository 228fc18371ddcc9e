"""Console pages for signing in and out, and the list of one's conferences (the console's home, ``/``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from server.api import DbSession
from server.errors import InvalidInput
from server.users.repository import UserRepository
from server.users.service import SignInRefused, session_for_token, set_language, sign_in, sign_out
from server.web import forms
from shared.languages import N_, SHIPPED_LANGUAGES, Marked
from server.web.console import (
    SESSION_COOKIE,
    SIGN_IN_CSRF_COOKIE,
    CsrfProtected,
    SignedIn,
    clear_session_cookie,
    local_path,
    render,
    set_session_cookie,
    set_sign_in_csrf_cookie,
    sign_in_csrf_token,
    sign_in_token_is_ours,
    tokens_match,
)

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)


def _client(request: Request) -> str:
    # uvicorn puts the proxy's X-Forwarded-For here when it trusts the proxy (FORWARDED_ALLOW_IPS).
    return request.client.host if request.client else "unknown"


def _sign_in_page(request: Request, db: Session, *, next_path: str, email: str = "", error: str = "",
                  notice: str = "", status_code: int = 200) -> HTMLResponse:
    token = sign_in_csrf_token(request, db)
    response = render(request, "sign_in.html", status_code=status_code, next_path=next_path, email=email,
                      error=error, notice=notice)
    set_sign_in_csrf_cookie(response, request, token)
    return response


@router.get("/sign-in")
def sign_in_form(request: Request, db: DbSession,
                 next: Annotated[str, Query(max_length=2000)] = "/",
                 signed_out: Annotated[bool, Query()] = False) -> Response:
    """The sign-in form; a browser already signed in goes straight on to ``next``."""
    if session_for_token(db, request.cookies.get(SESSION_COOKIE, "")) is not None:
        return RedirectResponse(local_path(next), status_code=303)
    return _sign_in_page(request, db, next_path=local_path(next), notice=N_("You are signed out.") if signed_out else "")


@router.post("/sign-in")
def sign_in_submit(
    request: Request, db: DbSession,
    email: Annotated[str, Form(max_length=1000)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Check the email and password; on success set the session cookie and go on to ``next``."""
    next_path = local_path(next)
    expected = request.cookies.get(SIGN_IN_CSRF_COOKIE, "")
    if not tokens_match(csrf_token, expected) or not sign_in_token_is_ours(request, db, expected):
        return _sign_in_page(request, db, next_path=next_path, email=email, status_code=403,
                             error=Marked(N_("This sign-in form had expired or did not come from this page. "
                                             "Nothing was done: please sign in again.")))
    try:
        email = forms.email(email, N_("email"), required=True)
    except InvalidInput as refusal:  # not an address: no account has it, nothing to count against one
        return _sign_in_page(request, db, next_path=next_path, email="", error=refusal.message, status_code=422)
    try:
        signed_in = sign_in(db, email=email, password=password, client=_client(request))
    except SignInRefused as refusal:
        # Answered, not raised: the failed attempt is committed with this answer (lock-out counts it).
        response: Response = _sign_in_page(request, db, next_path=next_path, email=email, error=refusal.message,
                                           status_code=refusal.http_status)
        if refusal.retry_after is not None:
            response.headers["Retry-After"] = str(max(1, int(refusal.retry_after.total_seconds())))
        return response
    sign_out(db, request.cookies.get(SESSION_COOKIE, ""))  # a session this browser had before ends here
    response = RedirectResponse(next_path, status_code=303)
    set_session_cookie(response, request, signed_in)
    return response


@router.post("/sign-out", dependencies=[CsrfProtected])
def sign_out_submit(request: Request, db: DbSession, user: SignedIn) -> Response:
    """End this browser's session."""
    sign_out(db, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/sign-in?signed_out=1", status_code=303)
    clear_session_cookie(response, request)
    return response


@router.post("/account/language", dependencies=[CsrfProtected])
def choose_language(request: Request, db: DbSession, user: SignedIn,
                    language: Annotated[str, Form(max_length=1000)] = "",
                    back: Annotated[str, Form(max_length=2000)] = "/") -> Response:
    """The console's language for this user ("" = as the browser asks); back to the page it was chosen on."""
    try:
        chosen = forms.choice(language, ("", *SHIPPED_LANGUAGES), N_("language"), field="language") or None
    except InvalidInput as refusal:
        forms.refused(request, db, refusal)
        return render(request, "error.html", status_code=422, title="Language", message=refusal.message)
    set_language(db, user.id, chosen)
    return RedirectResponse(local_path(back), status_code=303)


@router.get("/")
def conferences(request: Request, db: DbSession, user: SignedIn) -> Response:
    """The conferences this user has a role in, each linking to its dashboard."""
    return render(request, "conferences.html", memberships=UserRepository(db).conferences_of(user.id))
