"""Japanese era dates (和暦): 令和7年1月1日, 平成元年1月8日, 昭和64年1月7日.

Eras change on the day a new one begins (the old era's last day is the day before). Dates
before 1873-01-01 (the adoption of the Gregorian calendar, 明治6年) are refused rather than
printed wrong.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class Era(NamedTuple):
    name: str
    first_day: date


ERAS: tuple[Era, ...] = (           # newest first
    Era("令和", date(2019, 5, 1)),
    Era("平成", date(1989, 1, 8)),
    Era("昭和", date(1926, 12, 25)),
    Era("大正", date(1912, 7, 30)),
    Era("明治", date(1868, 1, 25)),  # 明治元年 began earlier; only post-1873 dates are accepted
)

GREGORIAN_ADOPTED = date(1873, 1, 1)


class EraDate(NamedTuple):
    era: str
    year: int   # 1 = 元年
    month: int
    day: int


def to_era(d: date) -> EraDate:
    if d < GREGORIAN_ADOPTED:
        raise ValueError(f"{d.isoformat()} is before the Gregorian calendar was adopted in Japan")
    for era in ERAS:
        if d >= era.first_day:
            return EraDate(era.name, d.year - era.first_day.year + 1, d.month, d.day)
    raise AssertionError("unreachable: 明治 covers every accepted date")


def era_year(year: int) -> str:
    """'元' for the first year, else the number."""
    return "元" if year == 1 else str(year)


def format_date(d: date) -> str:
    """令和7年1月1日."""
    e = to_era(d)
    return f"{e.era}{era_year(e.year)}年{e.month}月{e.day}日"


def format_year(year: int, suffix: str = "年") -> str:
    """A calendar year as the era it is mostly in (its 31 December): 2025 → 令和7年, 2019 → 令和元年.

    Used for 年度 / 年中 labels on the tax certificate."""
    e = to_era(date(year, 12, 31))
    return f"{e.era}{era_year(e.year)}{suffix}"
