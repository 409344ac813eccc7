"""住民税 (市町村民税・道府県民税): the assessment the 課税台帳 holds, simplified.

What the demo's and the synthetic residents' 課税台帳 rows are made by, and what a
certificate's figures must agree with. Real rules, simplified as follows:

- 給与所得 = 給与収入 − 給与所得控除 (令和2年分以降の算式; from 令和7年分 the minimum is
  650,000 yen); the table's 4,000-yen steps below 6.6 million yen are left out.
- 公的年金等に係る雑所得 = 収入 − 公的年金等控除 (65 or older at the year's end: at least
  1,100,000 yen; else 600,000), as when the other income is 10 million yen or less.
- 営業等所得 is given as 所得 (revenue less expenses is not kept).
- 総所得金額 = the 所得 by kind, summed.
- 所得控除, the 住民税 amounts: 基礎控除 430,000 yen (合計所得 24 million yen or less; 290,000,
  150,000, then none up to and over 25 million); 配偶者控除 330,000; 扶養控除 330,000 per relative
  16 or older, 450,000 for one 19 to 22 (特定), 380,000 for one 70 or older (老人); 16歳未満
  none; 社会保険料控除 as paid; 生命保険料控除 as given, at most 70,000.
- 課税標準額 = 総所得金額 − 所得控除の合計, never below 0, 1,000円未満切捨て.
- 所得割 = 課税標準額 × 6 % (市町村民税) and × 4 % (道府県民税), 100円未満切捨て; no 税額控除
  (調整控除, 住宅ローン控除, 配当控除…).
- 均等割 = 3,000 yen (市町村民税) and 1,000 yen (道府県民税); the 森林環境税 (a national tax
  levied with it, 1,000 yen since 令和6年度) is left out.
- 非課税 (1級地): 総所得金額 at most 450,000 yen alone, or 350,000 × (1 + spouse + relatives)
  + 310,000 with dependants; then neither 均等割 nor 所得割 (one line for both).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MUNICIPAL_RATE, PREFECTURAL_RATE = 6, 4          # % of 課税標準額
MUNICIPAL_PER_CAPITA, PREFECTURAL_PER_CAPITA = 3_000, 1_000
SPOUSE_DEDUCTION = 330_000
LIFE_INSURANCE_CAP = 70_000
PREFECTURAL_TAX = {"都": "都民税", "道": "道民税", "府": "府民税", "県": "県民税"}


@dataclass(frozen=True)
class Assessment:
    """One year's 住民税 for one person. The names are the 課税台帳's columns (TaxRecord)."""

    salary_revenue_yen: int            # 給与収入
    pension_revenue_yen: int           # 公的年金等収入
    salary_income_yen: int             # 給与所得
    pension_income_yen: int            # 雑所得（公的年金等）
    business_income_yen: int           # 営業等所得
    income_yen: int                    # 総所得金額
    social_insurance_deduction_yen: int  # 社会保険料控除
    life_insurance_deduction_yen: int  # 生命保険料控除
    spouse_deduction_yen: int          # 配偶者控除
    dependant_deduction_yen: int       # 扶養控除
    basic_deduction_yen: int           # 基礎控除
    dependants: int                    # 扶養親族 (16 or older)
    young_dependants: int              # 16歳未満扶養親族
    taxable_income_yen: int            # 課税標準額
    municipal_income_levy_yen: int     # 市町村民税 所得割
    municipal_per_capita_yen: int      # 市町村民税 均等割
    prefectural_income_levy_yen: int   # 道府県民税 所得割
    prefectural_per_capita_yen: int    # 道府県民税 均等割
    municipal_tax_yen: int             # 市町村民税
    prefectural_tax_yen: int           # 道府県民税

    @property
    def deductions_yen(self) -> int:
        """所得控除額合計."""
        return (self.social_insurance_deduction_yen + self.life_insurance_deduction_yen
                + self.spouse_deduction_yen + self.dependant_deduction_yen
                + self.basic_deduction_yen)


def salary_deduction(revenue: int, income_year: int) -> int:
    """給与所得控除 (never more than the revenue)."""
    if revenue <= (1_900_000 if income_year >= 2025 else 1_625_000):
        floor = 650_000 if income_year >= 2025 else 550_000
        return min(revenue, floor)
    if revenue <= 1_800_000:
        return revenue * 40 // 100 - 100_000
    steps = ((3_600_000, 30, 80_000), (6_600_000, 20, 440_000), (8_500_000, 10, 1_100_000))
    for upto, rate, plus in steps:
        if revenue <= upto:
            return revenue * rate // 100 + plus
    return 1_950_000


def pension_deduction(revenue: int, age: int) -> int:
    """公的年金等控除 (never more than the revenue)."""
    floor = 1_100_000 if age >= 65 else 600_000
    steps = ((4_100_000, 25, 275_000), (7_700_000, 15, 685_000), (10_000_000, 5, 1_455_000))
    for upto, rate, plus in steps:
        if revenue <= upto:
            return min(revenue, max(floor, revenue * rate // 100 + plus))
    return 1_955_000


def basic_deduction(income: int) -> int:
    """基礎控除 (住民税) by 合計所得金額."""
    for upto, amount in ((24_000_000, 430_000), (24_500_000, 290_000), (25_000_000, 150_000)):
        if income <= upto:
            return amount
    return 0


def relative_deduction(age: int) -> int:
    """扶養控除 for one relative of this age at the year's end (住民税)."""
    if age < 16:
        return 0
    if 19 <= age <= 22:
        return 450_000
    return 380_000 if age >= 70 else 330_000


