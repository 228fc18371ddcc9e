"""The console's sessions over real HTTP (httpx to a live uvicorn): cookie flags, what the database keeps,
expiry, throttling by address, and input that must not break anything."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import func, select, update

from server.db.base import utcnow
from server.db.engine import unit_of_work
from server.users.models import ConsoleSession, Role, SignInAttempt
from server.users.service import MAX_FAILURES_PER_CLIENT, MAX_FAILURES_PER_EMAIL, disable, get_user
from tests.web.conftest import CONFERENCE_A, form_token, http_sign_in

SESSION_COOKIE = "doorstation_session"
_sign_in = http_sign_in  # the name tests/server/test_demo.py imports; new tests use tests.web.conftest.http_sign_in


def _set_cookie(response: httpx.Response, name: str) -> str:
    return next(h for h in response.headers.get_list("set-cookie") if h.startswith(f"{name}="))


@pytest.fixture
def client(console_server):
    with httpx.Client(base_url=console_server.base_url, timeout=30) as client:
        yield client


def test_the_session_cookie_is_httponly_samesite_and_expires(client, make_console_user):
    user = make_console_user(Role.ORGANIZER)
    response = http_sign_in(client, user.email, user.password)
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
                           data={"email": user.email, "password": user.password, "csrf_token": form_token(form.text)})
    assert response.status_code == 303
    assert "secure" in [p.strip().lower() for p in _set_cookie(response, SESSION_COOKIE).split(";")]


def test_the_database_keeps_only_a_hash_of_the_cookie(client, make_console_user, console_server):
    user = make_console_user(Role.ORGANIZER)
    response = http_sign_in(client, user.email, user.password)
    token = response.cookies[SESSION_COOKIE]
    with console_server.session_factory() as session:
        stored = session.scalars(select(ConsoleSession)).one()
        assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in (stored.token_hash, stored.csrf_token)
        assert stored.expires_at - stored.created_at == dt.timedelta(hours=12)


def test_an_expired_session_signs_in_again_and_comes_back(client, make_console_user, console_server):
    user = make_console_user(Role.ORGANIZER)
    http_sign_in(client, user.email, user.password)
    assert client.get("/").status_code == 200
    with unit_of_work(console_server.session_factory) as session:
        session.execute(update(ConsoleSession).values(expires_at=utcnow() - dt.timedelta(seconds=1)))
    response = client.get(f"/conferences/{CONFERENCE_A}/dashboard?tab=1")
    assert response.status_code == 303
    assert response.headers["location"] == f"/sign-in?next=/conferences/{CONFERENCE_A}/dashboard%3Ftab%3D1"


def test_disabling_a_user_signs_them_out_at_once_and_for_good(client, make_console_user, console_server):
    user = make_console_user(Role.OWNER)
    http_sign_in(client, user.email, user.password)
    with unit_of_work(console_server.session_factory) as session:
        disable(session, get_user(session, user.email))
    assert client.get("/").status_code == 303
    response = http_sign_in(client, user.email, user.password)
    assert response.status_code == 401
    assert "Wrong email or password." in response.text


def test_one_address_failing_many_times_is_throttled_and_others_are_not(client, make_console_user, console_server):
    user = make_console_user(Role.OWNER)
    spray = {"X-Forwarded-For": "203.0.113.9"}  # one client trying a password on many emails
    for n in range(MAX_FAILURES_PER_CLIENT):
        assert http_sign_in(client, f"someone-{n}@example.org", "Summer2026!", headers=spray).status_code == 401
    refused = http_sign_in(client, user.email, user.password, headers=spray)
    assert refused.status_code == 429
    assert re.search(r"Too many failed sign-ins from your address\. Try again in 1[45] minutes\.", refused.text)
    assert 14 * 60 <= int(refused.headers["retry-after"]) <= 15 * 60
    assert SESSION_COOKIE not in refused.cookies
    # Another address, and the same user, are not held up by it.
    elsewhere = {"X-Forwarded-For": "198.51.100.7"}
    assert http_sign_in(client, user.email, user.password, headers=elsewhere).status_code == 303
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
    token = form_token(client.get("/sign-in").text)
    response = client.post("/sign-in", content=f"email={email}&password={password}&csrf_token={token}".encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code in (401, 422), response.text[:300]
    assert SESSION_COOKIE not in response.cookies


def test_console_pages_are_neither_cached_nor_framed(signed_in_client):
    client = signed_in_client(Role.OWNER)
    for path in ("/", f"/conferences/{CONFERENCE_A}/dashboard", "/conferences/nope/dashboard"):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert response.headers["cache-control"] == "no-store", path
        assert response.headers["x-frame-options"] == "DENY", path
    client.cookies.clear()
    assert client.get("/sign-in").headers["x-frame-options"] == "DENY"  # no clickjacking of the password form


def test_the_bearer_token_routes_are_unchanged(client):
    response = client.get(f"/api/v1/admin/conferences/{CONFERENCE_A}/stats")
    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "unauthorized"


def test_static_files_include_htmx_and_its_licence(client):
    assert client.get("/static/console.css").headers["content-type"].startswith("text/css")
    script = client.get("/static/htmx/htmx.min.js")
    assert script.status_code == 200 and "htmx" in script.text[:2000]
    assert "Zero-Clause BSD" in client.get("/static/htmx/LICENSE").text


def test_a_signed_out_htmx_request_reloads_the_page_on_the_sign_in_form(client):
    """A dashboard refreshing itself after the session ended must not paste the sign-in form into a fragment."""
    response = client.get(f"/conferences/{CONFERENCE_A}/dashboard", headers={
        "HX-Request": "true", "HX-Current-URL": f"{client.base_url}/conferences/{CONFERENCE_A}/dashboard"})
    assert response.status_code == 200 and response.text == ""
    assert response.headers["hx-redirect"] == f"/sign-in?next=/conferences/{CONFERENCE_A}/dashboard"


def test_a_burst_of_parallel_guesses_gets_no_more_tries_than_the_lock_out_allows(console_server, make_console_user):
    """Twelve wrong passwords for one email at the same moment: five are checked, the rest refused unread."""
    user = make_console_user(Role.OWNER)

    def guess(n: int) -> int:
        with httpx.Client(base_url=console_server.base_url, timeout=120) as client:
            return http_sign_in(client, user.email, f"guess number {n}").status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = sorted(pool.map(guess, range(12)))
    assert statuses == [401] * MAX_FAILURES_PER_EMAIL + [429] * (12 - MAX_FAILURES_PER_EMAIL)
    with console_server.session_factory() as session:
        outcomes = dict(session.execute(select(SignInAttempt.outcome, func.count())
                                        .group_by(SignInAttempt.outcome)).all())
    assert outcomes == {"failed": MAX_FAILURES_PER_EMAIL, "refused": 12 - MAX_FAILURES_PER_EMAIL}


def test_signing_in_as_someone_else_ends_the_browsers_earlier_session(client, make_console_user, console_server):
    first, second = make_console_user(Role.OWNER), make_console_user(Role.VIEWER)
    token = form_token(client.get("/sign-in").text)
    for user in (first, second):
        response = client.post("/sign-in", data={"email": user.email, "password": user.password, "csrf_token": token})
        assert response.status_code == 303
    with console_server.session_factory() as session:
        assert session.scalar(select(func.count(ConsoleSession.id))) == 1
    assert second.name in client.get("/").text
