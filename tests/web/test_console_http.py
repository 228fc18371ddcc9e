"""The console's sessions over real HTTP (httpx to a live uvicorn): cookie flags, what the database keeps,
expiry, throttling by address, and input that must not break anything."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import httpx
import pytest
from sqlalchemy import func, select, update

from server.db.base import utcnow
from server.db.engine import unit_of_work
from server.users.models import ConsoleSession, Role, SignInAttempt
from server.users.service import MAX_FAILURES_PER_CLIENT, disable, get_user
from tests.web.conftest import CONFERENCE_A

SESSION_COOKIE = "doorstation_session"


def _form_token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _sign_in(client: httpx.Client, email: str, password: str, *, headers: dict | None = None,
             next_path: str = "/") -> httpx.Response:
    form = client.get("/sign-in", headers=headers)
    return client.post("/sign-in", headers=headers, data={"email": email, "password": password, "next": next_path,
                                                          "csrf_token": _form_token(form.text)})


def _set_cookie(response: httpx.Response, name: str) -> str:
    return next(h for h in response.headers.get_list("set-cookie") if h.startswith(f"{name}="))


@pytest.fixture
def client(console_server):
    with httpx.Client(base_url=console_server.base_url, timeout=30) as client:
        yield client


def test_the_session_cookie_is_httponly_samesite_and_expires(client, make_console_user):
    user = make_console_user(Role.ORGANIZER)
    response = _sign_in(client, user.email, user.password)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = _set_cookie(response, SESSION_COOKIE)
    flags = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")[1:]}
    assert "httponly" in flags
    assert flags["samesite"].lower() == "samesite=lax"
    assert flags["max-age"] == "Max-Age=43200"  # twelve hours
    assert flags["path"] == "Path=/"
    assert "secure" not in flags  # plain http (a laptop on the venue network): a Secure cookie would never return


def test_behind_a_tls_proxy_the_cookies_are_secure(client, make_console_user):
    user = make_console_user(Role.ORGANIZER)
    # What nginx or Caddy on the same machine adds; uvicorn trusts it from 127.0.0.1.
    https = {"X-Forwarded-Proto": "https"}
    form = client.get("/sign-in", headers=https)
    form_cookie = _set_cookie(form, "doorstation_sign_in_csrf")
    assert "secure" in [p.strip().lower() for p in form_cookie.split(";")]
    # httpx talks plain http to the test server, so it keeps Secure cookies to itself: hand it over as a browser would.
    response = client.post("/sign-in", headers={**https, "Cookie": form_cookie.split(";")[0]},
                           data={"email": user.email, "password": user.password, "csrf_token": _form_token(form.text)})
    assert response.status_code == 303
    assert "secure" in [p.strip().lower() for p in _set_cookie(response, SESSION_COOKIE).split(";")]


def test_the_database_keeps_only_a_hash_of_the_cookie(client, make_console_user, console_server):
    user = make_console_user(Role.ORGANIZER)
    response = _sign_in(client, user.email, user.password)
    token = response.cookies[SESSION_COOKIE]
    with console_server.session_factory() as session:
        stored = session.scalars(select(ConsoleSession)).one()
        assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in (stored.token_hash, stored.csrf_token)
        assert stored.expires_at - stored.created_at == dt.timedelta(hours=12)


def test_an_expired_session_signs_in_again_and_comes_back(client, make_console_user, console_server):
    user = make_console_user(Role.ORGANIZER)
    _sign_in(client, user.email, user.password)
    assert client.get("/").status_code == 200
    with unit_of_work(console_server.session_factory) as session:
        session.execute(update(ConsoleSession).values(expires_at=utcnow() - dt.timedelta(seconds=1)))
    response = client.get(f"/conferences/{CONFERENCE_A}/dashboard?tab=1")
    assert response.status_code == 303
    assert response.headers["location"] == f"/sign-in?next=/conferences/{CONFERENCE_A}/dashboard%3Ftab%3D1"


def test_disabling_a_user_signs_them_out_at_once_and_for_good(client, make_console_user, console_server):
    user = make_console_user(Role.OWNER)
    _sign_in(client, user.email, user.password)
    with unit_of_work(console_server.session_factory) as session:
        disable(session, get_user(session, user.email))
    assert client.get("/").status_code == 303
    response = _sign_in(client, user.email, user.password)
    assert response.status_code == 401
    assert "Wrong email or password." in response.text


def test_one_address_failing_many_times_is_throttled_and_others_are_not(client, make_console_user, console_server):
    user = make_console_user(Role.OWNER)
    spray = {"X-Forwarded-For": "203.0.113.9"}  # one client trying a password on many emails
    for n in range(MAX_FAILURES_PER_CLIENT):
        assert _sign_in(client, f"someone-{n}@example.org", "Summer2026!", headers=spray).status_code == 401
    refused = _sign_in(client, user.email, user.password, headers=spray)
    assert refused.status_code == 429
    assert re.search(r"Too many failed sign-ins from your address\. Try again in 1[45] minutes\.", refused.text)
    assert 14 * 60 <= int(refused.headers["retry-after"]) <= 15 * 60
    assert SESSION_COOKIE not in refused.cookies
    # Another address, and the same user, are not held up by it.
    assert _sign_in(client, user.email, user.password, headers={"X-Forwarded-For": "198.51.100.7"}).status_code == 303
    with console_server.session_factory() as session:
        assert session.scalar(select(func.count()).where(SignInAttempt.client == "203.0.113.9",
                                                         SignInAttempt.outcome == "refused")) == 1


def test_a_sign_in_form_from_elsewhere_is_refused(client, make_console_user, console_server):
    """Login CSRF: another site posting our form (it cannot read the form's token) signs no one in."""
    user = make_console_user(Role.OWNER)
    response = client.post("/sign-in", data={"email": user.email, "password": user.password, "csrf_token": "x" * 43})
    assert response.status_code == 403
    assert "Nothing was done" in response.text
    assert SESSION_COOKIE not in response.cookies
    with console_server.session_factory() as session:
        assert session.scalar(select(func.count(ConsoleSession.id))) == 0


@pytest.mark.parametrize("email, password", [
    ("ada%00%40example.org", "x"), ("%ff%fe%40example.org", "pw"), ("ada%40example.org", "%ed%b3%bf%00"),
    ("a" * 1000, "b" * 1024), ("", ""), ("a" * 1001, "b"), ("a", "b" * 1025),
])
def test_odd_input_in_the_sign_in_form_is_a_plain_refusal(client, email, password):
    """NUL bytes, bytes that are not UTF-8, a lone surrogate's bytes, too long, empty: a refusal, never a 500."""
    token = _form_token(client.get("/sign-in").text)
    response = client.post("/sign-in", content=f"email={email}&password={password}&csrf_token={token}".encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code in (401, 422), response.text[:300]
    assert SESSION_COOKIE not in response.cookies


def test_console_pages_are_neither_cached_nor_framed(client, make_console_user):
    user = make_console_user(Role.OWNER)
    _sign_in(client, user.email, user.password)
    for path in ("/", "/sign-in", f"/conferences/{CONFERENCE_A}/dashboard", "/conferences/nope/dashboard"):
        response = client.get(path)
        if response.status_code == 303:
            continue
        assert response.headers["cache-control"] == "no-store", path
        assert response.headers["x-frame-options"] == "DENY", path


def test_the_bearer_token_routes_are_unchanged(client):
    response = client.get(f"/api/v1/admin/conferences/{CONFERENCE_A}/stats")
    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "unauthorized"


def test_static_files_include_htmx_and_its_licence(client):
    assert client.get("/static/console.css").headers["content-type"].startswith("text/css")
    script = client.get("/static/htmx/htmx.min.js")
    assert script.status_code == 200 and "htmx" in script.text[:2000]
    assert "Zero-Clause BSD" in client.get("/static/htmx/LICENSE").text
