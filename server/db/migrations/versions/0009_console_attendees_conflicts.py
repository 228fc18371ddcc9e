"""the console's attendee search indexes, conflicts resolved with a note, check-ins corrected by hand

Revision ID: 0009
Revises: 0008
"""

from alembic import op
import sqlalchemy as sa

import server.db.base


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

SEARCHABLE = ("first_name", "last_name", "email", "company", "access_code")


def upgrade() -> None:
    with op.batch_alter_table('sync_conflicts') as batch:
        batch.add_column(sa.Column('resolved_by', sa.String(200), server_default='', nullable=False))
        batch.add_column(sa.Column('resolution_note', sa.String(1000), server_default='', nullable=False))
    op.create_table(
        'check_in_corrections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(20), nullable=False),
        sa.Column('station', sa.String(100), nullable=False),
        sa.Column('check_in_at', server.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('made_by', sa.String(200), nullable=False),
        sa.Column('made_at', server.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendees.id'], name='fk_check_in_corrections_attendee_id_attendees',
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name='fk_check_in_corrections_conference_id_conferences', ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name='pk_check_in_corrections'),
    )
    op.create_index('ix_check_in_corrections_conference_id', 'check_in_corrections', ['conference_id'])
    op.create_index('ix_check_in_corrections_attendee_id', 'check_in_corrections', ['attendee_id'])
    # server.attendees.models: prefix search on lower-cased columns (text_pattern_ops: LIKE 'x%' uses
    # the index on PostgreSQL whatever the collation; SQLite reads them by range).
    for column in SEARCHABLE:
        op.create_index(f'ix_attendees_search_{column}', 'attendees',
                        ['conference_id', sa.func.lower(sa.column(column)).label(f'{column}_lower')],
                        postgresql_ops={f'{column}_lower': 'text_pattern_ops'})


def downgrade() -> None:
    for column in SEARCHABLE:
        op.drop_index(f'ix_attendees_search_{column}', 'attendees')
    op.drop_table('check_in_corrections')
    with op.batch_alter_table('sync_conflicts') as batch:
        batch.drop_column('resolution_note')
        batch.drop_column('resolved_by')
