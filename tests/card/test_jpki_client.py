"""The JPKI client and `auth` over the in-process reader: the paths a person can take."""

from __future__ import annotations

import pytest

from backend.jpki.ca import load_or_create_ca
from backend.jpki.card_image import load_card
from backend.jpki.samples import SAMPLE_PIN
from backend.jpki.verify import verify_challenge_signature, verify_user_auth_certificate
from backend.reasons import Reason
from kiosk.card import jpki_client as jpki
from kiosk.card.auth import CardRead, read_card, sign_challenge
from kiosk.card.errors import CardError
from kiosk.card.virtual.inprocess import InProcessReader
from kiosk.card.reader import CardReader
from kiosk.card.transport import CardTransport
from kiosk.card.virtual.card import EF_SIGN_CERT, EF_SIGN_PIN, ForeignCard


@pytest.fixture
def reader(card_home) -> InProcessReader:
    return InProcessReader(card_home.card_tray)


def placed(reader, name="adult"):
    reader.place(name)
    return reader.connect()


def reason_of(call) -> CardError:
    with pytest.raises(CardError) as err:
        call()
    return err.value


def test_reader_and_transport_follow_the_protocols(reader):
    assert isinstance(reader, CardReader)
    assert isinstance(placed(reader), CardTransport)


def test_read_card_then_sign_and_the_centre_accepts(reader, card_home, now):
    transport = placed(reader)
    read = read_card(transport)
    assert isinstance(read, CardRead) and read.pin_tries_left == 3
    assert read.certificate_der == load_card(card_home.card_tray, "adult").user_auth.certificate
    signature = sign_challenge(transport, SAMPLE_PIN, b"a fresh challenge")
    cert = verify_user_auth_certificate(read.certificate_der, load_or_create_ca(card_home), now)
    verify_challenge_signature(cert, b"a fresh challenge", signature)


def test_wrong_pin_reports_tries_left_then_locks(reader):
    transport = placed(reader)
    assert [reason_of(lambda: sign_challenge(transport, "0000", b"c")).tries_left
            for _ in range(2)] == [2, 1]
    last = reason_of(lambda: sign_challenge(transport, "0000", b"c"))
    assert (last.reason, last.tries_left) == (Reason.PIN_LOCKED, 0)
    again = reason_of(lambda: sign_challenge(transport, SAMPLE_PIN, b"c"))
    assert again.reason is Reason.PIN_LOCKED
    assert read_card(transport).pin_tries_left == 0


def test_wrong_pin_reason(reader):
    error = reason_of(lambda: sign_challenge(placed(reader), "9999", b"c"))
    assert (error.reason, error.tries_left) == (Reason.PIN_WRONG, 2)


@pytest.mark.parametrize("pin", ["123", "12345", "12a4", "１２３４", ""])
def test_malformed_pin_never_reaches_the_card(reader, pin):
    transport = placed(reader)
    error = reason_of(lambda: sign_challenge(transport, pin, b"c"))
    assert (error.reason, error.tries_left) == (Reason.PIN_WRONG, None)
    assert read_card(transport).pin_tries_left == 3


def test_locked_and_face_auth_cards_read_zero_tries(reader):
    assert read_card(placed(reader, "locked")).pin_tries_left == 0
    transport = placed(reader, "face")
    assert read_card(transport).pin_tries_left == 0
    assert reason_of(lambda: sign_challenge(transport, SAMPLE_PIN, b"c")).reason is Reason.PIN_LOCKED


def test_no_card(reader):
    assert not reader.present()
    assert reason_of(reader.connect).reason is Reason.NO_CARD


def test_card_not_in_the_tray(reader):
    assert reason_of(lambda: reader.place("nobody")).reason is Reason.NO_CARD


def test_card_removed_mid_read(reader):
    transport = placed(reader)
    jpki.select_jpki(transport)
    reader.remove()
    assert not reader.present() and reader.placed_name is None
    assert reason_of(lambda: jpki.read_certificate(transport)).reason is Reason.CARD_REMOVED


def test_old_transport_stays_dead_after_another_card(reader):
    transport = placed(reader)
    reader.remove()
    reader.place("adult")
    assert reason_of(lambda: read_card(transport)).reason is Reason.CARD_REMOVED
    assert read_card(reader.connect()).pin_tries_left == 3


def test_foreign_card_is_unknown(reader):
    reader.insert(ForeignCard(), "suica")
    assert reader.present() and reader.placed_name == "suica"
    assert reason_of(lambda: read_card(reader.connect())).reason is Reason.UNKNOWN_CARD


def test_tries_left_then_a_signature(reader):
    transport = placed(reader)
    jpki.select_jpki(transport)
    assert jpki.tries_left(transport) == 3
    assert reason_of(lambda: sign_challenge(transport, "9999", b"c")).reason is Reason.PIN_WRONG
    jpki.select_jpki(transport)
    assert jpki.tries_left(transport) == 2
    assert len(sign_challenge(transport, SAMPLE_PIN, b"c")) == 256
    jpki.select_jpki(transport)
    assert jpki.tries_left(transport) == 3


def test_signing_certificate_needs_its_pin(reader):
    transport = placed(reader)
    jpki.select_jpki(transport)
    assert reason_of(lambda: jpki.read_certificate(transport, EF_SIGN_CERT)).reason \
        is Reason.CARD_UNREADABLE
    jpki.verify(transport, "SAMPLE2026", EF_SIGN_PIN)
    assert jpki.read_certificate(transport, EF_SIGN_CERT)[:1] == b"\x30"


def test_sign_without_verify_is_refused(reader):
    transport = placed(reader)
    jpki.select_jpki(transport)
    assert reason_of(lambda: jpki.sign(transport, b"\x30\x00")).reason is Reason.CARD_UNREADABLE


def test_counter_kept_across_readers(card_home):
    first = InProcessReader(card_home.card_tray)
    first.place("adult")
    reason_of(lambda: sign_challenge(first.connect(), "0000", b"c"))
    first.remove()
    second = InProcessReader(card_home.card_tray)
    second.place("adult")
    assert read_card(second.connect()).pin_tries_left == 2
