"""server identity: one id made with the database, which kiosks keep from pairing (a kiosk paired
again with another server, or with a fresh database behind the same address, starts a fresh cache)

Revision ID: 0013
Revises: 0012
"""

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

from server.db.base import UTCDateTime

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        'server_identity',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('server_id', sa.String(length=36), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_server_identity')),
    )
    op.bulk_insert(table, [{"id": 1, "server_id": str(uuid.uuid4()), "created_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    op.drop_table('server_identity')
