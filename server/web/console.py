"""What every console page shares: the signed-in user, conference access by role, CSRF, rendering.

A page route looks like this::

    @router.get("/conferences/{slug}/devices")
    def devices(request: Request, db: DbSession, user: SignedIn, slug: str) -> HTMLResponse:
        \"\"\"The conference's kiosks.\"\"\"
        conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
        return render(request, "devices.html", conference=conference, devices=...)

    @router.post("/conferences/{slug}/devices", dependencies=[CsrfProtected])
    def add_device(...): ...   # and {{ csrf_input() }} inside the template's <form method="post">

Sessions live in the database (server.users), the browser holds only a random token in an
HttpOnly, SameSite=Lax cookie, Secure when the request came over https (uvicorn takes the scheme
from the proxy's X-Forwarded-Proto). Each session has its own CSRF token, checked on every POST.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from server.api import DbSession
from server.conferences.models import Conference
from server.conferences.service import SLUG_PATTERN, get_conference
from server.db.base import utcnow
from server.errors import NotFound
from server.users.models import Role
from server.users.repository import UserRepository
from server.users.service import SESSION_LIFETIME, SignedInSession, server_secret, session_for_token
from server.web import formats, language
from server.web.sections import sections_for, sees_codes
from shared.conflict_words import ConflictWords
from shared.languages import N_, SHIPPED_LANGUAGES, Marked, html_lang, is_right_to_left, language_name, shared_words
from shared.verdict_words import VerdictWords

WEB = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=WEB / "templates")
templates.env.add_extension("jinja2.ext.i18n")
templates.env.policies["ext.i18n.trimmed"] = True  # {% trans %} over several lines: the msgid Babel extracts
# Each page is rendered in its request's language (server.web.language.speaking, in render() below).
templates.env.install_gettext_callables(language.gettext, language.ngettext, newstyle=True,  # type: ignore[attr-defined]
                                        pgettext=language.pgettext)
templates.env.globals["languages"] = [(tag, language_name(tag)) for tag in SHIPPED_LANGUAGES]
templates.env.globals["Role"] = Role
templates.env.globals["sections_for"] = sections_for  # the menu: what the role may open
templates.env.globals["sees_codes"] = sees_codes  # voucher and bulk codes: organizers and owners
templates.env.globals["verdict_words"] = lambda: VerdictWords(language.current())  # the kiosk's own words
# A message decided in Python (a notice, a refused field's words) translated as it is: no %-formatting, so a
# message that holds a "%" shows as written; one the catalogue does not know shows in English.
templates.env.globals["translated"] = (
    lambda message: language.worded(message) if isinstance(message, Marked) else language.gettext(message) if message
    else message)
templates.env.globals["worded"] = language.worded  # said.html's said()
# A service's or a form's refusal (shared.languages.Marked) shown as ``{{ error }}`` is worded in the page's language
# too: every page that shows what a service said reads it in its reader's language, not only those that ask.
templates.env.finalize = language.worded
templates.env.globals["conflict_words"] = lambda: ConflictWords(language.current())
templates.env.globals["shared_text"] = lambda message: shared_words(language.current()).gettext(message)  # shared/locale
templates.env.globals["now"] = utcnow  # the server's clock, for what depends on it ("on sale from …")
# local_time, conference_time, number, money: in the page's language (server.web.formats).
templates.env.filters.update(formats.FILTERS)

SESSION_COOKIE = "doorstation_session"
# The sign-in form has no session yet; its CSRF token is a cookie of its own, compared with the
# form's copy (double submit), so another site cannot sign a browser in to an account of its choosing.
# The token is signed by the server (an HMAC with a secret kept in the database), so a cookie planted
# by someone else is not accepted however the form repeats it.
SIGN_IN_CSRF_COOKIE = "doorstation_sign_in_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"  # what htmx sends (base.html sets hx-headers), for requests that carry no form

# Pages show who is signed in and what they may see: no cache may keep them, no site may frame them.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}


@dataclass(frozen=True)
class ConsoleUser:
    """The signed-in user of this request, as plain data (never a live ORM object)."""

    id: int
    email: str
    display_name: str
    csrf_token: str
    session_id: int
    roles: Mapping[int, Role] = field(default_factory=dict)  # conference id → role
    language: str | None = None  # the console's language chosen on the account; None: the browser's

    def role_in(self, conference: Conference | int) -> Role | None:
        return self.roles.get(conference if isinstance(conference, int) else conference.id)


class SignInRequired(Exception):
    """A page needs a signed-in user; the browser is sent to the sign-in page and comes back after."""

    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


class ConsolePageError(HTTPException):
    """A console page that cannot be shown: answered as an HTML page with this message."""

    def __init__(self, status_code: int, message: str, title: str) -> None:
        super().__init__(status_code=status_code, detail=message)
        self.title = title


def page_not_found() -> ConsolePageError:
    return ConsolePageError(404, N_("There is no such page, or you have no access to it."), N_("Not found"))


def signed_in_user(request: Request, db: DbSession) -> ConsoleUser:
    """The user signed in on this browser; a signed-out one is redirected (303) to ``/sign-in?next=…``."""
    console_session = session_for_token(db, request.cookies.get(SESSION_COOKIE, ""))
    if console_session is None:
        next_path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(next_path)
    user = console_session.user
    console_user = ConsoleUser(id=user.id, email=user.email, display_name=user.display_name,
                               csrf_token=console_session.csrf_token, session_id=console_session.id,
                               roles=UserRepository(db).roles_of(user.id), language=user.language)
    request.state.console_user = console_user
    return console_user


SignedIn = Annotated[ConsoleUser, Depends(signed_in_user)]


def conference_for(db: Session, user: ConsoleUser, slug: str, at_least: Role) -> Conference:
    """The conference ``slug`` if ``user`` holds at least ``at_least`` there, else a 404.

    Not a 403: someone without a role in a conference must not learn that it exists.
    """
    if not SLUG_PATTERN.match(slug):  # checked before it reaches a query (a NUL byte would be a 500)
        raise page_not_found()
    try:
        conference = get_conference(db, slug)
    except NotFound:
        raise page_not_found() from None
    role = user.role_in(conference)
    if role is None or not role.at_least(at_least):
        raise page_not_found()
    return conference


async def check_csrf(request: Request, user: SignedIn) -> None:
    """Refuse (403) a form whose CSRF token is not this session's: it was not sent by our own page."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()  # cached by Starlette: the route still reads its fields
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else ""
    if not tokens_match(sent, user.csrf_token):
        raise ConsolePageError(403, N_("This form could not be accepted: it did not come from this console's own "
                                       "page (or it is from before you signed in again). Nothing was changed. "
                                       "Go back, reload the page and try again."), N_("Form refused"))


