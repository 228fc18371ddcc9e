"""The devices pages of the console: the fleet with its health, adding a kiosk (its one-time pairing code
and QR on screen), revoking one. Door leads and up; nobody sees another conference's devices."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from server.api import DbSession, IdPath, SlugPath
from server.conferences.models import Conference
from server.devices.models import Device
from server.devices.repository import conference_device
from server.devices.service import create_device, fleet, revoke_device, shows_pairing_code
from server.errors import InvalidInput
from server.users.models import Role
from server.web import forms
from server.web.console import CsrfProtected, SignedIn, conference_for, is_https, page_not_found, render
from server.web.forms import refused
from shared.languages import N_
from shared.protocol import pairing_payload

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)
POLL_SECONDS = 5
PAIRING_COOKIE = "doorstation_pairing_code"  # carries a new device's code to its pairing page, once


def _devices_page(request: Request, db, conference: Conference, *, status_code: int = 200, error: str = "",
                  form: dict | None = None, revoked=None) -> HTMLResponse:
    devices = fleet(db, conference)
    return render(request, "devices.html", status_code=status_code, conference=conference, devices=devices,
                  alerts=[(d, alert) for d in devices for alert in d.alerts], error=error,
                  form=form or {"name": "", "station": ""}, revoked=revoked, poll_seconds=POLL_SECONDS)


@router.get("/conferences/{slug}/devices")
def devices(request: Request, db: DbSession, user: SignedIn, slug: SlugPath,
            revoked: int | None = None) -> HTMLResponse:
    """The conference's kiosks with the health each reports, alerts, and a form to add one."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    revoked_device = conference_device(db, conference.id, revoked) if revoked and 0 < revoked < 2**31 else None
    return _devices_page(request, db, conference, revoked=revoked_device)


@router.get("/conferences/{slug}/devices/live")
def devices_live(request: Request, db: DbSession, user: SignedIn, slug: SlugPath) -> HTMLResponse:
    """The fleet table alone, as HTML: what the devices page fetches every few seconds."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    devices = fleet(db, conference)
    return render(request, "devices_live.html", conference=conference, devices=devices,
                  alerts=[(d, alert) for d in devices for alert in d.alerts], poll_seconds=POLL_SECONDS)


@router.post("/conferences/{slug}/devices", dependencies=[CsrfProtected])
def add_device(request: Request, db: DbSession, user: SignedIn, slug: SlugPath,
               name: Annotated[str, Form(max_length=10_000)] = "",
               station: Annotated[str, Form(max_length=10_000)] = "") -> Response:
    """Add a kiosk, then show its one-time pairing code and QR on a page of its own (once, valid 24 hours)."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    form = {"name": name, "station": station}
    try:
        device, code = create_device(db, conference, name=forms.text(name, N_("name"), column=Device.name),
                                     station=forms.text(station, N_("station"), column=Device.station))
    except InvalidInput as error:  # nothing written: the form comes back with what was typed
        refused(request, db, error)
        return _devices_page(request, db, conference, status_code=422, error=error.message, form=form)
    # Post/redirect/get: a reload of the next page asks again for that page, never for a second device.
    # The code is stored only as a hash, so it travels to that page once, in a cookie only that page
    # receives, which the page deletes as it shows it.
    page = f"/conferences/{conference.slug}/devices/{device.id}/pairing"
    response = RedirectResponse(page, status_code=303)
    response.set_cookie(PAIRING_COOKIE, code, max_age=600, path=page, httponly=True, samesite="strict",
                        secure=is_https(request))
    return response


@router.get("/conferences/{slug}/devices/{device_id}/pairing")
def pairing(request: Request, db: DbSession, user: SignedIn, slug: SlugPath, device_id: IdPath) -> HTMLResponse:
    """The new kiosk's pairing code and QR, shown once; after that the page says it was shown and what to do."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    device = conference_device(db, conference.id, device_id)
    if device is None:
        raise page_not_found()
    code = request.cookies.get(PAIRING_COOKIE, "")[:40]
    server_url = str(request.base_url).rstrip("/")
    shown = shows_pairing_code(device, code)
    import segno  # here, not at the top: a QR is drawn once per kiosk paired, segno is ~2 MB in every worker

    qr = (Markup(segno.make(pairing_payload(code, server_url), error="m").svg_inline(
        scale=6, border=4, title=f"Pairing QR of {device.name}")) if shown else None)
    response = render(request, "device_added.html", conference=conference, device=device,
                      pairing_code=code if shown else None, server_url=server_url, qr=qr)
    response.delete_cookie(PAIRING_COOKIE, path=request.url.path, httponly=True, samesite="strict",
                           secure=is_https(request))
    return response


@router.get("/conferences/{slug}/devices/{device_id}/revoke")
def confirm_revoke(request: Request, db: DbSession, user: SignedIn, slug: SlugPath,
                   device_id: IdPath) -> HTMLResponse:
    """Ask before revoking a kiosk: it stops syncing at once and must be paired again."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    device = conference_device(db, conference.id, device_id)
    if device is None:
        raise page_not_found()
    return render(request, "device_revoke.html", conference=conference, device=device)


@router.post("/conferences/{slug}/devices/{device_id}/revoke", dependencies=[CsrfProtected])
def revoke(request: Request, db: DbSession, user: SignedIn, slug: SlugPath, device_id: IdPath) -> RedirectResponse:
    """Revoke a kiosk: its token stops working at once (the kiosk says so on its screen)."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    if conference_device(db, conference.id, device_id) is None:
        raise page_not_found()
    revoke_device(db, conference, device_id)
    return RedirectResponse(f"/conferences/{conference.slug}/devices?revoked={device_id}", status_code=303)



