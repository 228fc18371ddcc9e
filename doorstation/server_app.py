"""The server as ``doorstation server`` runs it (uvicorn's factory, in every worker process)."""

from __future__ import annotations

from fastapi import FastAPI

from server.app import create_app as create_server_app


def create_app() -> FastAPI:
    return create_server_app()
