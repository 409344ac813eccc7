"""What the kiosk app calls at ② (read the card) and ④ (PIN, then sign the challenge).

The PIN goes only to the card: it is not logged, stored or returned.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.jpki.card_image import is_valid_user_auth_pin
from backend.jpki.pkcs1 import sha256_digest_info
from backend.reasons import Reason
from kiosk.card import jpki_client as jpki
from kiosk.card.errors import CardError
from kiosk.card.transport import CardTransport


@dataclass(frozen=True)
class CardRead:
    certificate_der: bytes      # the user-auth certificate (利用者証明用電子証明書)
    pin_tries_left: int         # 0: locked (or a face-auth card; the centre knows which)


def read_card(transport: CardTransport) -> CardRead:
    """② Select the JPKI application, read the user-auth certificate and the PIN counter."""
    jpki.select_jpki(transport)
    certificate = jpki.read_certificate(transport)
    return CardRead(certificate, jpki.tries_left(transport))


def sign_challenge(transport: CardTransport, pin: str, challenge: bytes) -> bytes:
    """④ VERIFY the user-auth PIN, then sign the centre's challenge (PKCS#1 v1.5, SHA-256).

    PIN_WRONG carries the tries left; PIN_LOCKED when none are left. A PIN that is not
    4 digits never reaches the card (PIN_WRONG without a count, the counter untouched).
    """
    if not is_valid_user_auth_pin(pin):
        raise CardError(Reason.PIN_WRONG, None, detail="a user-auth PIN is 4 digits")
    jpki.select_jpki(transport)
    jpki.verify(transport, pin)
    return jpki.sign(transport, sha256_digest_info(challenge))
