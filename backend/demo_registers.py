"""Demo data: the 戸籍 of the demo residents whose 本籍 is recorded (backend.demo_data).

Each member's `person` is the demo resident's key, which is how the seed links the row to its
resident and how the validator (`backend.rules.register_household`) finds the 住民票 that
must agree. Every date here is fixed and in the past. All people and places are fictitious.

tomakomai-omori's 12-person household (one 住民票 世帯) is two 戸籍: 大森 大吉 and トメ with
their unmarried sons 二郎 and 三郎 (and 一夫, 除籍 by his 婚姻); 大森 一夫 and 美和 with their
six children, the youngest (光) born here and notified by his father. The single people
heading a 戸籍 of their own made it by 分籍 from their parents'.
"""

from __future__ import annotations

from datetime import date, timedelta

from backend import demo_data as demo
from backend.demo_data import IZUMI, KYOTO_NAKAGYO, TOMAKOMAI
from backend.demo_residence import fuhyo, resident_dates
from backend.rules.register_addresses import entered_on
from backend.rules.register import FEMALE as F
from backend.rules.register import MALE as M
from backend.rules.register import (Birth, Entry, FamilyRegister, RegisterMember, RegisterRef,
                                    relation_by_order)
from backend.rules.register_household import Household, HouseholdPerson

OMORI_HONSEKI = "北海道苫小牧市大成町二丁目10番"
IZUMI_HONSEKI = "大阪府和泉市府中町一丁目2番"
TOMAKOMAI_HONSEKI = "北海道苫小牧市旭町四丁目5番"
KYOTO_HONSEKI = "京都府京都市中京区寺町通御池上る上本能寺前町488番地"
SAPPORO = "北海道札幌市中央区"


def _born(day: date, place: str, days_later: int, by: str) -> Birth:
    return Birth(place, day + timedelta(days=days_later), by)


def _child(key: str, given: str, kana: str, sex: str, born: date, father: str, mother: str,
           n: int, place: str, by: str = "父", *, events: tuple[Entry, ...] = (),
           spouse_role: str | None = None, left_on: date | None = None,
           left_by: str | None = None) -> RegisterMember:
    """A child born into a 戸籍: its 続柄 from its place among its parents' sons or daughters."""
    return RegisterMember(key, given, kana, sex, born, father, mother, relation_by_order(sex, n),
                          _born(born, place, 7, by), events, spouse_role, left_on, left_by)


# 大森 大吉 and トメ married on 1974-05-10; their first son married on 2002-06-15.
_DAIKICHI_WED, _KAZUO_WED = date(1974, 5, 10), date(2002, 6, 15)
_DAIKICHI = RegisterRef(OMORI_HONSEKI, "大森 大吉")
_KAZUO_NEW = RegisterRef(OMORI_HONSEKI, "大森 一夫")


def _kazuo(event: Entry, spouse_role: str | None = None, left_on: date | None = None,
           left_by: str | None = None) -> RegisterMember:
    """大森 一夫, in his parents' 戸籍 (除籍 by 婚姻) and in his own (its 筆頭者)."""
    return _child("tomakomai-omori-03", "一夫", "カズオ", M, date(1975, 4, 1), "大森 大吉",
                  "大森 トメ", 1, "北海道苫小牧市", events=(event,), spouse_role=spouse_role,
                  left_on=left_on, left_by=left_by)


OMORI_DAIKICHI = FamilyRegister(
    "tomakomai-omori-daikichi", TOMAKOMAI, OMORI_HONSEKI, "大森", "オオモリ",
    _DAIKICHI_WED, "婚姻", (
        RegisterMember("tomakomai-omori-01", "大吉", "ダイキチ", M, date(1950, 2, 11),
                       "大森 大作", "大森 ハナ", "長男", _born(date(1950, 2, 11), "北海道苫小牧市", 9, "父"),
                       (Entry("婚姻", _DAIKICHI_WED, "佐々木 トメ",
                              former=RegisterRef(OMORI_HONSEKI, "大森 大作")),),
                       spouse_role="夫"),
        RegisterMember("tomakomai-omori-02", "トメ", "トメ", F, date(1952, 3, 21),
                       "佐々木 正", "佐々木 キヨ", "長女",
                       _born(date(1952, 3, 21), "北海道白老郡白老町", 7, "父"),
                       (Entry("婚姻", _DAIKICHI_WED, "大森 大吉",
                              former=RegisterRef("北海道白老郡白老町大町一丁目1番", "佐々木 正")),),
                       spouse_role="妻"),
        _kazuo(Entry("婚姻", _KAZUO_WED, "田村 美和", new=_KAZUO_NEW), left_on=_KAZUO_WED,
               left_by="婚姻"),
        _child("tomakomai-omori-05", "二郎", "ジロウ", M, date(1978, 6, 3), "大森 大吉", "大森 トメ",
               2, "北海道苫小牧市", by="母"),
        _child("tomakomai-omori-06", "三郎", "サブロウ", M, date(1981, 7, 4), "大森 大吉",
               "大森 トメ", 3, "北海道苫小牧市"),
    ))


