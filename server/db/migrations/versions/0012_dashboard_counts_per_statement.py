"""PostgreSQL keeps the dashboard's running counts with statement-level triggers (one aggregated
upsert per statement) instead of per-row ones (one update of the count row per attendee)

Revision ID: 0012
Revises: 0011
"""

from alembic import op

from server.dashboard import counting

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite's triggers are per row by nature, and a row's update there is cheap
    # The per-row triggers 0010 made before this revision; a database made since has none of them.
    op.execute("DROP TRIGGER IF EXISTS attendance_count ON attendees")
    op.execute("DROP TRIGGER IF EXISTS redemption_count ON product_redemptions")
    op.execute("DROP FUNCTION IF EXISTS count_attendance()")
    op.execute("DROP FUNCTION IF EXISTS count_redemption()")
    # Within this transaction: no statement slips between the old triggers and the new.
    for statement in counting.statements("postgresql"):
        op.execute(statement)


def downgrade() -> None:
    pass  # the statement-level triggers keep the same counts as the per-row ones did; 0010's downgrade drops them
