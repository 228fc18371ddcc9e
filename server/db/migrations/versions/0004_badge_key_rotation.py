"""badge key rotation: the previous public key stays accepted until the next rotation

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('conferences') as batch:
        batch.add_column(sa.Column('badge_previous_public_key', sa.LargeBinary(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('conferences') as batch:
        batch.drop_column('badge_previous_public_key')
