"""N synthetic residents for load tests: deterministic (same seed, same people), register only.

`synthetic_households(n, seed)` is pure; `add_synthetic_residents(db, n, …)` writes them into
a seeded database next to the demo data. They carry valid My Numbers and resident codes in a
range the demo data does not use, and have no cards (cards need key generation; load tests
authenticate with the demo cards).

Each household is one coherent 戸籍 where they live: a single 世帯主 who made it by 分籍, or
a couple (the 世帯主 its 筆頭者, married at 18 or later, 編製 that day) with their unmarried
children, numbered 長男, 二女… by birth order; every birth notified within 14 days.
`as_household` gives the 住民票 side, for the validator (`backend.rules.register_household`),
with each person's 附票 lines (`fuhyo`: the 前住所 and the address here, from entry into the 戸籍).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from backend.db import Database
from backend.demo_data import DEMO_TODAY, TOMAKOMAI, municipality
from backend.demo_tax import demo_assessment, tax_record
from backend.family_registers import add_register
from backend.models import Household, Resident, SealRegistration
from backend.rules import moves
from backend.rules.dates import age_on, birthday_in
from backend.rules.eligibility import latest_fiscal_year
from backend.rules.mynumber import with_check_digit
from backend.rules.register import (BIRTH_NOTICE_DAYS, FEMALE, MALE, Birth, Entry, FamilyRegister,
                                    RegisterMember, RegisterRef, relation_by_order)
from backend.rules.register_addresses import AddressLine, entered_on, history
from backend.rules.register_household import Household as HouseholdData
from backend.rules.register_household import HouseholdPerson

FAMILY = (("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"),
          ("伊藤", "イトウ"), ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"),
          ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"))
GIVEN_M = (("大翔", "ヒロト"), ("蓮", "レン"), ("健一", "ケンイチ"), ("誠", "マコト"),
           ("翔太", "ショウタ"), ("隆", "タカシ"))
GIVEN_F = (("陽菜", "ヒナ"), ("結衣", "ユイ"), ("恵子", "ケイコ"), ("美咲", "ミサキ"),
           ("裕子", "ユウコ"), ("さくら", "サクラ"))
TOWNS = ("本町", "旭町", "錦町", "緑町", "若草町", "清水町", "大成町", "表町")
NUMBER_BASE = 8_800_000_000   # My Number bodies below the demo range
CODE_BASE = 61_000_000_000    # 住民票コード above the demo range


@dataclass(frozen=True)
class SyntheticPerson:
    index: int
    family_name: str
    family_kana: str
    given_name: str
    given_kana: str
    birth_date: date
    sex: str
    relation: str
    seal: bool
    resident_since: date          # 住民となった日 = 住所を定めた日

    @property
    def my_number(self) -> str:
        return with_check_digit(f"{NUMBER_BASE + self.index:011d}")

    @property
    def resident_code(self) -> str:
        return f"{CODE_BASE + self.index:011d}"

    @property
    def key(self) -> str:
        return f"s{self.index}"


@dataclass(frozen=True)
class SyntheticHousehold:
    address: str
    members: tuple[SyntheticPerson, ...]
    register: FamilyRegister      # the 戸籍 they are all in (its 本籍 is in the town)


class _Names:
    """Given names for one household, each drawn once: no two people of the 戸籍, and no
    parent named in it, share a name (the validator knows parents by their names)."""

    def __init__(self, rng: random.Random) -> None:
        self._left = {MALE: rng.sample(GIVEN_M, len(GIVEN_M)),
                      FEMALE: rng.sample(GIVEN_F, len(GIVEN_F))}

    def take(self, sex: str) -> tuple[str, str]:
        return self._left[sex].pop()


def _years_after(day: date, years: int) -> date:
    return birthday_in(day, day.year + years)


def _birth(rng: random.Random, born: date, place: str, today: date, by: str) -> Birth:
    return Birth(place, min(born + timedelta(days=rng.randint(0, BIRTH_NOTICE_DAYS - 1)), today), by)


def synthetic_households(n: int, seed: int = 0, *, today: date = DEMO_TODAY,
                         city: str = "北海道苫小牧市",
                         honseki_code: str = TOMAKOMAI) -> Iterator[SyntheticHousehold]:
    """Households of 1–5 people until `n` residents have been made."""
    rng = random.Random(seed)
    made = 0
    while made < n:
        family, family_kana = rng.choice(FAMILY)
        size = min(n - made, rng.choice((1, 1, 2, 2, 3, 4, 5)))
        sexes = [rng.choice((MALE, FEMALE))]
        head_born = today - timedelta(days=rng.randint(20 * 365, 85 * 365))
        births = [head_born]
        if size > 1:
            sexes.append(FEMALE if sexes[0] == MALE else MALE)
            births.append(min(head_born + timedelta(days=rng.randint(-1500, 1500)),
                              _years_after(today, -18)))
            # The couple married once both were 18, on the day their 戸籍 was made.
            wed = min(max(_years_after(b, 18) for b in births) + timedelta(
                days=rng.randint(0, 3650)), today)
            made_on = wed
            children = sorted(min(wed + timedelta(days=rng.randint(300, 20 * 365)), today)
                              for _ in range(size - 2))
            births += children
            sexes += [rng.choice((MALE, FEMALE)) for _ in children]
        else:
            made_on = min(_years_after(head_born, 20) + timedelta(days=rng.randint(0, 3650)), today)
        pool = _Names(rng)
        names = [pool.take(sex) for sex in sexes]
        members = []
        for position, (sex, born, (given, kana)) in enumerate(zip(sexes, births, names)):
            relation = ("世帯主" if position == 0 else ("妻" if sex == FEMALE else "夫")
                        if position == 1 else "子")
            since = max(born, today - timedelta(days=3000 + (made + position) % 997))
            members.append(SyntheticPerson(made + position, family, family_kana, given, kana,
                                           born, sex, relation,
                                           seal=rng.random() < 0.6 and position < 2,
                                           resident_since=since))
        town = rng.choice(TOWNS)
        address = f"{city}{town}{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
        honseki = f"{city}{town}{made + 1}番地"     # one 本籍 per 戸籍: the 筆頭者's index
        made += size
        yield SyntheticHousehold(address, tuple(members),
                                 _register(rng, pool, tuple(members), (honseki_code, honseki),
                                           made_on, city, today))


def _register(rng: random.Random, pool: _Names, people: tuple[SyntheticPerson, ...],
              at: tuple[str, str], made_on: date, city: str, today: date) -> FamilyRegister:
    head, (code, honseki) = people[0], at
    family = head.family_name
    def parents(surname: str) -> tuple[str, str]:
        return f"{surname} {pool.take(MALE)[0]}", f"{surname} {pool.take(FEMALE)[0]}"
    def came_from(father: str) -> RegisterRef:   # never a synthetic 本籍 (those have no 丁目)
        return RegisterRef(f"{city}{rng.choice(TOWNS)}{rng.randint(1, 9)}丁目{rng.randint(1, 99)}番地",
                           father)
    father, mother = parents(family)
    rows = []
    if len(people) == 1:
        rows.append(RegisterMember(
            head.key, head.given_name, head.given_kana, head.sex, head.birth_date, father, mother,
            relation_by_order(head.sex, rng.randint(1, 3)),
            _birth(rng, head.birth_date, city, today, "父"),
            (Entry("分籍", made_on, former=came_from(father)),)))
        return FamilyRegister(f"synthetic-{head.index}", code, honseki, family,
                              head.family_kana, made_on, "分籍", tuple(rows))
    spouse = people[1]
    maiden = rng.choice([f for f, _ in FAMILY if f != family])
    s_father, s_mother = parents(maiden)
    role = {MALE: "夫", FEMALE: "妻"}
    # 配偶者氏名: each spouse's name before the 婚姻 (the wife or husband who took the 氏 had
    # their parents' 氏, `maiden`).
    for p, (pf, pm), other in ((head, (father, mother), f"{maiden} {spouse.given_name}"),
                               (spouse, (s_father, s_mother), f"{family} {head.given_name}")):
        rows.append(RegisterMember(
            p.key, p.given_name, p.given_kana, p.sex, p.birth_date, pf, pm,
            relation_by_order(p.sex, rng.randint(1, 3)), _birth(rng, p.birth_date, city, today, "父"),
            (Entry("婚姻", made_on, other, former=came_from(pf)),), spouse_role=role[p.sex]))
    dad, mum = (head, spouse) if head.sex == MALE else (spouse, head)
    count = {MALE: 0, FEMALE: 0}
    for child in people[2:]:
        count[child.sex] += 1
        rows.append(RegisterMember(
            child.key, child.given_name, child.given_kana, child.sex, child.birth_date,
            f"{family} {dad.given_name}", f"{family} {mum.given_name}",
            relation_by_order(child.sex, count[child.sex]),
            _birth(rng, child.birth_date, city, today, rng.choice(("父", "母")))))
    return FamilyRegister(f"synthetic-{head.index}", code, honseki, family, head.family_kana,
                          made_on, "婚姻", tuple(rows))


def as_household(h: SyntheticHousehold) -> HouseholdData:
    """The 住民票 side of a synthetic household, with each person's 附票 lines: what
    `add_synthetic_residents` writes."""
    r = h.register

    def person(p: SyntheticPerson) -> HouseholdPerson:
        former = _former(p, _entered(h, p))
        return HouseholdPerson(
            p.key, p.family_name, p.given_name, p.sex, p.birth_date, p.relation,
            p.resident_since, p.resident_since, former.address if former else None,
            honseki_code=r.honseki_code, honseki=r.honseki, hittosha=r.hittosha,
            hittosha_kana=r.hittosha_kana, address=h.address, fuhyo=fuhyo(h, p))
    return HouseholdData(r.key, tuple(person(p) for p in h.members))


def fuhyo(h: SyntheticHousehold, p: SyntheticPerson) -> tuple[AddressLine, ...]:
    """The person's lines on the 附票 of the household's 戸籍: the 前住所 of one who moved in,
    then the address here, from the one held on entering the 戸籍."""
    entered = _entered(h, p)
    former = _former(p, entered)
    here = AddressLine(h.address, p.resident_since)
    return history(((former,) if former else ()) + (here,), entered)


def _entered(h: SyntheticHousehold, p: SyntheticPerson) -> date:
    return entered_on(h.register, next(m for m in h.register.members if m.person == p.key))


def _former(p: SyntheticPerson, entered: date) -> AddressLine | None:
    """The 前住所 of one who moved in (転入): lived there six years before, and from no later
    than entering the 戸籍; none for one born here."""
    since = p.resident_since
    if moves.move_reason(p.birth_date, since, since) == moves.BIRTH:
        return None
    return AddressLine(
        f"{ELSEWHERE[p.index % len(ELSEWHERE)]}{p.index % 9 + 1}丁目{p.index % 20 + 1}番地",
        max(p.birth_date, min(since - timedelta(days=365 * 6), entered)))


def add_synthetic_residents(db: Database, n: int, seed: int = 0, *,
                            municipality_code: str = TOMAKOMAI,
                            today: date = DEMO_TODAY) -> int:
    """Write `n` synthetic residents and their 戸籍 into municipality `municipality_code`
    (the 本籍地 too). Returns n."""
    town = municipality(municipality_code)
    with db.unit() as s:
        for household in synthetic_households(n, seed, today=today, city=town.prefecture + town.name,
                                              honseki_code=municipality_code):
            home = Household(municipality_code=municipality_code, address=household.address)
            s.add(home)
            register = household.register
            linked: dict[str, Resident] = {}
            for order, p in enumerate(household.members):
                since = p.resident_since
                resident = Resident(
                    **_moved_in(p, _former(p, _entered(household, p)), today),
                    resident_code=p.resident_code, my_number=p.my_number,
                    municipality_code=municipality_code, household=home, member_order=order,
                    relation=p.relation, family_name=p.family_name, given_name=p.given_name,
                    family_kana=p.family_kana, given_kana=p.given_kana, birth_date=p.birth_date,
                    sex=p.sex, address=household.address, became_resident_on=since,
                    address_set_on=since, status="active",
                    honseki_municipality_code=municipality_code, honseki_address=register.honseki,
                    hittosha=register.hittosha, hittosha_kana=register.hittosha_kana)
                s.add(resident)
                linked[p.key] = resident
                _add_tax_record(s, resident, p, household, today)
                if p.seal:
                    s.add(SealRegistration(resident=resident, registration_no=f"S{p.index:09d}",
                                           registered_on=p.resident_since,
                                           impression={"text": p.family_name, "shape": "round",
                                                       "mm": 15}))
            add_register(s, register, linked,
                         {p.key: fuhyo(household, p) for p in household.members})
    return n


# ── 住民票 and 課税 items of revision 0005 ──
ELSEWHERE = ("北海道札幌市中央区北1条西", "北海道千歳市東雲町", "大阪府大阪市北区梅田", "東京都荒川区町屋")
ADULT = 18   # who has an income (a 課税台帳 row) in the synthetic register


def _moved_in(p: SyntheticPerson, former: AddressLine | None, today: date) -> dict[str, Any]:
    """A person here since birth was born here (出生, no 前住所); anyone else moved in (転入)
    from the `former` address (`_former`)."""
    since = p.resident_since
    return dict(move_reason=moves.move_reason(p.birth_date, since, since),
                notified_on=moves.notified_on(since, p.index % 15, today),
                previous_address=former.address if former else None,
                previous_address_set_on=former.set_on if former else None)


def _add_tax_record(s: Session, resident: Resident, p: SyntheticPerson,
                    household: SyntheticHousehold, today: date) -> None:
    """The latest year's row for an adult; the head claims the members under 18."""
    fiscal = latest_fiscal_year(today)
    end = date(fiscal - 1, 12, 31)

    def adult(born: date) -> bool:
        return born <= end and age_on(born, end) >= ADULT

    if not adult(p.birth_date):
        return
    claimed = [m.birth_date for m in household.members[1:] if not adult(m.birth_date)] \
        if p is household.members[0] else []
    s.add(tax_record(resident, fiscal,
                     demo_assessment(NUMBER_BASE + p.index, p.birth_date, fiscal,
                                     relatives=claimed)))
