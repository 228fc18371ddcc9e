"""undo events: a scan taken back at the kiosk names the event it undoes

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_events') as batch:
        batch.add_column(sa.Column('undoes', sa.Uuid(as_uuid=False), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sync_events') as batch:
        batch.drop_column('undoes')
