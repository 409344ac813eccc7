"""The virtual My Number card, APDU by APDU: COMPUTE DIGITAL SIGNATURE, the 券面 (card face)
application, and the classes and instructions it refuses."""

from __future__ import annotations

import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils

from backend.jpki.pkcs1 import sha256_digest_info
from backend.jpki.samples import SAMPLE_PIN, SAMPLE_SIGNING_PIN
from kiosk.card.apdu import Command
from kiosk.card.virtual.card import JPKI_AID
from tests.card.test_virtual_card import (
    QUERY,
    SELECT_JPKI,
    SELECT_KENMEN,
    at,
    fresh,
    read,
    select_ef,
    send,
    sign_apdu,
    sign_x,
    sw,
    verify_pin,
)


def auth_public_key(card):
    at(card, "000A")
    return x509.load_der_x509_certificate(read(card, 0, 65536)[0]).public_key()


class TestSign:
    def ready(self, card):
        key = auth_public_key(card)
        select_ef(card, "0018")
        assert verify_pin(card, SAMPLE_PIN) == 0x9000
        select_ef(card, "0017")
        return key

    def test_signature_verifies_as_pkcs1_v15_sha256(self, card):
        key = self.ready(card)
        data, status = send(card, sign_apdu(sha256_digest_info(b"challenge")))
        assert status == 0x9000 and len(data) == 256
        key.verify(data, b"challenge", padding.PKCS1v15(), hashes.SHA256())

    def test_any_digest_info_is_padded_and_signed(self, card):
        key = self.ready(card)
        sha1_info = bytes.fromhex("3021300906052b0e03021a05000414") + hashlib.sha1(b"m").digest()
        data, status = send(card, sign_apdu(sha1_info))
        assert status == 0x9000
        key.verify(data, hashlib.sha1(b"m").digest(), padding.PKCS1v15(),
                   utils.Prehashed(hashes.SHA1()))

    def test_needs_the_pin(self, card):
        at(card, "0017")
        assert sign_x(card) == 0x6982

    def test_a_wrong_pin_forgets_an_earlier_verification(self, card):
        self.ready(card)
        select_ef(card, "0018")
        verify_pin(card, "0000")
        select_ef(card, "0017")
        assert sign_x(card) == 0x6982

    def test_power_off_forgets_the_verification(self, card):
        self.ready(card)
        card.power_off()
        card.power_on()
        # Selecting the application again would forget it anyway: first, nothing is selected.
        assert select_ef(card, "0017") == 0x6A82
        at(card, "0017")
        assert sign_x(card) == 0x6982

    def test_selecting_an_application_forgets_the_verification(self, card):
        self.ready(card)
        at(card, "0017")
        assert sign_x(card) == 0x6982

    def test_signing_key_needs_the_signing_pin(self, card):
        self.ready(card)
        select_ef(card, "001A")
        assert sign_x(card) == 0x6982
        select_ef(card, "001B")
        verify_pin(card, SAMPLE_SIGNING_PIN)
        select_ef(card, "001A")
        assert sign_x(card) == 0x9000

    def test_needs_a_key_ef(self, card):
        self.ready(card)
        select_ef(card, "000A")
        assert sign_x(card) == 0x6986

    def test_not_a_digest_info(self, card):
        self.ready(card)
        assert sw(card, sign_apdu(b"\x04\x20" + bytes(32))) == 0x6A80
        assert sw(card, sign_apdu(b"\x30\x05\x00")) == 0x6A80

    def test_too_long_for_the_key(self, card):
        self.ready(card)
        assert sw(card, sign_apdu(b"\x30\x82\x00\xfc" + bytes(252))) == 0x6700

    def test_iso_class_is_not_the_sign_command(self, card):
        self.ready(card)
        raw = bytearray(sign_apdu(sha256_digest_info(b"x")))
        raw[0] = 0x00
        assert sw(card, bytes(raw)) == 0x6E00

    def test_wrong_p1p2(self, card):
        self.ready(card)
        assert sw(card, Command(0x80, 0x2A, 0x9E, 0x9A, sha256_digest_info(b"x"),
                                le=256).encode()) == 0x6A86


class TestKenmenAP:
    def open(self, card):
        at(card, "0011", SELECT_KENMEN)
        assert verify_pin(card, SAMPLE_PIN) == 0x9000

    def test_needs_its_pin(self, card):
        at(card, "0001", SELECT_KENMEN)
        assert read(card, 0, 17)[1] == 0x6982
        select_ef(card, "0011")
        assert sw(card, QUERY) == 0x63C3

    def test_my_number(self, card):
        self.open(card)
        select_ef(card, "0001")
        data, status = read(card, 0, 256)
        assert status == 0x9000
        assert data[:3] == b"\xff\x10\x0c" and data[3:15] == b"123456789018"

    def test_basic_four_items(self, card):
        self.open(card)
        select_ef(card, "0002")
        data, status = read(card, 0, 256)
        assert status == 0x9000 and data[:2] == b"\xff\x20"
        body, items = data[3:3 + data[2]], {}
        while body:
            tag, n = body[:2], body[2]
            items[tag.hex()] = body[3:3 + n]
            body = body[3 + n:]
        assert items["df22"].decode() == "見本 花子"
        assert items["df23"].decode() == "大阪府和泉市府中町一丁目1番1号"
        assert items["df24"] == b"19851001" and items["df25"] == b"2"
        assert "df21" in items


class TestClassesAndInstructions:
    @pytest.mark.parametrize("apdu", ["00CA010100", "0088000008", "00C0000000", "80B0000004", "8084000008"])
    def test_unsupported(self, card, apdu):
        assert sw(card, apdu) in (0x6D00, 0x6E00)

    def test_unknown_instruction(self, card):
        assert sw(card, "00CA010100") == 0x6D00

    def test_unknown_class(self, card):
        assert sw(card, "90A4040C0A" + JPKI_AID.hex()) == 0x6E00

    @pytest.mark.parametrize("apdu", ["", "00", "00A404", "00A4040C0AD392", "00B000000000"])
    def test_malformed_is_wrong_length(self, card, apdu):
        assert sw(card, apdu) == 0x6700


def test_child_card_has_no_signing_application(card_home):
    chip = fresh(card_home, "child")
    sw(chip, SELECT_JPKI)
    for fid in ("0001", "0002", "001A", "001B"):
        assert select_ef(chip, fid) == 0x6A82
    assert select_ef(chip, "000A") == 0x9000
