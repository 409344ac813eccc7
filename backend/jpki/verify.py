"""Checks the centre makes on what a card presents: the user-auth certificate's chain and
validity period, and the card's signature over the challenge.

Each refusal is a `ServiceError` with a reason code: CARD_UNREADABLE (not a certificate),
CERTIFICATE_UNTRUSTED (self-signed, another CA, bad CA signature, not yet valid, not a
user-auth end-entity certificate), CERTIFICATE_EXPIRED, SIGNATURE_INVALID. Revocation and
the registry lookup are the service's (they need the database).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from backend.jpki.ca import CertificateAuthority
from backend.reasons import Reason, ServiceError

MIN_KEY_BITS = 2048


@dataclass(frozen=True)
class VerifiedCertificate:
    """A user-auth certificate that chains to the trusted CA and is valid at the given time."""

    certificate: x509.Certificate
    serial: int
    not_before: datetime
    not_after: datetime
    subject: str

    @property
    def public_key(self) -> rsa.RSAPublicKey:
        key = self.certificate.public_key()
        assert isinstance(key, rsa.RSAPublicKey)
        return key


def _ca_certificate(ca: CertificateAuthority | x509.Certificate | bytes) -> x509.Certificate:
    if isinstance(ca, CertificateAuthority):
        return ca.certificate
    if isinstance(ca, bytes):
        return x509.load_der_x509_certificate(ca)
    return ca


def parse_certificate(cert_der: bytes) -> x509.Certificate:
    try:
        return x509.load_der_x509_certificate(bytes(cert_der))
    except (ValueError, TypeError) as exc:
        raise ServiceError(Reason.CARD_UNREADABLE, "not a DER X.509 certificate") from exc


def verify_user_auth_certificate(
    cert_der: bytes, ca: CertificateAuthority | x509.Certificate | bytes, now: datetime
) -> VerifiedCertificate:
    """Chain (issued and signed by the CA), end-entity use and validity period at `now`."""
    cert = parse_certificate(cert_der)
    ca_cert = _ca_certificate(ca)
    untrusted = Reason.CERTIFICATE_UNTRUSTED
    if cert.issuer == cert.subject:
        raise ServiceError(untrusted, "self-signed certificate")
    try:
        cert.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise ServiceError(untrusted, f"not issued by {ca_cert.subject.rfc4514_string()}") from exc
    key = cert.public_key()
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < MIN_KEY_BITS:
        raise ServiceError(untrusted, "not an RSA-2048 key")
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except (x509.ExtensionNotFound, ValueError) as exc:
        raise ServiceError(untrusted, "missing basic constraints or key usage") from exc
    if constraints.ca or not usage.digital_signature:
        raise ServiceError(untrusted, "not an end-entity signature certificate")
    not_before, not_after = cert.not_valid_before_utc, cert.not_valid_after_utc
    if now < ca_cert.not_valid_before_utc or now > ca_cert.not_valid_after_utc:
        raise ServiceError(untrusted, "CA certificate outside its validity period")
    if now < not_before:
        raise ServiceError(untrusted, f"certificate not valid before {not_before.isoformat()}")
    if now > not_after:
        raise ServiceError(Reason.CERTIFICATE_EXPIRED, f"expired {not_after.isoformat()}")
    return VerifiedCertificate(cert, cert.serial_number, not_before, not_after,
                               cert.subject.rfc4514_string())


def verify_challenge_signature(cert: VerifiedCertificate, challenge: bytes,
                               signature: bytes) -> None:
    """PKCS#1 v1.5 over the SHA-256 DigestInfo of `challenge`, by the certificate's key (an RSA
    key: `verify_user_auth_certificate` accepts no other)."""
    try:
        cert.public_key.verify(bytes(signature), bytes(challenge), padding.PKCS1v15(),
                               hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError) as exc:
        raise ServiceError(Reason.SIGNATURE_INVALID, "signature does not verify") from exc
