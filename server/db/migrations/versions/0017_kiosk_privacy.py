"""kiosk privacy: how many days after a conference's last day its kiosks delete what they hold; who
looked up whom at a kiosk (searches and attendees opened, uploaded with the scans)

Revision ID: 0017
Revises: 0016
"""

from alembic import op
import sqlalchemy as sa
import server.db.base


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # On the conference's days (migration 0015), not on conferences: the older migrations' tests insert
    # conferences through today's model.
    with op.batch_alter_table('conference_days', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wipe_kiosks_after_days', sa.Integer(), server_default='7', nullable=False))
    op.create_table('kiosk_lookups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(as_uuid=False), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('station', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('query', sa.String(length=200), nullable=False),
    sa.Column('access_code', sa.String(length=16), nullable=False),
    sa.Column('attendee_id', sa.Integer(), nullable=True),
    sa.Column('occurred_at', server.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('received_at', server.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attendee_id'], ['attendees.id'], name=op.f('fk_kiosk_lookups_attendee_id_attendees'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_kiosk_lookups_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_kiosk_lookups_device_id_devices'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kiosk_lookups')),
    sa.UniqueConstraint('uuid', name=op.f('uq_kiosk_lookups_uuid'))
    )
    with op.batch_alter_table('kiosk_lookups', schema=None) as batch_op:
        batch_op.create_index('ix_kiosk_lookups_conference_occurred', ['conference_id', 'occurred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_kiosk_lookups_device_id'), ['device_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('kiosk_lookups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kiosk_lookups_device_id'))
        batch_op.drop_index('ix_kiosk_lookups_conference_occurred')
    op.drop_table('kiosk_lookups')
    with op.batch_alter_table('conference_days', schema=None) as batch_op:
        batch_op.drop_column('wipe_kiosks_after_days')
