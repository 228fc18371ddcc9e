"""fleet health on the device row (what each kiosk reports after its sync rounds); indexes for the live dashboard

Revision ID: 0009
Revises: 0008
"""

from alembic import op
import sqlalchemy as sa

from server.db.base import UTCDateTime


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('devices') as batch:
        batch.add_column(sa.Column('health_reported_at', UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('app_version', sa.String(length=40), server_default='', nullable=False))
        batch.add_column(sa.Column('kiosk_last_sync_at', UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('events_waiting', sa.Integer(), server_default='0', nullable=False))
        batch.add_column(sa.Column('oldest_waiting_at', UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('events_set_aside', sa.Integer(), server_default='0', nullable=False))
        batch.add_column(sa.Column('last_error', sa.String(length=300), server_default='', nullable=False))
        batch.add_column(sa.Column('printer_state', sa.String(length=200), server_default='', nullable=False))
        batch.add_column(sa.Column('reported_station', sa.String(length=100), server_default='', nullable=False))
        batch.add_column(sa.Column('station_mode', sa.String(length=40), server_default='', nullable=False))
    op.create_index('ix_check_ins_conference_checked_in_at', 'check_ins', ['conference_id', 'checked_in_at'])
    op.create_index('ix_product_redemptions_conference_line', 'product_redemptions',
                    ['conference_id', 'order_line_item_id'])
    op.create_index('ix_attendees_conference_checked_in_inside', 'attendees',
                    ['conference_id', 'checked_in_at', 'inside'])
    op.create_index('ix_sync_events_conference_station_occurred', 'sync_events',
                    ['conference_id', 'station', 'occurred_at'])


def downgrade() -> None:
    op.drop_index('ix_sync_events_conference_station_occurred', 'sync_events')
    op.drop_index('ix_attendees_conference_checked_in_inside', 'attendees')
    op.drop_index('ix_product_redemptions_conference_line', 'product_redemptions')
    op.drop_index('ix_check_ins_conference_checked_in_at', 'check_ins')
    with op.batch_alter_table('devices') as batch:
        for column in ('station_mode', 'reported_station', 'printer_state', 'last_error', 'events_set_aside',
                       'oldest_waiting_at', 'events_waiting', 'kiosk_last_sync_at', 'app_version',
                       'health_reported_at'):
            batch.drop_column(column)
