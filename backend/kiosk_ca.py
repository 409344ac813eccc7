"""The kiosk CA (端末認証局, simulated): who may talk to the centre as which kiosk.

A centre run as a service (`kiosk centre serve`) talks mutual TLS only. In the centre's home,
`kiosk-ca/` holds its CA (key and certificate, made once), the centre's own server certificate
(for 127.0.0.1, ::1 and localhost), the register of credentials issued (serial → kiosk id; no
keys) and the revocation list, read again whenever it changes. A kiosk's credential is a key
of its own and a certificate whose common name is its kiosk id; the centre takes the kiosk id
from that certificate, never from a request.

Every key is P-256 (quick to make, as TLS wants them). The validity is a fixed window, as the
JPKI CA's: TLS checks it against the machine's own clock, whatever a demo's clock says.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from ipaddress import ip_address
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from backend.config import Paths
from backend.jpki.ca import private_pem, random_serial
from backend.private_files import FILE_MODE, made_once, private_dir, write_private
from backend.reasons import Reason, ServiceError

KIOSK_CA_NAME = "Konbini kiosk CA (simulated)"
NOT_BEFORE = datetime(2014, 1, 1, tzinfo=UTC)
NOT_AFTER = datetime(2054, 1, 1, tzinfo=UTC)
KIOSK_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")   # what a certificate may name (a seeded id)
SERVER_NAMES = ("localhost",)
SERVER_ADDRESSES = ("127.0.0.1", "::1")
RECOGNISED_MAX = 65536                           # credentials remembered as verified


@dataclass(frozen=True)
class CredentialFiles:
    """Where a kiosk keeps its credential: `<kiosk home>/credential/`. Its key is the only key
    a kiosk of a remote centre holds."""

    directory: Path

    @classmethod
    def in_home(cls, home: Path) -> CredentialFiles:
        return cls(home / "credential")

    @property
    def key(self) -> Path:
        return self.directory / "kiosk.key.pem"

    @property
    def certificate(self) -> Path:
        return self.directory / "kiosk.cert.pem"

    @property
    def centre_ca(self) -> Path:
        """The kiosk CA's certificate: the kiosk trusts the centre's server certificate by it."""
        return self.directory / "centre-ca.cert.pem"


def kiosk_id_of(certificate: x509.Certificate) -> str | None:
    """The kiosk id a credential's certificate names (its common name), if it names one."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    value = names[0].value if len(names) == 1 else None
    return value if isinstance(value, str) and KIOSK_ID.fullmatch(value) else None


