"""戸籍 (family registers) as plain data, and what makes one coherent.

A 戸籍 is one couple and their children who share its 氏 (戸籍法 §6, §18): at most two
generations (§17: a child in it who has a child of their own gets a new 戸籍). The computerised
form (戸籍法施行規則 付録第二十二号様式) prints, per person, 【名】【生年月日】【父】【母】【続柄】
【配偶者区分】 and the 身分事項 (出生, 婚姻, 分籍); a person who left stays in it, marked 除籍.

`register_problems(register, today)` lists what is impossible or inconsistent in one 戸籍;
`backend.rules.register_household` checks a 住民票 household and several 戸籍 against each
other. Names are compared without their spaces ("大森 大吉" is "大森大吉").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from backend.rules.dates import age_on

MALE, FEMALE = "1", "2"
ORDINALS = ("長", "二", "三", "四", "五", "六", "七", "八", "九", "十")
BIRTH_NOTICE_DAYS = 14        # 出生届 within 14 days, the day of birth counted (戸籍法 §49)
BIRTH_NOTIFIERS = ("父", "母", "同居者", "医師", "助産師")   # 戸籍法 §52, in its order
MIN_PARENT_AGE = 12           # a parent younger than this at the birth: a mistake, not a fact
# 民法 §731: 18 for both since 2022-04-01; before, 18 for men and 16 for women.
EQUAL_MARRIAGE_AGE_FROM = date(2022, 4, 1)
ADULT_AGE_18_FROM = date(2022, 4, 1)   # 成年 (分籍 needs it): 20 before, 18 since
MARRIAGE, SEPARATION, DEATH = "婚姻", "分籍", "死亡"
LEFT_BY = (MARRIAGE, SEPARATION, DEATH)
CARRIED_OVER = ("転籍", "改製")   # 編製事由 whose 戸籍 took its people over from an older one


class Rule(StrEnum):
    """What a problem breaks; tests name one broken example per rule."""

    GENERATIONS = "generations"            # three generations in one 戸籍
    RELATION = "relation"                  # 続柄 not the birth order by sex
    SPOUSES = "spouses"                    # 配偶者区分 and the couple's 婚姻
    BIRTH_NOTICE = "birth_notice"          # 出生: 届出日 and 届出人
    MARRIAGE_AGE = "marriage_age"          # 婚姻 before the marriageable age
    PARENT_AGE = "parent_age"              # a parent not older than the child
    MADE = "made"                          # 戸籍事項: 編製 by 婚姻 / 分籍
    LEFT = "left"                          # 除籍 and the event it comes from
    EVENT_DATES = "event_dates"            # an event before birth, in the future
    LINKS = "links"                        # one person in two 戸籍 differently
    HOUSEHOLD_REGISTER = "household_register"  # 住民票 本籍・筆頭者 against the 戸籍
    HOUSEHOLD_RELATION = "household_relation"  # 住民票 続柄 against the 戸籍
    RESIDENT_DATES = "resident_dates"      # 住民となった日, 住所を定めた日, 前住所
    ADDRESSES = "addresses"                # 附票: from entry into the 戸籍, to the 住民票's 住所


@dataclass(frozen=True)
class Problem:
    rule: Rule
    where: str       # the register's key, "register/person", or a household person
    detail: str


@dataclass(frozen=True)
class RegisterRef:
    """Another 戸籍 as the forms name it: 本籍 and 筆頭者 (従前戸籍, 新本籍)."""

    honseki: str
    hittosha: str


@dataclass(frozen=True)
class Birth:
    """出生: 【出生日】 is the person's birth date; 【出生地】【届出日】【届出人】."""

    place: str
    notified_on: date
    notifier: str


@dataclass(frozen=True)
class Entry:
    """A 身分事項 that brings a person in or takes them out: 婚姻 or 分籍.

    `former`: 従前戸籍 (came in from); `new`: 新本籍 (left for, so 除籍 here)."""

    kind: str                         # 婚姻 / 分籍
    on: date
    spouse: str | None = None         # 配偶者氏名, the name the spouse had then (婚姻)
    former: RegisterRef | None = None
    new: RegisterRef | None = None


