"""The kiosk's side of the signing-PIN reset (署名用電子証明書の暗証番号初期化): the kiosk only
relays between the card and the centre, which holds the J-LIS reset authority's key.

The card checks everything (see kiosk.card.virtual.reset for its rules): the authority's
cryptogram over the card's own challenge, and the holder's user-auth PIN verified on the same
power-up. So the reset must run on the transport the user-auth VERIFY ran on: a reader's
`resume()`, not a new `connect()` (which powers the card afresh and forgets the VERIFY).

The new PIN goes only to the card: it is not logged, stored or returned.
"""

from __future__ import annotations

from collections.abc import Callable

from backend.jpki.card_image import is_valid_signing_pin
from backend.reasons import Reason
from kiosk.card import jpki_client as jpki
from kiosk.card.apdu import SW, Command
from kiosk.card.errors import CardError
from kiosk.card.jpki_ids import EF_SIGN_PIN
from kiosk.card.transport import CardTransport

CHALLENGE_LENGTH = 8
# What a card says when it will not take the authority or the reset: the cryptogram does not
# match, no challenge, no reset key, no proof or no user-auth VERIFY, a command it lacks.
REFUSED = frozenset({SW.AUTHENTICATION_FAILED, SW.CONDITIONS_NOT_SATISFIED,
                     SW.REFERENCE_NOT_FOUND, SW.SECURITY_NOT_SATISFIED, SW.BLOCKED,
                     SW.NO_CURRENT_EF, SW.INS_NOT_SUPPORTED, SW.CLA_NOT_SUPPORTED})


def _refused(what: str, sw: int) -> CardError:
    return CardError(Reason.SIGNING_PIN_RESET_FAILED, detail=f"{what}: SW {sw:04X}")


def _check_form(new_pin: object) -> None:
    if not isinstance(new_pin, str) or not is_valid_signing_pin(new_pin):
        raise CardError(Reason.SIGNING_PIN_FORMAT, detail="not 6–16 upper-case letters and digits")


def select_signing_pin(transport: CardTransport) -> None:
    """SELECT EF_SIGN_PIN in the JPKI AP (already selected); NO_SIGNING_CERTIFICATE when the
    card has none (issued under 15)."""
    data, sw = jpki.exchange(transport, Command(0x00, 0xA4, 0x02, 0x0C,
                                                EF_SIGN_PIN.to_bytes(2, "big")))
    if sw == SW.FILE_NOT_FOUND:
        raise CardError(Reason.NO_SIGNING_CERTIFICATE, detail="no signing PIN EF")
    if sw != SW.OK or data:
        raise jpki.unexpected("select the signing PIN", sw)


def signing_pin_tries_left(transport: CardTransport) -> int:
    """The signing PIN's tries left (0: locked, after 5 wrong tries): SELECT the JPKI AP, the
    signing PIN EF, then VERIFY without data. NO_SIGNING_CERTIFICATE when the card has none.
    (Selecting the application forgets a proof of the authority: not to be called between
    `external_authenticate` and `reset_signing_pin`.)"""
    jpki.select_jpki(transport)
    select_signing_pin(transport)
    return jpki.selected_pin_tries_left(transport)


def get_challenge(transport: CardTransport) -> bytes:
    """GET CHALLENGE: the card's 8 random bytes for the authority (the JPKI AP selected)."""
    data, sw = jpki.exchange(transport, Command(0x00, 0x84, 0x00, 0x00, le=CHALLENGE_LENGTH))
    if sw in REFUSED:
        raise _refused("get challenge", sw)
    if sw != SW.OK or len(data) != CHALLENGE_LENGTH:
        raise CardError(Reason.CARD_UNREADABLE,
                        detail=f"get challenge: SW {sw:04X}, {len(data)} bytes")
    return data


def external_authenticate(transport: CardTransport, cryptogram: bytes) -> None:
    """EXTERNAL AUTHENTICATE with the centre's cryptogram; SIGNING_PIN_RESET_FAILED when the
    card does not take it (wrong, stale challenge, a card without a reset key)."""
    if not isinstance(cryptogram, (bytes, bytearray)) or not 1 <= len(cryptogram) <= 255:
        raise CardError(Reason.SIGNING_PIN_RESET_FAILED, detail="not a cryptogram")
    data, sw = jpki.exchange(transport, Command(0x00, 0x82, 0x00, 0x00, bytes(cryptogram)))
    if sw == SW.OK and not data:
        return
    if sw in REFUSED:
        raise _refused("external authenticate", sw)
    raise jpki.unexpected("external authenticate", sw)


def reset_signing_pin(transport: CardTransport, new_pin: str) -> None:
    """RESET RETRY COUNTER on the signing PIN EF (selected here): the new PIN, the counter
    full again. SIGNING_PIN_FORMAT for a PIN that is not 6–16 upper-case letters and digits
    (checked before it is sent, and if the card says 6A80); SIGNING_PIN_RESET_FAILED when the
    card refuses (no proof of the authority, no user-auth VERIFY on this power-up)."""
    _check_form(new_pin)
    select_signing_pin(transport)
    data, sw = jpki.exchange(transport, Command(0x00, 0x2C, 0x02, 0x80, new_pin.encode("ascii")))
    if sw == SW.OK and not data:
        return
    if sw == SW.WRONG_DATA:
        raise CardError(Reason.SIGNING_PIN_FORMAT, detail="the card refused the new PIN's form")
    if sw in REFUSED:
        raise _refused("reset retry counter", sw)
    raise jpki.unexpected("reset retry counter", sw)


def reset_signing_pin_with_authority(transport: CardTransport, answer: Callable[[bytes], bytes],
                                     new_pin: str) -> None:
    """The whole reset on one card power-up: SELECT the JPKI AP and the signing PIN EF, GET
    CHALLENGE, `answer(challenge)` (the centre's cryptogram) to EXTERNAL AUTHENTICATE, then
    RESET RETRY COUNTER with `new_pin`.

    The user-auth PIN must have been verified on the same power-up (the same transport,
    e.g. by `kiosk.card.auth.sign_challenge`), else the card refuses. A new PIN of the wrong
    form is refused before the centre is asked. What `answer` raises (the centre's refusal)
    passes through as it is.
    """
    _check_form(new_pin)
    jpki.select_jpki(transport)
    select_signing_pin(transport)
    external_authenticate(transport, answer(get_challenge(transport)))
    reset_signing_pin(transport, new_pin)
