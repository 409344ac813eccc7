"""The centre's checks on a presented certificate and signature, and what issuance puts in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.x509.oid import NameOID

from backend.clock import JST
from backend.jpki.ca import (USER_AUTH_CA_NAME, ca_name, create_ca, load_or_create_ca,
                             load_or_create_signing_ca)
from backend.jpki.card_image import card_file, load_card
from backend.jpki.issuer import CardSpec, issue_card, validate_spec
from backend.jpki.samples import sample_spec
from backend.jpki.verify import (VerifiedCertificate, verify_challenge_signature,
                                 verify_user_auth_certificate)
from backend.reasons import Reason, ServiceError


def refused(call) -> Reason:
    with pytest.raises(ServiceError) as err:
        call()
    return err.value.reason


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def card_cert(card_home, name="adult") -> bytes:
    return load_card(card_home.card_tray, name).user_auth.certificate


def sign_with_card(card_home, message: bytes, name="adult") -> bytes:
    pem = load_card(card_home.card_tray, name).user_auth.private_key_pem
    key = serialization.load_pem_private_key(pem, None)
    return key.sign(message, padding.PKCS1v15(), hashes.SHA256())


class TestCertificate:
    def test_issued_certificate_verifies(self, card_home, now):
        ca = load_or_create_ca(card_home)
        verified = verify_user_auth_certificate(card_cert(card_home), ca, now)
        assert isinstance(verified, VerifiedCertificate)
        assert verified.not_after == datetime(2030, 10, 1, 14, 59, 59, tzinfo=UTC)
        # the CA may be given as a certificate or DER as well
        assert verify_user_auth_certificate(card_cert(card_home), ca.certificate, now).serial \
            == verify_user_auth_certificate(card_cert(card_home), ca.certificate_der, now).serial

    def test_self_signed_is_untrusted(self, card_home, now):
        rogue = create_ca(ca_name(USER_AUTH_CA_NAME, "JPKI for user authentication"))
        assert refused(lambda: verify_user_auth_certificate(
            rogue.certificate_der, load_or_create_ca(card_home), now)) is Reason.CERTIFICATE_UNTRUSTED

    def test_foreign_ca_with_the_same_name_is_untrusted(self, card_home, now, tmp_path):
        # Another "J-LIS" with the very same name: only the key tells them apart.
        from backend.config import Paths
        other = Paths(tmp_path / "elsewhere").ensure()
        issue_card(other, sample_spec("forged"), now)
        forged = load_card(other.card_tray, "forged").user_auth.certificate
        assert x509.load_der_x509_certificate(forged).issuer == \
            load_or_create_ca(card_home).certificate.subject
        assert refused(lambda: verify_user_auth_certificate(
            forged, load_or_create_ca(card_home), now)) is Reason.CERTIFICATE_UNTRUSTED

    def test_signing_certificate_is_not_a_user_auth_certificate(self, card_home, now):
        signing = load_card(card_home.card_tray, "adult").signing
        assert signing is not None
        assert refused(lambda: verify_user_auth_certificate(
            signing.certificate, load_or_create_ca(card_home), now)) is Reason.CERTIFICATE_UNTRUSTED

    def test_expired(self, card_home, now):
        assert refused(lambda: verify_user_auth_certificate(
            card_cert(card_home, "expired"), load_or_create_ca(card_home), now)) \
            is Reason.CERTIFICATE_EXPIRED

    def test_expiry_is_the_end_of_the_day_in_japan(self, card_home):
        ca, cert = load_or_create_ca(card_home), card_cert(card_home)
        last = datetime(2030, 10, 1, 23, 59, 59, tzinfo=JST)
        assert verify_user_auth_certificate(cert, ca, last)
        assert refused(lambda: verify_user_auth_certificate(cert, ca, last + timedelta(seconds=1))) \
            is Reason.CERTIFICATE_EXPIRED

    def test_not_yet_valid(self, card_home):
        early = datetime(2021, 5, 31, 12, 0, tzinfo=JST)
        assert refused(lambda: verify_user_auth_certificate(
            card_cert(card_home), load_or_create_ca(card_home), early)) \
            is Reason.CERTIFICATE_UNTRUSTED

    def test_tampered_certificate(self, card_home, now):
        cert = bytearray(card_cert(card_home))
        cert[-10] ^= 0x01                       # inside the CA's signature
        assert refused(lambda: verify_user_auth_certificate(
            bytes(cert), load_or_create_ca(card_home), now)) is Reason.CERTIFICATE_UNTRUSTED

    @pytest.mark.parametrize("junk", [b"", b"\x30\x03\x02\x01", b"not a certificate" * 20])
    def test_garbage_is_unreadable(self, card_home, now, junk):
        assert refused(lambda: verify_user_auth_certificate(
            junk, load_or_create_ca(card_home), now)) is Reason.CARD_UNREADABLE


class TestSignature:
    def verified(self, card_home, now):
        return verify_user_auth_certificate(card_cert(card_home), load_or_create_ca(card_home), now)

    def test_good_signature(self, card_home, now):
        cert = self.verified(card_home, now)
        assert verify_challenge_signature(cert, b"c1", sign_with_card(card_home, b"c1")) is None

    def test_signature_over_another_challenge(self, card_home, now):
        cert = self.verified(card_home, now)
        assert refused(lambda: verify_challenge_signature(
            cert, b"c2", sign_with_card(card_home, b"c1"))) is Reason.SIGNATURE_INVALID

    def test_another_cards_signature(self, card_home, now):
        cert = self.verified(card_home, now)
        assert refused(lambda: verify_challenge_signature(
            cert, b"c1", sign_with_card(card_home, b"c1", "child"))) is Reason.SIGNATURE_INVALID

    @pytest.mark.parametrize("signature", [b"", bytes(256), b"\xff" * 300])
    def test_bad_signature(self, card_home, now, signature):
        cert = self.verified(card_home, now)
        assert refused(lambda: verify_challenge_signature(cert, b"c1", signature)) \
            is Reason.SIGNATURE_INVALID


class TestIssuance:
    def test_user_auth_certificate_has_no_personal_data(self, card_home):
        cert = x509.load_der_x509_certificate(card_cert(card_home))
        text = cert.subject.rfc4514_string()
        assert "見本" not in text and "和泉" not in text
        assert cert.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == \
            "JPKI user authentication CA (simulated)"
        assert 0 < cert.serial_number < 2 ** 63
        assert 1200 <= len(card_cert(card_home)) <= 1700
        assert isinstance(cert.public_key().key_size, int) and cert.public_key().key_size == 2048

    def test_issued_card_matches_the_image(self, card_home, now):
        issued = issue_card(card_home, sample_spec("again"), now)
        image = load_card(card_home.card_tray, "again")
        assert issued.certificate_der == image.user_auth.certificate
        assert issued.certificate_serial == \
            x509.load_der_x509_certificate(image.user_auth.certificate).serial_number
        assert issued.not_after == datetime(2030, 10, 1, 23, 59, 59, tzinfo=JST)
        assert issued.not_before == datetime(2021, 6, 1, tzinfo=JST)

    def test_cas_are_made_once(self, card_home):
        assert load_or_create_ca(card_home).certificate == load_or_create_ca(card_home).certificate
        assert load_or_create_signing_ca(card_home).certificate != \
            load_or_create_ca(card_home).certificate

    def test_face_auth_and_locked_cards(self, card_home):
        assert load_card(card_home.card_tray, "face").user_auth.tries_left == 0
        assert load_card(card_home.card_tray, "face").face_auth
        assert load_card(card_home.card_tray, "locked").user_auth.tries_left == 0

    def test_private_files_are_owner_only(self, card_home):
        private = [card_home.jpki / "user_auth_ca.key.pem", card_home.jpki / "signing_ca.key.pem",
                   card_file(card_home.card_tray, "adult")]
        for path in private:
            assert path.stat().st_mode & 0o777 == 0o600, path
        assert not [p for p in card_home.home.rglob("*.tmp")]

    def test_child_has_no_signing_key(self, card_home):
        assert load_card(card_home.card_tray, "child").signing is None

    @pytest.mark.parametrize("changes", [
        {"user_auth_pin": "12a4"}, {"user_auth_pin": "12345"}, {"signing_pin": "abc123"},
        {"signing_pin": "ABCDEF"}, {"signing_pin": "123456"}, {"signing_pin": "A1" * 9},
        {"user_auth_pin": "１２３４"}, {"my_number": "12345"}, {"sex": "3"},
        {"user_auth_tries_left": 4},
        {"card_name": "和泉"},
    ])
    def test_bad_specs_are_refused(self, changes):
        with pytest.raises(ValueError):
            validate_spec(sample_spec(**changes))

    def test_spec_is_a_plain_dataclass(self):
        spec = sample_spec()
        assert isinstance(spec, CardSpec) and spec.birth_date == date(1985, 10, 1)
