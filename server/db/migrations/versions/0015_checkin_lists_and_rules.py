"""check-in lists and rules: which tickets a door admits, when, how often, by which rules (issue 23);
a conference's first and last day (the rules' "conference day"), in a table of its own

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

from server.db.base import UTCDateTime

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'conference_days',
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('first_day', sa.Date(), nullable=False),
        sa.Column('last_day', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_conference_days_conference_id_conferences'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('conference_id', name=op.f('pk_conference_days')),
    )
    op.create_table(
        'checkin_lists',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sync_version', sa.BigInteger(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('ticket_type_ids', sa.JSON(), nullable=False),
        sa.Column('addon_ids', sa.JSON(), nullable=False),
        sa.Column('allow_multiple_entries', sa.Boolean(), nullable=False),
        sa.Column('allow_entry_after_exit', sa.Boolean(), nullable=False),
        sa.Column('days', sa.JSON(), nullable=False),
        sa.Column('opens', sa.Time(), nullable=True),
        sa.Column('closes', sa.Time(), nullable=True),
        sa.Column('stations', sa.JSON(), nullable=False),
        sa.Column('rules', sa.JSON(), nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_checkin_lists_conference_id_conferences'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_checkin_lists')),
        sa.UniqueConstraint('conference_id', 'name', name=op.f('uq_checkin_lists_conference_id_name')),
    )
    op.create_index(op.f('ix_checkin_lists_conference_id'), 'checkin_lists', ['conference_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_checkin_lists_conference_id'), table_name='checkin_lists')
    op.drop_table('checkin_lists')
    op.drop_table('conference_days')
