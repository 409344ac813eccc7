"""Birthdays and ages, the arithmetic every validity and eligibility rule needs."""

from __future__ import annotations

from datetime import date


def birthday_in(birth: date, year: int) -> date:
    """The birthday in `year`; someone born on 29 February has it on the 28th in common years."""
    try:
        return birth.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def age_on(birth: date, day: date) -> int:
    """Completed years on `day` (the birthday itself counts)."""
    if day < birth:
        raise ValueError("day before birth")
    years = day.year - birth.year
    return years if day >= birthday_in(birth, day.year) else years - 1


def nth_birthday_after(birth: date, day: date, n: int) -> date:
    """The n-th birthday strictly after `day` (発行日後n回目の誕生日)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    first_year = day.year if birthday_in(birth, day.year) > day else day.year + 1
    return birthday_in(birth, first_year + n - 1)
