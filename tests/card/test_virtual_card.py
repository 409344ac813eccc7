"""The virtual My Number card, APDU by APDU: every command and status word (signing, the
券面 application and the instruction classes in test_virtual_card_signing.py)."""

from __future__ import annotations

import pytest
from cryptography import x509

from backend.jpki.card_image import load_card, unlock_user_auth_pin
from backend.jpki.pkcs1 import sha256_digest_info
from backend.jpki.samples import SAMPLE_PIN, SAMPLE_SIGNING_PIN
from backend.reasons import Reason, ServiceError
from kiosk.card.apdu import Command
from kiosk.card.virtual.card import ATR, JPKI_AID, KENMEN_AID, TOKEN_INFO, VirtualCard

SELECT_JPKI = "00A4040C0A" + JPKI_AID.hex()
SELECT_KENMEN = "00A4040C0A" + KENMEN_AID.hex()
QUERY = "00200080"


def send(card, apdu: str | bytes) -> tuple[bytes, int]:
    raw = card.process(bytes.fromhex(apdu) if isinstance(apdu, str) else apdu)
    return raw[:-2], int.from_bytes(raw[-2:], "big")


def sw(card, apdu) -> int:
    return send(card, apdu)[1]


def select_ef(card, fid: str) -> int:
    return sw(card, "00A4020C02" + fid)


def at(card, fid: str, application: str = SELECT_JPKI) -> None:
    """Select the application, then the EF `fid` in it."""
    assert sw(card, application) == 0x9000
    assert select_ef(card, fid) == 0x9000


def verify_pin(card, pin: str) -> int:
    return sw(card, Command(0x00, 0x20, 0x00, 0x80, pin.encode()).encode())


def read(card, offset: int, le: int) -> tuple[bytes, int]:
    return send(card, Command(0x00, 0xB0, offset >> 8, offset & 0xFF, le=le,
                              extended=le > 256).encode())


def sign_apdu(digest_info: bytes) -> bytes:
    return Command(0x80, 0x2A, 0x00, 0x80, digest_info, le=256).encode()


def sign_x(card) -> int:
    """COMPUTE DIGITAL SIGNATURE over the DigestInfo of b"x": just the status word."""
    return sw(card, sign_apdu(sha256_digest_info(b"x")))


def fresh(card_home, name="adult") -> VirtualCard:
    chip = VirtualCard(load_card(card_home.card_tray, name))
    chip.power_on()
    return chip


def test_atr_is_the_my_number_cards():
    assert ATR == bytes.fromhex("3BE000FF8131FE4514")
    assert VirtualCard.atr == ATR


class TestSelect:
    def test_select_jpki_and_kenmen_applications(self, card):
        assert sw(card, SELECT_JPKI) == 0x9000
        assert sw(card, SELECT_KENMEN) == 0x9000

    def test_unknown_aid_is_file_not_found(self, card):
        assert sw(card, "00A4040C07A0000000041010") == 0x6A82

    def test_ef_without_application_is_file_not_found(self, card):
        assert select_ef(card, "000A") == 0x6A82

    def test_unknown_ef_is_file_not_found(self, card):
        sw(card, SELECT_JPKI)
        assert select_ef(card, "1234") == 0x6A82

    def test_ef_of_the_other_application_is_not_there(self, card):
        sw(card, SELECT_KENMEN)
        assert select_ef(card, "000A") == 0x6A82
        assert select_ef(card, "0011") == 0x9000

    @pytest.mark.parametrize("apdu", ["00A4040007" + "A0000000041010", "00A4010C020006"])
    def test_other_select_forms_are_refused(self, card, apdu):
        assert sw(card, apdu) == 0x6A86

    @pytest.mark.parametrize("apdu", ["00A4020C03000A00", "00A4040C", "00A4020C02000A00"])
    def test_select_wrong_length(self, card, apdu):
        sw(card, SELECT_JPKI)
        assert sw(card, apdu) == 0x6700


