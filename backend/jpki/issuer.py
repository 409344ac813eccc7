"""Card issuance (カード発行): keys, certificates and PINs written into a card image.

The seeding calls `issue_card(paths, spec, now)` once per demo resident. The rules side
computes the dates (card and certificate validity) and passes them in `CardSpec`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import (AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID,
                                   ObjectIdentifier)

from backend.clock import JST
from backend.config import Paths
from backend.jpki.ca import (CertificateAuthority, load_or_create_ca, load_or_create_signing_ca,
                             new_key, private_pem, random_serial)
from backend.jpki.card_image import (CardImage, Holder, KeyApplication, PinState, card_file,
                                     is_valid_signing_pin, is_valid_user_auth_pin)
from backend.jpki.reset_authority import card_reset_key, load_or_create_master

USER_AUTH_MAX_TRIES = 3
SIGNING_MAX_TRIES = 5
KENMEN_MAX_TRIES = 3
# Certificate policies in the J-LIS arc; the simulated CA uses them only as labels.
USER_AUTH_POLICY = ObjectIdentifier("1.2.392.200149.8.5.1.3.30")
SIGNING_POLICY = ObjectIdentifier("1.2.392.200149.8.5.1.1.10")
CRL_URL = "http://crl.jpki.example.invalid/user-auth.crl"
OCSP_URL = "http://ocsp.jpki.example.invalid/"
CA_ISSUERS_URL = "http://www.jpki.example.invalid/ca.cer"
ISSUER_ALT_NAME = x509.Name([
    x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "地方公共団体情報システム機構"),
    x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "公的個人認証サービス（模擬）"),
])


@dataclass(frozen=True)
class CardSpec:
    """What the municipality decided for one card; dates come from the rules."""

    card_name: str                 # tray file stem, ascii, e.g. "izumi-taro"
    name: str                      # holder name as on the card (kanji)
    name_kana: str
    birth_date: date
    sex: str                       # "1" male, "2" female, "9"
    address: str
    my_number: str                 # 12 digits
    user_auth_pin: str             # 4 digits
    signing_pin: str | None        # 6–16 upper-case letters and digits; None: no signing cert (under 15)
    card_serial: str
    card_issued_on: date
    card_expires_on: date
    certificate_expires_on: date
    face_auth: bool = False        # 顔認証マイナンバーカード: PIN blocked from the start
    user_auth_tries_left: int = USER_AUTH_MAX_TRIES   # 0 for a locked card
    signing_tries_left: int = SIGNING_MAX_TRIES       # 0: the signing PIN locked (5 wrong tries)
    municipality_code: str = ""
    municipality_name: str = ""


@dataclass(frozen=True)
class IssuedCard:
    """What the card registry keeps about the user-auth certificate (no keys, no PIN)."""

    card_name: str
    certificate_serial: int
    certificate_der: bytes
    not_before: datetime
    not_after: datetime


def validate_spec(spec: CardSpec) -> None:
    if not is_valid_user_auth_pin(spec.user_auth_pin):
        raise ValueError("user-auth PIN must be 4 digits")
    if spec.signing_pin is not None and not is_valid_signing_pin(spec.signing_pin):
        raise ValueError("signing PIN must be 6–16 upper-case letters and digits, both kinds")
    if not (len(spec.my_number) == 12 and spec.my_number.isdigit()):
        raise ValueError("My Number must be 12 digits")
    if spec.sex not in ("1", "2", "9"):
        raise ValueError("sex must be '1', '2' or '9'")
    if not 0 <= spec.user_auth_tries_left <= USER_AUTH_MAX_TRIES:
        raise ValueError("user_auth_tries_left out of range")
    if not 0 <= spec.signing_tries_left <= SIGNING_MAX_TRIES:
        raise ValueError("signing_tries_left out of range")
    if not spec.card_name.isascii():
        raise ValueError("card name must be ascii")


def start_of(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), JST)


def end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), JST)


def _end_entity(ca: CertificateAuthority, key: rsa.RSAPrivateKey, subject: x509.Name,
                serial: int, not_before: datetime, not_after: datetime,
                policy: ObjectIdentifier, *, non_repudiation: bool) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=non_repudiation, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.CertificatePolicies([x509.PolicyInformation(policy, None)]),
                       critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            ca.private_key.public_key()), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier(CRL_URL)], relative_name=None,
            reasons=None, crl_issuer=None)]), critical=False)
        .add_extension(x509.AuthorityInformationAccess([
            x509.AccessDescription(AuthorityInformationAccessOID.OCSP,
                                   x509.UniformResourceIdentifier(OCSP_URL)),
            x509.AccessDescription(AuthorityInformationAccessOID.CA_ISSUERS,
                                   x509.UniformResourceIdentifier(CA_ISSUERS_URL)),
        ]), critical=False)
        .add_extension(x509.IssuerAlternativeName([x509.DirectoryName(ISSUER_ALT_NAME)]),
                       critical=False)
    )
    if not non_repudiation:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
    return builder.sign(ca.private_key, hashes.SHA256())


def _der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def issue_card(paths: Paths, spec: CardSpec, now: datetime, *,
               authorities: tuple[CertificateAuthority, CertificateAuthority] | None = None
               ) -> IssuedCard:
    """Issue one card: new RSA-2048 keys, certificates from the simulated CAs, the image file.

    The user-auth certificate carries no personal data (as the real one): its subject is a
    random identifier. notAfter is the end of `certificate_expires_on` (JST). `authorities`:
    the (user-auth, signing) CAs already loaded, when many cards are issued at once.
    """
    validate_spec(spec)
    ca, signing_ca = authorities or (load_or_create_ca(paths), None)
    not_before = min(start_of(spec.card_issued_on), now)
    not_after = end_of(spec.certificate_expires_on)

    auth_key = new_key()
    auth_serial = random_serial()
    auth_subject = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
        x509.NameAttribute(NameOID.COMMON_NAME, secrets.token_hex(16).upper()),
    ])
    auth_cert = _end_entity(ca, auth_key, auth_subject, auth_serial, not_before, not_after,
                            USER_AUTH_POLICY, non_repudiation=False)
    tries = 0 if spec.face_auth else spec.user_auth_tries_left
    user_auth = KeyApplication(spec.user_auth_pin, USER_AUTH_MAX_TRIES, tries,
                               _der(auth_cert), ca.certificate_der, private_pem(auth_key))

    signing = None
    if spec.signing_pin is not None:
        signing_ca = signing_ca or load_or_create_signing_ca(paths)
        sign_key = new_key()
        # The signing certificate does carry the holder (基本4情報 are in the real one).
        sign_subject = x509.Name([
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(NameOID.LOCALITY_NAME, spec.municipality_name or "-"),
            x509.NameAttribute(NameOID.COMMON_NAME, spec.name),
        ])
        sign_cert = _end_entity(signing_ca, sign_key, sign_subject, random_serial(), not_before,
                                not_after, SIGNING_POLICY, non_repudiation=True)
        signing = KeyApplication(spec.signing_pin, SIGNING_MAX_TRIES, spec.signing_tries_left,
                                 _der(sign_cert), signing_ca.certificate_der, private_pem(sign_key))

    image = CardImage(
        card_name=spec.card_name, card_serial=spec.card_serial,
        holder=Holder(spec.name, spec.name_kana, spec.address, spec.birth_date, spec.sex,
                      spec.my_number),
        user_auth=user_auth, signing=signing,
        # People commonly set the 券面事項入力補助用 PIN to the user-auth PIN.
        kenmen=PinState(spec.user_auth_pin, KENMEN_MAX_TRIES, KENMEN_MAX_TRIES),
        card_issued_on=spec.card_issued_on, card_expires_on=spec.card_expires_on,
        certificate_expires_on=spec.certificate_expires_on,
        municipality_code=spec.municipality_code, municipality_name=spec.municipality_name,
        face_auth=spec.face_auth,
        # The card's own key for the reset authority; the centre can make it again from the
        # serial, the card never learns the master.
        reset_key=card_reset_key(load_or_create_master(paths), spec.card_serial),
    )
    image.save(card_file(paths.card_tray, spec.card_name))
    return IssuedCard(spec.card_name, auth_serial, _der(auth_cert),
                      auth_cert.not_valid_before_utc, auth_cert.not_valid_after_utc)
