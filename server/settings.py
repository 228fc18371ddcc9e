"""The server's settings: one typed object, read from the environment once per process.

Every setting has one name here and one place it is read. A worker process reads the same
environment as its siblings, so they agree on the database and the admin token; nothing is made
up per process.

    DATABASE_URL                   sqlite:///doorstation.sqlite3 (default) or postgresql://…
    DOORSTATION_ADMIN_TOKEN        bearer token of the admin HTTP routes; `doorstation server`
                                   refuses to start without one (the demo makes its own)
    DOORSTATION_STRIPE_API_BASE    another Stripe API address (a local test double)
    DOORSTATION_MAX_BODY_BYTES     request bodies in general (orders, pairing, admin)
    DOORSTATION_MAX_UPLOAD_BYTES   a kiosk's batch of scan events
    DOORSTATION_MAX_WEBHOOK_BYTES  a Stripe webhook
    DOORSTATION_ORDERS_PER_WINDOW  orders one client address may place per 15 minutes

packaging/server.env.example documents them for a deployment.
"""

from __future__ import annotations

import functools

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DOORSTATION_", extra="ignore", frozen=True)

    database_url: str = Field(default="sqlite:///doorstation.sqlite3", validation_alias="DATABASE_URL")
    admin_token: SecretStr | None = None
    stripe_api_base: str | None = None
    max_body_bytes: int = Field(default=256 * 1024, gt=0)  # orders, pairing, admin bodies are a few KB
    max_upload_bytes: int = Field(default=2 * 1024 * 1024, gt=0)  # a kiosk's batch: 500 events ≈ 200 KB
    max_webhook_bytes: int = Field(default=512 * 1024, gt=0)  # Stripe's events are well under 64 KB
    orders_per_window: int = Field(default=5, gt=0)

    @field_validator("database_url")
    @classmethod
    def _psycopg_driver(cls, url: str) -> str:
        # Accept the common postgres:// and postgresql:// spellings; we drive PostgreSQL with psycopg 3.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url

    @field_validator("admin_token", "stripe_api_base", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return value or None


@functools.cache
def get_settings() -> ServerSettings:
    """The process's settings, read from the environment the first time they are asked for."""
    return ServerSettings()
