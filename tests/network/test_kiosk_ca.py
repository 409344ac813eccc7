"""The kiosk CA: a credential names its kiosk, the centre recognises only its own CA's, and a
revoked one is refused from the next request on; the staff commands that hand them out."""

from __future__ import annotations

import stat
from ipaddress import ip_address
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from backend.config import Paths
from backend.kiosk_ca import CredentialFiles, KioskAuthority
from backend.reasons import Reason, ServiceError
from kiosk import cli


def der(files: CredentialFiles) -> bytes:
    return x509.load_pem_x509_certificate(files.certificate.read_bytes()).public_bytes(
        serialization.Encoding.DER)


def refused(authority: KioskAuthority, certificate: bytes | None) -> str:
    with pytest.raises(ServiceError) as caught:
        authority.kiosk_of(certificate)
    assert caught.value.reason is Reason.KIOSK_CREDENTIAL_REFUSED
    return caught.value.detail


def test_a_credential_names_its_kiosk_and_is_private(tmp_path: Path) -> None:
    authority = KioskAuthority(Paths(tmp_path / "centre"))
    files = authority.issue("seven-izumi-fuchu", tmp_path / "kiosk")
    assert files.directory == tmp_path / "kiosk" / "credential"
    assert authority.kiosk_of(der(files)) == "seven-izumi-fuchu"
    for path in (files.key, files.certificate, files.centre_ca, authority.ca_key,
                 authority.server_key):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert files.centre_ca.read_bytes() == authority.ca_cert.read_bytes()
    server = x509.load_pem_x509_certificate(authority.server_cert.read_bytes())
    names = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    assert ip_address("127.0.0.1") in names.get_values_for_type(x509.IPAddress)
    # made once: another authority on the same home is the same CA
    again = KioskAuthority(Paths(tmp_path / "centre"))
    assert again.ca_cert.read_bytes() == authority.ca_cert.read_bytes()
    assert again.kiosk_of(der(files)) == "seven-izumi-fuchu"


def test_another_ca_no_certificate_garbage_and_a_nameless_one_are_refused(tmp_path: Path) -> None:
    ours = KioskAuthority(Paths(tmp_path / "centre"))
    theirs = KioskAuthority(Paths(tmp_path / "elsewhere"))
    foreign = theirs.issue("seven-izumi-fuchu", tmp_path / "foreign")
    assert refused(ours, der(foreign)) == "not issued by this CA"
    assert refused(ours, None) == "no client certificate"
    assert refused(ours, b"\x30\x03\x02\x01\x00") == "not issued by this CA"
    # signed by our CA's key, but naming no kiosk (a CN that is no kiosk id)
    key = ec.generate_private_key(ec.SECP256R1())
    ca_key = serialization.load_pem_private_key(ours.ca_key.read_bytes(), password=None)
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    nameless = (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "../etc")]))
                .issuer_name(ours.ca_certificate.subject).public_key(key.public_key())
                .serial_number(7).not_valid_before(ours.ca_certificate.not_valid_before_utc)
                .not_valid_after(ours.ca_certificate.not_valid_after_utc)
                .sign(ca_key, hashes.SHA256()))
    assert refused(ours, nameless.public_bytes(serialization.Encoding.DER)) == "names no kiosk"


def test_a_revoked_kiosk_is_refused_and_a_new_credential_is_not(tmp_path: Path) -> None:
    authority = KioskAuthority(Paths(tmp_path / "centre"))
    first = der(authority.issue("izumi-cityhall", tmp_path / "a"))
    other = der(authority.issue("seven-izumi-fuchu", tmp_path / "b"))
    serving = KioskAuthority(Paths(tmp_path / "centre"))        # the server's own, already up
    assert serving.kiosk_of(first) == "izumi-cityhall"
    assert authority.revoke("izumi-cityhall") == 1
    assert refused(serving, first) == "izumi-cityhall: revoked"
    assert serving.kiosk_of(other) == "seven-izumi-fuchu"
    renewed = der(authority.issue("izumi-cityhall", tmp_path / "a"))
    assert serving.kiosk_of(renewed) == "izumi-cityhall"
    assert authority.revoke("izumi-cityhall") == 1 and authority.revoke("izumi-cityhall") == 0
    assert sorted(revoked for kiosk, revoked in authority.issued().values()
                  if kiosk == "izumi-cityhall") == [True, True]


def test_the_staff_commands_issue_revoke_list_and_export(demo_home: Paths, tmp_path: Path,
                                                         capsys) -> None:
    kiosk = tmp_path / "kiosk"
    assert cli.main(["admin", "kiosk-credential", "issue", "lawson-tomakomai-ekimae",
                     "--out", str(kiosk)]) == 0
    assert "lawson-tomakomai-ekimae: credential in" in capsys.readouterr().out
    assert CredentialFiles.in_home(kiosk).key.exists()
    assert cli.main(["admin", "kiosk-credential", "issue", "no-such-kiosk",
                     "--out", str(tmp_path / "x")]) == 1
    assert "登録されていません" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
    assert cli.main(["admin", "kiosk-credential", "revoke", "izumi-cityhall"]) == 1
    assert cli.main(["admin", "kiosk-credential", "revoke", "lawson-tomakomai-ekimae"]) == 0
    capsys.readouterr()
    assert cli.main(["admin", "kiosk-credential", "list"]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert ["lawson-tomakomai-ekimae", "revoked"] in [[r[0], r[-1]] for r in rows if r]
    assert cli.main(["admin", "export-cards", str(kiosk)]) == 0
    exported = sorted(p.name for p in Paths(kiosk).card_tray.iterdir())
    assert exported == sorted(p.name for p in demo_home.card_tray.glob("*.card.json"))
    assert len(exported) >= 20
