"""署名用電子証明書の暗証番号初期化 at the centre: the reservation (24 hours, used once), the
hours, who is refused at ④, and the reset authority's answer to the card."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from backend.api import Scope
from backend.api_services import Service
from backend.clock import JST
from backend.demo_data import DEMO_NOW
from backend.models import Card, KioskSession, ResetReservation
from backend.pin_reset import reserve_pin_reset
from backend.reasons import Reason, ServiceError
from backend.service import IssuanceCentre
from tests.backend.conftest import refused

RESET = Service.SIGNING_PIN_RESET
CHALLENGE = bytes(range(8))


class FakeAuthority:
    """Stands in for the reset authority: answers each challenge recognisably, or fails."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bytes]] = []
        self.fail = False

    def __call__(self, paths, card_serial: str, challenge: bytes) -> bytes:
        if self.fail:
            raise ServiceError(Reason.SYSTEM_ERROR, "authority down")
        self.calls.append((card_serial, challenge))
        return b"answer:" + card_serial.encode() + b":" + challenge


@pytest.fixture
def authority() -> FakeAuthority:
    return FakeAuthority()


@pytest.fixture
def centre(centre_home, clock, rendering, authority) -> IssuanceCentre:
    from backend.db import Database

    c = IssuanceCentre(centre_home.paths, clock, Database(centre_home.url),
                       render_copies=rendering.copies, render_receipt=rendering.receipt,
                       answer_card=authority)
    yield c
    c.close_database()


def at(hour, minute=0, day=10, month=6):
    return datetime(2026, month, day, hour, minute, tzinfo=JST)


def reservations(centre, card_name):
    with centre.db.unit() as s:
        return s.scalars(select(ResetReservation).join(Card).where(Card.card_name == card_name)
                         .order_by(ResetReservation.id)).all()


def serial(centre, card_name):
    with centre.db.unit() as s:
        return s.scalars(select(Card.card_serial).where(Card.card_name == card_name)).one()


def test_the_seeded_reservation_resets_once(login, centre, authority):
    session_id, _ = login("tomakomai-signlock", service=RESET)
    answer = centre.pin_reset_cryptogram(session_id, CHALLENGE)
    card_serial = serial(centre, "tomakomai-signlock")
    assert answer == b"answer:" + card_serial.encode() + b":" + CHALLENGE
    (used,) = reservations(centre, "tomakomai-signlock")
    assert (used.used_at, used.session_id, used.outcome) == (DEMO_NOW, session_id, None)
    # The card asked again (a new challenge): the same session is answered, nothing more used.
    assert centre.pin_reset_cryptogram(session_id, b"\x01" * 8).endswith(b"\x01" * 8)
    assert len(authority.calls) == 2
    centre.pin_reset_finished(session_id, True)
    centre.pin_reset_finished(session_id, True)                # a retry
    with refused(Reason.WRONG_STEP):
        centre.pin_reset_finished(session_id, False)
    assert reservations(centre, "tomakomai-signlock")[0].outcome == "reset"
    assert centre.finish(session_id).pdf == b""
    assert centre.close(session_id).yen == 0
    with refused(Reason.RESET_RESERVATION_USED):               # a used reservation: never again
        login("tomakomai-signlock", service=RESET)


def test_a_new_reservation_allows_a_new_reset(login, centre, clock):
    session_id, _ = login("tomakomai-signlock", service=RESET)
    centre.pin_reset_cryptogram(session_id, CHALLENGE)
    centre.pin_reset_finished(session_id, False)               # the card refused
    assert reservations(centre, "tomakomai-signlock")[0].outcome == "failed"
    clock.set(at(11))
    until = reserve_pin_reset(centre.db, "tomakomai-signlock", clock.now())
    assert until == at(11, day=11)
    session_id, _ = login("tomakomai-signlock", service=RESET)
    assert centre.pin_reset_cryptogram(session_id, CHALLENGE)


@pytest.mark.parametrize("age, reason", [
    (timedelta(hours=23, minutes=59), None),
    (timedelta(hours=24), Reason.RESET_RESERVATION_EXPIRED),
    (timedelta(days=3), Reason.RESET_RESERVATION_EXPIRED),
])
def test_a_reservation_is_kept_24_hours(login, centre, age, reason):
    reserve_pin_reset(centre.db, "izumi-taro", DEMO_NOW - age)
    if reason is None:
        assert login("izumi-taro", service=RESET)
    else:
        with refused(reason):
            login("izumi-taro", service=RESET)


@pytest.mark.parametrize("card, reason", [
    ("izumi-taro", Reason.NO_RESET_RESERVATION),
    ("izumi-sakura", Reason.NO_SIGNING_CERTIFICATE),          # under 15 at issue
    ("tomakomai-tenkyo", Reason.SIGNING_CERTIFICATE_REVOKED),  # moved within the city
    ("tomakomai-movedout", Reason.MOVED_OUT),
    ("tomakomai-deceased", Reason.DECEASED),
])
def test_who_cannot_reset_is_refused_at_authentication(login, centre, card, reason):
    if card != "izumi-taro":          # a reservation does not help them
        reserve_pin_reset(centre.db, card, DEMO_NOW - timedelta(minutes=5))
    with refused(reason):
        login(card, service=RESET)


@pytest.mark.parametrize("when, reason", [
    (at(6, 29), Reason.PIN_RESET_HOURS),
    (at(6, 30), None),
    (at(22, 59), None),
    (at(23, 0), Reason.PIN_RESET_HOURS),
    (at(2, 0), Reason.PIN_RESET_HOURS),
    (datetime(2026, 12, 30, 10, tzinfo=JST), Reason.CLOSED_YEAR_END),   # still the kiosk's rules
])
def test_the_reset_is_offered_6_30_to_23_00(centre, clock, when, reason):
    clock.set(when)
    if reason is None:
        assert centre.begin_session("seven-izumi-fuchu", RESET).session_id
    else:
        with refused(reason):
            centre.begin_session("seven-izumi-fuchu", RESET)


