"""戸籍の附票 as plain data, and what makes one agree with its 戸籍 and the 住民票.

The 附票 is kept with a 戸籍 (住民基本台帳法 §16–§17): for every person in it, each 住所 with
its 住所を定めた年月日, from the day the person entered this 戸籍 until today. Its first line is
the address held on entry (dated on or before it; a newborn's is the birth date), the later
lines follow in order, none before birth or after today, and the last is the 住民票's 住所 with
its 住所を定めた日.

`entered_on(register, member)` is the day a person entered a 戸籍; `history(...)` cuts an
address list to what the 附票 records; `address_problems(...)` lists what breaks the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from backend.rules.register import FamilyRegister, Problem, RegisterMember, Rule


@dataclass(frozen=True)
class AddressLine:
    """One line of the 附票: 住所 and 住所を定めた年月日."""

    address: str
    set_on: date


def entered_on(register: FamilyRegister, member: RegisterMember) -> date:
    """入籍: the 婚姻 or 分籍 that brought the person in (a 従前戸籍), else the later of birth
    and 編製 (born into it, or there when it was made by 転籍 or 改製)."""
    came = next((e for e in member.events if e.former is not None), None)
    return came.on if came is not None else max(member.birth_date, register.made_on)


def history(lines: Sequence[AddressLine], entered: date) -> tuple[AddressLine, ...]:
    """The lines the 附票 records: from the one held on `entered` (the latest set on or before
    it) on. `lines` oldest first; nothing held on entry keeps them all (a problem to report)."""
    held = [i for i, line in enumerate(lines) if line.set_on <= entered]
    return tuple(lines[held[-1]:] if held else lines)


def address_problems(person: str, birth_date: date, entered: date,
                     lines: Sequence[AddressLine], address: str | None,
                     address_set_on: date, today: date) -> list[Problem]:
    """The 附票 `lines` of one person against their entry into the 戸籍 and the 住民票
    (`address`, `address_set_on`; `address` None where the 住民票 does not say it)."""
    def problem(detail: str) -> Problem:
        return Problem(Rule.ADDRESSES, person, detail)

    if not lines:
        return [problem("the 附票 lists no address")]
    found = []
    first = lines[0].set_on
    if first > entered:
        found.append(problem(f"first address set {first}, after entering the 戸籍 {entered}"))
    if entered == birth_date and first != birth_date:
        found.append(problem(f"born into the 戸籍 {birth_date}, first address set {first}"))
    if len(lines) > 1 and lines[1].set_on <= entered:
        found.append(problem("an address before the one held on entering the 戸籍"))
    days = [line.set_on for line in lines]
    if any(a >= b for a, b in zip(days, days[1:])):
        found.append(problem(f"住所を定めた年月日 out of order: {days}"))
    if min(days) < birth_date or max(days) > today:
        found.append(problem(f"an address set before birth {birth_date} or after today"))
    last = lines[-1]
    if last.set_on != address_set_on or (address is not None and last.address != address):
        found.append(problem(f"last address {last.address} ({last.set_on}), the 住民票's "
                             f"{address} ({address_set_on})"))
    return found


__all__ = ["AddressLine", "address_problems", "entered_on", "history"]
