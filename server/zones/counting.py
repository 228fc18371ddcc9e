"""The triggers that keep server.zones.models.ZoneCount, for SQLite and PostgreSQL (as server.dashboard.counting
keeps the venue's: every writer of whereabouts — the kiosks' ingest, the nightly reset, psql — keeps them right).

A presence row that comes to a zone adds one to it, one that leaves takes one away. Increments are
upserts; a decrement only updates, so a zone being deleted never leaves a count pointing at nothing.
"""

from __future__ import annotations

SQLITE = [
    """CREATE TRIGGER zone_count_insert AFTER INSERT ON zone_presences WHEN NEW.zone_id IS NOT NULL BEGIN
    INSERT INTO zone_counts (zone_id, at_zone) VALUES (NEW.zone_id, 1)
    ON CONFLICT (zone_id) DO UPDATE SET at_zone = at_zone + 1;
END""",
    """CREATE TRIGGER zone_count_update AFTER UPDATE OF zone_id ON zone_presences
WHEN NEW.zone_id IS NOT OLD.zone_id BEGIN
    UPDATE zone_counts SET at_zone = at_zone - 1 WHERE zone_id = OLD.zone_id;
    INSERT INTO zone_counts (zone_id, at_zone) SELECT NEW.zone_id, 1 WHERE NEW.zone_id IS NOT NULL
    ON CONFLICT (zone_id) DO UPDATE SET at_zone = at_zone + 1;
END""",
    """CREATE TRIGGER zone_count_delete AFTER DELETE ON zone_presences WHEN OLD.zone_id IS NOT NULL BEGIN
    UPDATE zone_counts SET at_zone = at_zone - 1 WHERE zone_id = OLD.zone_id;
END""",
]

# One aggregated upsert per statement over the transition tables (see server.dashboard.counting: a
# nightly reset moves thousands of rows in one UPDATE).
POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION count_zone_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO zone_counts AS counts (zone_id, at_zone)
        SELECT zone_id, COUNT(*) FROM new_rows WHERE zone_id IS NOT NULL GROUP BY zone_id
        ON CONFLICT (zone_id) DO UPDATE SET at_zone = counts.at_zone + EXCLUDED.at_zone;
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        UPDATE zone_counts AS counts SET at_zone = counts.at_zone - gone.people
        FROM (SELECT zone_id, COUNT(*) AS people FROM old_rows WHERE zone_id IS NOT NULL GROUP BY zone_id) AS gone
        WHERE counts.zone_id = gone.zone_id;
        RETURN NULL;
    END IF;
    UPDATE zone_counts AS counts SET at_zone = counts.at_zone - gone.people
    FROM (SELECT zone_id, COUNT(*) AS people FROM old_rows WHERE zone_id IS NOT NULL GROUP BY zone_id) AS gone
    WHERE counts.zone_id = gone.zone_id;
    INSERT INTO zone_counts AS counts (zone_id, at_zone)
    SELECT zone_id, COUNT(*) FROM new_rows WHERE zone_id IS NOT NULL GROUP BY zone_id
    ON CONFLICT (zone_id) DO UPDATE SET at_zone = counts.at_zone + EXCLUDED.at_zone;
    RETURN NULL;
END $$""",
    """CREATE OR REPLACE TRIGGER zone_count_insert AFTER INSERT ON zone_presences
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_zone_changes()""",
    """CREATE OR REPLACE TRIGGER zone_count_update AFTER UPDATE ON zone_presences
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_zone_changes()""",
    """CREATE OR REPLACE TRIGGER zone_count_delete AFTER DELETE ON zone_presences
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_zone_changes()""",
]

TRIGGERS = ("zone_count_insert", "zone_count_update", "zone_count_delete")


def statements(dialect: str) -> list[str]:
    return POSTGRESQL if dialect == "postgresql" else SQLITE


def drop_statements(dialect: str) -> list[str]:
    statements = [f"DROP TRIGGER {name}" + (" ON zone_presences" if dialect == "postgresql" else "")
                  for name in TRIGGERS]
    return statements + (["DROP FUNCTION count_zone_changes()"] if dialect == "postgresql" else [])