def _omori_child(key: str, given: str, kana: str, sex: str, born: date, n: int,
                 by: str = "父") -> RegisterMember:
    return _child(key, given, kana, sex, born, "大森 一夫", "大森 美和", n, "北海道苫小牧市", by)


OMORI_KAZUO = FamilyRegister(
    "tomakomai-omori-kazuo", TOMAKOMAI, OMORI_HONSEKI, "大森", "オオモリ", _KAZUO_WED, "婚姻", (
        _kazuo(Entry("婚姻", _KAZUO_WED, "田村 美和", former=_DAIKICHI), spouse_role="夫"),
        RegisterMember("tomakomai-omori-04", "美和", "ミワ", F, date(1977, 5, 2), "田村 修",
                       "田村 幸子", "長女", _born(date(1977, 5, 2), SAPPORO, 7, "父"),
                       (Entry("婚姻", _KAZUO_WED, "大森 一夫",
                              former=RegisterRef("北海道札幌市中央区北1条西2丁目1番地", "田村 修")),),
                       spouse_role="妻"),
        _omori_child("tomakomai-omori-07", "春", "ハル", F, date(2003, 8, 5), 1),
        _omori_child("tomakomai-omori-08", "夏樹", "ナツキ", M, date(2005, 9, 6), 1),
        _omori_child("tomakomai-omori-09", "秋", "アキ", F, date(2008, 10, 7), 2, by="母"),
        _omori_child("tomakomai-omori-10", "冬馬", "トウマ", M, date(2012, 11, 8), 2),
        _omori_child("tomakomai-omori-11", "桃", "モモ", F, date(2015, 12, 9), 3),
        # The newborn of the household: born here (no 前住所), notified by his father.
        _omori_child("tomakomai-omori-12", "光", "ヒカル", M, date(2020, 1, 10), 3),
    ))

_IZUMI_WED = date(2008, 11, 22)
IZUMI_TARO = FamilyRegister(
    "izumi-taro", IZUMI, IZUMI_HONSEKI, "和泉", "イズミ", _IZUMI_WED, "婚姻", (
        RegisterMember("izumi-taro", "太郎", "タロウ", M, date(1980, 4, 12), "和泉 一", "和泉 良子",
                       "長男", _born(date(1980, 4, 12), "大阪府和泉市", 6, "父"),
                       (Entry("婚姻", _IZUMI_WED, "山田 花子",
                              former=RegisterRef(IZUMI_HONSEKI, "和泉 一")),),
                       spouse_role="夫"),
        # 旧氏 山田 on her 住民票: the 氏 of the 戸籍 she came from.
        RegisterMember("izumi-hanako", "花子", "ハナコ", F, date(1982, 9, 3), "山田 一郎",
                       "山田 幸子", "長女", _born(date(1982, 9, 3), "大阪府堺市堺区", 7, "父"),
                       (Entry("婚姻", _IZUMI_WED, "和泉 太郎",
                              former=RegisterRef("大阪府堺市堺区南瓦町3番", "山田 一郎")),),
                       spouse_role="妻"),
        _child("izumi-ichiro", "一郎", "イチロウ", M, date(2010, 5, 20), "和泉 太郎", "和泉 花子", 1,
               "大阪府和泉市"),
        _child("izumi-sakura", "さくら", "サクラ", F, date(2016, 7, 7), "和泉 太郎", "和泉 花子", 1,
               "大阪府和泉市", by="母"),
    ))


