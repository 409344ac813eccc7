"""The virtual card's signing-PIN reset, APDU by APDU: GET CHALLENGE, EXTERNAL AUTHENTICATE
with the reset authority's cryptogram, RESET RETRY COUNTER on the signing PIN."""

from __future__ import annotations

import random

import pytest

from backend.jpki.card_image import load_card
from backend.jpki.reset_authority import authority_answer
from backend.jpki.samples import SAMPLE_PIN, SAMPLE_SIGNING_PIN
from kiosk.card.apdu import Command
from kiosk.card.virtual.card import VirtualCard
from tests.card.test_virtual_card import (QUERY, SELECT_JPKI, SELECT_KENMEN, at, fresh, select_ef,
                                          send, sw, verify_pin)

GET_CHALLENGE = "0084000008"
NEW_PIN = "RESET2027"


def challenge(card) -> bytes:
    data, status = send(card, GET_CHALLENGE)
    assert status == 0x9000 and len(data) == 8
    return data


def external_authenticate(card, cryptogram: bytes) -> int:
    return sw(card, Command(0x00, 0x82, 0x00, 0x00, cryptogram).encode())


def answer(card_home, card, given: bytes) -> bytes:
    """What the centre answers for this card's challenge."""
    return authority_answer(card_home, card.image.card_serial, given)


def prove(card_home, card) -> None:
    assert external_authenticate(card, answer(card_home, card, challenge(card))) == 0x9000


def reset(card, pin: str | bytes = NEW_PIN) -> int:
    data = pin.encode() if isinstance(pin, str) else pin
    return sw(card, Command(0x00, 0x2C, 0x02, 0x80, data).encode())


def ready(card_home, name: str = "adult") -> VirtualCard:
    """The card powered, its user-auth PIN verified, the signing PIN EF selected."""
    card = fresh(card_home, name)
    at(card, "0018")
    assert verify_pin(card, SAMPLE_PIN) == 0x9000
    assert select_ef(card, "001B") == 0x9000
    return card


def signing_on_file(card_home, name: str = "adult"):
    signing = load_card(card_home.card_tray, name).signing
    assert signing is not None
    return signing


class TestGetChallenge:
    def test_eight_fresh_random_bytes_each_time(self, card):
        at(card, "001B")
        given = {challenge(card) for _ in range(20)}
        assert len(given) == 20

    @pytest.mark.parametrize("application", [None, SELECT_KENMEN])
    def test_only_in_the_jpki_application(self, card, application):
        if application:
            assert sw(card, application) == 0x9000
        assert sw(card, GET_CHALLENGE) == 0x6985

    @pytest.mark.parametrize("apdu, status", [("0084010008", 0x6A86), ("0084000004", 0x6700),
                                              ("00840000", 0x6700), ("0084000000", 0x6700),
                                              ("00840000020102", 0x6700)])
    def test_malformed(self, card, apdu, status):
        assert sw(card, SELECT_JPKI) == 0x9000
        assert sw(card, apdu) == status


