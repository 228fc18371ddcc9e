"""seat counters: seats taken per conference, ticket type and add-on (server.capacity.counters)

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

HOLDING = "('paid', 'partially_refunded', 'pending')"


def upgrade() -> None:
    with op.batch_alter_table('conferences') as batch:
        batch.add_column(sa.Column('seats_taken', sa.Integer(), server_default='0', nullable=False))
    for table in ('ticket_types', 'addons'):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('quantity_taken', sa.Integer(), server_default='0', nullable=False))
    # Backfill from the orders as they stand.
    op.execute(f"""UPDATE conferences SET seats_taken = COALESCE((
        SELECT SUM(l.quantity) FROM order_line_items l JOIN orders o ON o.id = l.order_id
        WHERE o.conference_id = conferences.id AND l.addon_id IS NULL AND o.status IN {HOLDING}), 0)""")
    op.execute(f"""UPDATE ticket_types SET quantity_taken = COALESCE((
        SELECT SUM(l.quantity) FROM order_line_items l JOIN orders o ON o.id = l.order_id
        WHERE l.ticket_type_id = ticket_types.id AND o.status IN {HOLDING}), 0)""")
    op.execute(f"""UPDATE addons SET quantity_taken = COALESCE((
        SELECT SUM(l.quantity) FROM order_line_items l JOIN orders o ON o.id = l.order_id
        WHERE l.addon_id = addons.id AND o.status IN {HOLDING}), 0)""")


def downgrade() -> None:
    for table in ('ticket_types', 'addons'):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('quantity_taken')
    with op.batch_alter_table('conferences') as batch:
        batch.drop_column('seats_taken')
