"""Zones (the venue, its halls, their rooms) with capacities and a nightly reset; who is at which zone,
with running counts kept by triggers; the zone role of each uploaded scan

Revision ID: 0016
Revises: 0015
"""

from alembic import op
import sqlalchemy as sa
import server.db.base

from server.zones import counting

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('zones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sync_version', sa.BigInteger(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('at_full', sa.String(length=10), nullable=False),
    sa.Column('reset_at', sa.Time(), nullable=True),
    sa.Column('reset_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_zones_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['zones.id'], name=op.f('fk_zones_parent_id_zones'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zones'))
    )
    with op.batch_alter_table('zones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zones_conference_id'), ['conference_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_zones_parent_id'), ['parent_id'], unique=False)
    op.create_table('zone_presences',
    sa.Column('attendee_id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('zone_id', sa.Integer(), nullable=True),
    sa.Column('since', server.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attendee_id'], ['attendees.id'], name=op.f('fk_zone_presences_attendee_id_attendees'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_zone_presences_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['zone_id'], ['zones.id'], name=op.f('fk_zone_presences_zone_id_zones'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('attendee_id', name=op.f('pk_zone_presences'))
    )
    with op.batch_alter_table('zone_presences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zone_presences_conference_id'), ['conference_id'], unique=False)
        batch_op.create_index('ix_zone_presences_zone_id', ['zone_id'], unique=False)
    op.create_table('zone_counts',
    sa.Column('zone_id', sa.Integer(), nullable=False),
    sa.Column('at_zone', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['zone_id'], ['zones.id'], name=op.f('fk_zone_counts_zone_id_zones'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('zone_id', name=op.f('pk_zone_counts'))
    )
    with op.batch_alter_table('sync_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('zone_role', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('zone_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('to_zone_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_sync_events_conference_kind_occurred', ['conference_id', 'kind', 'occurred_at', 'station'], unique=False)
    for statement in counting.statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for statement in counting.drop_statements(op.get_bind().dialect.name):
        op.execute(statement)
    with op.batch_alter_table('sync_events', schema=None) as batch_op:
        batch_op.drop_index('ix_sync_events_conference_kind_occurred')
        batch_op.drop_column('to_zone_id')
        batch_op.drop_column('zone_id')
        batch_op.drop_column('zone_role')
    op.drop_table('zone_counts')
    with op.batch_alter_table('zone_presences', schema=None) as batch_op:
        batch_op.drop_index('ix_zone_presences_zone_id')
        batch_op.drop_index(batch_op.f('ix_zone_presences_conference_id'))
    op.drop_table('zone_presences')
    with op.batch_alter_table('zones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zones_parent_id'))
        batch_op.drop_index(batch_op.f('ix_zones_conference_id'))
    op.drop_table('zones')