CsrfProtected = Depends(check_csrf)


def tokens_match(sent: str, expected: str) -> bool:
    """Constant-time comparison of a token from the browser (any text at all) with ours."""
    return bool(expected) and sent.isascii() and hmac.compare_digest(sent.encode(), expected.encode())


def _csrf_input(token: str):
    def csrf_input() -> Markup:
        return Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, escape(token))
    return csrf_input


def render(request: Request, template_name: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The page ``template_name`` with ``context``, plus ``user``, ``csrf_input()``, ``csrf_token`` and, when
    ``conference`` is given, ``role`` (the user's role there)."""
    user: ConsoleUser | None = getattr(request.state, "console_user", None)
    token = user.csrf_token if user is not None else getattr(request.state, "csrf_token", "")
    context.setdefault("conference", None)
    context.setdefault("user", user)
    if user is not None and context["conference"] is not None:
        context.setdefault("role", user.role_in(context["conference"]))
    context.update(csrf_token=token, csrf_input=_csrf_input(token))
    # The field a form refused (server.web.forms.refused), for the message beside it (templates/field.html).
    context["refused_field"], context["refused_message"] = getattr(request.state, "refused_field", ("", ""))
    page_language = language.request_language(request)
    context.update(language=page_language, html_lang=html_lang(page_language),
                   text_direction="rtl" if is_right_to_left(page_language) else "ltr")
    with language.speaking(page_language):  # Starlette renders the template here, inside the block
        response = templates.TemplateResponse(request, template_name, context, status_code=status_code,
                                              headers=PAGE_HEADERS)
    response.headers["Content-Language"] = html_lang(page_language)
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def set_session_cookie(response: Response, request: Request, signed_in: SignedInSession) -> None:
    response.set_cookie(SESSION_COOKIE, signed_in.token, max_age=int(SESSION_LIFETIME.total_seconds()),
                        httponly=True, samesite="lax", secure=is_https(request), path="/")


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax", secure=is_https(request), path="/")


def _sign_in_key(request: Request, db: Session) -> bytes:
    key = getattr(request.app.state, "sign_in_key", None)
    if key is None:  # read once per process: the same for every process (server.users.service.server_secret)
        key = request.app.state.sign_in_key = server_secret(db, "sign_in_csrf")
    return key


def _signature(key: bytes, nonce: str) -> str:
    return base64.urlsafe_b64encode(hmac.new(key, nonce.encode(), hashlib.sha256).digest()).decode().rstrip("=")


def sign_in_token_is_ours(request: Request, db: Session, token: str) -> bool:
    """True when ``token`` is one this server issued (``{nonce}.{HMAC of the nonce}``): a cookie someone
    else set (another site on a sibling domain can set cookies) is not one, whatever a form repeats."""
    nonce, _, signature = token.partition(".")
    return (0 < len(token) <= 100 and token.isascii() and bool(nonce) and
            hmac.compare_digest(signature.encode(), _signature(_sign_in_key(request, db), nonce).encode()))


def sign_in_csrf_token(request: Request, db: Session) -> str:
    """The sign-in form's CSRF token: the browser's cookie if this server issued it, else a new one (set by
    ``set_sign_in_csrf_cookie``)."""
    token = request.cookies.get(SIGN_IN_CSRF_COOKIE, "")
    if not sign_in_token_is_ours(request, db, token):
        nonce = secrets.token_urlsafe(24)
        token = f"{nonce}.{_signature(_sign_in_key(request, db), nonce)}"
    request.state.csrf_token = token
    return token


def set_sign_in_csrf_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(SIGN_IN_CSRF_COOKIE, token, max_age=int(SESSION_LIFETIME.total_seconds()),
                        httponly=True, samesite="lax", secure=is_https(request), path="/sign-in")


def local_path(next_path: str | None) -> str:
    """``next_path`` if it is a path on this site, else ``/``: never redirect a sign-in to another site."""
    if not next_path or not next_path.startswith("/") or next_path.startswith("//") or "\\" in next_path:
        return "/"
    if any(ord(c) < 0x20 or c == "\x7f" for c in next_path):
        return "/"
    return next_path


def install_console(app: FastAPI) -> None:
    """Serve /static and answer console page errors as pages (the API's JSON errors are untouched)."""
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")

    @app.exception_handler(SignInRequired)
    async def sign_in_required(request: Request, error: SignInRequired) -> Response:
        if request.headers.get("HX-Request") == "true":
            # htmx (a dashboard refreshing itself) would follow a 303 and paste the sign-in page into
            # a fragment; HX-Redirect makes it load the sign-in page whole, coming back to the page.
            current = urlsplit(request.headers.get("HX-Current-URL", ""))
            next_path = local_path(current.path + (f"?{current.query}" if current.query else ""))
            return Response(status_code=200, headers={"HX-Redirect": f"/sign-in?next={quote(next_path, safe='/')}",
                                                      "Cache-Control": "no-store"})
        return RedirectResponse(f"/sign-in?next={quote(error.next_path, safe='/')}", status_code=303,
                                headers={"Cache-Control": "no-store"})

    @app.exception_handler(ConsolePageError)
    async def console_page_error(request: Request, error: ConsolePageError) -> Response:
        return render(request, "error.html", status_code=error.status_code, title=error.title,
                      message=error.detail)
