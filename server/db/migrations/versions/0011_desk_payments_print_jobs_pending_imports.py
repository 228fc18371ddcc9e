"""desk payments (walk-ins paid in cash or by card terminal), print jobs for print stations, CSV imports waiting for confirmation

Revision ID: 0011
Revises: 0010
"""

from alembic import op
import sqlalchemy as sa
import server.db.base


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pending_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('console_session_id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('allow_duplicates', sa.Boolean(), nullable=False),
    sa.Column('created_at', server.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_pending_imports_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['console_session_id'], ['console_sessions.id'], name=op.f('fk_pending_imports_console_session_id_console_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pending_imports')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_pending_imports_token_hash'))
    )
    with op.batch_alter_table('pending_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pending_imports_console_session_id'), ['console_session_id'], unique=False)

    op.create_table('desk_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.Enum('cash', 'card_terminal', name='deskpaymentmethod', native_enum=False, length=24), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('taken_by_user_id', sa.Integer(), nullable=True),
    sa.Column('taken_by', sa.String(length=300), nullable=False),
    sa.Column('taken_at', server.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_desk_payments_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_desk_payments_order_id_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['taken_by_user_id'], ['users.id'], name=op.f('fk_desk_payments_taken_by_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_payments')),
    sa.UniqueConstraint('order_id', name=op.f('uq_desk_payments_order_id'))
    )
    with op.batch_alter_table('desk_payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_payments_conference_id'), ['conference_id'], unique=False)

    op.create_table('print_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('attendee_id', sa.Integer(), nullable=False),
    sa.Column('requested_by', sa.String(length=300), nullable=False),
    sa.Column('created_at', server.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('delivered_at', server.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_at', server.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('outcome_detail', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['attendee_id'], ['attendees.id'], name=op.f('fk_print_jobs_attendee_id_attendees'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_print_jobs_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_print_jobs_device_id_devices'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_jobs'))
    )
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_print_jobs_attendee_id'), ['attendee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_print_jobs_conference_id'), ['conference_id'], unique=False)
        batch_op.create_index('ix_print_jobs_device_open', ['device_id', 'acknowledged_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_print_jobs_device_open')
        batch_op.drop_index(batch_op.f('ix_print_jobs_conference_id'))
        batch_op.drop_index(batch_op.f('ix_print_jobs_attendee_id'))

    op.drop_table('print_jobs')
    with op.batch_alter_table('desk_payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_payments_conference_id'))

    op.drop_table('desk_payments')
    with op.batch_alter_table('pending_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pending_imports_console_session_id'))

    op.drop_table('pending_imports')
