"""initial schema: register, card registry, calendar, kiosks, ledger

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('certificate_types',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_certificate_types'))
    )
    op.create_table('municipalities',
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('prefecture', sa.String(length=10), nullable=False),
    sa.Column('mayor', sa.String(length=40), nullable=False),
    sa.Column('fees_are_demo', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_municipalities'))
    )
    op.create_table('service_windows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opens', sa.Time(), nullable=False),
    sa.Column('closes', sa.Time(), nullable=False),
    sa.Column('year_end_from', sa.String(length=5), nullable=False),
    sa.Column('year_end_to', sa.String(length=5), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_windows'))
    )
    op.create_table('certificate_windows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_code', sa.String(length=6), nullable=False),
    sa.Column('certificate_code', sa.String(length=20), nullable=False),
    sa.Column('working_days_only', sa.Boolean(), nullable=False),
    sa.Column('opens', sa.Time(), nullable=True),
    sa.Column('closes', sa.Time(), nullable=True),
    sa.ForeignKeyConstraint(['certificate_code'], ['certificate_types.code'], name=op.f('fk_certificate_windows_certificate_code_certificate_types')),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipalities.code'], name=op.f('fk_certificate_windows_municipality_code_municipalities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_windows')),
    sa.UniqueConstraint('municipality_code', 'certificate_code', name=op.f('uq_certificate_windows_municipality_code'))
    )
    op.create_table('fee_schedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_code', sa.String(length=6), nullable=False),
    sa.Column('certificate_code', sa.String(length=20), nullable=False),
    sa.Column('fee_yen', sa.Integer(), nullable=False),
    sa.Column('honseki_scope', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['certificate_code'], ['certificate_types.code'], name=op.f('fk_fee_schedule_certificate_code_certificate_types')),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipalities.code'], name=op.f('fk_fee_schedule_municipality_code_municipalities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_schedule')),
    sa.UniqueConstraint('municipality_code', 'certificate_code', name=op.f('uq_fee_schedule_municipality_code'))
    )
    op.create_table('households',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_code', sa.String(length=6), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipalities.code'], name=op.f('fk_households_municipality_code_municipalities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_households'))
    )
    op.create_table('kiosks',
    sa.Column('kiosk_id', sa.String(length=60), nullable=False),
    sa.Column('store_name', sa.String(length=80), nullable=False),
    sa.Column('chain', sa.String(length=40), nullable=False),
    sa.Column('municipality_code', sa.String(length=6), nullable=True),
    sa.Column('opens', sa.Time(), nullable=True),
    sa.Column('closes', sa.Time(), nullable=True),
    sa.Column('zone', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipalities.code'], name=op.f('fk_kiosks_municipality_code_municipalities')),
    sa.PrimaryKeyConstraint('kiosk_id', name=op.f('pk_kiosks'))
    )
    op.create_table('maintenance_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('municipality_code', sa.String(length=6), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipalities.code'], name=op.f('fk_maintenance_days_municipality_code_municipalities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maintenance_days')),
    sa.UniqueConstraint('day', 'municipality_code', name=op.f('uq_maintenance_days_day'))
    )
    with op.batch_alter_table('maintenance_days', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maintenance_days_day'), ['day'], unique=False)

    op.create_table('residents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resident_code', sa.String(length=11), nullable=False),
    sa.Column('my_number', sa.String(length=12), nullable=False),
    sa.Column('municipality_code', sa.String(length=6), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('member_order', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(length=20), nullable=False),
    sa.Column('family_name', sa.String(length=60), nullable=False),
    sa.Column('given_name', sa.String(length=60), nullable=False),
    sa.Column('family_kana', sa.String(length=60), nullable=False),
    sa.Column('given_kana', sa.String(length=60), nullable=False),
    sa.Column('former_surname', sa.String(length=60), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('became_resident_on', sa.Date(), nullable=False),
    sa.Column('address_set_on', sa.Date(), nullable=False),
    sa.Column('previous_address', sa.String(length=200), nullable=True),
    sa.Column('honseki_municipality_code', sa.String(length=6), nullable=True),
    sa.Column('honseki_address', sa.String(length=200), nullable=True),
    sa.Column('hittosha', sa.String(length=60), nullable=True),
    sa.Column('nationality', sa.String(length=40), nullable=True),
    sa.Column('residence_card_no', sa.String(length=12), nullable=True),
    sa.Column('residence_status', sa.String(length=60), nullable=True),
    sa.Column('stay_period', sa.String(length=20), nullable=True),
    sa.Column('stay_expires_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('status_changed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_residents_household_id_households')),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipalities.code'], name=op.f('fk_residents_municipality_code_municipalities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_residents')),
    sa.UniqueConstraint('my_number', name=op.f('uq_residents_my_number')),
    sa.UniqueConstraint('resident_code', name=op.f('uq_residents_resident_code'))
    )
    with op.batch_alter_table('residents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_residents_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_residents_municipality_code'), ['municipality_code'], unique=False)

    op.create_table('cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_name', sa.String(length=60), nullable=False),
    sa.Column('card_serial', sa.String(length=20), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('certificate_serial', sa.String(length=50), nullable=False),
    sa.Column('certificate_expires_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('face_auth', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['resident_id'], ['residents.id'], name=op.f('fk_cards_resident_id_residents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cards')),
    sa.UniqueConstraint('card_name', name=op.f('uq_cards_card_name')),
    sa.UniqueConstraint('card_serial', name=op.f('uq_cards_card_serial')),
    sa.UniqueConstraint('certificate_serial', name=op.f('uq_cards_certificate_serial'))
    )
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cards_resident_id'), ['resident_id'], unique=False)

    op.create_table('honseki_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('municipality_code', sa.String(length=6), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipalities.code'], name=op.f('fk_honseki_registrations_municipality_code_municipalities')),
    sa.ForeignKeyConstraint(['resident_id'], ['residents.id'], name=op.f('fk_honseki_registrations_resident_id_residents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_honseki_registrations')),
    sa.UniqueConstraint('resident_id', 'municipality_code', name=op.f('uq_honseki_registrations_resident_id'))
    )
    op.create_table('seal_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('registration_no', sa.String(length=20), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('impression', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['resident_id'], ['residents.id'], name=op.f('fk_seal_registrations_resident_id_residents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seal_registrations')),
    sa.UniqueConstraint('registration_no', name=op.f('uq_seal_registrations_registration_no')),
    sa.UniqueConstraint('resident_id', name=op.f('uq_seal_registrations_resident_id'))
    )
    op.create_table('tax_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('income_yen', sa.Integer(), nullable=False),
    sa.Column('taxable_income_yen', sa.Integer(), nullable=False),
    sa.Column('municipal_tax_yen', sa.Integer(), nullable=False),
    sa.Column('prefectural_tax_yen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['resident_id'], ['residents.id'], name=op.f('fk_tax_records_resident_id_residents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tax_records')),
    sa.UniqueConstraint('resident_id', 'fiscal_year', name=op.f('uq_tax_records_resident_id'))
    )
    with op.batch_alter_table('tax_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tax_records_resident_id'), ['resident_id'], unique=False)

    op.create_table('card_revocations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('certificate_serial', sa.String(length=50), nullable=False),
    sa.Column('reason', sa.String(length=12), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=False),
    sa.Column('lifted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_revocations_card_id_cards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_revocations'))
    )
    with op.batch_alter_table('card_revocations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_revocations_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_card_revocations_certificate_serial'), ['certificate_serial'], unique=False)

    op.create_table('sessions',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('kiosk_id', sa.String(length=60), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('challenge', sa.LargeBinary(), nullable=True),
    sa.Column('challenge_expires_at', sa.DateTime(), nullable=False),
    sa.Column('challenge_used', sa.Boolean(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('holder_resident_id', sa.Integer(), nullable=True),
    sa.Column('request', sa.JSON(), nullable=True),
    sa.Column('due_yen', sa.Integer(), nullable=False),
    sa.Column('change_yen', sa.Integer(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_sessions_card_id_cards')),
    sa.ForeignKeyConstraint(['holder_resident_id'], ['residents.id'], name=op.f('fk_sessions_holder_resident_id_residents')),
    sa.ForeignKeyConstraint(['kiosk_id'], ['kiosks.kiosk_id'], name=op.f('fk_sessions_kiosk_id_kiosks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sessions'))
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sessions_kiosk_id'), ['kiosk_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sessions_opened_at'), ['opened_at'], unique=False)

    op.create_table('issuances',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('transaction_no', sa.String(length=20), nullable=False),
    sa.Column('session_id', sa.String(length=32), nullable=False),
    sa.Column('kiosk_id', sa.String(length=60), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('municipality_code', sa.String(length=6), nullable=False),
    sa.Column('certificate_code', sa.String(length=20), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('copies_requested', sa.Integer(), nullable=False),
    sa.Column('unit_fee_yen', sa.Integer(), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['certificate_code'], ['certificate_types.code'], name=op.f('fk_issuances_certificate_code_certificate_types')),
    sa.ForeignKeyConstraint(['kiosk_id'], ['kiosks.kiosk_id'], name=op.f('fk_issuances_kiosk_id_kiosks')),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipalities.code'], name=op.f('fk_issuances_municipality_code_municipalities')),
    sa.ForeignKeyConstraint(['resident_id'], ['residents.id'], name=op.f('fk_issuances_resident_id_residents')),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_issuances_session_id_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issuances')),
    sa.UniqueConstraint('session_id', name=op.f('uq_issuances_session_id')),
    sa.UniqueConstraint('transaction_no', name=op.f('uq_issuances_transaction_no'))
    )
    with op.batch_alter_table('issuances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issuances_issued_at'), ['issued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_issuances_kiosk_id'), ['kiosk_id'], unique=False)

    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('yen', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_payments_session_id_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments')),
    sa.UniqueConstraint('session_id', 'seq', name=op.f('uq_payments_session_id'))
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_session_id'), ['session_id'], unique=False)

    op.create_table('refunds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('yen', sa.Integer(), nullable=False),
    sa.Column('refunded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_refunds_session_id_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refunds')),
    sa.UniqueConstraint('session_id', 'kind', name=op.f('uq_refunds_session_id'))
    )
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refunds_session_id'), ['session_id'], unique=False)

    op.create_table('session_steps',
    sa.Column('session_id', sa.String(length=32), nullable=False),
    sa.Column('step', sa.String(length=40), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_steps_session_id_sessions')),
    sa.PrimaryKeyConstraint('session_id', 'step', name=op.f('pk_session_steps'))
    )
    op.create_table('issued_copies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issuance_id', sa.String(length=32), nullable=False),
    sa.Column('copy_no', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['issuance_id'], ['issuances.id'], name=op.f('fk_issued_copies_issuance_id_issuances')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_copies')),
    sa.UniqueConstraint('issuance_id', 'copy_no', name=op.f('uq_issued_copies_issuance_id'))
    )


def downgrade() -> None:
    op.drop_table('issued_copies')
    op.drop_table('session_steps')
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refunds_session_id'))

    op.drop_table('refunds')
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_session_id'))

    op.drop_table('payments')
    with op.batch_alter_table('issuances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issuances_kiosk_id'))
        batch_op.drop_index(batch_op.f('ix_issuances_issued_at'))

    op.drop_table('issuances')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sessions_opened_at'))
        batch_op.drop_index(batch_op.f('ix_sessions_kiosk_id'))

    op.drop_table('sessions')
    with op.batch_alter_table('card_revocations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_revocations_certificate_serial'))
        batch_op.drop_index(batch_op.f('ix_card_revocations_card_id'))

    op.drop_table('card_revocations')
    with op.batch_alter_table('tax_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tax_records_resident_id'))

    op.drop_table('tax_records')
    op.drop_table('seal_registrations')
    op.drop_table('honseki_registrations')
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cards_resident_id'))

    op.drop_table('cards')
    with op.batch_alter_table('residents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_residents_municipality_code'))
        batch_op.drop_index(batch_op.f('ix_residents_household_id'))

    op.drop_table('residents')
    with op.batch_alter_table('maintenance_days', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maintenance_days_day'))

    op.drop_table('maintenance_days')
    op.drop_table('kiosks')
    op.drop_table('households')
    op.drop_table('fee_schedule')
    op.drop_table('certificate_windows')
    op.drop_table('service_windows')
    op.drop_table('municipalities')
    op.drop_table('certificate_types')
