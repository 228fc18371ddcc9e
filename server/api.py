"""Request-scoped plumbing shared by every router: the unit of work, the app's settings and admin authentication."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Path, Request, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from server.settings import ServerSettings

from shared.protocol import MAX_ID, Text

# Path parameters, checked before any query uses them (a NUL byte in a URL would otherwise reach
# PostgreSQL, which refuses it with a 500).
SlugPath = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$", description="A conference slug.")]
ReferencePath = Annotated[Text, Path(min_length=1, max_length=40, description="An order reference, ORD-….")]
AccessCodePath = Annotated[Text, Path(min_length=1, max_length=16, description="An attendee's access code.")]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]


@contextmanager
def request_unit_of_work(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the block ends, rolled back when it raises, or when
    the route answered with a refused form (server.web.forms.refused marks the request: a refusal writes nothing).

    A route of a fleet's hot path (a kiosk's poll, upload, health report) opens it itself, inside its
    own body, and builds its answer's bytes before the block ends: the whole request then runs in one
    worker thread. Through ``DbSession`` the same transaction costs four hops between the event loop
    and the thread pool (open, the device's lookup, the route, the commit) and FastAPI's solving of
    two dependencies, ~0.3 ms of a 1 ms poll (bench/idle_poll.py)."""
    with request.app.state.session_factory() as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
        if getattr(request.state, "form_refused", False):
            session.rollback()
        else:
            session.commit()


def json_answer(model: BaseModel, status_code: int = 200) -> Response:
    """``model`` as the JSON bytes of the answer, built in the route (so inside its unit of work, before the
    commit): returned as a model, FastAPI would validate it again against the ``response_model``."""
    return Response(content=model.__pydantic_serializer__.to_json(model), status_code=status_code,
                    media_type="application/json")


def unit_of_work_dependency(request: Request) -> Iterator[Session]:
    """``request_unit_of_work`` as a dependency (``DbSession``)."""
    with request_unit_of_work(request) as session:
        yield session


# ``scope="function"``: the transaction commits when the route function has returned and its answer
# is serialised, but *before* a byte of it is sent. With FastAPI's default ("request") the commit
# runs after the response has gone out, so a COMMIT that fails (or a server killed in between)
# would leave the client holding "applied" for something never stored; a kiosk deletes what is
# acknowledged, so that scan would be lost everywhere. Every route takes its session through this
# one alias (one scope per request: FastAPI caches the dependency, the first scope seen wins).
DbSession = Annotated[Session, Depends(unit_of_work_dependency, scope="function")]


async def app_settings(request: Request) -> ServerSettings:  # (async: no trip to a worker thread)
    """The settings the app was created with (create_app reads them once): a route never reads the environment."""
    settings: ServerSettings = request.app.state.settings
    return settings


Settings = Annotated[ServerSettings, Depends(app_settings)]


async def require_admin(request: Request, authorization: str = Header(default="")) -> None:
    """The bearer token of ``DOORSTATION_ADMIN_TOKEN`` (for automation; people use the console).

    ``async``, though it awaits nothing: a sync dependency costs a trip to a worker thread and back.

    A server started without one refuses every admin call rather than inventing a token.
    """
    expected = request.app.state.settings.admin_token
    scheme, _, token = authorization.partition(" ")
    if (expected is None or scheme.lower() != "bearer"
            or not hmac.compare_digest(token.encode(), expected.get_secret_value().encode())):
        raise HTTPException(status_code=401, detail={"code": "unauthorized", "message": "Admin token required."})


AdminOnly = Depends(require_admin)
