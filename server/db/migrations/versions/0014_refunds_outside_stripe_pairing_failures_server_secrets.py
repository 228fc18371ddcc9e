"""refunds paid outside Stripe (cash, card terminal, bank transfer), with who recorded them; wrong
pairing codes by client address (the pairing route's rate limit); the server's secrets (the sign-in
form's CSRF token is signed with one, made here)

Revision ID: 0014
Revises: 0013
"""

import secrets

from alembic import op
import sqlalchemy as sa
import server.db.base


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('refunds_outside_stripe',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.Enum('cash', 'card_terminal', 'bank_transfer', name='refundmethod', native_enum=False, length=24), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('recorded_by_user_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.String(length=300), nullable=False),
    sa.Column('recorded_at', server.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_refunds_outside_stripe_conference_id_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_refunds_outside_stripe_order_id_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_user_id'], ['users.id'], name=op.f('fk_refunds_outside_stripe_recorded_by_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refunds_outside_stripe'))
    )
    with op.batch_alter_table('refunds_outside_stripe', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refunds_outside_stripe_conference_id'), ['conference_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_refunds_outside_stripe_order_id'), ['order_id'], unique=False)

    op.create_table('pairing_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client', sa.String(length=64), nullable=False),
    sa.Column('attempted_at', server.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pairing_failures'))
    )
    with op.batch_alter_table('pairing_failures', schema=None) as batch_op:
        batch_op.create_index('ix_pairing_failures_client_at', ['client', 'attempted_at'], unique=False)

    server_secrets = op.create_table('server_secrets',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_server_secrets'))
    )
    op.bulk_insert(server_secrets, [{"name": "sign_in_csrf", "value": secrets.token_hex(32)}])


def downgrade() -> None:
    op.drop_table('server_secrets')
    with op.batch_alter_table('pairing_failures', schema=None) as batch_op:
        batch_op.drop_index('ix_pairing_failures_client_at')
    op.drop_table('pairing_failures')
    with op.batch_alter_table('refunds_outside_stripe', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refunds_outside_stripe_order_id'))
        batch_op.drop_index(batch_op.f('ix_refunds_outside_stripe_conference_id'))
    op.drop_table('refunds_outside_stripe')
