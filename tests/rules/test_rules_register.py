"""戸籍 rules (`backend.rules.register`): the demo 戸籍 are coherent, and each rule catches its
own broken example, starting from a coherent 戸籍 and breaking one thing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from backend import demo_registers as demo
from backend.demo_data import DEMO_TODAY
from backend.rules.register import (BIRTH_NOTICE_DAYS, Entry, FamilyRegister, RegisterRef, Rule,
                                    marriageable_age, register_problems, relation_by_order)
from backend.testing.registers import change, member

DAIKICHI, KAZUO, TARO = demo.OMORI_DAIKICHI, demo.OMORI_KAZUO, demo.IZUMI_TARO
YOKO = demo.SINGLES[0]


def rules_of(register: FamilyRegister, today: date = DEMO_TODAY) -> set[Rule]:
    return {p.rule for p in register_problems(register, today)}


@pytest.mark.parametrize("register", demo.REGISTERS, ids=lambda r: r.key)
@pytest.mark.parametrize("today", [DEMO_TODAY, date(2031, 1, 1)])
def test_every_demo_register_is_coherent(register, today):
    assert register_problems(register, today) == []


def test_at_most_two_generations():
    # 一夫's daughter 春 in her grandfather's 戸籍 (the old demo's mistake).
    haru = member(KAZUO, "tomakomai-omori-07")
    broken = replace(DAIKICHI, members=DAIKICHI.members + (haru,))
    assert Rule.GENERATIONS in rules_of(broken)
    assert rules_of(DAIKICHI) == set()


@pytest.mark.parametrize("person, relation", [
    ("tomakomai-omori-06", "二男"),    # 三郎 is the third son
    ("tomakomai-omori-05", "子"),      # a 住民票 word, not a 戸籍 one
    ("tomakomai-omori-05", "二女"),    # a son numbered as a daughter
    ("tomakomai-omori-01", "妻"),      # the 筆頭者 too has a 続柄 to his parents
])
def test_relation_is_the_birth_order_by_sex(person, relation):
    assert rules_of(change(DAIKICHI, person, relation=relation)) == {Rule.RELATION}


@pytest.mark.parametrize("sex, n, expected", [
    ("1", 1, "長男"), ("1", 2, "二男"), ("1", 3, "三男"), ("2", 1, "長女"), ("2", 2, "二女"),
    ("2", 10, "十女")])
def test_relation_by_order(sex, n, expected):
    assert relation_by_order(sex, n) == expected


@pytest.mark.parametrize("sex, n", [("1", 0), ("2", 11), ("9", 1)])
def test_relation_by_order_refuses_what_has_no_name(sex, n):
    with pytest.raises(ValueError):
        relation_by_order(sex, n)


def test_a_younger_sister_is_second_daughter_whatever_the_brothers():
    # 秋 (二女) born before 春 (長女): the order of the daughters is wrong for both.
    broken = change(KAZUO, "tomakomai-omori-09", birth_date=date(2003, 1, 1),
                    birth=replace(member(KAZUO, "tomakomai-omori-09").birth,
                                  notified_on=date(2003, 1, 5)))
    where = {p.where for p in register_problems(broken, DEMO_TODAY) if p.rule is Rule.RELATION}
    assert where == {"tomakomai-omori-kazuo/tomakomai-omori-07", "tomakomai-omori-kazuo/tomakomai-omori-09"}


@pytest.mark.parametrize("person, changes", [
    ("tomakomai-omori-02", {"spouse_role": "夫"}),          # a wife as 夫
    ("tomakomai-omori-05", {"spouse_role": "夫"}),          # an unmarried son with a spouse role
    ("tomakomai-omori-02", {"spouse_role": None}),          # married, in the 戸籍, no role
    ("tomakomai-omori-03", {"spouse_role": "夫"}),          # 除籍 by his 婚姻, still a spouse here
])
def test_spouse_roles(person, changes):
    assert Rule.SPOUSES in rules_of(change(DAIKICHI, person, **changes))


def test_the_couple_names_each_other_on_one_day():
    tome = member(DAIKICHI, "tomakomai-omori-02")
    elsewhere = (replace(tome.events[0], spouse="大森 大作"),)
    assert Rule.SPOUSES in rules_of(change(DAIKICHI, "tomakomai-omori-02", events=elsewhere))


@pytest.mark.parametrize("days, notifier, ok", [
    (0, "父", True), (BIRTH_NOTICE_DAYS - 1, "母", True), (BIRTH_NOTICE_DAYS, "父", False),
    (-1, "父", False), (3, "隣人", False), (3, "同居者", True)])
def test_birth_notice(days, notifier, ok):
    hikaru = member(KAZUO, "tomakomai-omori-12")
    birth = replace(hikaru.birth, notified_on=hikaru.birth_date + timedelta(days=days),
                    notifier=notifier)
    assert rules_of(change(KAZUO, hikaru.person, birth=birth)) == (set() if ok else {Rule.BIRTH_NOTICE})


def test_notified_by_a_father_there_is_no_record_of():
    hikaru = member(KAZUO, "tomakomai-omori-12")
    assert hikaru.birth.notifier == "父"
    assert Rule.BIRTH_NOTICE in rules_of(change(KAZUO, hikaru.person, father=None))


def test_no_birth_place():
    sakura = member(TARO, "izumi-sakura")
    assert rules_of(change(TARO, sakura.person, birth=replace(sakura.birth, place=" "))) == {
        Rule.BIRTH_NOTICE}


@pytest.mark.parametrize("sex, on, age", [
    ("1", date(2021, 1, 1), 18), ("2", date(2022, 3, 31), 16), ("2", date(2022, 4, 1), 18),
    ("1", date(2030, 1, 1), 18)])
def test_marriageable_age(sex, on, age):
    assert marriageable_age(sex, on) == age


@pytest.mark.parametrize("born, ok", [
    (date(1958, 5, 10), True),     # 16 on the day, before 2022: a woman could marry
    (date(1958, 5, 11), False),    # one day short of 16
])
def test_marriage_before_the_age(born, ok):
    tome = member(DAIKICHI, "tomakomai-omori-02")
    broken = change(DAIKICHI, tome.person, birth_date=born,
                    birth=replace(tome.birth, notified_on=born + timedelta(days=3)))
    assert (Rule.MARRIAGE_AGE in rules_of(broken)) is not ok


def test_a_woman_of_17_may_not_marry_since_april_2022():
    wed = date(2023, 5, 1)
    single = replace(YOKO, members=(replace(YOKO.head, birth_date=date(2006, 1, 1),
                                            birth=replace(YOKO.head.birth, notified_on=date(2006, 1, 5)),
                                            events=(Entry("婚姻", wed, "甲野 太郎"),)),))
    assert Rule.MARRIAGE_AGE in rules_of(single)


def test_a_parent_older_than_the_child():
    assert Rule.PARENT_AGE in rules_of(change(DAIKICHI, "tomakomai-omori-01",
                                              birth_date=date(1968, 1, 1),
                                              birth=replace(DAIKICHI.head.birth,
                                                            notified_on=date(1968, 1, 5))))


@pytest.mark.parametrize("changes", [
    {"made_on": date(1974, 5, 11)},     # the 編製 is the day of the 婚姻 that made it
    {"made_by": "養子"},                # no such 編製事由
    {"made_on": date(2030, 1, 1)},      # ahead of today
])
def test_made_by_the_heads_marriage(changes):
    assert Rule.MADE in rules_of(replace(DAIKICHI, **changes))


def test_separation_needs_coming_of_age():
    # 陽子 made her own 戸籍 by 分籍 at 25; at 19, in 1995, she could not (成年 was 20).
    early = date(1995, 1, 1)
    head = replace(YOKO.head, events=(replace(YOKO.head.events[0], on=early),))
    assert rules_of(replace(YOKO, made_on=early, members=(head,))) == {Rule.MADE}


@pytest.mark.parametrize("person, changes", [
    ("tomakomai-omori-03", {"left_on": None, "left_by": None}),   # a 新本籍 yet still here
    ("tomakomai-omori-03", {"left_by": None}),                    # 除籍 without its reason
    ("tomakomai-omori-03", {"left_on": date(2002, 6, 16)}),       # not the day of the 婚姻
    ("tomakomai-omori-05", {"left_on": date(2010, 1, 1), "left_by": "婚姻"}),  # no such 婚姻
    ("tomakomai-omori-05", {"left_on": date(2010, 1, 1), "left_by": "転居"}),  # no such reason
])
def test_left_by_the_event_that_took_them(person, changes):
    assert Rule.LEFT in rules_of(change(DAIKICHI, person, **changes))


def test_a_death_needs_no_new_register():
    assert rules_of(change(DAIKICHI, "tomakomai-omori-06", left_on=date(2020, 2, 2),
                           left_by="死亡")) == set()


@pytest.mark.parametrize("what", ["event before birth", "born after today", "born before the 戸籍"])
def test_event_dates(what):
    if what == "event before birth":
        jiro = member(DAIKICHI, "tomakomai-omori-05")
        broken = change(DAIKICHI, jiro.person, events=(Entry("分籍", date(1970, 1, 1),
                                                              new=RegisterRef("どこか", "大森 二郎")),),
                        left_on=date(1970, 1, 1), left_by="分籍")
    elif what == "born after today":
        hikaru = member(KAZUO, "tomakomai-omori-12")
        later = DEMO_TODAY + timedelta(days=1)
        broken = change(KAZUO, hikaru.person, birth_date=later,
                        birth=replace(hikaru.birth, notified_on=later))
    else:
        broken = replace(KAZUO, made_on=date(2004, 1, 1),
                         members=tuple(replace(m, events=tuple(replace(e, on=date(2004, 1, 1))
                                                               for e in m.events))
                                       for m in KAZUO.members))
    assert Rule.EVENT_DATES in rules_of(broken)