def test_store_hours_still_apply(centre, clock):
    clock.set(at(6, 45))                                      # the store opens at 7:00
    with refused(Reason.STORE_CLOSED):
        centre.begin_session("seicomart-tomakomai-asahi", RESET)
    assert centre.begin_session("lawson-tomakomai-ekimae", RESET)


def test_no_answer_after_23_00_and_nothing_used(login, centre, clock, authority):
    clock.set(at(22, 58))
    reserve_pin_reset(centre.db, "izumi-taro", at(22, 50))
    session_id, _ = login("izumi-taro", service=RESET)
    clock.set(at(23, 0))
    with refused(Reason.PIN_RESET_HOURS):
        centre.pin_reset_cryptogram(session_id, CHALLENGE)
    assert authority.calls == [] and reservations(centre, "izumi-taro")[-1].used_at is None


def test_a_failing_authority_uses_nothing_up(login, centre, authority):
    session_id, _ = login("tomakomai-signlock", service=RESET)
    authority.fail = True
    with refused(Reason.SYSTEM_ERROR):
        centre.pin_reset_cryptogram(session_id, CHALLENGE)
    assert reservations(centre, "tomakomai-signlock")[0].used_at is None
    authority.fail = False
    assert centre.pin_reset_cryptogram(session_id, CHALLENGE)


def test_two_kiosks_cannot_share_one_reservation(login, centre):
    first, _ = login("tomakomai-signlock", "seven-izumi-fuchu", RESET)
    second, _ = login("tomakomai-signlock", "lawson-tomakomai-ekimae", RESET)
    centre.pin_reset_cryptogram(first, CHALLENGE)
    with refused(Reason.RESET_RESERVATION_USED):
        centre.pin_reset_cryptogram(second, CHALLENGE)


def test_a_card_failing_before_the_authority_reports_so(login, centre):
    session_id, _ = login("tomakomai-signlock", service=RESET)
    with refused(Reason.WRONG_STEP):                          # no reset was answered
        centre.pin_reset_finished(session_id, True)
    centre.pin_reset_finished(session_id, False)
    assert centre.finish(session_id).paid_yen == 0
    assert reservations(centre, "tomakomai-signlock")[0].used_at is None   # still good
    assert login("tomakomai-signlock", service=RESET)


@pytest.mark.parametrize("challenge", [b"", b"x" * 65, "12345678", None, 8])
def test_bad_challenges_are_refused(login, centre, challenge):
    session_id, _ = login("tomakomai-signlock", service=RESET)
    with refused(Reason.BAD_REQUEST):
        centre.pin_reset_cryptogram(session_id, challenge)
    assert reservations(centre, "tomakomai-signlock")[0].used_at is None


def test_steps_of_other_services_are_refused(login, centre):
    session_id, _ = login("tomakomai-signlock", service=RESET)
    for call in (lambda: centre.offerings(session_id, Scope.RESIDENCE),
                 lambda: centre.honseki_prefectures(session_id),
                 lambda: centre.insert_coin(session_id, 1, 100),
                 lambda: centre.finish(session_id)):
        with refused(Reason.WRONG_STEP):
            call()
    with refused(Reason.BAD_REQUEST):
        centre.pin_reset_finished(session_id, "yes")
    issuance, _ = login("izumi-taro")
    with refused(Reason.WRONG_STEP):
        centre.pin_reset_cryptogram(issuance, CHALLENGE)
    with refused(Reason.WRONG_STEP):
        centre.pin_reset_finished(issuance, False)


def test_an_abandoned_reset_is_closed_with_nothing_owed(login, centre, clock):
    session_id, _ = login("tomakomai-signlock", service=RESET)
    centre.pin_reset_cryptogram(session_id, CHALLENGE)
    clock.set(at(11))                                         # left at the kiosk, idle
    assert centre.expire_sessions() == 1
    with centre.db.unit() as s:
        assert s.get_one(KioskSession, session_id).state == "closed"
    assert centre.close(session_id).yen == 0


def test_reserving_an_unknown_card(centre):
    with refused(Reason.UNKNOWN_CARD):
        reserve_pin_reset(centre.db, "nobody", DEMO_NOW)
    with pytest.raises(ValueError):
        reserve_pin_reset(centre.db, "izumi-taro", datetime(2026, 6, 10, 10))


def test_the_reset_authority_answers_the_card(login, centre_home, clock, rendering):
    """The reset authority's answer is the cryptogram under this very card's key (its
    serial's), and a card's challenge that is not 8 bytes is refused."""
    from backend.db import Database
    from backend.jpki.reset_authority import (card_reset_key, load_or_create_master,
                                              reset_cryptogram)

    real = IssuanceCentre(centre_home.paths, clock, Database(centre_home.url),
                          render_copies=rendering.copies, render_receipt=rendering.receipt)
    session_id, _ = login("tomakomai-signlock", service=RESET)
    answer = real.pin_reset_cryptogram(session_id, CHALLENGE)
    with real.db.unit() as s:
        serial = s.scalar(select(Card.card_serial).where(Card.card_name == "tomakomai-signlock"))
    key = card_reset_key(load_or_create_master(centre_home.paths), serial)
    assert answer == reset_cryptogram(key, CHALLENGE)
    assert answer != reset_cryptogram(card_reset_key(b"\0" * 32, serial), CHALLENGE)
    real.close_database()
