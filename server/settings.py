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
    DOORSTATION_DB_POOL_SIZE, DOORSTATION_DB_MAX_OVERFLOW
                                   database connections one process keeps, and may open beyond them
    DOORSTATION_MAX_REQUESTS_AT_WORK  requests one process serves at once (fewer than the connections);
    DOORSTATION_ADMISSION_WAIT_S   others wait this long for a turn, then get 503 with
    DOORSTATION_BUSY_RETRY_AFTER_S Retry-After: this many seconds (server/admission.py)

packaging/server/doorstation.env.example documents them for a deployment.
"""

from __future__ import annotations

import functools

from pydantic import Field, SecretStr, field_validator, model_validator
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
    db_pool_size: int = Field(default=10, gt=0)
    db_max_overflow: int = Field(default=20, ge=0)
    # Under both the connections (less two for the periodic jobs) and the 40 worker threads, so that
    # every admitted request can finish: see server/admission.py.
    max_requests_at_work: int = Field(default=24, gt=0, le=36)
    admission_wait_s: float = Field(default=1.0, gt=0, le=30)
    busy_retry_after_s: int = Field(default=5, gt=0, le=300)

    @field_validator("database_url")
    @classmethod
    def _psycopg_driver(cls, url: str) -> str:
        # Accept the common postgres:// and postgresql:// spellings; we drive PostgreSQL with psycopg 3.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url

    @model_validator(mode="after")
    def _connections_for_every_request_at_work(self) -> ServerSettings:
        connections = self.db_pool_size + self.db_max_overflow
        if self.max_requests_at_work > connections - 2:
            raise ValueError(f"DOORSTATION_MAX_REQUESTS_AT_WORK ({self.max_requests_at_work}) must be at most the "
                             f"database connections less two for the periodic jobs ({connections - 2}): raise "
                             f"DOORSTATION_DB_POOL_SIZE or DOORSTATION_DB_MAX_OVERFLOW, or lower it")
        return self

    @field_validator("admin_token", "stripe_api_base", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return value or None


@functools.cache
def get_settings() -> ServerSettings:
    """The process's settings, read from the environment the first time they are asked for."""
    return ServerSettings()
