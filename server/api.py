"""Request-scoped plumbing shared by every router: the unit of work, the app's settings and admin authentication."""

from __future__ import annotations

import email.message
import hmac
import json
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, HTTPException, Path, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy.orm import Session
from starlette.routing import request_response

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


# Plain routes: a hot route (the help desk's scans) served without FastAPI's request handling, which
# cost as much as the scan's own statements, rule and commit (solving the dependencies, reading and
# validating the parameters and the body through its generic machinery, an included router's
# two-level matching). FastAPI still describes the route (/openapi.json, from the declared function's
# signature: API clients and the fuzz test read it); ``serve`` takes the request as Starlette hands it
# and checks what FastAPI checked, with the same answers: the admin token (401; checked first, where
# FastAPI read a JSON body before it), the body's JSON (422) or text (400), then the path's parameters
# and the body's fields (one 422 listing every mistake, located and worded as FastAPI's).

Model = TypeVar("Model", bound=BaseModel)


class PlainRoute(APIRoute):
    """A route described by FastAPI (``endpoint``'s signature, never called) and served by ``serve``."""

    def __init__(self, path: str, endpoint: Callable[..., Any], *,
                 serve: Callable[[Request], Awaitable[Response]], **options: Any) -> None:
        super().__init__(path, endpoint, **options)
        self.app = request_response(serve)  # Starlette's: the request, its exceptions to the app's handlers


async def check_admin(request: Request) -> None:
    """``require_admin``, called by a plain route."""
    await require_admin(request, request.headers.get("authorization", ""))


def path_parameters(request: Request, checks: dict[str, TypeAdapter[Any]]) -> tuple[dict[str, Any], list[Any]]:
    """The path's parameters checked by ``checks`` (their FastAPI types), and what was wrong, located as FastAPI does."""
    values: dict[str, Any] = {}
    errors: list[Any] = []
    for name, check in checks.items():
        try:
            values[name] = check.validate_python(request.path_params[name])
        except ValidationError as error:
            errors += [{**e, "loc": ("path", name, *e["loc"])} for e in error.errors(include_url=False)]
    return values, errors


NO_BODY: Any = object()  # a request without a body (``null`` is a body, and refused as one)


async def json_body(request: Request) -> Any:
    """The body as FastAPI reads a model's: JSON when the content type says so, else its bytes (which the
    model then refuses); a body that is not JSON is a 422 of its own, one that is not text a 400.
    ``NO_BODY``: there is none."""
    body = await request.body()
    if not body:
        return NO_BODY
    content_type = request.headers.get("content-type")
    if content_type != "application/json" and (content_type is None or not _says_json(content_type)):
        return body
    try:
        return json.loads(body)
    except json.JSONDecodeError as error:
        raise RequestValidationError([{"type": "json_invalid", "loc": ("body", error.pos), "msg": "JSON decode error",
                                       "input": {}, "ctx": {"error": error.msg}}]) from error
    except ValueError as error:  # not even text (bytes that are not UTF-8, -16 or -32)
        raise HTTPException(status_code=400, detail="There was an error parsing the body") from error


def _says_json(content_type: str) -> bool:
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (subtype == "json" or subtype.endswith("+json"))


def body_model(model: type[Model], body: Any, errors: list[Any]) -> Model | None:
    """``body`` as ``model``; what is wrong with it added to ``errors`` (located as FastAPI does)."""
    if body is NO_BODY:
        errors.append({"type": "missing", "loc": ("body",), "msg": "Field required", "input": None})
        return None
    try:
        return model.model_validate(body, from_attributes=True)
    except ValidationError as error:
        errors += [{**e, "loc": ("body", *e["loc"])} for e in error.errors(include_url=False)]
        return None
