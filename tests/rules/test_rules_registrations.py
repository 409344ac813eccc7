"""利用登録申請 rules: the decision day after N 開庁日, the 筆頭者 in katakana, who may apply to
which 本籍地, and the 本籍地's check (leaflet 002 p.9)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.api import CertificateCode as C
from backend.reasons import Reason, ServiceError
from backend.rules.hours import is_working_day
from backend.rules.registrations import (Applicant, acceptance, applicant_refusal, choice_refusal,
                                         decision_day, hittosha_kana, is_due, matches, same_name)

IZUMI, TOMAKOMAI, ARAKAWA = "272191", "012131", "131181"


@pytest.mark.parametrize("applied, days, decided", [
    (date(2026, 6, 10), 2, date(2026, 6, 12)),    # Wed → Fri
    (date(2026, 6, 11), 2, date(2026, 6, 15)),    # Thu → Mon (over the weekend)
    (date(2026, 6, 12), 2, date(2026, 6, 16)),    # Fri → Tue
    (date(2026, 6, 13), 2, date(2026, 6, 16)),    # Sat: the day itself never counts
    (date(2026, 6, 14), 2, date(2026, 6, 16)),    # Sun
    (date(2026, 6, 10), 1, date(2026, 6, 11)),
    (date(2026, 6, 10), 5, date(2026, 6, 17)),
    (date(2026, 7, 17), 2, date(2026, 7, 22)),    # Fri; Mon 7/20 海の日
    (date(2026, 9, 18), 2, date(2026, 9, 25)),    # Fri; 9/21 敬老の日, 9/22 国民の休日, 9/23 秋分の日
    (date(2026, 4, 28), 2, date(2026, 5, 1)),     # 4/29 昭和の日
    (date(2026, 4, 30), 2, date(2026, 5, 7)),     # 5/3–5/6 Golden Week with its 振替休日
    (date(2026, 12, 25), 2, date(2027, 1, 4)),    # Fri; 12/28 counts, 12/29–1/3 closed
    (date(2026, 12, 28), 1, date(2027, 1, 4)),    # 年末年始
    (date(2026, 12, 30), 1, date(2027, 1, 4)),    # applied during 年末年始 (at a kiosk: never)
    (date(2027, 1, 8), 1, date(2027, 1, 12)),     # Fri; Mon 1/11 成人の日
    (date(2026, 11, 2), 1, date(2026, 11, 4)),    # Mon; Tue 11/3 文化の日
])
def test_decision_day_counts_working_days(applied, days, decided):
    assert decision_day(applied, days) == decided


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)),
       st.integers(min_value=1, max_value=10))
def test_decision_day_is_the_nth_working_day_after(applied, days):
    decided = decision_day(applied, days)
    assert decided > applied and is_working_day(decided)
    between = [applied + timedelta(d) for d in range(1, (decided - applied).days + 1)]
    assert sum(is_working_day(d) for d in between) == days


def test_decision_day_needs_a_day():
    with pytest.raises(ValueError):
        decision_day(date(2026, 6, 10), 0)


@pytest.mark.parametrize("due, today, result", [
    (date(2026, 6, 12), date(2026, 6, 11), False),
    (date(2026, 6, 12), date(2026, 6, 12), True),
    (date(2026, 6, 12), date(2026, 7, 1), True),
    (None, date(2099, 1, 1), False),                # staff decide: never automatically
])
def test_is_due(due, today, result):
    assert is_due(due, today) is result


@pytest.mark.parametrize("entered, stored", [
    ("マチヤ メイ", "マチヤ メイ"),
    ("マチヤ\u3000メイ", "マチヤ メイ"),                 # a full-width space
    ("  マチヤ   メイ ", "マチヤ メイ"),
    ("ﾏﾁﾔ ﾒｲ", "マチヤ メイ"),                          # half-width katakana
    ("ｵｵﾓﾘ ﾀﾞｲｷﾁ", "オオモリ ダイキチ"),                 # half-width with a dakuten
    ("マチヤメイ", "マチヤメイ"),
    ("グエン ヴァン アン", "グエン ヴァン アン"),
    ("スミス・ジョーンズ", "スミス・ジョーンズ"),
    ("ア" * 30, "ア" * 30),
])
def test_katakana_is_kept_in_one_spelling(entered, stored):
    assert hittosha_kana(entered) == stored


@pytest.mark.parametrize("entered", [
    "", "   ", "\u3000", "まちや めい", "町屋 芽衣", "MACHIYA", "マチヤ1", "マチヤ-メイ",
    "ア" * 31, "マチヤ\x00メイ", "マチヤ\nメイ!", None, 123, b"\xe3\x83\x9e", ["マ"],
])
def test_anything_but_katakana_is_refused(entered):
    with pytest.raises(ServiceError) as info:
        hittosha_kana(entered)
    assert info.value.reason is Reason.HITTOSHA_KANA_INVALID


@given(st.text(max_size=40))
def test_any_text_is_either_refused_or_katakana(text):
    try:
        kana = hittosha_kana(text)
    except ServiceError as exc:
        assert exc.reason is Reason.HITTOSHA_KANA_INVALID
    else:
        assert 0 < len(kana) <= 30 and kana == kana.strip() and "  " not in kana
        assert hittosha_kana(kana) == kana


@pytest.mark.parametrize("a, b, same", [
    ("マチヤ メイ", "マチヤ メイ", True),
    ("マチヤメイ", "マチヤ メイ", True),
    ("ﾏﾁﾔ ﾒｲ", "マチヤ\u3000メイ", True),
    ("マチヤ メイ", "マチヤ メ", False),
    ("マチヤ メイ", "マチヤ ハナコ", False),
    ("マチヤ メイ", None, False),
    (None, None, False),
    ("", "", False),
])
def test_same_name_ignores_spaces_and_width(a, b, same):
    assert same_name(a, b) is same


@pytest.mark.parametrize("offers, reason", [
    ([(C.RESIDENT_RECORD, False), (C.FAMILY_REGISTER_ALL, True)], None),           # Tomakomai
    ([(C.FAMILY_REGISTER_ADDRESSES, True)], None),
    ([(C.RESIDENT_RECORD, False), (C.FAMILY_REGISTER_ALL, False)],
     Reason.HONSEKI_RESIDENTS_ONLY),                                                # Izumi
    ([(C.RESIDENT_RECORD, False), (C.SEAL_REGISTRATION, False)],
     Reason.HONSEKI_NOT_OFFERED),                                                   # Arakawa
    ([(C.RESIDENT_RECORD, True)], Reason.HONSEKI_NOT_OFFERED),   # no 戸籍, whatever the flag
    ([], Reason.HONSEKI_NOT_OFFERED),                                               # Kyoto
])
def test_which_municipalities_take_applications(offers, reason):
    assert acceptance(offers) == reason


MEI = Applicant(ARAKAWA, TOMAKOMAI, "マチヤ メイ")


@pytest.mark.parametrize("person, reason", [
    (MEI, None),
    (replace(MEI, honseki_code=None), Reason.NO_FAMILY_REGISTER),
    (replace(MEI, pending=frozenset({TOMAKOMAI})), Reason.REGISTRATION_PENDING),
    (replace(MEI, pending=frozenset({IZUMI})), Reason.REGISTRATION_PENDING),   # one at a time
    (replace(MEI, honseki_code=ARAKAWA), Reason.NO_REGISTRATION_NEEDED),
    (replace(MEI, approved=frozenset({TOMAKOMAI})), Reason.ALREADY_REGISTERED),
    # registered with a former 本籍 (転籍 since): may apply for the new one
    (replace(MEI, approved=frozenset({IZUMI})), None),
])
def test_who_may_start_an_application(person, reason):
    assert applicant_refusal(person) == reason


@pytest.mark.parametrize("person, code, accepts, reason", [
    (MEI, TOMAKOMAI, None, None),
    (MEI, IZUMI, Reason.HONSEKI_RESIDENTS_ONLY, Reason.HONSEKI_RESIDENTS_ONLY),
    (MEI, ARAKAWA, Reason.HONSEKI_NOT_OFFERED, Reason.HONSEKI_NOT_OFFERED),
    (replace(MEI, municipality_code=TOMAKOMAI), TOMAKOMAI, None,
     Reason.NO_REGISTRATION_NEEDED),
    (replace(MEI, approved=frozenset({TOMAKOMAI})), TOMAKOMAI, None, Reason.ALREADY_REGISTERED),
    (replace(MEI, pending=frozenset({TOMAKOMAI})), TOMAKOMAI, None, Reason.REGISTRATION_PENDING),
    # The 本籍 on record is not asked here: choosing another 本籍地 is the 本籍地's to reject.
    (replace(MEI, honseki_code=IZUMI), TOMAKOMAI, None, None),
])
def test_which_municipality_a_person_may_apply_to(person, code, accepts, reason):
    assert choice_refusal(person, code, accepts) == reason


@pytest.mark.parametrize("code, kana, ok", [
    (TOMAKOMAI, "マチヤ メイ", True),
    (TOMAKOMAI, "マチヤメイ", True),
    (TOMAKOMAI, "ﾏﾁﾔ ﾒｲ", True),
    (TOMAKOMAI, "マチヤ ハナコ", False),    # another 筆頭者
    (IZUMI, "マチヤ メイ", False),          # another 本籍地
    (TOMAKOMAI, None, False),
])
def test_the_honseki_checks_its_family_register(code, kana, ok):
    assert matches(MEI, code, kana) is ok
    assert not matches(replace(MEI, honseki_code=None), code, kana)
    assert not matches(replace(MEI, hittosha_kana=None), code, kana)
