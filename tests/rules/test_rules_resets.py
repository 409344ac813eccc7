"""Signing-PIN reset rules: 6:30–23:00, the 24-hour reservation used once, and which signing
certificates can be reset (leaflets 001 §3③, 002 p.7)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.clock import JST
from backend.reasons import Reason
from backend.rules.resets import (Reservation, expires_at, reservation_refusal,
                                  reset_hours_refusal, signing_refusal)

NOW = datetime(2026, 6, 10, 10, 0, tzinfo=JST)


def at(h, mi=0, s=0, day=10):
    return datetime(2026, 6, day, h, mi, s, tzinfo=JST)


@pytest.mark.parametrize("when, reason", [
    (at(6, 29), Reason.PIN_RESET_HOURS),
    (at(6, 29, 59), Reason.PIN_RESET_HOURS),
    (at(6, 30), None),
    (at(12, 0), None),
    (at(22, 59), None),
    (at(22, 59, 59), None),
    (at(23, 0), Reason.PIN_RESET_HOURS),          # 23:00 itself is closed
    (at(23, 30), Reason.PIN_RESET_HOURS),
    (at(0, 0), Reason.PIN_RESET_HOURS),
    (at(3, 0), Reason.PIN_RESET_HOURS),
    (at(10, 0, day=13), None),                    # Saturday: every day
])
def test_reset_hours(when, reason):
    assert reset_hours_refusal(when) == reason


@given(st.times())
def test_open_exactly_from_6_30_to_before_23_00(t):
    when = datetime.combine(NOW.date(), t, JST)
    expected = (6, 30) <= (t.hour, t.minute) < (23, 0)
    assert (reset_hours_refusal(when) is None) is expected


@pytest.mark.parametrize("age, reason", [
    (timedelta(0), None),
    (timedelta(hours=1), None),
    (timedelta(hours=23, minutes=59, seconds=59), None),
    (timedelta(hours=24), Reason.RESET_RESERVATION_EXPIRED),      # 24 hours on: lapsed
    (timedelta(hours=24, seconds=1), Reason.RESET_RESERVATION_EXPIRED),
    (timedelta(days=30), Reason.RESET_RESERVATION_EXPIRED),
    (-timedelta(seconds=1), Reason.NO_RESET_RESERVATION),         # not made yet
])
def test_a_reservation_lasts_24_hours(age, reason):
    assert reservation_refusal(Reservation(NOW - age), NOW) == reason


def test_no_reservation_and_a_used_one():
    assert reservation_refusal(None, NOW) is Reason.NO_RESET_RESERVATION
    used = Reservation(NOW - timedelta(hours=1), used_at=NOW - timedelta(minutes=5))
    assert reservation_refusal(used, NOW) is Reason.RESET_RESERVATION_USED
    # used and lapsed: that it was used is what the person needs to hear
    old = Reservation(NOW - timedelta(days=2), used_at=NOW - timedelta(days=2))
    assert reservation_refusal(old, NOW) is Reason.RESET_RESERVATION_USED


@given(st.integers(min_value=0, max_value=3 * 24 * 3600))
def test_valid_iff_less_than_24_hours_old(seconds):
    reason = reservation_refusal(Reservation(NOW - timedelta(seconds=seconds)), NOW)
    assert (reason is None) is (seconds < 24 * 3600)


def test_expiry_is_24_hours_on():
    assert expires_at(Reservation(NOW)) == datetime(2026, 6, 11, 10, 0, tzinfo=JST)


@pytest.mark.parametrize("status, reason", [
    ("active", None),
    ("none", Reason.NO_SIGNING_CERTIFICATE),        # under 15 at issue
    ("revoked", Reason.SIGNING_CERTIFICATE_REVOKED),  # moved, renamed
    ("anything else", Reason.SIGNING_CERTIFICATE_REVOKED),
])
def test_which_signing_certificates_can_be_reset(status, reason):
    assert signing_refusal(status) == reason