@dataclass(frozen=True)
class RegisterMember:
    """One 戸籍に記録されている者. `person` names the person across 戸籍 and 住民票
    (the same in every row about them)."""

    person: str
    given_name: str
    given_kana: str
    sex: str
    birth_date: date
    father: str | None                # 【父】 full name
    mother: str | None                # 【母】
    relation: str                     # 【続柄】 長男, 二女…
    birth: Birth
    events: tuple[Entry, ...] = ()
    spouse_role: str | None = None    # 【配偶者区分】 夫 / 妻
    left_on: date | None = None       # 除籍
    left_by: str | None = None        # 婚姻 / 分籍 / 死亡

    @property
    def present(self) -> bool:
        return self.left_on is None

    def event(self, kind: str) -> Entry | None:
        return next((e for e in self.events if e.kind == kind), None)


@dataclass(frozen=True)
class FamilyRegister:
    """戸籍: 本籍, its 氏, 戸籍事項 (編製日 and why), the members, the 筆頭者 first."""

    key: str
    honseki_code: str
    honseki: str
    family_name: str
    family_kana: str
    made_on: date
    made_by: str                      # 婚姻 / 分籍 / 転籍 / 改製
    members: tuple[RegisterMember, ...]

    @property
    def head(self) -> RegisterMember:
        return self.members[0]

    @property
    def hittosha(self) -> str:
        return self.full_name(self.head)

    @property
    def hittosha_kana(self) -> str:
        return f"{self.family_kana} {self.head.given_kana}"

    @property
    def ref(self) -> RegisterRef:
        return RegisterRef(self.honseki, self.hittosha)

    def full_name(self, m: RegisterMember) -> str:
        return f"{self.family_name} {m.given_name}"

    def names_of(self, m: RegisterMember) -> set[str]:
        """Every name the member went by: this 戸籍's, and the one before a 婚姻 in."""
        names = {plain(self.full_name(m))}
        married = m.event(MARRIAGE)
        if married is not None and married.former is not None:
            names.add(plain(surname(married.former.hittosha) + m.given_name))
        return names


def plain(name: str | None) -> str:
    return "".join((name or "").split())


def surname(full_name: str) -> str:
    """The 氏 of "氏 名" (the demo's and the register's spelling, one space between)."""
    return full_name.split()[0] if full_name.split() else ""


def same_ref(a: RegisterRef | None, b: RegisterRef | None) -> bool:
    return a is not None and b is not None and plain(a.honseki) == plain(b.honseki) \
        and plain(a.hittosha) == plain(b.hittosha)


def relation_by_order(sex: str, n: int) -> str:
    """続柄 of the n-th (1-based) son or daughter of one father and mother: 長男, 二男…"""
    if not 1 <= n <= len(ORDINALS) or sex not in (MALE, FEMALE):
        raise ValueError(f"no 続柄 for child {n} of sex {sex!r}")
    return ORDINALS[n - 1] + ("男" if sex == MALE else "女")


def marriageable_age(sex: str, on: date) -> int:
    return 18 if sex == MALE or on >= EQUAL_MARRIAGE_AGE_FROM else 16


def adult_age(on: date) -> int:
    return 18 if on >= ADULT_AGE_18_FROM else 20


def parent_in(register: FamilyRegister, name: str | None) -> RegisterMember | None:
    """The member of `register` a 【父】 or 【母】 names, if any."""
    if not name:
        return None
    return next((m for m in register.members if plain(name) in register.names_of(m)), None)


def register_problems(r: FamilyRegister, today: date) -> list[Problem]:
    """Everything impossible or inconsistent in one 戸籍."""
    if not r.members:
        return [Problem(Rule.MADE, r.key, "a 戸籍 without anyone in it")]
    found: list[Problem] = []
    for check in (_generations, _relations, _spouses, _made, _dates_and_births, _left):
        found += check(r, today)
    return found


def _at(r: FamilyRegister, m: RegisterMember) -> str:
    return f"{r.key}/{m.person}"


