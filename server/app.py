"""The FastAPI application: routers, the one place domain errors become HTTP, and background jobs."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from sqlalchemy import exc as sa_exc

from server.admission import BUSY_MESSAGE, Admission
from server.attendees.badge_pdf import BadgePdfRenderer
from server.attendees.import_pages import router as import_router
from server.attendees.pages import router as attendee_pages_router
from server.checkin.endpoints import desk_scans
from server.checkin.endpoints import router as desk_router
from server.conferences.endpoints import router as conferences_router
from server.checkin_lists.pages import router as checkin_list_pages_router
from server.conferences.pages import router as conference_pages_router
from server.conflicts.pages import router as conflict_pages_router
from server.dashboard.endpoints import router as flow_router
from server.dashboard.pages import router as dashboard_router
from server.db.base import utcnow
from server.db.engine import make_engine, unit_of_work
from server.wiring import make_session_factory
from server.devices.pages import router as devices_router
from server.errors import DomainError
from server.exports.pages import router as export_pages_router
from server.orders.endpoints import router as orders_router
from server.orders.holds import release_expired_holds
from server.orders.pages import router as order_pages_router
from server.orders.rate_limit import forget_old_windows
from server.payments.endpoints import router as payments_router
from server.payments.endpoints import webhook_router as stripe_webhook_router
from server.payments.gateway import use_stripe_api
from server.payments.pages import router as stripe_event_pages_router
from server.payments.webhooks import retry_unprocessed
from server.print_jobs.endpoints import router as print_jobs_router
from server.settings import ServerSettings
from server.sponsors.endpoints import router as sponsors_router
from server.sponsors.pages import router as sponsor_pages_router
from server.sync.endpoints import admin_router as sync_admin_router
from server.sync.endpoints import router as sync_router
from server.sync.lookup_pages import router as lookup_pages_router
from server.sync.endpoints import upload_router as sync_upload_router
from server.users.pages import router as users_router
from server.users.service import forget_old_sign_ins
from server.vouchers.pages import router as voucher_pages_router
from server.walk_ins.pages import router as walk_ins_router
from server.web.console import install_console
from server.zones.endpoints import router as zones_router
from server.zones.pages import router as zone_pages_router
from server.zones.service import reset_due

logger = logging.getLogger(__name__)
HOLD_RELEASE_INTERVAL_S = 30


def create_app(url: str | None = None, *, settings: ServerSettings | None = None,
               badge_renderer: BadgePdfRenderer | None = None) -> FastAPI:
    """The server on ``url`` (default: the settings' database). Settings are read from the environment
    here, once, unless handed in; routes take them through server.api's ``Settings`` dependency.

    ``badge_renderer`` draws the console's badge PDFs; the server cannot draw one itself (badges are
    drawn with Qt, which it does not load): the composition layer (doorstation.server_app) passes it."""
    settings = settings or ServerSettings()
    use_stripe_api(settings.stripe_api_base)
    engine = make_engine(url or settings.database_url, pool_size=settings.db_pool_size,
                         max_overflow=settings.db_max_overflow, pool_timeout=10)
    session_factory = make_session_factory(engine)
    if settings.admin_token is None:
        logger.warning("DOORSTATION_ADMIN_TOKEN is not set: the admin HTTP routes refuse every call")

    async def run_periodic_jobs() -> None:
        while True:
            try:
                released = await asyncio.to_thread(_release_holds, session_factory)
                if released:
                    logger.info("Released %d expired order holds", released)
                reset = await asyncio.to_thread(_reset_zones, session_factory)
                if reset:
                    logger.info("Nightly zone reset: %d people no longer counted inside", reset)
                retried = await asyncio.to_thread(retry_unprocessed, session_factory)
                if retried:
                    logger.info("Applied %d Stripe events that had failed before", retried)
            except Exception:  # keep the job alive; the next round retries
                logger.exception("A periodic job failed (hold release, zone reset or Stripe retry)")
            await asyncio.sleep(HOLD_RELEASE_INTERVAL_S)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        task = asyncio.create_task(run_periodic_jobs())
        yield
        task.cancel()
        engine.dispose()

    # Every request body, unless its route sets its own limit (event upload, Stripe webhook);
    # checked as the body streams in, not after it is read.
    # No OpenTelemetry here: without this FastAPI asks the tracing, metrics and logging providers whether
    # one was set up, on every request (3 % of a desk scan).
    app = FastAPI(title="Doorstation", version="0.1.0", lifespan=lifespan, max_body_size=settings.max_body_bytes,
                  telemetry={"tracing": False, "metrics": False, "logs": False})
    app.state.settings = settings
    app.state.session_factory = session_factory
    app.state.engine = engine
    app.state.badge_renderer = badge_renderer

    @app.exception_handler(DomainError)
    async def domain_error(_request: Request, error: DomainError) -> JSONResponse:
        return JSONResponse(status_code=error.http_status, content={"detail": {"code": error.code, "message": error.message}})

    @app.exception_handler(sa_exc.TimeoutError)
    async def no_connection(_request: Request, _error: sa_exc.TimeoutError) -> JSONResponse:
        # Admission keeps this from happening; if a connection still cannot be had, it is "busy", not a 500.
        logger.error("No database connection within the pool's timeout: answered 503")
        return JSONResponse(status_code=503, content={"detail": {"code": "busy", "message": BUSY_MESSAGE}},
                            headers={"Retry-After": str(settings.busy_retry_after_s)})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> Response:
        # What was wrong and where, without echoing the input back: the input may be a megabyte of
        # events, or hold a lone surrogate that cannot even be encoded as UTF-8 (the default
        # handler would then fail with a 500 while reporting a 422). ASCII-escaped for the same reason.
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in error.errors()]
        return Response(json.dumps({"detail": detail}, default=str), status_code=422, media_type="application/json")

    @app.get("/api/v1/health", tags=["meta"])
    def health() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    # Routers are tried in the order included: the fleet's routes (a kiosk's poll, upload, health)
    # and the help desk's first, so that their requests are not matched against every other route first.
    app.include_router(sync_router)
    app.include_router(sync_upload_router, max_body_size=settings.max_upload_bytes)
    app.include_router(desk_router)
    app.include_router(orders_router)
    app.include_router(payments_router)
    app.include_router(stripe_webhook_router, max_body_size=settings.max_webhook_bytes)
    app.include_router(conferences_router)
    app.include_router(sync_admin_router)
    app.include_router(zones_router)
    app.include_router(flow_router)
    app.include_router(print_jobs_router)
    app.include_router(sponsors_router)
    install_console(app)
    app.include_router(users_router)
    app.include_router(dashboard_router)
    app.include_router(zone_pages_router)
    app.include_router(devices_router)
    app.include_router(attendee_pages_router)
    app.include_router(conflict_pages_router)
    app.include_router(lookup_pages_router)
    app.include_router(export_pages_router)
    app.include_router(conference_pages_router)
    app.include_router(checkin_list_pages_router)
    app.include_router(voucher_pages_router)
    app.include_router(stripe_event_pages_router)  # before the order pages: /orders/stripe-events is not an order
    app.include_router(order_pages_router)
    app.include_router(sponsor_pages_router)
    app.include_router(import_router)
    app.include_router(walk_ins_router)
    # The help desk's scans are plain routes (server.api.PlainRoute), matched before everything else:
    # one pattern each, where an included router's routes are matched twice, router and route.
    app.router.routes[:0] = desk_scans
    app.add_middleware(Admission, at_work=settings.max_requests_at_work, wait=settings.admission_wait_s,
                       retry_after=settings.busy_retry_after_s)
    return app


def _reset_zones(session_factory) -> int:
    with unit_of_work(session_factory) as session:
        return reset_due(session, utcnow())


def _release_holds(session_factory) -> int:
    with unit_of_work(session_factory) as session:
        forget_old_windows(session)
        forget_old_sign_ins(session)
        return release_expired_holds(session)
