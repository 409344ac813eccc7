"""Municipalities' document-signing keys (the key behind each certificate's verification code).

One Ed25519 key per municipality, kept in `paths.keys` as `<code>.key.pem` (private, created on
first use) and `<code>.pub.pem` (public: what `kiosk verify` reads), both owner-only like all of
KIOSK_HOME. The centre signs; the kiosk never holds a private key.

The public keys can be published — copied, alone, to a directory of `<code>.pub.pem` files
(`publish_public_keys`; `kiosk script --out DIR` writes DIR/keys) — and a certificate checked
against such a directory anywhere later (`load_published_key`, `kiosk verify --keys DIR`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from backend.config import Paths
from backend.jpki.ca import private_pem
from backend.private_files import made_once, write_private
from certificates_templates.verification import MUNICIPALITY_CODE

_CODE = re.compile(MUNICIPALITY_CODE)


def _stem(paths: Paths, municipality_code: str) -> Path:
    return _in(paths.keys, municipality_code)


def _in(directory: Path, municipality_code: str) -> Path:
    # The code comes from a verification payload too: never let it walk out of the directory.
    if not _CODE.fullmatch(municipality_code):
        raise ValueError(f"not a municipality code: {municipality_code!r}")
    return directory / municipality_code


def private_key_file(paths: Paths, municipality_code: str) -> Path:
    return _stem(paths, municipality_code).with_suffix(".key.pem")


def public_key_file(paths: Paths, municipality_code: str) -> Path:
    return _stem(paths, municipality_code).with_suffix(".pub.pem")


def load_or_create_key(paths: Paths, municipality_code: str) -> Ed25519PrivateKey:
    """The municipality's signing key; made (with its public half) the first time it is asked for,
    by one process only: any others asking at the same time wait and load the same key."""
    key_file = private_key_file(paths, municipality_code)
    made_once(key_file, lambda: _make_key(paths, municipality_code))
    key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{key_file} is not an Ed25519 key")
    return key


def _make_key(paths: Paths, municipality_code: str) -> None:
    key = Ed25519PrivateKey.generate()
    write_private(public_key_file(paths, municipality_code),
                  key.public_key().public_bytes(serialization.Encoding.PEM,
                                                serialization.PublicFormat.SubjectPublicKeyInfo))
    # The private file appears last: a half-made pair is never "found".
    write_private(private_key_file(paths, municipality_code), private_pem(key))


def load_public_key(paths: Paths, municipality_code: str) -> Ed25519PublicKey | None:
    """The public key `kiosk verify` checks against, or None when this home has none."""
    return load_published_key(paths.keys, municipality_code)


# ── published public keys ────────────────────────────────────────────────────
def publish_public_keys(paths: Paths, codes: Iterable[str], directory: Path) -> list[Path]:
    """Each municipality's public key (its pair made now if it has none yet) copied to
    `directory` as `<code>.pub.pem`, readable by anyone: nothing secret goes there."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for code in codes:
        load_or_create_key(paths, code)
        target = _in(directory, code).with_suffix(".pub.pem")
        target.write_bytes(public_key_file(paths, code).read_bytes())
        target.chmod(0o644)
        written.append(target)
    return written


def load_published_key(directory: Path, municipality_code: str) -> Ed25519PublicKey | None:
    """The municipality's public key from a directory of `<code>.pub.pem` files, or None when
    it has none (or the file is no Ed25519 public key)."""
    try:
        pub_file = _in(directory, municipality_code).with_suffix(".pub.pem")
    except ValueError:
        return None
    try:
        key = serialization.load_pem_public_key(pub_file.read_bytes())
    except (OSError, ValueError, UnsupportedAlgorithm):
        return None
    return key if isinstance(key, Ed25519PublicKey) else None
