"""the items real certificates carry: on residents the 住民票's 異動事由 and 届出日, the 附票's
date of the former address, and a foreign resident's 外国人住民となった年月日, §30の45 区分 and
通称; on tax_records the 課税台帳's 収入, 所得 and 控除 by kind, 扶養 and 所得割・均等割

Revision ID: 0005
Revises: 0004
Create Date: 2027-02-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

RESIDENT_COLUMNS = (
    ('move_reason', sa.String(length=10)),
    ('notified_on', sa.Date()),
    ('previous_address_set_on', sa.Date()),
    ('foreign_resident_since', sa.Date()),
    ('section_30_45', sa.String(length=20)),
    ('common_name', sa.String(length=60)),
)
# Older rows hold the totals only: their kinds read 0.
TAX_FIGURES = (
    'salary_revenue_yen', 'pension_revenue_yen', 'salary_income_yen', 'pension_income_yen',
    'business_income_yen', 'social_insurance_deduction_yen', 'life_insurance_deduction_yen',
    'spouse_deduction_yen', 'dependant_deduction_yen', 'basic_deduction_yen', 'dependants',
    'young_dependants', 'municipal_income_levy_yen', 'municipal_per_capita_yen',
    'prefectural_income_levy_yen', 'prefectural_per_capita_yen',
)


def upgrade() -> None:
    with op.batch_alter_table('residents', schema=None) as batch_op:
        for name, type_ in RESIDENT_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
    with op.batch_alter_table('tax_records', schema=None) as batch_op:
        for name in TAX_FIGURES:
            batch_op.add_column(sa.Column(name, sa.Integer(), server_default='0', nullable=False))
    # Before this revision a foreign resident with a period of stay was a 中長期在留者, and a
    # resident here from the day they became one: without the 区分 their 住民票 is refused.
    op.execute("UPDATE residents SET section_30_45 = '中長期在留者',"
               " foreign_resident_since = became_resident_on"
               " WHERE nationality IS NOT NULL AND stay_expires_on IS NOT NULL")


def downgrade() -> None:
    # Other tables point at residents: its columns are dropped in place (SQLite 3.35+).
    for table, names in (('tax_records', TAX_FIGURES),
                         ('residents', tuple(name for name, _ in RESIDENT_COLUMNS))):
        with op.batch_alter_table(table, schema=None, recreate='never') as batch_op:
            for name in reversed(names):
                batch_op.drop_column(name)
