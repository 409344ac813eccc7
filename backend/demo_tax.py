"""The 課税台帳 rows of the demo and the synthetic residents, made by `backend.rules.tax`.

Deterministic figures per person (its index in the data): 給与収入 from 18 to 64, 公的年金等収入
from 65, 営業等所得 for every fifth person, 社会保険料 as a share of what they earn (15 % of a
salary, 8 % of a pension), 生命保険料控除 for every third. The household's head claims the
members with no income of their own: a spouse as 控除対象配偶者, anyone else as 扶養親族.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date

from backend.models import Resident, TaxRecord
from backend.rules.dates import age_on
from backend.rules.tax import Assessment, assess

SPOUSES = frozenset({"妻", "夫"})


def demo_assessment(index: int, birth_date: date, fiscal_year: int, *, spouse: bool = False,
                    relatives: Sequence[date] = ()) -> Assessment:
    """The index-th person's 住民税 of `fiscal_year` (on the income of the year before);
    `relatives` are the birth dates of the 扶養親族 they claim."""
    year = fiscal_year - 1
    end = date(year, 12, 31)
    age = age_on(birth_date, end)
    spread = (index * 383_000 + fiscal_year * 7_000) % 5_000_000
    salary = 2_400_000 + spread if age < 65 else 0
    pension = 1_800_000 + spread % 1_500_000 if age >= 65 else 0
    return assess(
        income_year=year, age=age, salary_revenue=salary, pension_revenue=pension,
        business_income=300_000 + spread % 900_000 if index % 5 == 2 else 0,
        social_insurance=salary * 15 // 100 + pension * 8 // 100,
        life_insurance=28_000 if index % 3 == 0 else 0, spouse=spouse,
        relative_ages=[age_on(b, end) for b in relatives if b <= end])


def tax_record(resident: Resident, fiscal_year: int, assessment: Assessment) -> TaxRecord:
    return TaxRecord(resident=resident, fiscal_year=fiscal_year, **asdict(assessment))
