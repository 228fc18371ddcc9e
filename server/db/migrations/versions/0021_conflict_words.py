"""a conflict's description kept as data (shared.conflict_words), to word in each reader's language

Revision ID: 0021
Revises: 0020
"""

from alembic import op
import sqlalchemy as sa


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('words', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.drop_column('words')
