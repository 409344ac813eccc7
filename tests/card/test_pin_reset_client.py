"""The kiosk's signing-PIN reset over the in-process reader: the client calls, their reasons,
and one card session from the user-auth VERIFY at ④ to the reset (`reader.resume()`)."""

from __future__ import annotations

import pytest

from backend.jpki.card_image import load_card
from backend.jpki.reset_authority import authority_answer
from backend.jpki.samples import SAMPLE_PIN, SAMPLE_SIGNING_PIN
from backend.reasons import Reason, ServiceError
from kiosk.card import jpki_client as jpki
from kiosk.card.auth import sign_challenge
from kiosk.card.errors import CardError
from kiosk.card.jpki_ids import EF_SIGN_PIN
from kiosk.card.pin_reset import (external_authenticate, get_challenge, reset_signing_pin,
                                  reset_signing_pin_with_authority, select_signing_pin,
                                  signing_pin_tries_left)
from kiosk.card.virtual.card import ForeignCard
from kiosk.card.virtual.inprocess import InProcessReader

NEW_PIN = "RESET2027"


@pytest.fixture
def reader(card_home) -> InProcessReader:
    return InProcessReader(card_home.card_tray)


def authenticated(reader, name="adult"):
    """④ as the terminal does it: connect, VERIFY the user-auth PIN, sign the challenge."""
    reader.place(name)
    transport = reader.connect()
    sign_challenge(transport, SAMPLE_PIN, b"the centre's challenge")
    return transport


def centre(card_home, name="adult"):
    serial = load_card(card_home.card_tray, name).card_serial
    return lambda challenge: authority_answer(card_home, serial, challenge)


def reason_of(call) -> CardError:
    with pytest.raises(CardError) as err:
        call()
    return err.value


def signing_on_file(card_home, name="adult"):
    signing = load_card(card_home.card_tray, name).signing
    assert signing is not None
    return signing


def test_the_reset_after_authentication_on_the_same_session(reader, card_home):
    authenticated(reader, "signing-locked")
    transport = reader.resume()
    assert signing_pin_tries_left(transport) == 0
    reset_signing_pin_with_authority(transport, centre(card_home, "signing-locked"), NEW_PIN)
    assert signing_pin_tries_left(transport) == 5
    on_file = signing_on_file(card_home, "signing-locked")
    assert (on_file.pin, on_file.tries_left) == (NEW_PIN, 5)
    jpki.verify(transport, NEW_PIN, EF_SIGN_PIN)
    with pytest.raises(CardError) as err:
        jpki.verify(transport, SAMPLE_SIGNING_PIN, EF_SIGN_PIN)
    assert (err.value.reason, err.value.tries_left) == (Reason.PIN_WRONG, 4)


def test_a_new_connection_forgets_the_verify_and_the_card_refuses(reader, card_home):
    authenticated(reader)
    transport = reader.connect()            # powers the card again
    failure = reason_of(lambda: reset_signing_pin_with_authority(transport, centre(card_home),
                                                                 NEW_PIN))
    assert failure.reason is Reason.SIGNING_PIN_RESET_FAILED
    assert signing_on_file(card_home).pin == SAMPLE_SIGNING_PIN


def test_resume_is_the_last_connection(reader):
    transport = authenticated(reader)
    assert reader.resume() is transport


def test_resume_without_a_connection_is_no_card(reader):
    assert reason_of(reader.resume).reason is Reason.NO_CARD
    reader.place("adult")
    assert reason_of(reader.resume).reason is Reason.NO_CARD


def test_resume_after_the_card_was_taken_off_is_card_removed(reader):
    authenticated(reader)
    reader.remove()
    assert reason_of(reader.resume).reason is Reason.CARD_REMOVED
    reader.place("adult")                  # put back: a new power-up, the VERIFY is gone
    assert reason_of(reader.resume).reason is Reason.CARD_REMOVED


def test_the_wrong_authority_is_refused(reader, card_home):
    authenticated(reader)
    wrong = centre(card_home, "locked")     # another card's key
    failure = reason_of(lambda: reset_signing_pin_with_authority(reader.resume(), wrong, NEW_PIN))
    assert failure.reason is Reason.SIGNING_PIN_RESET_FAILED
    assert signing_on_file(card_home).pin == SAMPLE_SIGNING_PIN


@pytest.mark.parametrize("bad", [b"", b"x" * 300, "not bytes", None])
def test_an_answer_that_is_no_cryptogram_is_refused(reader, bad):
    authenticated(reader)
    failure = reason_of(lambda: reset_signing_pin_with_authority(reader.resume(),
                                                                 lambda _: bad, NEW_PIN))
    assert failure.reason is Reason.SIGNING_PIN_RESET_FAILED


