"""住民票 households against the 戸籍 (`backend.rules.register_household`): the whole demo and
the synthetic generator are coherent; each rule catches its broken example."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from backend import demo_registers as demo
from backend.demo_data import DEMO_TODAY
from backend.rules.register import FamilyRegister, Rule
from backend.rules.register_household import (Household, link_problems, placements, problems,
                                              resident_date_problems)
from backend.synthetic import as_household, synthetic_households
from backend.testing.registers import change, member

HOUSEHOLDS = {h.key: h for h in demo.households(DEMO_TODAY)}
OMORI = HOUSEHOLDS["tomakomai-omori"]


def rules_in(households=None, registers=demo.REGISTERS, today=DEMO_TODAY) -> set[Rule]:
    return {p.rule for p in problems(households or HOUSEHOLDS.values(), registers, today)}


def person(h: Household, key: str):
    return next(p for p in h.persons if p.person == key)


def with_person(h: Household, key: str, **changes) -> list[Household]:
    """Every demo household, `h` with one person changed."""
    changed = replace(h, persons=tuple(replace(p, **changes) if p.person == key else p
                                       for p in h.persons))
    return [changed if x.key == h.key else x for x in HOUSEHOLDS.values()]


def with_register(old: FamilyRegister, new: FamilyRegister) -> tuple[FamilyRegister, ...]:
    return tuple(new if r is old else r for r in demo.REGISTERS)


@pytest.mark.parametrize("today", [DEMO_TODAY, DEMO_TODAY + timedelta(days=1), date(2029, 12, 31),
                                   date(2040, 6, 1)])
def test_the_whole_demo_is_coherent(today):
    assert problems(demo.households(today), demo.REGISTERS, today) == []


@pytest.mark.parametrize("seed", range(40))
def test_synthetic_registers_are_coherent(seed):
    households = list(synthetic_households(250, seed))
    registers = [h.register for h in households]
    assert len(registers) == len(households) and {len(h.members) for h in households} >= {1, 2}
    assert problems([as_household(h) for h in households], registers, DEMO_TODAY) == []


def test_synthetic_registers_on_another_day():
    day = date(2031, 3, 1)
    households = list(synthetic_households(300, 5, today=day))
    assert problems([as_household(h) for h in households], [h.register for h in households],
                    day) == []


def test_every_demo_resident_with_a_honseki_is_in_a_register():
    where = placements(demo.REGISTERS)
    with_honseki = [p for h in HOUSEHOLDS.values() for p in h.persons if p.honseki]
    assert with_honseki and all(len(where[p.person]) == 1 for p in with_honseki)


def test_omori_household_is_two_registers_of_two_generations():
    where = placements(demo.REGISTERS)
    registers = {where[p.person][0].register.key for p in OMORI.persons}
    assert len(OMORI.persons) == 12 and registers == {"tomakomai-omori-daikichi",
                                                      "tomakomai-omori-kazuo"}


@pytest.mark.parametrize("key, changes", [
    ("tomakomai-omori-07", {"hittosha": "大森 大吉", "hittosha_kana": "オオモリ ダイキチ"}),
    ("tomakomai-omori-01", {"honseki": "北海道苫小牧市大成町二丁目11番"}),
    ("tomakomai-omori-01", {"honseki_code": "272191"}),
    ("tomakomai-omori-02", {"given_name": "トメ子"}),
    ("tomakomai-omori-02", {"birth_date": date(1952, 3, 22)}),
])
def test_honseki_and_hittosha_agree_with_the_register(key, changes):
    assert Rule.HOUSEHOLD_REGISTER in rules_in(with_person(OMORI, key, **changes))


def test_a_honseki_in_no_register():
    notax = HOUSEHOLDS["tomakomai-notax"]
    assert rules_in(with_person(notax, "tomakomai-notax", honseki="北海道苫小牧市錦町一丁目6番",
                                hittosha="東 翔太")) == {Rule.HOUSEHOLD_REGISTER}


def test_former_surname_is_the_former_registers():
    izumi = HOUSEHOLDS["izumi-family"]
    assert person(izumi, "izumi-hanako").former_surname == "山田"
    assert rules_in(with_person(izumi, "izumi-hanako", former_surname="田中")) == {
        Rule.HOUSEHOLD_REGISTER}


@pytest.mark.parametrize("key, relation", [
    ("tomakomai-omori-04", "妻"),      # 美和 is the son's wife, not the 世帯主's
    ("tomakomai-omori-07", "子"),      # 春 is a grandchild
    ("tomakomai-omori-05", "孫"),      # 二郎 is a son
    ("tomakomai-omori-02", "子の妻"),  # トメ is the 世帯主's wife
    ("tomakomai-omori-03", "夫"),
])
def test_household_relations_agree_with_the_registers(key, relation):
    assert rules_in(with_person(OMORI, key, relation=relation)) == {Rule.HOUSEHOLD_RELATION}


def test_one_head_of_household():
    assert Rule.HOUSEHOLD_RELATION in rules_in(with_person(OMORI, "tomakomai-omori-03",
                                                           relation="世帯主"))


def test_a_wife_without_the_registers_spouse_role():
    taro = demo.IZUMI_TARO
    broken = change(taro, "izumi-hanako", spouse_role=None, events=())
    assert Rule.HOUSEHOLD_RELATION in rules_in(registers=with_register(taro, broken))


@pytest.mark.parametrize("changes, ok", [
    ({"became_resident_on": date(2020, 1, 9)}, False),          # resident before birth
    ({"address_set_on": date(2020, 1, 9)}, False),              # settled before birth
    ({"previous_address": "北海道苫小牧市緑町一丁目1番1号"}, False),  # born here, a 前住所
    ({"moved_in_by": "転入"}, False),                            # resident from birth by 転入
    ({"moved_in_by": "出生"}, True),
])
def test_a_newborns_dates(changes, ok):
    hikaru = person(OMORI, "tomakomai-omori-12")
    assert hikaru.became_resident_on == hikaru.birth_date and hikaru.previous_address is None
    found = resident_date_problems(replace(hikaru, **changes), DEMO_TODAY)
    assert {p.rule for p in found} == (set() if ok else {Rule.RESIDENT_DATES})


def test_moved_in_by_birth_only_on_the_birth_day():
    ichiro = person(OMORI, "tomakomai-omori-01")
    assert resident_date_problems(replace(ichiro, moved_in_by="出生", previous_address=None),
                                  DEMO_TODAY)


def test_settled_before_becoming_resident():
    yoko = person(HOUSEHOLDS["tomakomai-yoko"], "tomakomai-yoko")
    broken = replace(yoko, address_set_on=yoko.became_resident_on - timedelta(days=1))
    assert {p.rule for p in resident_date_problems(broken, DEMO_TODAY)} == {Rule.RESIDENT_DATES}


def test_links_one_person_says_the_same_in_both_registers():
    daikichi, kazuo = demo.OMORI_DAIKICHI, demo.OMORI_KAZUO
    other_birthday = change(kazuo, "tomakomai-omori-03", relation="二男")
    assert {p.rule for p in link_problems(with_register(kazuo, other_birthday))} == {Rule.LINKS}
    still_here = change(daikichi, "tomakomai-omori-03", left_on=None, left_by=None)
    assert Rule.LINKS in {p.rule for p in link_problems(with_register(daikichi, still_here))}


def test_links_a_former_register_that_lacks_the_person():
    # 美和 from 大吉's 戸籍, where she never was.
    kazuo = demo.OMORI_KAZUO
    miwa = member(kazuo, "tomakomai-omori-04")
    broken = change(kazuo, miwa.person, events=(replace(miwa.events[0],
                                                       former=demo.OMORI_DAIKICHI.ref),))
    assert {p.rule for p in link_problems(with_register(kazuo, broken))} == {Rule.LINKS}
