"""The triggers that keep server.dashboard.models' counts, for SQLite and PostgreSQL.

A row that gains or loses a first check-in or "inside" moves its conference's counts; a redemption
inserted or deleted moves its add-on's. Increments are upserts (the first one makes the row); a
decrement only updates, so a conference or add-on being deleted (its rows cascading away) never
makes a count row point at nothing. Migration 0009 creates them on existing databases (and counts
what is there); ``create_schema`` makes a database with them without migrations (tests).

Known cost (PostgreSQL): the triggers are per row, so one transaction that changes N attendees'
check-in state updates the conference's count row N times, and each update walks the row's
versions made earlier in that transaction. An upload (at most 1,000 events) stays in milliseconds;
one statement over 180,000 attendees (bench/dashboard.py's seeding) took over ten minutes. The cure
is statement-level triggers with transition tables (one aggregated upsert per statement).
"""

from __future__ import annotations

from sqlalchemy import Engine

import server.db.models  # noqa: F401  (every table, for create_all)
from server.db.base import Base

SQLITE = [
    """CREATE TRIGGER attendance_count_insert AFTER INSERT ON attendees
WHEN NEW.checked_in_at IS NOT NULL OR NEW.inside BEGIN
    INSERT INTO attendance_counts (conference_id, checked_in, inside)
    VALUES (NEW.conference_id, NEW.checked_in_at IS NOT NULL, NEW.inside != 0)
    ON CONFLICT (conference_id) DO UPDATE SET checked_in = checked_in + excluded.checked_in,
                                              inside = inside + excluded.inside;
END""",
    """CREATE TRIGGER attendance_count_update AFTER UPDATE OF checked_in_at, inside ON attendees
WHEN (NEW.checked_in_at IS NOT NULL) != (OLD.checked_in_at IS NOT NULL) OR (NEW.inside != 0) != (OLD.inside != 0) BEGIN
    INSERT INTO attendance_counts (conference_id, checked_in, inside)
    VALUES (NEW.conference_id, (NEW.checked_in_at IS NOT NULL) - (OLD.checked_in_at IS NOT NULL),
            (NEW.inside != 0) - (OLD.inside != 0))
    ON CONFLICT (conference_id) DO UPDATE SET checked_in = checked_in + excluded.checked_in,
                                              inside = inside + excluded.inside;
END""",
    """CREATE TRIGGER attendance_count_delete AFTER DELETE ON attendees
WHEN OLD.checked_in_at IS NOT NULL OR OLD.inside BEGIN
    UPDATE attendance_counts SET checked_in = checked_in - (OLD.checked_in_at IS NOT NULL),
                                 inside = inside - (OLD.inside != 0)
    WHERE conference_id = OLD.conference_id;
END""",
    """CREATE TRIGGER redemption_count_insert AFTER INSERT ON product_redemptions BEGIN
    INSERT INTO redemption_counts (addon_id, served)
    SELECT addon_id, 1 FROM order_line_items WHERE id = NEW.order_line_item_id AND addon_id IS NOT NULL
    ON CONFLICT (addon_id) DO UPDATE SET served = served + 1;
END""",
    """CREATE TRIGGER redemption_count_delete AFTER DELETE ON product_redemptions BEGIN
    UPDATE redemption_counts SET served = served - 1
    WHERE addon_id = (SELECT addon_id FROM order_line_items WHERE id = OLD.order_line_item_id);
END""",
]

POSTGRESQL = [
    """CREATE FUNCTION count_attendance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    more_checked_in integer := 0;
    more_inside integer := 0;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        more_checked_in := more_checked_in - (OLD.checked_in_at IS NOT NULL)::integer;
        more_inside := more_inside - OLD.inside::integer;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        more_checked_in := more_checked_in + (NEW.checked_in_at IS NOT NULL)::integer;
        more_inside := more_inside + NEW.inside::integer;
    END IF;
    IF more_checked_in = 0 AND more_inside = 0 THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        UPDATE attendance_counts SET checked_in = attendance_counts.checked_in + more_checked_in,
                                     inside = attendance_counts.inside + more_inside
        WHERE conference_id = OLD.conference_id;
    ELSE
        INSERT INTO attendance_counts AS counts (conference_id, checked_in, inside)
        VALUES (NEW.conference_id, more_checked_in, more_inside)
        ON CONFLICT (conference_id) DO UPDATE SET checked_in = counts.checked_in + EXCLUDED.checked_in,
                                                  inside = counts.inside + EXCLUDED.inside;
    END IF;
    RETURN NULL;
END $$""",
    """CREATE TRIGGER attendance_count AFTER INSERT OR DELETE OR UPDATE OF checked_in_at, inside ON attendees
FOR EACH ROW EXECUTE FUNCTION count_attendance()""",
    """CREATE FUNCTION count_redemption() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO redemption_counts AS counts (addon_id, served)
        SELECT addon_id, 1 FROM order_line_items WHERE id = NEW.order_line_item_id AND addon_id IS NOT NULL
        ON CONFLICT (addon_id) DO UPDATE SET served = counts.served + 1;
    ELSE
        UPDATE redemption_counts SET served = served - 1
        WHERE addon_id = (SELECT addon_id FROM order_line_items WHERE id = OLD.order_line_item_id);
    END IF;
    RETURN NULL;
END $$""",
    """CREATE TRIGGER redemption_count AFTER INSERT OR DELETE ON product_redemptions
FOR EACH ROW EXECUTE FUNCTION count_redemption()""",
]

# What is there already, counted once (the migration, on a database with scans in it).
BACKFILL = [
    """INSERT INTO attendance_counts (conference_id, checked_in, inside)
SELECT conference_id, COUNT(checked_in_at), SUM(CASE WHEN inside THEN 1 ELSE 0 END) FROM attendees GROUP BY conference_id""",
    """INSERT INTO redemption_counts (addon_id, served)
SELECT l.addon_id, COUNT(*) FROM product_redemptions r JOIN order_line_items l ON l.id = r.order_line_item_id
WHERE l.addon_id IS NOT NULL GROUP BY l.addon_id""",
]


def statements(dialect: str) -> list[str]:
    return POSTGRESQL if dialect == "postgresql" else SQLITE


def create_schema(engine: Engine) -> None:
    """Every table and these triggers on an empty database, without migrations (the tests' databases).

    Called explicitly rather than hung on the metadata at import: what a database gets should not
    depend on which modules a process happened to import."""
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        for statement in statements(engine.dialect.name):
            connection.exec_driver_sql(statement)