def test_the_centres_refusal_passes_through(reader):
    authenticated(reader)

    def refuses(challenge: bytes) -> bytes:
        raise ServiceError(Reason.PIN_RESET_HOURS, "closed")

    with pytest.raises(ServiceError) as err:
        reset_signing_pin_with_authority(reader.resume(), refuses, NEW_PIN)
    assert err.value.reason is Reason.PIN_RESET_HOURS


@pytest.mark.parametrize("pin", ["reset2027", "RESET", "12345678", "ＲＥＳＥＴ２０２７", "", None])
def test_a_new_pin_of_the_wrong_form_never_reaches_the_centre(reader, card_home, pin):
    authenticated(reader)
    asked = []
    failure = reason_of(lambda: reset_signing_pin_with_authority(
        reader.resume(), lambda c: asked.append(c) or b"", pin))
    assert failure.reason is Reason.SIGNING_PIN_FORMAT and asked == []


def test_the_card_without_a_signing_certificate(reader, card_home):
    transport = authenticated(reader, "child")
    assert reason_of(lambda: signing_pin_tries_left(transport)).reason \
        is Reason.NO_SIGNING_CERTIFICATE
    failure = reason_of(lambda: reset_signing_pin_with_authority(
        transport, centre(card_home, "child"), NEW_PIN))
    assert failure.reason is Reason.NO_SIGNING_CERTIFICATE


def test_a_card_without_a_reset_key_refuses(reader, card_home):
    image = load_card(card_home.card_tray, "adult")
    image.reset_key = None
    image.save()
    authenticated(reader)
    failure = reason_of(lambda: reset_signing_pin_with_authority(reader.resume(),
                                                                 centre(card_home), NEW_PIN))
    assert failure.reason is Reason.SIGNING_PIN_RESET_FAILED
    assert "6A88" in failure.detail


def test_step_by_step_and_the_reasons(reader, card_home):
    transport = authenticated(reader)
    jpki.select_jpki(transport)
    select_signing_pin(transport)
    assert reason_of(lambda: reset_signing_pin(transport, NEW_PIN)).reason \
        is Reason.SIGNING_PIN_RESET_FAILED                                  # 6982: no proof
    assert reason_of(lambda: external_authenticate(transport, bytes(16))).reason \
        is Reason.SIGNING_PIN_RESET_FAILED                                  # 6985: no challenge
    given = get_challenge(transport)
    assert len(given) == 8 and get_challenge(transport) != given
    external_authenticate(transport, centre(card_home)(get_challenge(transport)))
    reset_signing_pin(transport, NEW_PIN)
    assert signing_on_file(card_home).pin == NEW_PIN


def test_the_foreign_card_is_refused(reader, card_home):
    reader.insert(ForeignCard(), "transit")
    transport = reader.connect()
    assert reason_of(lambda: signing_pin_tries_left(transport)).reason is Reason.UNKNOWN_CARD
    assert reason_of(lambda: get_challenge(transport)).reason is Reason.SIGNING_PIN_RESET_FAILED


class Scripted:
    """A card that answers each command with the next status word (and data) given."""

    def __init__(self, *answers: tuple[bytes, int]) -> None:
        self.answers, self.sent = list(answers), []

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.sent.append(apdu)
        return self.answers.pop(0)


@pytest.mark.parametrize("status, reason", [
    (0x6A80, Reason.SIGNING_PIN_FORMAT), (0x6982, Reason.SIGNING_PIN_RESET_FAILED),
    (0x6984, Reason.SIGNING_PIN_RESET_FAILED), (0x6986, Reason.SIGNING_PIN_RESET_FAILED),
    (0x6F00, Reason.CARD_UNREADABLE), (0x6A82, Reason.CARD_UNREADABLE)])
def test_the_cards_answers_to_the_reset(status, reason):
    card = Scripted((b"", 0x9000), (b"", status))
    assert reason_of(lambda: reset_signing_pin(card, NEW_PIN)).reason is reason
    assert card.sent[-1] == bytes.fromhex("002C028009") + NEW_PIN.encode()


@pytest.mark.parametrize("answer", [(b"1234567", 0x9000), (b"123456789", 0x9000),
                                    (b"", 0x6F00), (b"12345678", 0x6100)])
def test_a_challenge_that_is_not_8_bytes_is_unreadable(answer):
    assert reason_of(lambda: get_challenge(Scripted(answer))).reason is Reason.CARD_UNREADABLE


def test_a_tries_query_answered_oddly_is_unreadable():
    card = Scripted((b"", 0x9000), (b"", 0x9000), (b"", 0x9000))
    assert reason_of(lambda: signing_pin_tries_left(card)).reason is Reason.CARD_UNREADABLE


def test_a_blocked_answer_to_the_query_is_zero_tries():
    card = Scripted((b"", 0x9000), (b"", 0x9000), (b"", 0x6984))
    assert signing_pin_tries_left(card) == 0
