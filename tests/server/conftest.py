"""Fixtures of the server's tests."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine


@pytest.fixture
def statements():
    """The SQL statements the server's request threads send (transaction control left out)."""
    sent: list[str] = []

    def record(_connection, _cursor, statement, *_):
        if threading.current_thread().name.startswith("AnyIO worker") and not statement.startswith("BEGIN"):
            sent.append(statement.split(None, 3)[:3])

    event.listen(Engine, "before_cursor_execute", record)
    yield sent
    event.remove(Engine, "before_cursor_execute", record)
