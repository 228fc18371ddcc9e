import json
import subprocess
import sys

import pytest

from kiosk.core import attendee_cache
from kiosk.core.cache import connect


def test_kiosk_core_loads_no_qt():
    code = ("import sys, kiosk.core.scan_pipeline, kiosk.core.sync_engine, kiosk.core.device;"
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_search_by_name_prefix_email_and_code_ignores_accents(tmp_path):
    connection = connect(tmp_path / "cache.sqlite3")
    rows = [(1, "AAAA1111", "José Núñez", "jose@example.org"), (2, "BBBB2222", "Ada Lovelace", "ada@analytical.org"),
            (3, "CCCC3333", "Adam Smith", "adam@example.org")]
    connection.executemany("INSERT INTO attendees (id, access_code, full_name, email, company, ticket_type, order_status,"
                           " holdings, version) VALUES (?, ?, ?, ?, '', 'Standard', 'paid', ?, 1)",
                           [(*r, json.dumps([])) for r in rows])
    names = lambda text: [r["full_name"] for r in attendee_cache.search(connection, text)]  # noqa: E731
    assert sorted(names("ada")) == ["Ada Lovelace", "Adam Smith"]
    assert names("ada love") == ["Ada Lovelace"]
    assert names("jose nunez") == ["José Núñez"]
    assert names("analytical") == ["Ada Lovelace"]
    assert names("cccc") == ["Adam Smith"]
    assert names("'\"*") == []  # punctuation cannot break the query


def test_a_first_sync_is_searched_from_its_rows_until_the_index_is_filled_after_its_last_page(tmp_path):
    """A download from the start stores its pages without indexing them (the door scans from them at once);
    meanwhile the search reads the rows, and a page that changes a row the fill has indexed already keeps
    the index true. Once filled, the index answers, and later syncs keep it in step row by row."""
    from kiosk.core.cache import write_transaction
    from shared.protocol import AttendeeRecord

    connection = connect(tmp_path / "cache.sqlite3")

    def record(n: int, name: str, version: int = 0) -> dict:
        return AttendeeRecord(id=n, access_code=f"A{n:07d}", first_name=name, last_name=f"Person{n}",
                              email=f"p{n}@example.org", company="", ticket_type="Standard", order_status="paid",
                              checked_in_at=None, last_check_in_at=None, last_check_in_station="", inside=False,
                              holdings=[], version=n + version).model_dump(mode="json")

    def store(records, *, from_scratch: bool = False):
        with write_transaction(connection):
            if from_scratch:
                attendee_cache.start_search_fill(connection)
            attendee_cache.store_page(connection, records, [])

    def found(text: str) -> list[str]:
        return [r["access_code"] for r in attendee_cache.search(connection, text, limit=5000)]

    store([record(n, "Grace" if n == 7 else "Bulk") for n in range(1, 1001)], from_scratch=True)
    assert not attendee_cache.search_complete(connection)
    assert connection.execute("SELECT count(*) FROM attendee_search WHERE attendee_search MATCH 'grace'").fetchone()[0] == 0
    assert found("grace") == ["A0000007"]  # from the rows meanwhile
    assert found("a0000007") == ["A0000007"] and len(found("p7")) == 111  # code and email: p7, p70…p79, p700…p799
    assert found("person7") == found("p7") and found("rson7") == []  # the start of a word, as the index matches
    assert len(found("example")) == 1000  # the email's words: after its @ too
    assert attendee_cache.fill_search_index(connection, rows_at_a_time=400) == 1000
    assert attendee_cache.search_complete(connection)
    assert found("grace") == ["A0000007"]
    store([record(7, "Ada", version=5000)])  # the same attendee again, renamed, in a later sync
    assert found("grace") == [] and found("ada") == ["A0000007"]

    store([record(n, "Hedy", version=6000) for n in range(1, 1001)], from_scratch=True)  # everything again, and cut off midway:
    with write_transaction(connection):
        connection.execute("UPDATE meta SET value = '500' WHERE key = 'search_filled_to'")
        connection.execute("INSERT INTO attendee_search(rowid, full_name, email, access_code) "
                           "SELECT id, full_name, email, access_code FROM attendees WHERE id <= 500")
    store([record(7, "Lise", version=9000), record(700, "Emmy", version=9000)])  # a page on both sides of the mark
    assert attendee_cache.fill_search_index(connection) == 500
    connection.execute("INSERT INTO attendee_search(attendee_search) VALUES ('integrity-check')")
    assert found("lise") == ["A0000007"] and found("emmy") == ["A0000700"] and len(found("hedy")) == 998
    store([record(n, "Rosalind") for n in range(5000, 7000)])  # a later sync: indexed row by row, searchable at once
    assert len(found("rosalind")) == 2000


def test_a_station_saved_by_the_earlier_release_still_door_checks_its_product(tmp_path):
    """station.json written before "product_kind" became "product_type": the tutorial room stays a
    door check for the tutorial ticket after the update, not for an add-on of the same id."""
    from kiosk.core.settings import SETTINGS_FILE, StationMode, load_settings
    from shared.decisions import ScanKind

    (tmp_path / SETTINGS_FILE).write_text(json.dumps({
        "station_name": "Tutorial room", "mode": "door_check", "product_kind": "ticket_type", "product_id": 3,
        "product_name": "Tutorial day"}))

    settings = load_settings(tmp_path)

    assert settings is not None and settings.mode is StationMode.DOOR_CHECK
    station = settings.station()
    assert (station.kind, station.product_type, station.product_id) == (ScanKind.DOOR_CHECK, "ticket_type", 3)


def test_a_rows_page_with_a_malformed_row_stores_nothing_of_the_page(tmp_path):
    """Feed format "rows": a row shorter than its columns, or an id that is not a number, fails the
    page in words and leaves the cache as it was (the sync round retries it)."""
    from kiosk.core.cache import write_transaction

    connection = connect(tmp_path / "cache.sqlite3")
    columns = ["id", "access_code", "first_name", "last_name", "holdings", "version"]
    good = [1, "A0000001", "Ada", "Lovelace", '[["ticket_type", 1, "Standard", 1, 0, null]]', 5]
    for bad in ([2, "A0000002", "Bob"], ["two", "A0000002", "Bob", "Byron", "[]", 6]):
        with pytest.raises(ValueError, match="malformed"), write_transaction(connection):
            attendee_cache.store_rows(connection, columns, [good, bad], [])
        assert attendee_cache.count(connection) == 0
    with write_transaction(connection):
        attendee_cache.store_rows(connection, columns, [good], [])
    state = attendee_cache.attendee_state(connection, "A0000001")
    assert state is not None and (state.name, state.holdings[0].name) == ("Ada Lovelace", "Standard")
    assert [r["access_code"] for r in attendee_cache.search(connection, "lovelace")] == ["A0000001"]


def test_a_rows_page_without_some_columns_stores_their_defaults(tmp_path):
    """A server may send fewer columns (a door station is sent no emails): the kiosk stores what came,
    each value by its column's name in whatever order, and the cache's default for the rest."""
    from kiosk.core.cache import write_transaction

    connection = connect(tmp_path / "cache.sqlite3")
    columns = ["version", "last_name", "access_code", "id", "first_name", "holdings", "order_status"]
    with write_transaction(connection):
        attendee_cache.store_rows(connection, columns, [[3, "Hopper", "A0000009", 9, "Grace", "[]", "paid"]], [])
    row = connection.execute("SELECT * FROM attendees").fetchone()
    assert (row["id"], row["full_name"], row["email"], row["company"], row["order_status"], row["version"]) == (
        9, "Grace Hopper", "", "", "paid", 3)


def test_a_cache_an_earlier_release_left_to_a_search_rebuild_is_filled_after_the_upgrade(tmp_path):
    """A cache of schema 10 whose index an earlier release left to a rebuild ('search_stale', some rows
    indexed, some not): the upgrade empties the index and marks it for a fill; meanwhile the search reads
    the rows, and the fill leaves an index that agrees with every row."""
    from kiosk.core import cache
    from kiosk.core.cache import write_transaction

    connection = connect(tmp_path / "cache.sqlite3")
    with write_transaction(connection):
        connection.executemany("INSERT INTO attendees (id, access_code, full_name, email, company, ticket_type, "
                               "order_status, holdings, version) VALUES (?, ?, ?, '', '', 'Standard', 'paid', '[]', ?)",
                               [(n, f"A{n:07d}", f"Person Number{n}", n) for n in range(1, 101)])
        connection.execute("INSERT INTO attendee_search(attendee_search) VALUES ('delete-all')")
        connection.execute("INSERT INTO attendee_search(rowid, full_name, email, access_code) "
                           "SELECT id, full_name, email, access_code FROM attendees WHERE id <= 40")
        connection.execute("INSERT INTO meta(key, value) VALUES ('search_stale', '1')")
        connection.execute("PRAGMA user_version = 10")
    connection.close()

    connection = connect(tmp_path / "cache.sqlite3")
    assert connection.execute("PRAGMA user_version").fetchone()[0] == cache.SCHEMA_VERSION
    assert not attendee_cache.search_complete(connection)
    assert [r["access_code"] for r in attendee_cache.search(connection, "number77")] == ["A0000077"]
    assert attendee_cache.fill_search_index(connection) == 100
    connection.execute("INSERT INTO attendee_search(attendee_search, rank) VALUES ('integrity-check', 1)")
    assert connection.execute("SELECT value FROM meta WHERE key = 'search_stale'").fetchone() is None
    assert [r["access_code"] for r in attendee_cache.search(connection, "number77")] == ["A0000077"]
