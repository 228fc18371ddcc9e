"""order limits: tickets per order (a conference setting) and per-client order counters

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa

from server.db.base import UTCDateTime


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('conferences') as batch:
        batch.add_column(sa.Column('max_tickets_per_order', sa.Integer(), server_default='10', nullable=False))
    op.create_table(
        'order_rate_windows',
        sa.Column('client', sa.String(length=64), nullable=False),
        sa.Column('window_start', UTCDateTime(), nullable=False),
        sa.Column('orders', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('client', 'window_start', name=op.f('pk_order_rate_windows')),
    )


def downgrade() -> None:
    op.drop_table('order_rate_windows')
    with op.batch_alter_table('conferences') as batch:
        batch.drop_column('max_tickets_per_order')
