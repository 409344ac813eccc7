"""N synthetic residents for load tests: deterministic (same seed, same people), register only.

`synthetic_households(n, seed)` is pure; `add_synthetic_residents(db, n, …)` writes them into
a seeded database next to the demo data. They carry valid My Numbers and resident codes in a
range the demo data does not use, a 戸籍 where they live (its 筆頭者 the head of household,
in kanji and katakana), and have no cards (cards need key generation; load tests
authenticate with the demo cards).
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
from backend.models import Household, Resident, SealRegistration
from backend.rules import moves
from backend.rules.dates import age_on
from backend.rules.eligibility import latest_fiscal_year
from backend.rules.mynumber import with_check_digit

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

    @property
    def my_number(self) -> str:
        return with_check_digit(f"{NUMBER_BASE + self.index:011d}")

    @property
    def resident_code(self) -> str:
        return f"{CODE_BASE + self.index:011d}"


@dataclass(frozen=True)
class SyntheticHousehold:
    address: str
    members: tuple[SyntheticPerson, ...]


def synthetic_households(n: int, seed: int = 0, *, today: date = DEMO_TODAY,
                         city: str = "北海道苫小牧市") -> Iterator[SyntheticHousehold]:
    """Households of 1–5 people until `n` residents have been made."""
    rng = random.Random(seed)
    made = 0
    while made < n:
        family, family_kana = rng.choice(FAMILY)
        size = min(n - made, rng.choice((1, 1, 2, 2, 3, 4, 5)))
        head_born = today - timedelta(days=rng.randint(20 * 365, 85 * 365))
        members = []
        for position in range(size):
            sex = rng.choice("12")
            given, kana = rng.choice(GIVEN_M if sex == "1" else GIVEN_F)
            if position == 0:
                born, relation = head_born, "世帯主"
            elif position == 1:
                born, relation = head_born + timedelta(days=rng.randint(-1500, 1500)), (
                    "妻" if sex == "2" else "夫")
            else:
                born, relation = head_born + timedelta(days=rng.randint(20 * 365, 40 * 365)), "子"
            members.append(SyntheticPerson(made, family, family_kana, given, kana,
                                           min(born, today), sex, relation,
                                           seal=rng.random() < 0.6 and position < 2))
            made += 1
        address = (f"{city}{rng.choice(TOWNS)}{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番"
                   f"{rng.randint(1, 20)}号")
        yield SyntheticHousehold(address, tuple(members))


def add_synthetic_residents(db: Database, n: int, seed: int = 0, *,
                            municipality_code: str = TOMAKOMAI,
                            today: date = DEMO_TODAY) -> int:
    """Write `n` synthetic residents into municipality `municipality_code`. Returns n."""
    town = municipality(municipality_code)
    with db.unit() as s:
        for household in synthetic_households(n, seed, today=today,
                                              city=town.prefecture + town.name):
            home = Household(municipality_code=municipality_code, address=household.address)
            s.add(home)
            head = household.members[0]
            for order, p in enumerate(household.members):
                since = max(p.birth_date, today - timedelta(days=3000 + p.index % 997))
                resident = Resident(
                    **_moved_in(p, since, today),
                    resident_code=p.resident_code, my_number=p.my_number,
                    municipality_code=municipality_code, household=home, member_order=order,
                    relation=p.relation, family_name=p.family_name, given_name=p.given_name,
                    family_kana=p.family_kana, given_kana=p.given_kana, birth_date=p.birth_date,
                    sex=p.sex, address=household.address, became_resident_on=since,
                    address_set_on=since, status="active",
                    honseki_municipality_code=municipality_code,
                    honseki_address=household.address,
                    hittosha=f"{head.family_name} {head.given_name}",
                    hittosha_kana=f"{head.family_kana} {head.given_kana}")
                s.add(resident)
                _add_tax_record(s, resident, p, household, today)
                if p.seal:
                    s.add(SealRegistration(resident=resident, registration_no=f"S{p.index:09d}",
                                           registered_on=since,
                                           impression={"text": p.family_name, "shape": "round",
                                                       "mm": 15}))
    return n


# ── 住民票 and 課税 items of revision 0005 ──
ELSEWHERE = ("北海道札幌市中央区北1条西", "北海道千歳市東雲町", "大阪府大阪市北区梅田", "東京都荒川区町屋")
ADULT = 18   # who has an income (a 課税台帳 row) in the synthetic register


def _moved_in(p: SyntheticPerson, since: date, today: date) -> dict[str, Any]:
    """A person here since birth was born here (出生, no 前住所); anyone else moved in (転入)
    from elsewhere, having lived there six years."""
    reason = moves.move_reason(p.birth_date, since, since)
    previous = None if reason == moves.BIRTH else (
        f"{ELSEWHERE[p.index % len(ELSEWHERE)]}{p.index % 9 + 1}丁目{p.index % 20 + 1}番地")
    return dict(move_reason=reason, notified_on=moves.notified_on(since, p.index % 15, today),
                previous_address=previous,
                previous_address_set_on=None if previous is None else max(
                    p.birth_date, since - timedelta(days=365 * 6)))


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
