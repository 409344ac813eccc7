"""Sessions: begin, card checks, authentication, binding, expiry — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest

from backend.api import Scope
from backend.clock import JST
from backend.reasons import Reason
from backend.service import CHALLENGE_TTL, IDLE_TIMEOUT
from tests.backend.conftest import refused


def test_begin_gives_a_fresh_32_byte_challenge_each_time(centre):
    a = centre.begin_session("seven-izumi-fuchu")
    b = centre.begin_session("seven-izumi-fuchu")
    assert len(a.challenge) == 32 and len(b.challenge) == 32
    assert a.challenge != b.challenge and a.session_id != b.session_id
    assert a.kiosk.chain == "セブン-イレブン" and a.kiosk.municipality_code is None


def test_unknown_kiosk_is_refused(centre):
    with refused(Reason.UNKNOWN_KIOSK):
        centre.begin_session("no-such-kiosk")


@pytest.mark.parametrize("at, kiosk, reason", [
    (datetime(2026, 6, 10, 6, 29), "seven-izumi-fuchu", Reason.CLOSED_HOURS),
    (datetime(2026, 6, 10, 23, 0), "seven-izumi-fuchu", Reason.CLOSED_HOURS),
    (datetime(2026, 12, 31, 12, 0), "seven-izumi-fuchu", Reason.CLOSED_YEAR_END),
    (datetime(2026, 6, 10, 6, 45), "seicomart-tomakomai-asahi", Reason.STORE_CLOSED),
    (datetime(2026, 6, 10, 22, 15), "seicomart-tomakomai-asahi", Reason.STORE_CLOSED),
    (datetime(2026, 6, 21, 12, 0), "tomakomai-cityhall", Reason.MAINTENANCE),
])
def test_begin_outside_hours_is_refused(centre, clock, at, kiosk, reason):
    clock.set(at.replace(tzinfo=JST))
    with refused(reason):
        centre.begin_session(kiosk)


def test_begin_just_inside_hours(centre, clock):
    clock.set(datetime(2026, 6, 10, 6, 30, tzinfo=JST))
    assert centre.begin_session("seven-izumi-fuchu").session_id
    clock.set(datetime(2026, 6, 10, 22, 59, 59, tzinfo=JST))
    assert centre.begin_session("seven-izumi-fuchu").session_id


def test_authenticate_binds_the_holder(login):
    _, holder = login("izumi-taro")
    assert holder.display_name == "和泉 太郎"
    assert (holder.municipality_code, holder.municipality_name) == ("272191", "和泉市")
    assert holder.honseki_municipality_code == "272191"


def test_authenticate_retry_by_same_card_returns_same_holder(centre, cards):
    start = centre.begin_session("seven-izumi-fuchu")
    cert = cards.certificate("izumi-taro")
    sig = cards.sign("izumi-taro", start.challenge)
    first = centre.authenticate(start.session_id, cert, sig)
    assert centre.authenticate(start.session_id, cert, sig) == first


def test_a_bound_session_refuses_another_card(centre, cards):
    start = centre.begin_session("seven-izumi-fuchu")
    centre.authenticate(start.session_id, cards.certificate("izumi-taro"),
                        cards.sign("izumi-taro", start.challenge))
    with refused(Reason.CHALLENGE_REUSED):
        centre.authenticate(start.session_id, cards.certificate("izumi-hanako"),
                            cards.sign("izumi-hanako", start.challenge))
    # still bound to 太郎: the members are his household's
    names = {m.name for m in centre.members(start.session_id)}
    assert "和泉 太郎" in names


def test_signature_over_another_challenge_is_refused(centre, cards):
    start = centre.begin_session("seven-izumi-fuchu")
    other = centre.begin_session("lawson-tomakomai-ekimae")
    with refused(Reason.SIGNATURE_INVALID):
        centre.authenticate(start.session_id, cards.certificate("izumi-taro"),
                            cards.sign("izumi-taro", other.challenge))
    # no state change: the right signature still works
    assert centre.authenticate(start.session_id, cards.certificate("izumi-taro"),
                               cards.sign("izumi-taro", start.challenge))


def test_signature_by_another_card_for_this_certificate_is_refused(centre, cards):
    start = centre.begin_session("seven-izumi-fuchu")
    with refused(Reason.SIGNATURE_INVALID):
        centre.authenticate(start.session_id, cards.certificate("izumi-taro"),
                            cards.sign("izumi-hanako", start.challenge))


def test_challenge_expires(centre, cards, clock):
    start = centre.begin_session("seven-izumi-fuchu")
    clock.advance(CHALLENGE_TTL.total_seconds())
    with refused(Reason.CHALLENGE_EXPIRED):
        centre.authenticate(start.session_id, cards.certificate("izumi-taro"),
                            cards.sign("izumi-taro", start.challenge))


def test_idle_session_times_out(centre, login, clock):
    session_id, _ = login("izumi-taro")
    clock.advance(IDLE_TIMEOUT.total_seconds())
    with refused(Reason.TIMED_OUT):
        centre.offerings(session_id, Scope.RESIDENCE)


def test_garbage_certificate_is_unreadable(centre):
    start = centre.begin_session("seven-izumi-fuchu")
    with refused(Reason.CARD_UNREADABLE):
        centre.precheck_card(start.session_id, b"\x30\x03garbage")
    with refused(Reason.CARD_UNREADABLE):
        centre.precheck_card(start.session_id, "not bytes")


def test_a_certificate_that_is_not_bytes_is_unreadable_at_authenticate(centre, cards):
    start = centre.begin_session("seven-izumi-fuchu")
    signature = cards.sign("izumi-taro", start.challenge)
    for certificate in ("not bytes", 12345, None):
        with refused(Reason.CARD_UNREADABLE):
            centre.authenticate(start.session_id, certificate, signature)
    # the session is still open for the real card
    holder = centre.authenticate(start.session_id, cards.certificate("izumi-taro"), signature)
    assert holder.display_name == "和泉 太郎"


@pytest.mark.parametrize("card, reason", [
    ("tomakomai-suspended", Reason.CARD_SUSPENDED),
    ("tomakomai-abolished", Reason.CARD_ABOLISHED),
    ("tomakomai-invalidated", Reason.CARD_INVALIDATED),
    ("tomakomai-expired", Reason.CERTIFICATE_EXPIRED),
    ("izumi-face", Reason.FACE_AUTH_CARD),
])
def test_unusable_cards_are_refused_at_precheck_and_authenticate(centre, cards, card, reason):
    start = centre.begin_session("seven-izumi-fuchu")
    with refused(reason):
        centre.precheck_card(start.session_id, cards.certificate(card))
    with refused(reason):
        centre.authenticate(start.session_id, cards.certificate(card),
                            cards.sign(card, start.challenge))


def test_unknown_session(centre):
    with refused(Reason.UNKNOWN_SESSION):
        centre.offerings("0" * 32, Scope.RESIDENCE)


def test_closed_session_refuses_further_calls(centre, login):
    session_id, _ = login("izumi-taro")
    centre.close(session_id)
    centre.close(session_id)   # closing twice is harmless
    with refused(Reason.SESSION_CLOSED):
        centre.members(session_id)


def test_steps_out_of_order_are_refused(centre):
    start = centre.begin_session("seven-izumi-fuchu")
    with refused(Reason.WRONG_STEP):
        centre.offerings(start.session_id, Scope.RESIDENCE)
    with refused(Reason.WRONG_STEP):
        centre.settle(start.session_id)
    with refused(Reason.WRONG_STEP):
        centre.issue(start.session_id)


def test_the_daily_window_is_read_from_the_service_window_row(centre, clock):
    # The window is data: staff narrowing it to 7:00–22:00 closes the kiosk at 22:30.
    from datetime import time

    from sqlalchemy import update

    from backend.models import ServiceWindow

    with centre.db.unit() as s:
        s.execute(update(ServiceWindow).values(opens=time(7, 0), closes=time(22, 0)))
    clock.set(datetime(2026, 6, 10, 22, 30, tzinfo=JST))
    with refused(Reason.CLOSED_HOURS):
        centre.begin_session("seven-izumi-fuchu")
    clock.set(datetime(2026, 6, 10, 21, 59, tzinfo=JST))
    assert centre.begin_session("seven-izumi-fuchu").session_id
