"""A simulated J-LIS certification authority (地方公共団体情報システム機構).

Two CAs live in `paths.jpki`: the user-authentication CA (利用者証明用電子証明書) that the
kiosk relies on, and the signing CA (署名用電子証明書) so the card carries both applications
as a real one does. Each is an RSA-2048 key and a self-signed certificate, created on first use.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import NameOID

from backend.config import Paths
from backend.jpki.key_pool import take_key
from backend.private_files import made_once, write_private

USER_AUTH_CA_NAME = "JPKI user authentication CA (simulated)"
SIGNING_CA_NAME = "JPKI digital signature CA (simulated)"
# A fixed window keeps the CA independent of any clock (demo dates range over decades).
CA_NOT_BEFORE = datetime(2014, 1, 1, tzinfo=UTC)
CA_NOT_AFTER = datetime(2054, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class CertificateAuthority:
    private_key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    @property
    def certificate_der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)


def new_key() -> rsa.RSAPrivateKey:
    """A fresh RSA-2048 key, made ahead of time by the installation's key pool when it can."""
    return take_key()


def random_serial() -> int:
    """A positive, non-zero 63-bit serial (fits a signed 64-bit database column)."""
    return secrets.randbits(63) or 1


def ca_name(common_name: str, unit: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "JPKI"),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME,
                           "Japan Agency for Local Authority Information Systems"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def create_ca(name: x509.Name, *, not_before: datetime = CA_NOT_BEFORE,
              not_after: datetime = CA_NOT_AFTER) -> CertificateAuthority:
    """A new self-signed CA (also used by tests to make a foreign CA)."""
    key = new_key()
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(random_serial())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )
    return CertificateAuthority(key, cert)


def private_pem(key: rsa.RSAPrivateKey | Ed25519PrivateKey | ec.EllipticCurvePrivateKey) -> bytes:
    """A private key as unencrypted PKCS#8 PEM (kept only in owner-only files)."""
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _load_or_create(directory: Path, stem: str, name: x509.Name) -> CertificateAuthority:
    """The CA kept in `directory`, made by one process only when there is none (see
    backend.private_files.made_once); its key file is written last, so it says "made"."""
    key_file, cert_file = directory / f"{stem}.key.pem", directory / f"{stem}.cert.pem"

    def make() -> None:
        ca = create_ca(name)
        write_private(cert_file, ca.certificate.public_bytes(serialization.Encoding.PEM))
        write_private(key_file, private_pem(ca.private_key))

    made_once(key_file, make)
    key = serialization.load_pem_private_key(key_file.read_bytes(), password=None,
                                             unsafe_skip_rsa_key_validation=True)  # our own
    assert isinstance(key, rsa.RSAPrivateKey)
    return CertificateAuthority(key, x509.load_pem_x509_certificate(cert_file.read_bytes()))


def load_or_create_ca(paths: Paths) -> CertificateAuthority:
    """The user-authentication CA the backend trusts (利用者証明用)."""
    return _load_or_create(paths.jpki, "user_auth_ca",
                           ca_name(USER_AUTH_CA_NAME, "JPKI for user authentication"))


def load_or_create_signing_ca(paths: Paths) -> CertificateAuthority:
    """The signing CA (署名用): only its certificate is put on the card."""
    return _load_or_create(paths.jpki, "signing_ca",
                           ca_name(SIGNING_CA_NAME, "JPKI for digital signature"))