def _generations(r: FamilyRegister, today: date) -> list[Problem]:
    found = []
    for m in r.members:
        for name in (m.father, m.mother):
            parent = parent_in(r, name)
            if parent is None:
                continue
            if any(parent_in(r, p) is not None for p in (parent.father, parent.mother)):
                found.append(Problem(Rule.GENERATIONS, _at(r, m),
                                     f"{r.full_name(m)}, a grandchild in the grandparents' 戸籍"))
    return found


def _relations(r: FamilyRegister, today: date) -> list[Problem]:
    """Children born into the 戸籍 (a parent in it) are numbered per father and mother and
    sex in birth order; everyone's 続柄 is a well-formed one for their sex."""
    found = []
    siblings: dict[tuple[str, str], list[RegisterMember]] = defaultdict(list)
    for m in r.members:
        if m.sex not in (MALE, FEMALE) or m.relation not in {
                relation_by_order(m.sex, n) for n in range(1, len(ORDINALS) + 1)}:
            found.append(Problem(Rule.RELATION, _at(r, m), f"続柄 {m.relation!r} for sex {m.sex!r}"))
            continue
        if parent_in(r, m.father) or parent_in(r, m.mother):
            siblings[(plain(m.father), plain(m.mother))].append(m)
    for children in siblings.values():
        for sex in (MALE, FEMALE):
            ordered = sorted((c for c in children if c.sex == sex), key=lambda c: c.birth_date)
            for n, c in enumerate(ordered, start=1):
                if n <= len(ORDINALS) and c.relation != relation_by_order(sex, n):
                    found.append(Problem(Rule.RELATION, _at(r, c),
                                         f"{c.relation}, but by birth order {relation_by_order(sex, n)}"))
    return found


def _spouses(r: FamilyRegister, today: date) -> list[Problem]:
    found = []
    roles: dict[str, list[RegisterMember]] = defaultdict(list)
    for m in r.members:
        married = m.event(MARRIAGE)
        if m.spouse_role is not None:
            roles[m.spouse_role].append(m)
            if m.spouse_role != ("夫" if m.sex == MALE else "妻"):
                found.append(Problem(Rule.SPOUSES, _at(r, m), f"配偶者区分 {m.spouse_role} for sex {m.sex}"))
            if married is None or not m.present:
                found.append(Problem(Rule.SPOUSES, _at(r, m), "配偶者区分 without a 婚姻 in this 戸籍"))
        elif married is not None and m.present:
            found.append(Problem(Rule.SPOUSES, _at(r, m), "married and in the 戸籍, but no 配偶者区分"))
    if any(len(v) > 1 for v in roles.values()) or set(roles) - {"夫", "妻"}:
        found.append(Problem(Rule.SPOUSES, r.key, f"配偶者区分 {sorted(roles)}, one each at most"))
    elif len(roles) == 2:
        husband, wife = roles["夫"][0], roles["妻"][0]
        h, w = husband.event(MARRIAGE), wife.event(MARRIAGE)
        if h is not None and w is not None and (
                h.on != w.on or plain(h.spouse) not in r.names_of(wife)
                or plain(w.spouse) not in r.names_of(husband)):
            found.append(Problem(Rule.SPOUSES, r.key, "the couple's 婚姻 do not name each other"))
    for m in r.members:
        married = m.event(MARRIAGE)
        if married is not None and married.on >= m.birth_date \
                and age_on(m.birth_date, married.on) < marriageable_age(m.sex, married.on):
            found.append(Problem(Rule.MARRIAGE_AGE, _at(r, m),
                                 f"married at {age_on(m.birth_date, married.on)} on {married.on}"))
    return found


