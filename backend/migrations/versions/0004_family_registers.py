"""戸籍 (family registers): the register (本籍, 筆頭者, 編製), a row per person who is or was in
it (名, 生年月日, 父, 母, 続柄, 配偶者区分, 出生, 除籍, the resident it is), and their 婚姻 and
分籍 with the 従前戸籍 or 新本籍

Revision ID: 0004
Revises: 0003
Create Date: 2027-02-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('family_registers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('honseki_municipality_code', sa.String(length=6), nullable=False),
    sa.Column('honseki_address', sa.String(length=200), nullable=False),
    sa.Column('family_name', sa.String(length=60), nullable=False),
    sa.Column('family_kana', sa.String(length=60), nullable=False),
    sa.Column('hittosha', sa.String(length=60), nullable=False),
    sa.Column('hittosha_kana', sa.String(length=60), nullable=False),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('made_by', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_registers')),
    sa.UniqueConstraint('honseki_address', 'hittosha',
                        name=op.f('uq_family_registers_honseki_address'))
    )
    with op.batch_alter_table('family_registers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_registers_honseki_municipality_code'),
                              ['honseki_municipality_code'], unique=False)

    op.create_table('family_register_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('register_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=True),
    sa.Column('given_name', sa.String(length=60), nullable=False),
    sa.Column('given_kana', sa.String(length=60), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('father', sa.String(length=60), nullable=True),
    sa.Column('mother', sa.String(length=60), nullable=True),
    sa.Column('relation', sa.String(length=10), nullable=False),
    sa.Column('spouse_role', sa.String(length=2), nullable=True),
    sa.Column('birth_place', sa.String(length=200), nullable=False),
    sa.Column('birth_notified_on', sa.Date(), nullable=False),
    sa.Column('birth_notifier', sa.String(length=10), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('left_by', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['register_id'], ['family_registers.id'],
                            name=op.f('fk_family_register_members_register_id_family_registers')),
    sa.ForeignKeyConstraint(['resident_id'], ['residents.id'],
                            name=op.f('fk_family_register_members_resident_id_residents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_register_members')),
    sa.UniqueConstraint('register_id', 'position',
                        name=op.f('uq_family_register_members_register_id'))
    )
    with op.batch_alter_table('family_register_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_register_members_register_id'),
                              ['register_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_register_members_resident_id'),
                              ['resident_id'], unique=False)

    op.create_table('family_register_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('spouse', sa.String(length=60), nullable=True),
    sa.Column('former_honseki', sa.String(length=200), nullable=True),
    sa.Column('former_hittosha', sa.String(length=60), nullable=True),
    sa.Column('new_honseki', sa.String(length=200), nullable=True),
    sa.Column('new_hittosha', sa.String(length=60), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['family_register_members.id'],
                            name=op.f('fk_family_register_events_member_id_family_register_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_register_events'))
    )
    with op.batch_alter_table('family_register_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_register_events_member_id'), ['member_id'],
                              unique=False)


def downgrade() -> None:
    for table, columns in (('family_register_events', ('member_id',)),
                           ('family_register_members', ('resident_id', 'register_id')),
                           ('family_registers', ('honseki_municipality_code',))):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
        op.drop_table(table)
