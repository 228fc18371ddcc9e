"""The triggers that keep server.dashboard.models' counts, for SQLite and PostgreSQL.

A row that gains or loses a first check-in or "inside" moves its conference's counts; a redemption
inserted or deleted moves its add-on's. Increments are upserts (the first one makes the row); a
decrement only updates, so a conference or add-on being deleted (its rows cascading away) never
makes a count row point at nothing. Migration 0010 creates them on existing databases (and counts
what is there), 0012 replaces PostgreSQL's per-row ones of earlier versions; ``create_schema`` makes
a database with them without migrations (tests).
"""

from __future__ import annotations

from sqlalchemy import Engine

import server.db.models  # noqa: F401  (every table, for create_all)
from server.db.base import Base
from server.zones import counting as zone_counting

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

# Statement-level triggers over transition tables: one aggregated upsert per statement, however many
# rows it changed. The per-row triggers these replace (migration 0012) updated the conference's count
# row once per attendee, and each update walked the versions earlier ones had left in the transaction:
# one UPDATE of 180,000 attendees took over ten minutes. PostgreSQL allows a transition table only on
# a trigger for one event and with no column list, hence three triggers on attendees, firing on every
# UPDATE; a statement that changes neither column adds up to zero and writes nothing.
POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION count_attendance_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE attendance_counts AS counts SET checked_in = counts.checked_in - gone.checked_in,
                                               inside = counts.inside - gone.inside
        FROM (SELECT conference_id, COUNT(checked_in_at) AS checked_in, COUNT(*) FILTER (WHERE inside) AS inside
              FROM old_rows GROUP BY conference_id) AS gone
        WHERE counts.conference_id = gone.conference_id AND (gone.checked_in > 0 OR gone.inside > 0);
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO attendance_counts AS counts (conference_id, checked_in, inside)
        SELECT conference_id, COUNT(checked_in_at), COUNT(*) FILTER (WHERE inside) FROM new_rows
        GROUP BY conference_id HAVING COUNT(checked_in_at) > 0 OR COUNT(*) FILTER (WHERE inside) > 0
        ON CONFLICT (conference_id) DO UPDATE SET checked_in = counts.checked_in + EXCLUDED.checked_in,
                                                  inside = counts.inside + EXCLUDED.inside;
        RETURN NULL;
    END IF;
    -- An UPDATE: what the new rows count less what the old ones did (a transition table cannot be
    -- named before its trigger's event has one, hence a branch per event).
    INSERT INTO attendance_counts AS counts (conference_id, checked_in, inside)
    SELECT conference_id, SUM(checked_in), SUM(inside) FROM (
        SELECT conference_id, (checked_in_at IS NOT NULL)::integer AS checked_in, inside::integer AS inside
        FROM new_rows
        UNION ALL
        SELECT conference_id, -(checked_in_at IS NOT NULL)::integer, -inside::integer FROM old_rows
    ) AS changes
    GROUP BY conference_id HAVING SUM(checked_in) <> 0 OR SUM(inside) <> 0
    ON CONFLICT (conference_id) DO UPDATE SET checked_in = counts.checked_in + EXCLUDED.checked_in,
                                              inside = counts.inside + EXCLUDED.inside;
    RETURN NULL;
END $$""",
    """CREATE OR REPLACE TRIGGER attendance_count_insert AFTER INSERT ON attendees
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_attendance_changes()""",
    """CREATE OR REPLACE TRIGGER attendance_count_update AFTER UPDATE ON attendees
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_attendance_changes()""",
    """CREATE OR REPLACE TRIGGER attendance_count_delete AFTER DELETE ON attendees
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_attendance_changes()""",
    """CREATE OR REPLACE FUNCTION count_redemption_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO redemption_counts AS counts (addon_id, served)
        SELECT line.addon_id, COUNT(*) FROM new_rows JOIN order_line_items AS line ON line.id = new_rows.order_line_item_id
        WHERE line.addon_id IS NOT NULL GROUP BY line.addon_id
        ON CONFLICT (addon_id) DO UPDATE SET served = counts.served + EXCLUDED.served;
    ELSE
        UPDATE redemption_counts AS counts SET served = counts.served - gone.served
        FROM (SELECT line.addon_id, COUNT(*) AS served
              FROM old_rows JOIN order_line_items AS line ON line.id = old_rows.order_line_item_id
              GROUP BY line.addon_id) AS gone
        WHERE counts.addon_id = gone.addon_id;
    END IF;
    RETURN NULL;
END $$""",
    """CREATE OR REPLACE TRIGGER redemption_count_insert AFTER INSERT ON product_redemptions
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_redemption_changes()""",
    """CREATE OR REPLACE TRIGGER redemption_count_delete AFTER DELETE ON product_redemptions
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_redemption_changes()""",
]

TRIGGERS = {"attendees": ("attendance_count_insert", "attendance_count_update", "attendance_count_delete"),
            "product_redemptions": ("redemption_count_insert", "redemption_count_delete")}

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


def drop_statements(dialect: str) -> list[str]:
    statements = [f"DROP TRIGGER {name}" + (f" ON {table}" if dialect == "postgresql" else "")
                  for table, names in TRIGGERS.items() for name in names]
    if dialect == "postgresql":
        statements += ["DROP FUNCTION count_attendance_changes()", "DROP FUNCTION count_redemption_changes()"]
    return statements


def create_schema(engine: Engine) -> None:
    """Every table and these triggers on an empty database, without migrations (the tests' databases).

    Called explicitly rather than hung on the metadata at import: what a database gets should not
    depend on which modules a process happened to import."""
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        for statement in statements(engine.dialect.name) + zone_counting.statements(engine.dialect.name):
            connection.exec_driver_sql(statement)
