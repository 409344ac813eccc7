"""A card in the hand, for tests and soaks: what the card does at ② and ④, straight from its
image in the card tray (the certificate, a PKCS#1 v1.5 signature over a challenge)."""

from __future__ import annotations

import functools

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from backend.config import Paths


class CardInHand:
    def __init__(self, paths: Paths) -> None:
        self.paths = paths

    def certificate(self, card_name: str) -> bytes:
        from backend.jpki.card_image import load_card
        return load_card(self.paths.card_tray, card_name).user_auth.certificate

    def sign(self, card_name: str, challenge: bytes) -> bytes:
        from backend.jpki.card_image import load_card
        pem = load_card(self.paths.card_tray, card_name).user_auth.private_key_pem
        return _private_key(pem).sign(challenge, padding.PKCS1v15(), hashes.SHA256())


@functools.lru_cache(maxsize=64)
def _private_key(pem: bytes) -> rsa.RSAPrivateKey:
    # Our own keys, checked when they were made: skip the RSA self-check (tens of ms).
    key = serialization.load_pem_private_key(pem, password=None,
                                             unsafe_skip_rsa_key_validation=True)
    assert isinstance(key, rsa.RSAPrivateKey)            # a card's keys are RSA-2048
    return key
