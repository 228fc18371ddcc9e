"""What every test run needs: a screen for Qt, data from outside the repository, test databases.

Qt: plain ``pytest`` on a machine without a display would abort in Qt's xcb plugin, so the tests
use the offscreen platform unless QT_QPA_PLATFORM says otherwise (set here, before Qt is loaded).

Data from outside the repository (``../shared/testdata``: real camera photos, Stripe's own
objects): a clone without that folder skips the tests that need it, saying so; CI sets
DOORSTATION_REQUIRE_TESTDATA=1, which turns the skip into a failure.

Databases: every server test runs on a SQLite file and on PostgreSQL. PostgreSQL comes from
DOORSTATION_TEST_POSTGRES_URL (the set-up script points it at 127.0.0.1:5432/test when a server
answers there). Each test run creates its own database next to it and drops it at the end; each
test starts from empty tables. With DOORSTATION_REQUIRE_POSTGRES=1 (CI) a missing PostgreSQL
fails the tests instead of skipping them.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from server.db.base import Base  # noqa: E402
from server.db.engine import make_engine  # noqa: E402
from server.wiring import create_schema, make_session_factory  # noqa: E402
from tests.browser import browser  # noqa: E402, F401 (one chromium for tests/web and tests/kiosk)

# DOORSTATION_TESTDATA points elsewhere (and lets a test play a clone without it).
SHARED_TESTDATA = Path(os.environ.get("DOORSTATION_TESTDATA")
                       or Path(__file__).resolve().parents[1].parent / "shared" / "testdata")
POSTGRES_URL = os.environ.get("DOORSTATION_TEST_POSTGRES_URL")
REQUIRE_POSTGRES = os.environ.get("DOORSTATION_REQUIRE_POSTGRES") == "1"
REQUIRE_TESTDATA = os.environ.get("DOORSTATION_REQUIRE_TESTDATA") == "1"


@pytest.fixture(scope="session", autouse=True)
def compiled_kiosk_translations() -> None:
    """The kiosk's .qm catalogues, compiled as packaging/dev.sh setup does, when a .ts is newer (or new).

    Even English needs its own: the plural forms of the status bar's counts ("1 scan", "2 scans").
    """
    from doorstation.translations import compile_kiosk, kiosk_catalogues_are_compiled
    if not kiosk_catalogues_are_compiled():
        compile_kiosk()


@pytest.fixture
def screenshots(tmp_path) -> Path:
    """The folder a test saves its screenshots in: DOORSTATION_SCREENSHOTS when set (docs/screenshots, to
    renew the README's pictures), else a temporary folder, so that a test run leaves the tree as it was."""
    folder = Path(os.environ.get("DOORSTATION_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shared_testdata(name: str) -> Path:
    """The folder ``../shared/testdata/<name>``, or skip the calling test with the reason (fail in CI).

    That data lives next to the repository, not in it (real camera photos, Stripe's own objects,
    under their own licences), so a lone clone does not have it.
    """
    folder = SHARED_TESTDATA / name
    if not folder.is_dir():
        reason = (f"needs {folder}: test data kept outside the repository, in the project's shared/ folder (with "
                  f"DESIGN.md): put shared/ next to the clone, or point DOORSTATION_TESTDATA at its testdata/")
        if REQUIRE_TESTDATA:
            pytest.fail(f"{reason}; DOORSTATION_REQUIRE_TESTDATA=1 requires it", pytrace=False)
        pytest.skip(reason)
    return folder


def _postgres_unavailable(reason: str):
    if REQUIRE_POSTGRES:
        pytest.fail(f"PostgreSQL is required (DOORSTATION_REQUIRE_POSTGRES=1) but {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason}")


@pytest.fixture(scope="session")
def postgres_database_url():
    """A fresh PostgreSQL database for this test run, with the schema created."""
    if not POSTGRES_URL:
        _postgres_unavailable("DOORSTATION_TEST_POSTGRES_URL is not set")
    name = f"doorstation_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - any failure here means "no usable PostgreSQL"
        _postgres_unavailable(f"cannot create a database at {POSTGRES_URL}: {error}")
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    create_schema(engine)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """The URL of an empty database with the current schema: a SQLite file, or PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
        engine = make_engine(url)
        create_schema(engine)
        engine.dispose()
        yield url
        return
    url = request.getfixturevalue("postgres_database_url")
    engine = create_engine(url)
    with engine.begin() as connection:
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    yield url


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine):
    return make_session_factory(engine)


@pytest.fixture
def session(session_factory):
    """A session for arranging and asserting; commit before handing work to other threads."""
    with session_factory() as session:
        yield session


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database_url(request, tmp_path):
    """A database with no tables at all, for what migrates on start (the CLI, the server)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    if not POSTGRES_URL:
        _postgres_unavailable("DOORSTATION_TEST_POSTGRES_URL is not set")
    name = f"doorstation_empty_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def key_store(tmp_path_factory):
    """Kiosks keep their cache key in the OS key store; the tests' is a file (tests/key_store.py), found
    by this process and by kiosks started as processes of their own. A test that plays a computer without
    a key store sets keyring's ``fail.Keyring`` for itself."""
    import keyring

    from tests.key_store import ENVIRONMENT, FileKeyStore

    os.environ[ENVIRONMENT] = str(tmp_path_factory.mktemp("key-store") / "keys.json")
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.key_store.FileKeyStore"
    keyring.set_keyring(FileKeyStore())
    yield