class TestExternalAuthenticate:
    def test_the_authoritys_answer_is_taken(self, card_home):
        card = ready(card_home)
        assert external_authenticate(card, answer(card_home, card, challenge(card))) == 0x9000

    def test_a_wrong_cryptogram_is_6300(self, card_home):
        card = ready(card_home)
        right = answer(card_home, card, challenge(card))
        assert external_authenticate(card, bytes(b ^ 1 for b in right)) == 0x6300

    @pytest.mark.parametrize("length", [1, 8, 15, 17, 32])
    def test_a_cryptogram_of_another_length_is_wrong(self, card_home, length):
        card = ready(card_home)
        right = answer(card_home, card, challenge(card))
        assert external_authenticate(card, (right * 3)[:length]) == 0x6300

    def test_another_cards_answer_is_wrong(self, card_home):
        card = ready(card_home)
        given = challenge(card)
        other = load_card(card_home.card_tray, "locked").card_serial
        assert external_authenticate(card, authority_answer(card_home, other, given)) == 0x6300

    def test_no_challenge_is_6985(self, card_home):
        card = ready(card_home)
        assert external_authenticate(card, bytes(16)) == 0x6985

    def test_a_challenge_is_used_once_after_a_success(self, card_home):
        card = ready(card_home)
        given = challenge(card)
        assert external_authenticate(card, answer(card_home, card, given)) == 0x9000
        assert external_authenticate(card, answer(card_home, card, given)) == 0x6985

    def test_a_challenge_is_used_up_by_a_failure_too(self, card_home):
        card = ready(card_home)
        given = challenge(card)
        assert external_authenticate(card, bytes(16)) == 0x6300
        assert external_authenticate(card, answer(card_home, card, given)) == 0x6985

    @pytest.mark.parametrize("apdu, status", [("00820000", 0x6700), ("0082000010", 0x6700),
                                              ("0082000102AABB", 0x6A86)])
    def test_a_malformed_try_uses_the_challenge_up(self, card_home, apdu, status):
        card = ready(card_home)
        given = challenge(card)
        assert sw(card, apdu) == status
        assert external_authenticate(card, answer(card_home, card, given)) == 0x6985

    def test_a_new_challenge_replaces_the_last(self, card_home):
        card = ready(card_home)
        old = challenge(card)
        challenge(card)
        assert external_authenticate(card, answer(card_home, card, old)) == 0x6300

    def test_power_off_forgets_the_challenge(self, card_home):
        card = ready(card_home)
        given = challenge(card)
        card.power_off()
        card.power_on()
        assert sw(card, SELECT_JPKI) == 0x9000
        assert external_authenticate(card, answer(card_home, card, given)) == 0x6985

    def test_selecting_the_application_forgets_the_challenge(self, card_home):
        card = ready(card_home)
        given = challenge(card)
        assert sw(card, SELECT_JPKI) == 0x9000
        assert external_authenticate(card, answer(card_home, card, given)) == 0x6985

    def test_selecting_an_ef_keeps_the_challenge(self, card_home):
        card = ready(card_home)
        given = challenge(card)
        assert select_ef(card, "000A") == 0x9000
        assert external_authenticate(card, answer(card_home, card, given)) == 0x9000

    def test_a_card_without_a_reset_key_refuses_the_authority_6a88(self, card_home):
        image = load_card(card_home.card_tray, "adult")
        image.reset_key = None
        image.save()
        card = ready(card_home)
        assert card.image.reset_key is None
        given = challenge(card)
        assert external_authenticate(card, answer(card_home, card, given)) == 0x6A88
        assert reset(card) == 0x6982
        assert signing_on_file(card_home).pin == SAMPLE_SIGNING_PIN

    def test_only_in_the_jpki_application(self, card_home, card):
        assert external_authenticate(card, bytes(16)) == 0x6985
        assert sw(card, SELECT_KENMEN) == 0x9000
        assert external_authenticate(card, bytes(16)) == 0x6985


