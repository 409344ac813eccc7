"""Municipalities' document-signing keys (the key behind each certificate's verification code).

One Ed25519 key per municipality, kept in `paths.keys` as `<code>.key.pem` (private, created on
first use, mode 0600) and `<code>.pub.pem` (public: what `kiosk verify` reads). The centre signs;
the kiosk never holds a private key.
"""

from __future__ import annotations

import re
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from backend.config import Paths
from backend.jpki.ca import private_pem, write_private
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
    """The municipality's signing key; made (with its public half) the first time it is asked for."""
    key_file = private_key_file(paths, municipality_code)
    if key_file.exists():
        key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{key_file} is not an Ed25519 key")
        return key
    paths.keys.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    public_key_file(paths, municipality_code).write_bytes(
        key.public_key().public_bytes(serialization.Encoding.PEM,
                                      serialization.PublicFormat.SubjectPublicKeyInfo))
    # The private file appears last: a half-made pair is never "found".
    write_private(key_file, private_pem(key))
    return key


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
