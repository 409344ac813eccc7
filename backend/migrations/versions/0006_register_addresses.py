"""戸籍の附票's lines: for each person of a 戸籍, every 住所 with its 住所を定めた年月日 from
the one held on entering the 戸籍 (a 戸籍 written before this has none; its 附票 prints the
住民票's 前住所 and 住所)

Revision ID: 0006
Revises: 0005
Create Date: 2027-02-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('family_register_addresses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('set_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['family_register_members.id'],
                            name=op.f('fk_family_register_addresses_member_id_family_register_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_register_addresses')),
    sa.UniqueConstraint('member_id', 'position',
                        name=op.f('uq_family_register_addresses_member_id'))
    )
    with op.batch_alter_table('family_register_addresses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_register_addresses_member_id'), ['member_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('family_register_addresses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_register_addresses_member_id'))
    op.drop_table('family_register_addresses')
