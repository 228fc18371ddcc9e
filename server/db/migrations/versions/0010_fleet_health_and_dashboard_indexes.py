"""fleet health on the device row (what each kiosk reports after its sync rounds); the live dashboard's
indexes, and its running counts kept by triggers (counted once here from what is there)

Revision ID: 0010
Revises: 0009
"""

from alembic import op
import sqlalchemy as sa

from server.dashboard import counting
from server.db.base import UTCDateTime


revision = '0010'
down_revision = '0009'
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
    op.create_index('ix_sync_events_conference_station_occurred', 'sync_events',
                    ['conference_id', 'station', 'occurred_at', 'kind'])
    op.create_table(
        'attendance_counts',
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('checked_in', sa.Integer(), nullable=False),
        sa.Column('inside', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_attendance_counts_conference_id_conferences'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('conference_id', name=op.f('pk_attendance_counts')),
    )
    op.create_table(
        'redemption_counts',
        sa.Column('addon_id', sa.Integer(), nullable=False),
        sa.Column('served', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['addon_id'], ['addons.id'],
                                name=op.f('fk_redemption_counts_addon_id_addons'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('addon_id', name=op.f('pk_redemption_counts')),
    )
    # The triggers as server.dashboard.counting makes them now (per statement on PostgreSQL since 0012).
    # Counted before the triggers exist, in this one transaction (PostgreSQL) or under the write lock
    # every migration holds (SQLite): no scan can slip between the count and the first trigger.
    for statement in counting.BACKFILL + counting.statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for statement in counting.drop_statements(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table('redemption_counts')
    op.drop_table('attendance_counts')
    op.drop_index('ix_sync_events_conference_station_occurred', 'sync_events')
    op.drop_index('ix_check_ins_conference_checked_in_at', 'check_ins')
    with op.batch_alter_table('devices') as batch:
        for column in ('station_mode', 'reported_station', 'printer_state', 'last_error', 'events_set_aside',
                       'oldest_waiting_at', 'events_waiting', 'kiosk_last_sync_at', 'app_version',
                       'health_reported_at'):
            batch.drop_column(column)
