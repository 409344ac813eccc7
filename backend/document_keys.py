"""Municipalities' document-signing keys (the key behind each certificate's verification code).

One Ed25519 key per municipality, kept in `paths.keys` as `<code>.key.pem` (private, created on
first use) and `<code>.pub.pem` (public: what `kiosk verify` reads), both owner-only like all of
KIOSK_HOME. The centre signs; the kiosk never holds a private key.
"""

from __future__ import annotations

import re
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from backend.config import Paths
from backend.jpki.ca import private_pem
from backend.private_files import made_once, write_private
from certificates_templates.verification import MUNICIPALITY_CODE

_CODE = re.compile(MUNICIPALITY_CODE)


def _stem(paths: Paths, municipality_code: str) -> Path:
    # The code comes from a verification payload too: never let it walk out of the directory.
    if not _CODE.fullmatch(municipality_code):
        raise ValueError(f"not a municipality code: {municipality_code!r}")
    return paths.keys / municipality_code


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
    try:
        pub_file = public_key_file(paths, municipality_code)
    except ValueError:
        return None
    if not pub_file.exists():
        return None
    key = serialization.load_pem_public_key(pub_file.read_bytes())
    return key if isinstance(key, Ed25519PublicKey) else None
