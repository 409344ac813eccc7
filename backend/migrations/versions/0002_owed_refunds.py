"""owed refunds (refunds.paid_at) and collision-free transaction numbers

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paid_at', sa.DateTime(), nullable=True))
    # Before this revision a refund was taken as paid the moment it was recorded.
    op.execute("UPDATE refunds SET paid_at = refunded_at")
    op.create_table('transaction_numbers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transaction_numbers'))
    )


def downgrade() -> None:
    op.drop_table('transaction_numbers')
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.drop_column('paid_at')