class TestResetRetryCounter:
    def test_the_reset_sets_the_pin_and_fills_the_counter_from_locked(self, card_home):
        assert signing_on_file(card_home, "signing-locked").tries_left == 0
        card = ready(card_home, "signing-locked")
        assert verify_pin(card, SAMPLE_SIGNING_PIN) == 0x6984        # blocked before
        prove(card_home, card)
        assert reset(card) == 0x9000
        on_file = signing_on_file(card_home, "signing-locked")
        assert (on_file.pin, on_file.tries_left) == (NEW_PIN, 5)
        assert sw(card, QUERY) == 0x63C5

    def test_the_new_pin_holds_after_power_off_and_the_old_one_fails(self, card_home):
        card = ready(card_home)
        prove(card_home, card)
        assert reset(card) == 0x9000
        card.power_off()
        again = VirtualCard(load_card(card_home.card_tray, "adult"))
        again.power_on()
        at(again, "001B")
        assert verify_pin(again, SAMPLE_SIGNING_PIN) == 0x63C4
        assert verify_pin(again, NEW_PIN) == 0x9000
        assert sw(again, QUERY) == 0x63C5

    def test_without_the_proof_6982(self, card_home):
        card = ready(card_home)
        assert reset(card) == 0x6982
        assert signing_on_file(card_home).pin == SAMPLE_SIGNING_PIN

    def test_a_failed_authentication_leaves_no_proof(self, card_home):
        card = ready(card_home)
        challenge(card)
        assert external_authenticate(card, bytes(16)) == 0x6300
        assert reset(card) == 0x6982

    def test_a_failed_authentication_forgets_an_earlier_proof(self, card_home):
        card = ready(card_home)
        prove(card_home, card)
        challenge(card)
        assert external_authenticate(card, bytes(16)) == 0x6300
        assert reset(card) == 0x6982

    def test_the_proof_but_no_user_auth_verify_6982(self, card_home):
        card = fresh(card_home)
        at(card, "001B")
        prove(card_home, card)
        assert reset(card) == 0x6982
        assert signing_on_file(card_home).pin == SAMPLE_SIGNING_PIN

    def test_the_user_auth_verify_of_this_power_up_survives_selecting_the_application(
            self, card_home):
        card = ready(card_home)
        at(card, "001B")                           # SELECT JPKI AP again, as the kiosk does
        prove(card_home, card)
        assert reset(card) == 0x9000

    @pytest.mark.parametrize("spoil", ["power off", "a wrong user-auth PIN"])
    def test_a_user_auth_verify_no_longer_counts_after(self, card_home, spoil):
        card = ready(card_home)
        if spoil == "power off":
            card.power_off()
            card.power_on()
            at(card, "001B")
        else:
            select_ef(card, "0018")
            assert verify_pin(card, "9999") == 0x63C2
            select_ef(card, "001B")
        prove(card_home, card)
        assert reset(card) == 0x6982

    def test_a_verified_signing_pin_is_not_the_user_auth_pin(self, card_home):
        card = fresh(card_home)
        at(card, "001B")
        assert verify_pin(card, SAMPLE_SIGNING_PIN) == 0x9000
        prove(card_home, card)
        assert reset(card) == 0x6982

    def test_the_proof_is_used_up(self, card_home):
        card = ready(card_home)
        prove(card_home, card)
        assert reset(card) == 0x9000
        assert reset(card, "AGAIN2028") == 0x6982
        assert signing_on_file(card_home).pin == NEW_PIN

    def test_selecting_the_application_forgets_the_proof(self, card_home):
        card = ready(card_home)
        prove(card_home, card)
        at(card, "001B")
        assert reset(card) == 0x6982

    @pytest.mark.parametrize("pin", ["reset2027", "RESET", "ABCDEFGH", "12345678",
                                     "A1" * 8 + "B", "RESET 2027", "ＲＥＳＥＴ２０２７",
                                     b"\xff\xfeRESET1", b"RESET\x002027"])
    def test_a_new_pin_of_the_wrong_form_is_6a80_and_the_proof_stays(self, card_home, pin):
        card = ready(card_home)
        prove(card_home, card)
        assert reset(card, pin) == 0x6A80
        assert signing_on_file(card_home).pin == SAMPLE_SIGNING_PIN
        assert reset(card) == 0x9000

    @pytest.mark.parametrize("fid", ["0018", "0017", "000A"])
    def test_only_on_the_signing_pin_ef(self, card_home, fid):
        card = ready(card_home)
        prove(card_home, card)
        assert select_ef(card, fid) == 0x9000
        assert reset(card) == 0x6986

    def test_no_ef_selected(self, card_home):
        card = ready(card_home)
        assert sw(card, SELECT_JPKI) == 0x9000
        assert reset(card) == 0x6986

    def test_the_kenmen_pin_cannot_be_reset(self, card_home):
        card = ready(card_home)
        at(card, "0011", SELECT_KENMEN)
        assert reset(card, "1111") == 0x6986

    @pytest.mark.parametrize("apdu, status", [("002C028000", 0x6700), ("002C0280", 0x6700),
                                              ("002C0080055245534554", 0x6A86),
                                              ("002C0281055245534554", 0x6A86),
                                              ("002C0280095245534554323032370A", 0x6700)])
    def test_malformed(self, card_home, apdu, status):
        card = ready(card_home)
        prove(card_home, card)
        assert sw(card, apdu) == status

    def test_a_card_without_a_signing_certificate_has_no_signing_pin(self, card_home):
        card = fresh(card_home, "child")
        at(card, "0018")
        assert verify_pin(card, SAMPLE_PIN) == 0x9000
        assert select_ef(card, "001B") == 0x6A82
        prove(card_home, card)
        assert reset(card) == 0x6986

    def test_tearing_the_write_leaves_the_old_pin_and_count(self, card_home):
        card = ready(card_home, "signing-locked")
        prove(card_home, card)

        def pulled() -> None:
            raise OSError("the card was pulled during the write")

        card.image.save = pulled
        with pytest.raises(OSError):
            reset(card)
        on_file = signing_on_file(card_home, "signing-locked")
        assert (on_file.pin, on_file.tries_left) == (SAMPLE_SIGNING_PIN, 0)


def test_the_three_commands_never_raise_on_any_input(card_home):
    card = ready(card_home)
    prove(card_home, card)
    rng = random.Random(15)
    for _ in range(3000):
        ins = rng.choice([0x84, 0x82, 0x2C])
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 24)))
        raw = bytes([0x00, ins, rng.choice([0, 1, 2]), rng.choice([0, 0x80, 0x81])]) + body
        status = int.from_bytes(card.process(raw)[-2:], "big")
        assert status in KNOWN, f"{raw.hex()} → {status:04X}"
    assert signing_on_file(card_home).tries_left == 5


KNOWN = {0x9000, 0x6300, 0x6700, 0x6982, 0x6985, 0x6986, 0x6A80, 0x6A86}
