"""The simulated J-LIS reset authority (署名用電子証明書の暗証番号初期化): what lets a kiosk reset
a card's signing PIN without ever holding a key that could reset it.

One master key (32 random bytes) lives in `paths.jpki` as `reset_authority.key`, made once and
owner-only like the CAs' keys. Each card gets its own key at issuance, diversified from the
master by the card's serial (`card_reset_key`): HMAC-SHA256(master, label ‖ serial), the first
16 bytes as an AES-128 key. The card holds only its own key (`CardImage.reset_key`); the
centre holds only the master and recomputes a card's key when it needs it.

Which card: the card serial (`Card.card_serial` in the registry, `card_serial` in the image).
After `authenticate` the centre has the card row that `registry.verified_card` found from the
user-auth certificate's serial, and with it the card serial — so it can find the card's key
from what it knows. (The certificate serial would not do: a renewed certificate changes it, and
the card's key is written once, with the card.)

The exchange: the card gives an 8-byte challenge (GET CHALLENGE); the centre answers
`reset_cryptogram(card_key, challenge)` = AES-CMAC(card_key, label ‖ challenge), 16 bytes; the
kiosk relays it to the card (EXTERNAL AUTHENTICATE), which computes the same and compares.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.cmac import CMAC

from backend.config import Paths
from backend.private_files import made_once, write_private
from backend.reasons import Reason, ServiceError

MASTER_FILE = "reset_authority.key"
MASTER_LENGTH = 32
CARD_KEY_LENGTH = 16            # AES-128
CHALLENGE_LENGTH = 8            # the card's GET CHALLENGE gives 8 bytes
CRYPTOGRAM_LENGTH = 16          # the whole CMAC
LONGEST_SERIAL = 20             # the registry's column
# The labels keep the keys and the cryptograms to this one use.
DIVERSIFY_LABEL = b"konbini-kiosk/jpki/signing-pin-reset/card-key/v1\x00"
CRYPTOGRAM_LABEL = b"RESET SIGNING PIN\x00"


def master_file(paths: Paths) -> Path:
    return paths.jpki / MASTER_FILE


def load_or_create_master(paths: Paths) -> bytes:
    """The authority's master key, made by one process only the first time it is asked for."""
    path = master_file(paths)
    made_once(path, lambda: write_private(path, secrets.token_bytes(MASTER_LENGTH)))
    master = path.read_bytes()
    if len(master) != MASTER_LENGTH:
        raise ValueError(f"{path.name} is not a reset authority key")
    return master


def card_reset_key(master: bytes, card_serial: str) -> bytes:
    """The card's own reset key: diversified from the master by its serial (ValueError for a
    serial that is empty, too long or not ASCII)."""
    if len(master) != MASTER_LENGTH:
        raise ValueError("a reset authority master key is 32 bytes")
    if not (isinstance(card_serial, str) and 0 < len(card_serial) <= LONGEST_SERIAL
            and card_serial.isascii() and card_serial.isprintable()):
        raise ValueError("not a card serial")
    digest = hmac.new(master, DIVERSIFY_LABEL + card_serial.encode("ascii"), hashlib.sha256)
    return digest.digest()[:CARD_KEY_LENGTH]


def reset_cryptogram(card_key: bytes, card_challenge: bytes) -> bytes:
    """AES-CMAC over the label and the card's challenge: what the card expects back."""
    mac = CMAC(algorithms.AES(card_key))
    mac.update(CRYPTOGRAM_LABEL + card_challenge)
    return mac.finalize()


def authority_answer(paths_or_master: Paths | bytes, card_serial: str,
                     card_challenge: bytes) -> bytes:
    """The centre's answer to a card's challenge: the cryptogram under that card's key.

    `paths_or_master`: the home (its master key is loaded, or made) or the master itself. The
    caller has authenticated the holder and found `card_serial` from the card row. A challenge
    that is not 8 bytes, or a serial that names no card, is refused with ServiceError
    SIGNING_PIN_RESET_FAILED (never an exception of another kind).
    """
    if not isinstance(card_challenge, (bytes, bytearray)) \
            or len(card_challenge) != CHALLENGE_LENGTH:
        raise ServiceError(Reason.SIGNING_PIN_RESET_FAILED, "a card challenge is 8 bytes")
    master = paths_or_master if isinstance(paths_or_master, bytes) \
        else load_or_create_master(paths_or_master)
    try:
        card_key = card_reset_key(master, card_serial)
    except ValueError as exc:
        raise ServiceError(Reason.SIGNING_PIN_RESET_FAILED, str(exc)) from None
    return reset_cryptogram(card_key, bytes(card_challenge))
