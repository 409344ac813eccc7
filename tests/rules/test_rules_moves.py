"""住民票の異動 (backend.rules.moves): the 異動事由 from the dates, and the 届出日."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.rules.moves import (BIRTH, MOVE_IN, MOVE_WITHIN, WITH_PREVIOUS_ADDRESS, move_reason,
                                 notified_on)

BORN = date(2020, 1, 10)


@pytest.mark.parametrize("since, settled, reason", [
    (BORN, BORN, BIRTH),                                   # born here, never moved
    (BORN, date(2024, 5, 1), MOVE_WITHIN),                 # born here, moved within the city
    (date(2021, 4, 1), date(2021, 4, 1), MOVE_IN),         # came from elsewhere
    (date(2021, 4, 1), date(2025, 8, 8), MOVE_WITHIN),     # came, then moved within
])
def test_the_reason(since, settled, reason):
    assert move_reason(BORN, since, settled) == reason


def test_only_a_birth_has_no_former_address():
    assert WITH_PREVIOUS_ADDRESS == {MOVE_IN, MOVE_WITHIN} and BIRTH not in WITH_PREVIOUS_ADDRESS


@pytest.mark.parametrize("since, settled", [
    (date(2019, 1, 1), date(2019, 1, 1)),     # a resident before birth
    (date(2022, 1, 1), date(2021, 1, 1)),     # an address before becoming a resident
])
def test_impossible_dates_are_refused(since, settled):
    with pytest.raises(ValueError):
        move_reason(BORN, since, settled)


@given(moved=st.dates(date(1990, 1, 1), date(2026, 6, 10)), after=st.integers(0, 14),
       today=st.dates(date(1990, 1, 1), date(2026, 6, 10)))
def test_the_notice_is_within_fourteen_days_and_never_after_today(moved, after, today):
    day = notified_on(moved, after, today)
    assert moved <= day <= moved + timedelta(days=14)
    assert day <= max(today, moved)


@pytest.mark.parametrize("after", [-1, 15])
def test_a_late_or_early_notice_is_refused(after):
    with pytest.raises(ValueError):
        notified_on(BORN, after, date(2026, 1, 1))
