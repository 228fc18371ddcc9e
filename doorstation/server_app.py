"""The server as ``doorstation server`` runs it (uvicorn's factory, in every worker process): the
server's application with the kiosk's badge renderer for the console's "Badge (PDF)" (drawn in a
process of its own: a server worker never loads Qt)."""

from __future__ import annotations

from fastapi import FastAPI

from doorstation.badge_pdf import kiosk_badge_renderer
from server.app import create_app as create_server_app


def create_app() -> FastAPI:
    return create_server_app(badge_renderer=kiosk_badge_renderer)