def _single(key: str, code: str, honseki: str, family: str, family_kana: str, given: str,
            kana: str, sex: str, born: date, place: str, father: str, mother: str,
            separated: date, came_from: str, by: str = "父") -> FamilyRegister:
    """A 戸籍 of one, made by 分籍 from the father's 戸籍 (at `came_from`)."""
    head = RegisterMember(
        key, given, kana, sex, born, f"{family} {father}", f"{family} {mother}",
        relation_by_order(sex, 1), _born(born, place, 6, by),
        (Entry("分籍", separated, former=RegisterRef(came_from, f"{family} {father}")),))
    return FamilyRegister(key, code, honseki, family, family_kana, separated, "分籍", (head,))


SINGLES = (
    _single("tomakomai-yoko", TOMAKOMAI, TOMAKOMAI_HONSEKI, "北野", "キタノ", "陽子", "ヨウコ", F,
            date(1975, 8, 8), SAPPORO, "勇", "和子", date(2001, 4, 2),
            "北海道札幌市中央区北1条西2丁目1番地"),
    _single("arakawa-haruto", TOMAKOMAI, TOMAKOMAI_HONSEKI, "荒川", "アラカワ", "陽翔", "ハルト", M,
            date(1992, 9, 9), "北海道苫小牧市", "翔", "典子", date(2014, 10, 1), TOMAKOMAI_HONSEKI),
    _single("arakawa-mei", TOMAKOMAI, TOMAKOMAI_HONSEKI, "町屋", "マチヤ", "芽衣", "メイ", F,
            date(1996, 2, 29), "北海道苫小牧市", "誠", "由美", date(2018, 3, 1),
            "北海道苫小牧市錦町一丁目6番", by="母"),
    _single("arakawa-kenta", IZUMI, IZUMI_HONSEKI, "日暮", "ヒグラシ", "健太", "ケンタ", M,
            date(1985, 7, 7), "大阪府和泉市", "進", "房子", date(2010, 7, 7), IZUMI_HONSEKI),
    _single("arakawa-kyoto", KYOTO_NAKAGYO, KYOTO_HONSEKI, "千住", "センジュ", "京子", "キョウコ", F,
            date(1968, 12, 1), "京都府京都市中京区", "隆", "千代", date(1995, 4, 1), KYOTO_HONSEKI),
    _single("tomakomai-signlock", TOMAKOMAI, "北海道苫小牧市錦町二丁目8番", "錦", "ニシキ", "由美",
            "ユミ", F, date(1979, 3, 15), "北海道札幌市北区", "武", "春江", date(2005, 6, 1),
            "北海道札幌市北区北8条西5丁目1番地"),
    _single("tomakomai-tenkyo", TOMAKOMAI, "北海道苫小牧市緑町二丁目4番", "緑", "ミドリ", "大輔",
            "ダイスケ", M, date(1988, 10, 20), "北海道苫小牧市", "大介", "洋子", date(2012, 4, 2),
            "北海道苫小牧市本町二丁目1番"),
)

REGISTERS: tuple[FamilyRegister, ...] = (IZUMI_TARO, OMORI_DAIKICHI, OMORI_KAZUO) + SINGLES


def entered(person: str) -> date | None:
    """The day the demo person entered the 戸籍 they are in now; None: in none of these."""
    return next((entered_on(r, m) for r in REGISTERS for m in r.members
                 if m.person == person and m.present), None)


def households(today: date) -> tuple[Household, ...]:
    """The demo households as the validator sees them, on the seeding day `today`."""
    result = []
    for h in demo.HOUSEHOLDS:
        persons = []
        for p in h.members:
            came = entered(p.key)
            since, settled, previous = resident_dates(h, p, today, came)
            persons.append(HouseholdPerson(
                p.key, p.family_name, p.given_name, p.sex, p.birth_date, p.relation, since,
                settled, previous, former_surname=p.former_surname, honseki_code=p.honseki_code,
                honseki=p.honseki_address, hittosha=p.hittosha, hittosha_kana=p.hittosha_kana,
                address=h.address, fuhyo=() if came is None else fuhyo(h, p, today, came)))
        result.append(Household(h.key, tuple(persons)))
    return tuple(result)