class TestReadBinary:
    def test_token_info(self, card):
        at(card, "0006")
        data, status = read(card, 0, 32)
        assert status == 0x9000
        assert data == TOKEN_INFO == b"JPKIAPICCTOKEN2" + b" " * 17

    def test_certificate_short_and_extended_reads_agree(self, card):
        sw(card, SELECT_JPKI)
        assert select_ef(card, "000A") == 0x9000
        whole, status = read(card, 0, 65536)           # extended Le 0000
        assert status == 0x9000
        cert = x509.load_der_x509_certificate(whole)
        assert 1000 < len(whole) < 2048
        pieces = b""
        while len(pieces) < len(whole):
            data, status = read(card, len(pieces), 256)   # short Le 00
            assert status == 0x9000 and 0 < len(data) <= 256
            pieces += data
        assert pieces == whole
        assert cert.issuer.rfc4514_string().find("JPKI user authentication CA") >= 0

    def test_ca_certificate_readable_without_pin(self, card):
        at(card, "000B")
        data, status = read(card, 0, 65536)
        assert status == 0x9000
        ca = x509.load_der_x509_certificate(data)
        assert ca.subject == ca.issuer

    def test_offset_past_the_end(self, card):
        at(card, "0006")
        assert read(card, 32, 1)[1] == 0x6B00

    def test_no_current_ef(self, card):
        sw(card, SELECT_JPKI)
        assert read(card, 0, 4)[1] == 0x6986

    @pytest.mark.parametrize("fid", ["0018", "0017", "001B", "001A"])
    def test_pin_and_key_files_are_never_read(self, card, fid):
        sw(card, SELECT_JPKI)
        select_ef(card, fid)
        assert read(card, 0, 4)[1] == 0x6982

    def test_signing_certificate_needs_the_signing_pin(self, card):
        at(card, "0001")
        assert read(card, 0, 4)[1] == 0x6982
        select_ef(card, "001B")
        assert verify_pin(card, SAMPLE_SIGNING_PIN) == 0x9000
        select_ef(card, "0001")
        data, status = read(card, 0, 65536)
        assert status == 0x9000 and x509.load_der_x509_certificate(data)

    def test_user_auth_pin_does_not_open_the_signing_certificate(self, card):
        at(card, "0018")
        assert verify_pin(card, SAMPLE_PIN) == 0x9000
        select_ef(card, "0001")
        assert read(card, 0, 4)[1] == 0x6982

    def test_without_le_is_wrong_length(self, card):
        at(card, "0006")
        assert sw(card, "00B00000") == 0x6700

    def test_short_ef_addressing_is_refused(self, card):
        sw(card, SELECT_JPKI)
        assert sw(card, "00B0860004") == 0x6A86


class TestVerify:
    def test_query_gives_tries_left(self, card):
        at(card, "0018")
        assert sw(card, QUERY) == 0x63C3
        select_ef(card, "001B")
        assert sw(card, QUERY) == 0x63C5

    def test_wrong_pins_count_down_then_block(self, card):
        at(card, "0018")
        assert [verify_pin(card, "9999") for _ in range(4)] == [0x63C2, 0x63C1, 0x63C0, 0x6984]
        assert sw(card, QUERY) == 0x63C0
        assert verify_pin(card, SAMPLE_PIN) == 0x6984       # the right PIN no longer helps

    def test_right_pin_clears_the_counter(self, card):
        at(card, "0018")
        assert verify_pin(card, "0000") == 0x63C2
        assert verify_pin(card, SAMPLE_PIN) == 0x9000
        assert sw(card, QUERY) == 0x63C3

    def test_counter_is_consecutive_and_survives_power_off(self, card_home):
        chip = fresh(card_home)
        at(chip, "0018")
        assert verify_pin(chip, "1111") == 0x63C2
        chip.power_off()
        again = fresh(card_home)                      # another reader, same card file
        at(again, "0018")
        assert sw(again, QUERY) == 0x63C2
        assert verify_pin(again, "2222") == 0x63C1
        assert load_card(card_home.card_tray, "adult").user_auth.tries_left == 1

    def test_wrong_length_pin_does_not_count(self, card):
        at(card, "0018")
        assert verify_pin(card, "12345") == 0x6700
        assert sw(card, QUERY) == 0x63C3
        select_ef(card, "001B")
        assert verify_pin(card, "ABC12") == 0x6700

    def test_signing_pin(self, card):
        at(card, "001B")
        assert verify_pin(card, "WRONG123") == 0x63C4
        assert verify_pin(card, SAMPLE_SIGNING_PIN) == 0x9000

    def test_verify_needs_a_pin_ef(self, card):
        at(card, "000A")
        assert verify_pin(card, SAMPLE_PIN) == 0x6986

    def test_verify_wrong_p2(self, card):
        at(card, "0018")
        assert sw(card, "00200081") == 0x6A86

    def test_face_auth_card_is_blocked_from_the_start(self, card_home):
        chip = fresh(card_home, "face")
        at(chip, "0018")
        assert sw(chip, QUERY) == 0x63C0
        assert verify_pin(chip, SAMPLE_PIN) == 0x6984

    def test_locked_card(self, card_home):
        chip = fresh(card_home, "locked")
        at(chip, "0018")
        assert verify_pin(chip, SAMPLE_PIN) == 0x6984