def exempt(income: int, dependants: int) -> bool:
    """非課税 (1級地): too little income for either 均等割 or 所得割."""
    line = 450_000 if dependants == 0 else 350_000 * (1 + dependants) + 310_000
    return income <= line


def assess(*, income_year: int, age: int, salary_revenue: int = 0, pension_revenue: int = 0,
           business_income: int = 0, social_insurance: int = 0, life_insurance: int = 0,
           spouse: bool = False, relative_ages: Sequence[int] = ()) -> Assessment:
    """The 住民税 on one person's `income_year` (the 年度 after it), by the rules above.

    `age` and `relative_ages` are at the end of `income_year`; a spouse is a 控除対象配偶者."""
    if min(salary_revenue, pension_revenue, business_income, social_insurance,
           life_insurance, age, *relative_ages) < 0:
        raise ValueError("amounts and ages are never negative")
    salary = salary_revenue - salary_deduction(salary_revenue, income_year)
    pension = pension_revenue - pension_deduction(pension_revenue, age)
    income = salary + pension + business_income
    relatives = [a for a in relative_ages if a >= 16]
    young = len(relative_ages) - len(relatives)
    deductions = dict(
        social_insurance_deduction_yen=social_insurance,
        life_insurance_deduction_yen=min(life_insurance, LIFE_INSURANCE_CAP),
        spouse_deduction_yen=SPOUSE_DEDUCTION if spouse else 0,
        dependant_deduction_yen=sum(relative_deduction(a) for a in relatives),
        basic_deduction_yen=basic_deduction(income))
    taxable = max(0, income - sum(deductions.values())) // 1000 * 1000
    free = exempt(income, int(spouse) + len(relative_ages))
    levies = dict(
        municipal_income_levy_yen=0 if free else taxable * MUNICIPAL_RATE // 100 // 100 * 100,
        municipal_per_capita_yen=0 if free else MUNICIPAL_PER_CAPITA,
        prefectural_income_levy_yen=0 if free else taxable * PREFECTURAL_RATE // 100 // 100 * 100,
        prefectural_per_capita_yen=0 if free else PREFECTURAL_PER_CAPITA)
    return Assessment(
        salary_revenue_yen=salary_revenue, pension_revenue_yen=pension_revenue,
        salary_income_yen=salary, pension_income_yen=pension,
        business_income_yen=business_income, income_yen=income, **deductions,
        dependants=len(relatives), young_dependants=young, taxable_income_yen=taxable,
        **levies,
        municipal_tax_yen=levies["municipal_income_levy_yen"] + levies["municipal_per_capita_yen"],
        prefectural_tax_yen=(levies["prefectural_income_levy_yen"]
                             + levies["prefectural_per_capita_yen"]))


def tax_names(prefecture: str, municipality: str) -> tuple[str, str]:
    """The two taxes by their local names: (市民税 / 特別区民税 / 町民税 / 村民税, 道府県民税 as
    道民税 / 都民税 / 府民税 / 県民税). A ward of a city (京都市中京区) levies the city's 市民税."""
    if prefecture == "東京都" and municipality.endswith("区"):
        local = "特別区民税"
    elif "市" in municipality:
        local = "市民税"
    else:
        local = {"町": "町民税", "村": "村民税"}.get(municipality[-1:], "市町村民税")
    return local, PREFECTURAL_TAX.get(prefecture[-1:], "道府県民税")
