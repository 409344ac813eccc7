"""Card and e-certificate validity (leaflets 001 §5, 002, 003 §2(5))."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.reasons import Reason
from backend.rules.dates import age_on, birthday_in, nth_birthday_after
from backend.rules.validity import (CardState, card_expiry, card_refusal, certificate_expiry,
                                    stay_limits_card)


@pytest.mark.parametrize("birth, day, age", [
    (date(1980, 4, 12), date(2026, 4, 11), 45), (date(1980, 4, 12), date(2026, 4, 12), 46),
    (date(2011, 6, 10), date(2026, 6, 9), 14), (date(2011, 6, 10), date(2026, 6, 10), 15),
    (date(1996, 2, 29), date(2026, 2, 27), 29), (date(1996, 2, 29), date(2026, 2, 28), 30),
    (date(1996, 2, 29), date(2028, 2, 29), 32)])
def test_age(birth, day, age):
    assert age_on(birth, day) == age


def test_age_before_birth_is_an_error():
    with pytest.raises(ValueError):
        age_on(date(2000, 1, 2), date(2000, 1, 1))


@pytest.mark.parametrize("birth, issued, n, expected", [
    (date(1980, 4, 12), date(2026, 4, 11), 1, date(2026, 4, 12)),
    (date(1980, 4, 12), date(2026, 4, 12), 1, date(2027, 4, 12)),   # issue day is not "after"
    (date(1980, 4, 12), date(2026, 4, 13), 10, date(2036, 4, 12)),
    (date(1996, 2, 29), date(2026, 3, 1), 2, date(2028, 2, 29)),
    (date(1996, 2, 29), date(2026, 3, 1), 1, date(2027, 2, 28)),
])
def test_nth_birthday_after(birth, issued, n, expected):
    assert nth_birthday_after(birth, issued, n) == expected


@pytest.mark.parametrize("birth, issued, expected", [
    (date(1980, 4, 12), date(2025, 5, 6), date(2035, 4, 12)),    # adult: 10th birthday
    (date(2008, 6, 10), date(2026, 6, 10), date(2036, 6, 10)),   # 18 on the day of issue
    (date(2008, 6, 11), date(2026, 6, 10), date(2030, 6, 11)),   # 17: 5th birthday
    (date(2016, 7, 7), date(2025, 5, 6), date(2029, 7, 7)),      # child: 5th birthday
    (date(1996, 2, 29), date(2025, 3, 1), date(2035, 2, 28)),
])
def test_card_expiry_by_age_at_issue(birth, issued, expected):
    assert card_expiry(birth, issued) == expected


def test_foreign_resident_card_ends_with_the_stay():
    assert card_expiry(date(1995, 3, 14), date(2025, 11, 22),
                       stay_expires_on=date(2027, 8, 4)) == date(2027, 8, 4)
    # never beyond the national's rule
    assert card_expiry(date(2009, 3, 14), date(2025, 11, 22),
                       stay_expires_on=date(2040, 1, 1)) == date(2030, 3, 14)


@pytest.mark.parametrize("status, stay_end, capped", [
    ("技術・人文知識・国際業務", date(2027, 1, 1), True), ("留学", date(2027, 1, 1), True),
    ("永住者", date(2027, 1, 1), False), ("特別永住者", None, False), (None, None, False)])
def test_which_residence_statuses_cap_the_card(status, stay_end, capped):
    assert (stay_limits_card(status, stay_end) is not None) is capped


@pytest.mark.parametrize("birth, issued, card_end, expected", [
    (date(1980, 4, 12), date(2025, 5, 6), date(2035, 4, 12), date(2030, 4, 12)),
    (date(1995, 3, 14), date(2025, 11, 22), date(2027, 8, 4), date(2027, 8, 4)),   # capped
    (date(2016, 7, 7), date(2025, 5, 6), date(2029, 7, 7), date(2029, 7, 7)),
])
def test_certificate_expiry(birth, issued, card_end, expected):
    assert certificate_expiry(birth, issued, card_end) == expected


birth_dates = st.dates(min_value=date(1930, 1, 1), max_value=date(2025, 1, 1))


@given(birth_dates, st.integers(0, 365 * 30))
def test_expiry_properties(birth, days_later):
    issued = date.fromordinal(birth.toordinal() + days_later)
    card = card_expiry(birth, issued)
    cert = certificate_expiry(birth, issued, card)
    assert issued < cert <= card
    assert (card.month, card.day) in ((birth.month, birth.day), (2, 28))
    years = 10 if age_on(birth, issued) >= 18 else 5
    # the n-th birthday after issue falls in year issue+n, or issue+n−1 if the birthday is later
    assert card.year - issued.year in (years - 1, years)


GOOD = CardState("active", False, date(2035, 4, 12), date(2030, 4, 12))


@pytest.mark.parametrize("card, today, reason", [
    (GOOD, date(2026, 6, 10), None),
    (GOOD, date(2030, 4, 12), None),                                  # good through the day
    (GOOD, date(2030, 4, 13), Reason.CERTIFICATE_EXPIRED),
    (GOOD, date(2035, 4, 13), Reason.CARD_EXPIRED),
    (CardState("suspended", False, GOOD.expires_on, GOOD.certificate_expires_on),
     date(2026, 6, 10), Reason.CARD_SUSPENDED),
    (CardState("abolished", False, GOOD.expires_on, GOOD.certificate_expires_on),
     date(2026, 6, 10), Reason.CARD_ABOLISHED),
    (CardState("invalidated", False, GOOD.expires_on, GOOD.certificate_expires_on),
     date(2026, 6, 10), Reason.CARD_INVALIDATED),
    (CardState("stolen?", False, GOOD.expires_on, GOOD.certificate_expires_on),
     date(2026, 6, 10), Reason.CARD_INVALIDATED),
    (CardState("active", True, GOOD.expires_on, GOOD.certificate_expires_on),
     date(2026, 6, 10), Reason.FACE_AUTH_CARD),
    (CardState("suspended", True, date(2020, 1, 1), date(2020, 1, 1)),
     date(2026, 6, 10), Reason.CARD_SUSPENDED),                       # status first
])
def test_card_refusal(card, today, reason):
    assert card_refusal(card, today) is reason


def test_birthday_in_common_year_for_leap_day_birth():
    assert birthday_in(date(2000, 2, 29), 2001) == date(2001, 2, 28)
    assert birthday_in(date(2000, 2, 29), 2004) == date(2004, 2, 29)
