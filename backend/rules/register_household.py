"""The 住民票 household and the 戸籍 against each other, and the 住民票's own dates.

A 住民票 prints 本籍 and 筆頭者 and the 続柄 to the 世帯主; all three must be what the 戸籍
says: the person is in (not 除籍 from) the 戸籍 of that 本籍 and 筆頭者, under its 氏 with the
same birth date; a 妻 is the 世帯主's 配偶者区分 妻; a 子 has the 世帯主 as 【父】 or 【母】; a
子の妻 is married to such a 子; a 孫 is a 子's child. The dates: nobody becomes a resident or
settles before birth, the 附票 runs from entry into the 戸籍 to the 住民票's 住所
(`backend.rules.register_addresses`), and a person born here (住民となった日 is the birth date, 異動事由 出生)
has no 前住所 unless they moved within the town since (a 転居: 住所を定めた日 after it).

`problems(households, registers, today)` is every check of `backend.rules.register` and of
this module over a whole register: what the tests run over the demo data and the synthetic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from backend.rules import moves
from backend.rules.register_addresses import AddressLine, address_problems, entered_on
from backend.rules.register import (MARRIAGE, FamilyRegister, Problem, RegisterMember, Rule,
                                    plain, register_problems, same_ref, surname)

BORN_HERE = moves.BIRTH     # 異動事由 of a resident born into the municipality


@dataclass(frozen=True)
class HouseholdPerson:
    """One person of a 住民票 household, with what the 住民票 says of the 戸籍."""

    person: str                       # the same name as `RegisterMember.person`
    family_name: str
    given_name: str
    sex: str
    birth_date: date
    relation: str                     # 続柄 to the 世帯主 (世帯主, 妻, 子, 子の妻, 孫…)
    became_resident_on: date          # 住民となった日
    address_set_on: date              # 住所を定めた日
    previous_address: str | None = None
    moved_in_by: str | None = None    # 異動事由 where recorded (出生, 転入…)
    former_surname: str | None = None  # 旧氏
    honseki_code: str | None = None
    honseki: str | None = None
    hittosha: str | None = None
    hittosha_kana: str | None = None
    address: str | None = None        # 住所 (None: not said)
    fuhyo: tuple[AddressLine, ...] = ()  # the 附票's lines for this person, oldest first

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}"


@dataclass(frozen=True)
class Household:
    key: str
    persons: tuple[HouseholdPerson, ...]


@dataclass(frozen=True)
class Placed:
    """A person's present row in a 戸籍."""

    register: FamilyRegister
    member: RegisterMember


def placements(registers: Iterable[FamilyRegister]) -> dict[str, list[Placed]]:
    """Where each person is now (not 除籍), by `person`."""
    found: dict[str, list[Placed]] = defaultdict(list)
    for r in registers:
        for m in r.members:
            if m.present:
                found[m.person].append(Placed(r, m))
    return found


def problems(households: Iterable[Household], registers: Sequence[FamilyRegister],
             today: date) -> list[Problem]:
    """Every rule over every 戸籍 and household, and across the 戸籍."""
    found = [p for r in registers for p in register_problems(r, today)]
    found += link_problems(registers)
    where = placements(registers)
    for h in households:
        found += household_problems(h, where, registers, today)
    return found


def link_problems(registers: Sequence[FamilyRegister]) -> list[Problem]:
    """One person is now in one 戸籍, and every row about them says the same of their birth;
    a 新本籍 or 従前戸籍 naming a 戸籍 of these is one the person is in."""
    found = []
    rows: dict[str, list[tuple[FamilyRegister, RegisterMember]]] = defaultdict(list)
    for r in registers:
        for m in r.members:
            rows[m.person].append((r, m))
    for person, seen in rows.items():
        if sum(m.present for _, m in seen) > 1:
            found.append(Problem(Rule.LINKS, person, "in two 戸籍 at once"))
        facts = {(m.given_name, m.sex, m.birth_date, plain(m.father), plain(m.mother),
                  m.relation, m.birth) for _, m in seen}
        if len(facts) > 1:
            found.append(Problem(Rule.LINKS, person, "two 戸籍 disagree about this person"))
        for _, m in seen:
            for e in m.events:
                for ref in (e.former, e.new):
                    named = next((r for r in registers if same_ref(r.ref, ref)), None)
                    if named is not None and all(x.person != person for x in named.members):
                        found.append(Problem(Rule.LINKS, person,
                                             f"{e.kind} names {named.key}, which lacks them"))
    return found


def household_problems(h: Household, where: dict[str, list[Placed]],
                       registers: Sequence[FamilyRegister], today: date) -> list[Problem]:
    found = [p for person in h.persons for p in resident_date_problems(person, today)]
    heads = [p for p in h.persons if p.relation == "世帯主"]
    if len(heads) != 1:
        found.append(Problem(Rule.HOUSEHOLD_RELATION, h.key, f"{len(heads)} 世帯主"))
    for p in h.persons:
        found += _register_agrees(p, where.get(p.person, []))
        found += _fuhyo_agrees(p, where.get(p.person, []), today)
    if len(heads) == 1:
        found += _relations_agree(h, heads[0], where, registers)
    return found


