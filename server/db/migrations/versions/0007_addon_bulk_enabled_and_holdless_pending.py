"""add-ons get a bulk-purchase switch; a pending order without a hold expiry takes no seat

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# server.capacity.counters.holds_seats, in SQL.
HOLDS_SEATS = "(o.status IN ('paid', 'partially_refunded') OR (o.status = 'pending' AND o.hold_expires_at IS NOT NULL))"


def upgrade() -> None:
    with op.batch_alter_table('addons') as batch:
        batch.add_column(sa.Column('bulk_enabled', sa.Boolean(), server_default=sa.false(), nullable=False))
    # Count the seats again: pending orders without a hold expiry were counted, and no longer are.
    op.execute(f"""UPDATE conferences SET seats_taken = COALESCE((
        SELECT SUM(l.quantity) FROM order_line_items l JOIN orders o ON o.id = l.order_id
        WHERE o.conference_id = conferences.id AND l.addon_id IS NULL AND {HOLDS_SEATS}), 0)""")
    op.execute(f"""UPDATE ticket_types SET quantity_taken = COALESCE((
        SELECT SUM(l.quantity) FROM order_line_items l JOIN orders o ON o.id = l.order_id
        WHERE l.ticket_type_id = ticket_types.id AND {HOLDS_SEATS}), 0)""")
    op.execute(f"""UPDATE addons SET quantity_taken = COALESCE((
        SELECT SUM(l.quantity) FROM order_line_items l JOIN orders o ON o.id = l.order_id
        WHERE l.addon_id = addons.id AND {HOLDS_SEATS}), 0)""")


def downgrade() -> None:
    with op.batch_alter_table('addons') as batch:
        batch.drop_column('bulk_enabled')
