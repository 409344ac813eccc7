"""戸籍の附票 (`backend.rules.register_addresses`): every demo and synthetic person's lines run
from entry into the 戸籍 to the 住民票's 住所; each rule catches its broken example."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from backend import demo_data
from backend import demo_registers as demo
from backend import demo_residence
from backend.demo_data import DEMO_TODAY
from backend.rules.register import Entry, RegisterRef, Rule
from backend.rules.register_addresses import AddressLine, address_problems, entered_on, history
from backend.rules.register_household import problems
from backend.synthetic import as_household, synthetic_households
from backend.testing.registers import change, member

DAYS = [DEMO_TODAY, DEMO_TODAY + timedelta(days=1), date(2027, 1, 1), date(2029, 12, 31),
        date(2040, 6, 1)]
HERE, THERE, BEFORE = "大阪府和泉市府中町一丁目2番3号", "大阪府堺市堺区南瓦町3番1号", "京都府京都市北区1番"


def rules(lines, *, born=date(1980, 4, 12), entered=date(2008, 11, 22), address=HERE,
          settled=date(2018, 3, 24), today=DEMO_TODAY) -> set[Rule]:
    return {p.rule for p in address_problems("p", born, entered, tuple(lines), address, settled,
                                             today)}


def demo_persons(today):
    return [(h, p) for h in demo.households(today) for p in h.persons
            if demo.entered(p.person) is not None]


@pytest.mark.parametrize("today", DAYS)
def test_every_demo_fuhyo_starts_on_or_before_entry_and_ends_at_the_address(today):
    persons = demo_persons(today)
    # every person now in a demo 戸籍 lives in a demo household
    assert len(persons) == len({m.person for r in demo.REGISTERS for m in r.members if m.present})
    for _, p in persons:
        came = demo.entered(p.person)
        assert p.fuhyo[0].set_on <= came, p.person
        assert p.fuhyo[-1] == AddressLine(p.address, p.address_set_on), p.person
        days = [line.set_on for line in p.fuhyo]
        assert days == sorted(set(days)) and days[0] >= p.birth_date
    assert [x for x in problems(demo.households(today), demo.REGISTERS, today)
            if x.rule is Rule.ADDRESSES] == []


def test_taros_fuhyo_begins_before_his_sons_birth():
    # 編製 on the 婚姻 of 2008-11-22; 一郎 born 2010-05-20 into the 戸籍.
    family = {p.person: p for h, p in demo_persons(DEMO_TODAY) if h.key == "izumi-family"}
    taro, ichiro = family["izumi-taro"], family["izumi-ichiro"]
    assert taro.fuhyo[0].set_on <= demo.IZUMI_TARO.made_on < ichiro.birth_date
    assert ichiro.fuhyo[0] == AddressLine(THERE, ichiro.birth_date)     # a newborn's first line
    assert [line.address for line in taro.fuhyo] == [THERE, HERE]


def test_the_old_six_years_at_the_former_address_would_start_too_late():
    """The 前住所 dated six years before the move, whatever the 戸籍: what the demo had."""
    household = next(h for h in demo_data.HOUSEHOLDS if h.key == "izumi-family")
    taro = household.members[0]
    old = demo_residence.residence(household, taro, DEMO_TODAY)
    lines = (AddressLine(THERE, old["previous_address_set_on"]),
             AddressLine(HERE, old["address_set_on"]))
    assert rules(lines, settled=old["address_set_on"]) == {Rule.ADDRESSES}


def test_three_addresses_where_the_person_entered_before_coming_here():
    miwa = next(p for _, p in demo_persons(DEMO_TODAY) if p.person == "tomakomai-omori-04")
    assert len(miwa.fuhyo) == 3 and miwa.fuhyo[0].address.startswith("北海道札幌市")
    assert miwa.fuhyo[0].set_on <= date(2002, 6, 15) < miwa.fuhyo[1].set_on


@pytest.mark.parametrize("seed", range(25))
def test_synthetic_fuhyo_is_coherent(seed):
    households = list(synthetic_households(200, seed))
    data = [as_household(h) for h in households]
    assert all(p.fuhyo for h in data for p in h.persons)
    assert problems(data, [h.register for h in households], DEMO_TODAY) == []


@pytest.mark.parametrize("today", [date(2031, 3, 1), date(2045, 1, 1)])
def test_synthetic_fuhyo_on_another_day(today):
    households = list(synthetic_households(200, 7, today=today))
    assert problems([as_household(h) for h in households], [h.register for h in households],
                    today) == []


OK = (AddressLine(THERE, date(2008, 11, 22)), AddressLine(HERE, date(2018, 3, 24)))


@pytest.mark.parametrize("lines, changes, broken", [
    (OK, {}, False),
    (OK, {"entered": date(2010, 1, 1)}, False),                         # held THERE on entry
    ((AddressLine(THERE, date(2008, 11, 23)), OK[1]), {}, True),        # first after entry
    ((AddressLine(BEFORE, date(2000, 1, 1)),) + OK, {}, True),          # a line before the one held
    ((OK[1], OK[0]), {"settled": date(2008, 11, 22), "address": THERE}, True),   # out of order
    ((OK[0], replace(OK[1], set_on=OK[0].set_on)), {"settled": OK[0].set_on}, True),  # same day
    ((AddressLine(THERE, date(1980, 4, 11)), OK[1]), {}, True),         # before birth
    (OK, {"address": "大阪府和泉市府中町一丁目9番9号"}, True),           # not the 住民票's 住所
    (OK, {"settled": date(2018, 3, 25)}, True),                         # nor its date
    ((), {}, True),                                                     # no lines at all
    ((AddressLine(HERE, DEMO_TODAY + timedelta(days=1)),),
     {"settled": DEMO_TODAY + timedelta(days=1), "entered": DEMO_TODAY + timedelta(days=2)},
     True),                                                             # after today
])
def test_each_rule_catches_its_example(lines, changes, broken):
    assert rules(lines, **changes) == ({Rule.ADDRESSES} if broken else set())


@pytest.mark.parametrize("first, ok", [(date(2010, 5, 20), True), (date(2010, 5, 21), False),
                                       (date(2010, 5, 19), False)])
def test_a_newborns_first_address_is_its_birth_date(first, ok):
    born = date(2010, 5, 20)
    lines = (AddressLine(THERE, first), AddressLine(HERE, date(2018, 3, 24)))
    assert rules(lines, born=born, entered=born) == (set() if ok else {Rule.ADDRESSES})


def test_the_address_is_not_checked_where_the_resident_record_does_not_say_it():
    assert rules(OK, address=None) == set()
    assert rules(OK, address=None, settled=date(2019, 1, 1)) == {Rule.ADDRESSES}


@pytest.mark.parametrize("entered, kept", [
    (date(1999, 12, 31), 3), (date(2000, 1, 1), 3), (date(2004, 6, 1), 3),
    (date(2005, 1, 1), 2), (date(2010, 1, 1), 1), (date(2030, 1, 1), 1)])
def test_history_starts_at_the_line_held_on_entry(entered, kept):
    lines = (AddressLine("a", date(2000, 1, 1)), AddressLine("b", date(2005, 1, 1)),
             AddressLine("c", date(2010, 1, 1)))
    assert history(lines, entered) == lines[3 - kept:]


def test_entered_on_by_marriage_separation_birth_and_carried_over():
    taro = demo.IZUMI_TARO
    assert entered_on(taro, member(taro, "izumi-hanako")) == date(2008, 11, 22)
    assert entered_on(taro, member(taro, "izumi-sakura")) == date(2016, 7, 7)
    yoko = demo.SINGLES[0]
    assert entered_on(yoko, yoko.head) == date(2001, 4, 2)
    moved = replace(yoko, made_on=date(2020, 2, 2), made_by="転籍")
    plain = change(moved, yoko.head.person, events=())
    assert entered_on(plain, plain.head) == date(2020, 2, 2)
    # A 婚姻 that took the person out (新本籍 only) is not how they came in.
    kazuo = demo.OMORI_DAIKICHI
    assert entered_on(kazuo, member(kazuo, "tomakomai-omori-03")) == date(1975, 4, 1)
    later = change(kazuo, "tomakomai-omori-03", events=(
        Entry("婚姻", date(2002, 6, 15), "田村 美和", former=RegisterRef("x", "y")),))
    assert entered_on(later, member(later, "tomakomai-omori-03")) == date(2002, 6, 15)
