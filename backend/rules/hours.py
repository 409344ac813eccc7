"""When a kiosk may issue (leaflets 002, 003; DOMAIN §3).

6:30–23:00 every day (23:00 itself is closed), except 12/29–1/3 and maintenance days, and
only while the store is open. A municipality may narrow one certificate's window further
(e.g. 戸籍 on working days only). All times are the kiosk's local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import jpholiday

from backend.reasons import Reason, ServiceError

DAILY_OPENS = time(6, 30)
DAILY_CLOSES = time(23, 0)
YEAR_END = ((12, 29), (1, 3))   # 年末年始: from 12/29 through 1/3


@dataclass(frozen=True)
class ServiceCalendar:
    opens: time = DAILY_OPENS
    closes: time = DAILY_CLOSES
    year_end_from: tuple[int, int] = YEAR_END[0]
    year_end_to: tuple[int, int] = YEAR_END[1]
    maintenance_days: frozenset[date] = frozenset()


@dataclass(frozen=True)
class StoreHours:
    """The store's own opening hours; None/None: open all day. May wrap past midnight."""

    opens: time | None = None
    closes: time | None = None


@dataclass(frozen=True)
class CertificateWindow:
    working_days_only: bool = False
    opens: time | None = None
    closes: time | None = None


def within(t: time, opens: time | None, closes: time | None) -> bool:
    """opens ≤ t < closes; a window whose end is before its start wraps past midnight."""
    if opens is None or closes is None or opens == closes:
        return True
    if opens < closes:
        return opens <= t < closes
    return t >= opens or t < closes


def is_year_end(day: date, calendar: ServiceCalendar = ServiceCalendar()) -> bool:
    md = (day.month, day.day)
    start, end = calendar.year_end_from, calendar.year_end_to
    if start <= end:
        return start <= md <= end
    return md >= start or md <= end


def is_working_day(day: date) -> bool:
    """開庁日: not Saturday/Sunday, not a national holiday, not 12/29–1/3."""
    return day.weekday() < 5 and not jpholiday.is_holiday(day) and not is_year_end(day)


def service_refusal(at: datetime, calendar: ServiceCalendar = ServiceCalendar(),
                    store: StoreHours = StoreHours()) -> Reason | None:
    """Why the service is closed at local time `at`, or None when open."""
    day, t = at.date(), at.time()
    if is_year_end(day, calendar):
        return Reason.CLOSED_YEAR_END
    if day in calendar.maintenance_days:
        return Reason.MAINTENANCE
    if not within(t, calendar.opens, calendar.closes):
        return Reason.CLOSED_HOURS
    if not within(t, store.opens, store.closes):
        return Reason.STORE_CLOSED
    return None


def certificate_window_refusal(at: datetime, window: CertificateWindow | None) -> Reason | None:
    if window is None:
        return None
    if window.working_days_only and not is_working_day(at.date()):
        return Reason.CERTIFICATE_WINDOW_CLOSED
    if not within(at.time(), window.opens, window.closes):
        return Reason.CERTIFICATE_WINDOW_CLOSED
    return None


def require_open(at: datetime, calendar: ServiceCalendar = ServiceCalendar(),
                 store: StoreHours = StoreHours()) -> None:
    reason = service_refusal(at, calendar, store)
    if reason is not None:
        raise ServiceError(reason, at.isoformat())


def national_maintenance_day(year: int, month: int) -> date:
    """The Sunday after the third Saturday (leaflet 003: the national system's maintenance)."""
    first = date(year, month, 1)
    first_saturday = 1 + (5 - first.weekday()) % 7
    return date(year, month, first_saturday + 14 + 1)

