"""PKCS#1 v1.5 pieces shared by the card (which pads) and the client (which builds DigestInfo)."""

from __future__ import annotations

import hashlib

# DER prefix of DigestInfo { AlgorithmIdentifier sha256 NULL, OCTET STRING (32) } (RFC 8017 §9.2).
SHA256_DIGEST_INFO_PREFIX = bytes.fromhex("3031300d060960864801650304020105000420")


def sha256_digest_info(message: bytes) -> bytes:
    """The DER DigestInfo the card signs for `message` (SHA-256)."""
    return SHA256_DIGEST_INFO_PREFIX + hashlib.sha256(message).digest()


def pad_for_signature(digest_info: bytes, modulus_bytes: int) -> bytes:
    """EMSA-PKCS1-v1_5 encoding: 00 01 FF…FF 00 || DigestInfo. ValueError if it cannot fit."""
    padding = modulus_bytes - len(digest_info) - 3
    if padding < 8:
        raise ValueError("DigestInfo too long for the key")
    return b"\x00\x01" + b"\xff" * padding + b"\x00" + digest_info
