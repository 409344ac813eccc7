"""住民税 assessment (backend.rules.tax): the published deduction tables at their edges, and
the figures agreeing with each other for any income."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.rules.tax import (assess, basic_deduction, exempt, pension_deduction,
                               relative_deduction, salary_deduction, tax_names)


@pytest.mark.parametrize("revenue, year, deduction", [
    (0, 2024, 0), (500_000, 2024, 500_000), (1_625_000, 2024, 550_000),
    (1_700_000, 2024, 580_000), (1_800_000, 2024, 620_000), (3_600_000, 2024, 1_160_000),
    (6_600_000, 2024, 1_760_000), (8_500_000, 2024, 1_950_000), (12_000_000, 2024, 1_950_000),
    # 令和7年分から: the minimum is 650,000 yen up to 1.9 million
    (1_625_000, 2025, 650_000), (1_900_000, 2025, 650_000), (1_900_001, 2025, 650_000),
    (3_600_000, 2025, 1_160_000), (650_000, 2025, 650_000), (400_000, 2025, 400_000),
])
def test_salary_deduction(revenue, year, deduction):
    assert salary_deduction(revenue, year) == deduction


@pytest.mark.parametrize("revenue, age, deduction", [
    (1_000_000, 64, 600_000), (1_300_000, 64, 600_000), (2_000_000, 64, 775_000),
    (1_000_000, 65, 1_000_000), (3_300_000, 65, 1_100_000), (4_100_000, 65, 1_300_000),
    (7_700_000, 70, 1_840_000), (10_000_000, 70, 1_955_000), (12_000_000, 70, 1_955_000),
    (0, 70, 0), (400_000, 50, 400_000),
])
def test_pension_deduction(revenue, age, deduction):
    assert pension_deduction(revenue, age) == deduction


@pytest.mark.parametrize("income, deduction", [
    (0, 430_000), (24_000_000, 430_000), (24_000_001, 290_000), (24_500_000, 290_000),
    (25_000_000, 150_000), (25_000_001, 0)])
def test_basic_deduction(income, deduction):
    assert basic_deduction(income) == deduction


@pytest.mark.parametrize("age, deduction", [
    (0, 0), (15, 0), (16, 330_000), (18, 330_000), (19, 450_000), (22, 450_000), (23, 330_000),
    (69, 330_000), (70, 380_000), (95, 380_000)])
def test_relative_deduction(age, deduction):
    assert relative_deduction(age) == deduction


@pytest.mark.parametrize("income, dependants, free", [
    (450_000, 0, True), (450_001, 0, False), (1_010_000, 1, True), (1_010_001, 1, False),
    (1_360_000, 2, True)])
def test_exemption_line(income, dependants, free):
    assert exempt(income, dependants) is free


def test_a_salary_earner_with_a_family():
    a = assess(income_year=2025, age=45, salary_revenue=5_200_000, social_insurance=780_000,
               life_insurance=28_000, spouse=True, relative_ages=(17, 12, 8))
    assert a.salary_income_yen == 5_200_000 - 1_480_000
    assert (a.dependants, a.young_dependants) == (1, 2)
    assert a.dependant_deduction_yen == 330_000 and a.spouse_deduction_yen == 330_000
    assert a.deductions_yen == 780_000 + 28_000 + 330_000 + 330_000 + 430_000
    assert a.taxable_income_yen == 3_720_000 - a.deductions_yen
    assert a.taxable_income_yen == 1_822_000
    assert a.municipal_income_levy_yen == 109_300 and a.prefectural_income_levy_yen == 72_800
    assert a.municipal_tax_yen == 112_300 and a.prefectural_tax_yen == 73_800


def test_a_pensioner_below_the_line_pays_nothing():
    a = assess(income_year=2025, age=75, pension_revenue=1_500_000, social_insurance=120_000)
    assert a.pension_income_yen == 400_000 and a.income_yen == 400_000
    assert a.municipal_tax_yen == a.prefectural_tax_yen == 0


def test_life_insurance_is_capped_and_negatives_are_refused():
    assert assess(income_year=2025, age=40, salary_revenue=4_000_000,
                  life_insurance=200_000).life_insurance_deduction_yen == 70_000
    with pytest.raises(ValueError):
        assess(income_year=2025, age=40, salary_revenue=-1)


@given(salary=st.integers(0, 30_000_000), pension=st.integers(0, 5_000_000),
       business=st.integers(0, 10_000_000), age=st.integers(18, 100),
       spouse=st.booleans(), relatives=st.lists(st.integers(0, 100), max_size=5),
       year=st.integers(2020, 2027))
def test_the_figures_agree_with_each_other(salary, pension, business, age, spouse, relatives,
                                           year):
    a = assess(income_year=year, age=age, salary_revenue=salary, pension_revenue=pension,
               business_income=business, social_insurance=salary * 15 // 100, spouse=spouse,
               relative_ages=relatives)
    assert a.income_yen == a.salary_income_yen + a.pension_income_yen + a.business_income_yen
    assert 0 <= a.salary_income_yen <= salary and 0 <= a.pension_income_yen <= pension
    # 課税標準額 = 所得 − 控除, never negative, rounded down to 1,000 yen
    assert a.taxable_income_yen == max(0, a.income_yen - a.deductions_yen) // 1000 * 1000
    assert a.dependants + a.young_dependants == len(relatives)
    if exempt(a.income_yen, int(spouse) + len(relatives)):
        assert a.municipal_tax_yen == a.prefectural_tax_yen == 0
    else:
        assert a.municipal_per_capita_yen == 3_000 and a.prefectural_per_capita_yen == 1_000
        assert a.municipal_income_levy_yen == a.taxable_income_yen * 6 // 10_000 * 100
        assert a.prefectural_income_levy_yen == a.taxable_income_yen * 4 // 10_000 * 100
    assert a.municipal_tax_yen == a.municipal_income_levy_yen + a.municipal_per_capita_yen
    assert a.prefectural_tax_yen == a.prefectural_income_levy_yen + a.prefectural_per_capita_yen


@pytest.mark.parametrize("prefecture, municipality, names", [
    ("大阪府", "和泉市", ("市民税", "府民税")), ("北海道", "苫小牧市", ("市民税", "道民税")),
    ("東京都", "荒川区", ("特別区民税", "都民税")), ("京都府", "京都市中京区", ("市民税", "府民税")),
    ("北海道", "白老町", ("町民税", "道民税")), ("長野県", "南牧村", ("村民税", "県民税")),
    ("東京都", "八王子市", ("市民税", "都民税"))])
def test_the_taxes_go_by_their_local_names(prefecture, municipality, names):
    assert tax_names(prefecture, municipality) == names