class TestUnlock:
    def test_counter_unlock_lifts_the_lock(self, card_home):
        chip = fresh(card_home, "locked")
        assert unlock_user_auth_pin(card_home, "locked") == 3
        chip.power_on()                                  # the card is put on a reader again
        at(chip, "0018")
        assert sw(chip, QUERY) == 0x63C3
        assert verify_pin(chip, SAMPLE_PIN) == 0x9000

    def test_face_auth_card_cannot_be_unlocked(self, card_home):
        with pytest.raises(ServiceError) as err:
            unlock_user_auth_pin(card_home, "face")
        assert err.value.reason is Reason.FACE_AUTH_CARD
        assert load_card(card_home.card_tray, "face").user_auth.tries_left == 0

    def test_unknown_card(self, card_home):
        with pytest.raises(ServiceError) as err:
            unlock_user_auth_pin(card_home, "nobody")
        assert err.value.reason is Reason.NO_CARD


class TestChangeReferenceData:
    def change(self, card, new: bytes) -> int:
        return sw(card, Command(0x00, 0x24, 0x01, 0x80, new).encode())

    def test_needs_the_pin_verified(self, card):
        at(card, "0018")
        assert self.change(card, b"4321") == 0x6982

    def test_changes_the_pin(self, card_home):
        chip = fresh(card_home)
        at(chip, "0018")
        verify_pin(chip, SAMPLE_PIN)
        assert self.change(chip, b"4321") == 0x9000
        again = fresh(card_home)
        at(again, "0018")
        assert verify_pin(again, SAMPLE_PIN) == 0x63C2
        assert verify_pin(again, "4321") == 0x9000

    @pytest.mark.parametrize("new", [b"12a4", b"123", b"\xff\xfe\x00\x01"])
    def test_bad_new_user_auth_pin(self, card, new):
        at(card, "0018")
        verify_pin(card, SAMPLE_PIN)
        assert self.change(card, new) == 0x6A80

    @pytest.mark.parametrize("new,status", [(b"NEWPIN99", 0x9000), (b"lower123", 0x6A80),
                                            (b"ONLYLETTERS", 0x6A80), (b"A1", 0x6A80)])
    def test_signing_pin_rules(self, card, new, status):
        at(card, "001B")
        verify_pin(card, SAMPLE_SIGNING_PIN)
        assert self.change(card, new) == status

    def test_blocked(self, card_home):
        chip = fresh(card_home, "locked")
        at(chip, "0018")
        assert self.change(chip, b"4321") == 0x6984

    def test_wrong_p1(self, card):
        at(card, "0018")
        verify_pin(card, SAMPLE_PIN)
        assert sw(card, Command(0x00, 0x24, 0x00, 0x80, b"43214321").encode()) == 0x6A86
