"""Service hours over many dates and times (leaflets 002, 003)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.clock import JST
from backend.reasons import Reason, ServiceError
from backend.rules.hours import (CertificateWindow, ServiceCalendar, StoreHours,
                                 certificate_window_refusal, is_working_day, is_year_end,
                                 national_maintenance_day, require_open, service_refusal, within)


def at(y, mo, d, h, mi=0, s=0):
    return datetime(y, mo, d, h, mi, s, tzinfo=JST)


@pytest.mark.parametrize("when, reason", [
    (at(2026, 6, 10, 6, 29, 59), Reason.CLOSED_HOURS),
    (at(2026, 6, 10, 6, 30), None),
    (at(2026, 6, 10, 12, 0), None),
    (at(2026, 6, 10, 22, 59, 59), None),
    (at(2026, 6, 10, 23, 0), Reason.CLOSED_HOURS),      # 23:00 itself is closed
    (at(2026, 6, 10, 23, 30), Reason.CLOSED_HOURS),
    (at(2026, 6, 10, 0, 0), Reason.CLOSED_HOURS),
    (at(2026, 6, 10, 3, 0), Reason.CLOSED_HOURS),
    (at(2026, 6, 13, 10, 0), None),                     # Saturday: open every day
    (at(2026, 5, 5, 10, 0), None),                      # national holiday: open
])
def test_daily_window(when, reason):
    assert service_refusal(when) == reason


@pytest.mark.parametrize("day", [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31),
                                 date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3),
                                 date(2024, 12, 29), date(2031, 1, 3)])
@pytest.mark.parametrize("t", [time(6, 30), time(12, 0), time(22, 59)])
def test_year_end_closed_all_day(day, t):
    assert service_refusal(datetime.combine(day, t, JST)) is Reason.CLOSED_YEAR_END


@pytest.mark.parametrize("day", [date(2026, 12, 28), date(2027, 1, 4), date(2026, 11, 29)])
def test_days_around_year_end_open(day):
    assert service_refusal(datetime.combine(day, time(12), JST)) is None


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_year_end_is_exactly_12_29_to_1_3(day):
    expected = (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)
    assert is_year_end(day) is expected


@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)))
def test_open_iff_inside_window_and_not_year_end(naive):
    when = naive.replace(tzinfo=JST)
    open_ = service_refusal(when) is None
    expected = (time(6, 30) <= when.time() < time(23, 0)) and not is_year_end(when.date())
    assert open_ is expected


def test_maintenance_day_closes_whole_day():
    cal = ServiceCalendar(maintenance_days=frozenset({date(2026, 6, 21)}))
    assert service_refusal(at(2026, 6, 21, 12), cal) is Reason.MAINTENANCE
    assert service_refusal(at(2026, 6, 21, 6, 30), cal) is Reason.MAINTENANCE
    assert service_refusal(at(2026, 6, 20, 12), cal) is None
    assert service_refusal(at(2026, 6, 22, 12), cal) is None


def test_year_end_wins_over_maintenance():
    cal = ServiceCalendar(maintenance_days=frozenset({date(2026, 12, 30)}))
    assert service_refusal(at(2026, 12, 30, 12), cal) is Reason.CLOSED_YEAR_END


SEICOMART = StoreHours(time(7), time(22))


@pytest.mark.parametrize("when, reason", [
    (at(2026, 6, 10, 6, 45), Reason.STORE_CLOSED),
    (at(2026, 6, 10, 7, 0), None),
    (at(2026, 6, 10, 21, 59), None),
    (at(2026, 6, 10, 22, 0), Reason.STORE_CLOSED),
    (at(2026, 6, 10, 22, 30), Reason.STORE_CLOSED),
    (at(2026, 6, 10, 23, 30), Reason.CLOSED_HOURS),    # the service window is checked first
])
def test_store_hours(when, reason):
    assert service_refusal(when, store=SEICOMART) is reason


@pytest.mark.parametrize("t, inside", [
    (time(21, 59), False), (time(22, 0), True), (time(23, 59), True), (time(0, 0), True),
    (time(5, 59), True), (time(6, 0), False), (time(12, 0), False)])
def test_store_hours_wrapping_midnight(t, inside):
    assert within(t, time(22), time(6)) is inside


def test_store_without_hours_is_always_open():
    assert within(time(3), None, None) and within(time(3), time(0), time(0))


def test_require_open_raises_the_reason():
    with pytest.raises(ServiceError) as info:
        require_open(at(2027, 1, 1, 10))
    assert info.value.reason is Reason.CLOSED_YEAR_END
    require_open(at(2026, 6, 10, 10))


@pytest.mark.parametrize("day, working", [
    (date(2026, 6, 10), True),      # Wednesday
    (date(2026, 6, 13), False),     # Saturday
    (date(2026, 6, 14), False),     # Sunday
    (date(2026, 1, 12), False),     # 成人の日
    (date(2026, 5, 3), False),      # 憲法記念日 (Sunday)
    (date(2026, 5, 6), False),      # 振替休日
    (date(2026, 9, 22), False),     # 国民の休日 (between 敬老の日 and 秋分の日)
    (date(2026, 11, 3), False),     # 文化の日
    (date(2026, 12, 28), True),     # Monday before year end
    (date(2026, 12, 29), False),    # 閉庁日 though a Tuesday
    (date(2027, 1, 4), True),       # first working day
    (date(2026, 7, 20), False),     # 海の日
])
def test_working_days(day, working):
    assert is_working_day(day) is working


FAMILY_REGISTER = CertificateWindow(working_days_only=True, opens=time(9), closes=time(17))


@pytest.mark.parametrize("when, reason", [
    (at(2026, 6, 10, 8, 59), Reason.CERTIFICATE_WINDOW_CLOSED),
    (at(2026, 6, 10, 9, 0), None),
    (at(2026, 6, 10, 16, 59), None),
    (at(2026, 6, 10, 17, 0), Reason.CERTIFICATE_WINDOW_CLOSED),
    (at(2026, 6, 13, 10, 0), Reason.CERTIFICATE_WINDOW_CLOSED),   # Saturday
    (at(2026, 7, 20, 10, 0), Reason.CERTIFICATE_WINDOW_CLOSED),   # 海の日
])
def test_certificate_window(when, reason):
    assert certificate_window_refusal(when, FAMILY_REGISTER) is reason


def test_no_certificate_window_means_service_hours():
    assert certificate_window_refusal(at(2026, 6, 13, 22), None) is None
    assert certificate_window_refusal(at(2026, 6, 13, 22), CertificateWindow()) is None


@pytest.mark.parametrize("year, month, expected", [
    (2026, 6, date(2026, 6, 21)), (2026, 8, date(2026, 8, 16)), (2026, 2, date(2026, 2, 22)),
    (2026, 3, date(2026, 3, 22)), (2026, 11, date(2026, 11, 22))])
def test_national_maintenance_day_is_sunday_after_third_saturday(year, month, expected):
    got = national_maintenance_day(year, month)
    assert got == expected and got.weekday() == 6
    saturday = got - timedelta(days=1)
    assert 15 <= saturday.day <= 21
