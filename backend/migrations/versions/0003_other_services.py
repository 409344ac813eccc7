"""the kiosk's two other services: 利用登録申請 (applications on honseki_registrations, how
each municipality decides them, 筆頭者 in katakana) and the signing-PIN reset (the signing
certificate's status on cards, reset_reservations); the service of each session

Revision ID: 0003
Revises: 0002
Create Date: 2027-01-15
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

LIVE = "status != 'rejected'"


def upgrade() -> None:
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('service', sa.String(length=24),
                                      server_default='issuance', nullable=False))
    with op.batch_alter_table('municipalities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registration_days', sa.Integer(), nullable=True))
    with op.batch_alter_table('residents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hittosha_kana', sa.String(length=60), nullable=True))
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signing_status', sa.String(length=10),
                                      server_default='active', nullable=False))

    # Every row before this revision was a registration done: it stays approved.
    with op.batch_alter_table('honseki_registrations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=10), server_default='approved',
                                      nullable=False))
        batch_op.add_column(sa.Column('receipt_no', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('applied_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('hittosha_kana', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('session_id', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('decided_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('decided_by', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('reason', sa.String(length=200), nullable=True))
        batch_op.alter_column('registered_on', existing_type=sa.Date(), nullable=True)
        # A rejected application must not block the next one: unique among the live rows.
        batch_op.drop_constraint('uq_honseki_registrations_resident_id', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_honseki_registrations_receipt_no'),
                                          ['receipt_no'])
        batch_op.create_unique_constraint(batch_op.f('uq_honseki_registrations_session_id'),
                                          ['session_id'])
        batch_op.create_index(batch_op.f('ix_honseki_registrations_resident_id'),
                              ['resident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_honseki_registrations_status'), ['status'],
                              unique=False)
        batch_op.create_index('uq_honseki_registrations_live',
                              ['resident_id', 'municipality_code'], unique=True,
                              sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
    with op.batch_alter_table('honseki_registrations', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sa.String(length=10), server_default=None)

    op.create_table('reset_reservations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('reserved_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.Column('session_id', sa.String(length=32), nullable=True),
    sa.Column('outcome', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'],
                            name=op.f('fk_reset_reservations_card_id_cards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reset_reservations'))
    )
    with op.batch_alter_table('reset_reservations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reset_reservations_card_id'), ['card_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reset_reservations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reset_reservations_card_id'))
    op.drop_table('reset_reservations')
    # Only what was a registration done survives the way back.
    op.execute("DELETE FROM honseki_registrations WHERE status != 'approved'")
    with op.batch_alter_table('honseki_registrations', schema=None) as batch_op:
        batch_op.drop_index('uq_honseki_registrations_live')
        batch_op.drop_index(batch_op.f('ix_honseki_registrations_status'))
        batch_op.drop_index(batch_op.f('ix_honseki_registrations_resident_id'))
        batch_op.drop_constraint(batch_op.f('uq_honseki_registrations_session_id'), type_='unique')
        batch_op.drop_constraint(batch_op.f('uq_honseki_registrations_receipt_no'), type_='unique')
        batch_op.create_unique_constraint('uq_honseki_registrations_resident_id',
                                          ['resident_id', 'municipality_code'])
        batch_op.alter_column('registered_on', existing_type=sa.Date(), nullable=False)
        for column in ('reason', 'decided_by', 'decided_at', 'due_on', 'session_id',
                       'hittosha_kana', 'applied_at', 'receipt_no', 'status'):
            batch_op.drop_column(column)
    # Other tables point at these four: dropped in place (SQLite 3.35+), never copied anew.
    for table, column in (('cards', 'signing_status'), ('residents', 'hittosha_kana'),
                          ('municipalities', 'registration_days'), ('sessions', 'service')):
        with op.batch_alter_table(table, schema=None, recreate='never') as batch_op:
            batch_op.drop_column(column)