def resident_date_problems(p: HouseholdPerson, today: date) -> list[Problem]:
    """住民となった日 and 住所を定めた日 from birth on, in that order; born here and never moved
    since: no 前住所."""
    found = []
    if not p.birth_date <= p.became_resident_on <= p.address_set_on <= today:
        found.append(Problem(Rule.RESIDENT_DATES, p.person,
                             f"born {p.birth_date}, resident {p.became_resident_on}, "
                             f"settled {p.address_set_on}"))
    born_here = p.became_resident_on == p.birth_date
    if p.moved_in_by is not None and (p.moved_in_by == BORN_HERE) != born_here:
        found.append(Problem(Rule.RESIDENT_DATES, p.person,
                             f"異動事由 {p.moved_in_by} but resident from {p.became_resident_on}"))
    moved_since = p.address_set_on > p.became_resident_on     # a 転居 within the town since
    if (born_here or p.moved_in_by == BORN_HERE) and p.previous_address and not moved_since:
        found.append(Problem(Rule.RESIDENT_DATES, p.person, "born here, yet a 前住所"))
    return found


def _register_agrees(p: HouseholdPerson, placed: list[Placed]) -> list[Problem]:
    if not placed:
        if p.honseki or p.hittosha:
            return [Problem(Rule.HOUSEHOLD_REGISTER, p.person, "本籍 on the 住民票, in no 戸籍")]
        return []
    r, m = placed[0].register, placed[0].member
    said = (p.honseki_code, plain(p.honseki), plain(p.hittosha), plain(p.hittosha_kana))
    recorded = (r.honseki_code, plain(r.honseki), plain(r.hittosha), plain(r.hittosha_kana))
    found = []
    if said != recorded:
        found.append(Problem(Rule.HOUSEHOLD_REGISTER, p.person, f"住民票 {said}, 戸籍 {recorded}"))
    if (p.family_name, p.given_name, p.sex, p.birth_date) != (
            r.family_name, m.given_name, m.sex, m.birth_date):
        found.append(Problem(Rule.HOUSEHOLD_REGISTER, p.person, "name, sex or birth unlike the 戸籍"))
    if p.former_surname:
        married = m.event(MARRIAGE)
        before = surname(married.former.hittosha) if married and married.former else None
        if before != p.former_surname:
            found.append(Problem(Rule.HOUSEHOLD_REGISTER, p.person,
                                 f"旧氏 {p.former_surname}, 従前戸籍's 氏 {before}"))
    return found


def _fuhyo_agrees(p: HouseholdPerson, placed: list[Placed], today: date) -> list[Problem]:
    """The 附票 of the 戸籍 the person is in, from their entry into it to the 住民票's 住所."""
    if not placed:
        return []
    entered = entered_on(placed[0].register, placed[0].member)
    return address_problems(p.person, p.birth_date, entered, p.fuhyo, p.address,
                            p.address_set_on, today)


def _relations_agree(h: Household, head: HouseholdPerson, where: dict[str, list[Placed]],
                     registers: Sequence[FamilyRegister]) -> list[Problem]:
    head_at = where.get(head.person)
    if not head_at:
        return []
    found = []
    for p in h.persons:
        placed = where.get(p.person)
        if p is head or not placed:
            continue
        if _says(p.relation, placed[0], head_at[0], registers) is False:
            found.append(Problem(Rule.HOUSEHOLD_RELATION, p.person,
                                 f"{p.relation} of {head.full_name}, which the 戸籍 does not say"))
    return found


def _says(relation: str, at: Placed, head: Placed,
          registers: Sequence[FamilyRegister]) -> bool | None:
    """Whether the 戸籍 say the person is the 世帯主's `relation`; None: a relation (同居人,
    縁故者…) the 戸籍 cannot tell."""
    r, m = at.register, at.member
    head_names = head.register.names_of(head.member)

    def child_of_head(m: RegisterMember) -> bool:
        return any(plain(n) in head_names for n in (m.father, m.mother) if n)

    spouse = next((x for x in r.members if x.present and x.spouse_role and x is not m),
                  None) if m.spouse_role else None
    if relation in ("妻", "夫"):
        return m.spouse_role == relation and r is head.register and spouse is head.member
    if relation == "子":
        return child_of_head(m)
    if relation in ("子の妻", "子の夫"):
        return m.spouse_role == relation[-1] and spouse is not None and child_of_head(spouse)
    if relation == "孫":
        parents = {plain(n) for n in (m.father, m.mother) if n}
        return any(child_of_head(x) for reg in registers for x in reg.members
                   if parents & reg.names_of(x))
    return None


__all__ = ["BORN_HERE", "Household", "HouseholdPerson", "household_problems", "link_problems",
           "placements", "problems", "resident_date_problems"]