def _made(r: FamilyRegister, today: date) -> list[Problem]:
    """戸籍事項: the 戸籍 was made (編製) by the 筆頭者's 婚姻 or 分籍, that day."""
    head, found = r.head, []
    if not head.birth_date <= r.made_on <= today:
        found.append(Problem(Rule.MADE, r.key, f"編製日 {r.made_on} before the 筆頭者's birth or ahead"))
    if r.made_by in (MARRIAGE, SEPARATION):
        event = head.event(r.made_by)
        if event is None or event.on != r.made_on or event.former is None:
            found.append(Problem(Rule.MADE, r.key, f"編製 by {r.made_by} without the 筆頭者's "
                                 f"{r.made_by} on {r.made_on} from a 従前戸籍"))
        if r.made_by == SEPARATION and r.made_on >= head.birth_date \
                and age_on(head.birth_date, r.made_on) < adult_age(r.made_on):
            found.append(Problem(Rule.MADE, r.key, "分籍 before coming of age"))
    elif r.made_by not in CARRIED_OVER:
        found.append(Problem(Rule.MADE, r.key, f"編製事由 {r.made_by!r}"))
    return found


def _dates_and_births(r: FamilyRegister, today: date) -> list[Problem]:
    found = []
    for m in r.members:
        where = _at(r, m)
        b = m.birth
        if m.birth_date > today:
            found.append(Problem(Rule.EVENT_DATES, where, f"born {m.birth_date}, after today"))
        if not m.birth_date <= b.notified_on <= min(
                today, m.birth_date + timedelta(days=BIRTH_NOTICE_DAYS - 1)):
            found.append(Problem(Rule.BIRTH_NOTICE, where, f"出生 {m.birth_date}, 届出 {b.notified_on}"))
        if not b.place.strip() or b.notifier not in BIRTH_NOTIFIERS or (
                b.notifier == "父" and not m.father) or (b.notifier == "母" and not m.mother):
            found.append(Problem(Rule.BIRTH_NOTICE, where, f"出生地 {b.place!r}, 届出人 {b.notifier!r}"))
        for e in m.events:
            if not m.birth_date <= e.on <= today:
                found.append(Problem(Rule.EVENT_DATES, where, f"{e.kind} on {e.on}"))
        for name in (m.father, m.mother):
            parent = parent_in(r, name)
            if parent is not None and (parent.birth_date >= m.birth_date or age_on(
                    parent.birth_date, m.birth_date) < MIN_PARENT_AGE):
                found.append(Problem(Rule.PARENT_AGE, where, f"parent born {parent.birth_date}"))
            born_in = parent is not None and m.event(MARRIAGE) is None and m is not r.head
            if born_in and r.made_by not in CARRIED_OVER and m.birth_date < r.made_on:
                found.append(Problem(Rule.EVENT_DATES, where, f"born into it before its 編製 {r.made_on}"))
    return found


def _left(r: FamilyRegister, today: date) -> list[Problem]:
    """除籍: when and why, and the 婚姻 or 分籍 that took them to a 新本籍."""
    found = []
    for m in r.members:
        where = _at(r, m)
        if (m.left_on is None) != (m.left_by is None):
            found.append(Problem(Rule.LEFT, where, "除籍 without its date or its reason"))
            continue
        leaving = [e for e in m.events if e.new is not None]
        if m.left_on is None:
            if leaving:
                found.append(Problem(Rule.LEFT, where, "a 新本籍 but not 除籍"))
            continue
        if not max(m.birth_date, r.made_on) <= m.left_on <= today:
            found.append(Problem(Rule.LEFT, where, f"除籍 on {m.left_on}"))
        if m.left_by not in LEFT_BY:
            found.append(Problem(Rule.LEFT, where, f"除籍 by {m.left_by!r}"))
        elif m.left_by != DEATH:
            event = m.event(m.left_by)
            if event is None or event.on != m.left_on or event.new is None:
                found.append(Problem(Rule.LEFT, where, f"除籍 by {m.left_by} without that "
                                     f"{m.left_by} on {m.left_on} to a 新本籍"))
    return found


__all__ = ["BIRTH_NOTICE_DAYS", "BIRTH_NOTIFIERS", "Birth", "Entry", "FamilyRegister", "Problem",
           "RegisterMember", "RegisterRef", "Rule", "marriageable_age", "plain", "register_problems",
           "relation_by_order", "same_ref", "surname"]