class KioskAuthority:
    """The kiosk CA of one centre home (`kiosk-ca/`): issues, revokes and recognises."""

    def __init__(self, paths: Paths) -> None:
        self.directory = paths.home / "kiosk-ca"
        made_once(self.ca_key, self._make_ca)
        self._ca_key = _load_key(self.ca_key)
        self.ca_certificate = x509.load_pem_x509_certificate(self.ca_cert.read_bytes())
        made_once(self.server_key, self._make_server)
        self._revoked: frozenset[int] = frozenset()
        self._revoked_seen: tuple[int, int] | None = None
        # DER → (serial, kiosk id) of credentials this CA signed: every call of a kiosk
        # presents the same certificate, and its signature is the same answer each time.
        self._recognised: dict[bytes, tuple[int, str]] = {}

    # --- the files -----------------------------------------------------------------------

    @property
    def ca_key(self) -> Path:
        return self.directory / "ca.key.pem"

    @property
    def ca_cert(self) -> Path:
        return self.directory / "ca.cert.pem"

    @property
    def server_key(self) -> Path:
        return self.directory / "server.key.pem"

    @property
    def server_cert(self) -> Path:
        return self.directory / "server.cert.pem"

    @property
    def issued_file(self) -> Path:
        return self.directory / "issued.json"

    @property
    def revoked_file(self) -> Path:
        return self.directory / "revoked.json"

    def _make_ca(self) -> None:
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Konbini kiosk"),
                          x509.NameAttribute(NameOID.COMMON_NAME, KIOSK_CA_NAME)])
        cert = (_builder(name, name, key.public_key())
                .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                .add_extension(_usage(cert_sign=True), critical=True)
                .sign(key, hashes.SHA256()))
        private_dir(self.directory)
        write_private(self.ca_cert, cert.public_bytes(serialization.Encoding.PEM))
        write_private(self.ca_key, private_pem(key))      # last: it says "made"

    def _make_server(self) -> None:
        key = ec.generate_private_key(ec.SECP256R1())
        names: list[x509.GeneralName] = [x509.DNSName(n) for n in SERVER_NAMES]
        names += [x509.IPAddress(ip_address(a)) for a in SERVER_ADDRESSES]
        cert = self._leaf(key, "issuance centre", ExtendedKeyUsageOID.SERVER_AUTH,
                          x509.SubjectAlternativeName(names))
        write_private(self.server_cert, cert.public_bytes(serialization.Encoding.PEM))
        write_private(self.server_key, private_pem(key))

    def _leaf(self, key: ec.EllipticCurvePrivateKey, common_name: str,
              usage: x509.ObjectIdentifier, alt_names: x509.SubjectAlternativeName | None = None,
              ) -> x509.Certificate:
        subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Konbini kiosk"),
                             x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
        builder = (_builder(subject, self.ca_certificate.subject, key.public_key())
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(_usage(cert_sign=False), critical=True)
                   .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                       self._ca_key.public_key()), critical=False))
        if alt_names is not None:
            builder = builder.add_extension(alt_names, critical=False)
        return builder.sign(self._ca_key, hashes.SHA256())

    # --- issuing and revoking ------------------------------------------------------------

    def issue(self, kiosk_id: str, home: Path) -> CredentialFiles:
        """A new credential for `kiosk_id`, written into the kiosk home `home` (its key, its
        certificate, this CA's certificate); its serial is noted in the issued register."""
        if not KIOSK_ID.fullmatch(kiosk_id):
            raise ServiceError(Reason.UNKNOWN_KIOSK, f"not a kiosk id: {kiosk_id!r}"[:80])
        key = ec.generate_private_key(ec.SECP256R1())
        cert = self._leaf(key, kiosk_id, ExtendedKeyUsageOID.CLIENT_AUTH, x509.SubjectAlternativeName(
            [x509.UniformResourceIdentifier(f"urn:konbini-kiosk:kiosk:{kiosk_id}")]))
        files = CredentialFiles.in_home(home)
        private_dir(home)
        private_dir(files.directory)
        write_private(files.centre_ca, self.ca_cert.read_bytes())
        write_private(files.certificate, cert.public_bytes(serialization.Encoding.PEM))
        write_private(files.key, private_pem(key))
        self._update(self.issued_file, lambda issued: {**issued, str(cert.serial_number): kiosk_id})
        return files

    def revoke(self, kiosk_id: str) -> int:
        """Revoke every credential issued to `kiosk_id`. Returns how many were not already."""
        serials = {int(s) for s, k in self._read(self.issued_file).items() if k == kiosk_id}
        before = self._revoked_serials()
        self._update(self.revoked_file,
                     lambda revoked: {**revoked, **{str(s): kiosk_id for s in serials}})
        return len(serials - before)

    def issued(self) -> dict[int, tuple[str, bool]]:
        """serial → (kiosk id, revoked) of every credential issued here."""
        revoked = self._revoked_serials()
        return {int(s): (k, int(s) in revoked) for s, k in self._read(self.issued_file).items()}

    # --- recognising a caller ------------------------------------------------------------

    def kiosk_of(self, certificate_der: bytes | None) -> str:
        """The kiosk a TLS peer certificate speaks for. Refused (KIOSK_CREDENTIAL_REFUSED): no
        certificate, one this CA did not sign, one naming no kiosk, a revoked one."""
        if not certificate_der:
            raise ServiceError(Reason.KIOSK_CREDENTIAL_REFUSED, "no client certificate")
        known = self._recognised.get(certificate_der)
        if known is None:
            known = self._recognise(certificate_der)
        serial, kiosk_id = known
        if serial in self._revoked_serials():          # asked each call: revoking is at once
            raise ServiceError(Reason.KIOSK_CREDENTIAL_REFUSED, f"{kiosk_id}: revoked")
        return kiosk_id

    def _recognise(self, certificate_der: bytes) -> tuple[int, str]:
        """(serial, kiosk id) of a credential this CA signed, remembered; refused otherwise."""
        try:
            cert = x509.load_der_x509_certificate(certificate_der)
            cert.verify_directly_issued_by(self.ca_certificate)
        except (ValueError, TypeError, InvalidSignature):
            raise ServiceError(Reason.KIOSK_CREDENTIAL_REFUSED, "not issued by this CA") from None
        kiosk_id = kiosk_id_of(cert)
        if kiosk_id is None:
            raise ServiceError(Reason.KIOSK_CREDENTIAL_REFUSED, "names no kiosk")
        if len(self._recognised) >= RECOGNISED_MAX:   # a bound, whatever a fleet presents
            self._recognised.clear()
        self._recognised[bytes(certificate_der)] = known = (cert.serial_number, kiosk_id)
        return known

    def _revoked_serials(self) -> frozenset[int]:
        """The revocation list, read again only when the file changed (each request asks)."""
        try:
            st = os.stat(self.revoked_file)
            seen = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            return frozenset()
        if seen != self._revoked_seen:
            self._revoked = frozenset(int(s) for s in self._read(self.revoked_file))
            self._revoked_seen = seen
        return self._revoked

    # --- the registers' files ------------------------------------------------------------

    def _read(self, path: Path) -> dict[str, str]:
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _update(self, path: Path, change: Callable[[dict[str, str]], dict[str, str]]) -> None:
        """Read, change and write a register under a lock: two staff commands at once lose
        nothing."""
        fd = os.open(path.with_name(f".{path.name}.lock"), os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            data = change(self._read(path))
            write_private(path, json.dumps(data, indent=1, sort_keys=True).encode())
        finally:
            os.close(fd)


def _builder(subject: x509.Name, issuer: x509.Name,
             public_key: ec.EllipticCurvePublicKey) -> x509.CertificateBuilder:
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
            .public_key(public_key).serial_number(random_serial())
            .not_valid_before(NOT_BEFORE).not_valid_after(NOT_AFTER)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))


def _usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=not cert_sign, content_commitment=False,
                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                         key_cert_sign=cert_sign, crl_sign=cert_sign, encipher_only=False,
                         decipher_only=False)


def _load_key(path: Path) -> ec.EllipticCurvePrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{path}: not an EC key")
    return key


__all__ = ["CredentialFiles", "KioskAuthority", "kiosk_id_of"]
