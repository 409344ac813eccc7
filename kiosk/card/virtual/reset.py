"""The card's side of the signing-PIN reset (署名用電子証明書の暗証番号初期化), in the JPKI AP.

The reset authority (backend.jpki.reset_authority) proves itself to the card, and only then
does the card reset its signing PIN; the kiosk relays, it holds no key. The card checks all:

- GET CHALLENGE `00 84 00 00 08`: 8 random bytes. A new one replaces the last; power-off and
  selecting an application forget it.
- EXTERNAL AUTHENTICATE `00 82 00 00 Lc <cryptogram>`: any such command uses the challenge up.
  9000 when the cryptogram is AES-CMAC of the challenge under the card's reset key; 6300 when
  not (no try counter: each try needs a fresh random challenge, so guessing gains nothing);
  6985 when no challenge was given; 6A88 when the card has no reset key (an image from before
  the key was added: it refuses the authority). Anything but a 9000 also forgets an earlier
  proof.
- RESET RETRY COUNTER `00 2C 02 80 Lc <new signing PIN, ASCII>` with EF_SIGN_PIN selected:
  needs the authority proven since the application was selected AND the user-auth PIN
  verified since the card was powered (6982 otherwise). A new PIN that is not 6–16
  upper-case letters and digits (both kinds) is 6A80 and leaves the proof for another try.
  Then the PIN is set, the 5-try counter is full again (a locked PIN is unblocked), the image
  is written at once, and the proof is used up.

The proof and the challenge live only while the card is powered, as a real chip's security
state does.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable

from backend.jpki.card_image import PinState, is_valid_signing_pin
from backend.jpki.reset_authority import CHALLENGE_LENGTH, reset_cryptogram
from kiosk.card.apdu import SW, Command

INS_RESET_RETRY_COUNTER, INS_EXTERNAL_AUTHENTICATE, INS_GET_CHALLENGE = 0x2C, 0x82, 0x84

Answer = tuple[bytes, int]


class ResetAuthority:
    """What the card remembers of the reset authority: the challenge it gave, and whether the
    authority answered it (RAM only)."""

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        self.challenge: bytes | None = None
        self.proven = False

    def get_challenge(self, cmd: Command) -> Answer:
        if (cmd.p1, cmd.p2) != (0x00, 0x00):
            return b"", SW.WRONG_P1P2
        if cmd.data or cmd.le != CHALLENGE_LENGTH:
            return b"", SW.WRONG_LENGTH
        self.challenge = secrets.token_bytes(CHALLENGE_LENGTH)
        return self.challenge, SW.OK

    def external_authenticate(self, cmd: Command, reset_key: bytes | None) -> Answer:
        # Used up before anything is looked at: one challenge, one try, whatever the command.
        challenge, self.challenge, self.proven = self.challenge, None, False
        malformed = _malformed(cmd, (0x00, 0x00))
        if malformed:
            return b"", malformed
        if reset_key is None:
            return b"", SW.REFERENCE_NOT_FOUND
        if challenge is None:
            return b"", SW.CONDITIONS_NOT_SATISFIED
        if not hmac.compare_digest(reset_cryptogram(reset_key, challenge), cmd.data):
            return b"", SW.AUTHENTICATION_FAILED
        self.proven = True
        return b"", SW.OK

    def reset_retry_counter(self, cmd: Command, signing_pin: PinState | None,
                            user_auth_verified: bool, save: Callable[[], None]) -> Answer:
        """`signing_pin`: the signing PIN when EF_SIGN_PIN is the selected file of the JPKI AP,
        else None. `save` writes the image."""
        malformed = _malformed(cmd, (0x02, 0x80))
        if malformed:
            return b"", malformed
        if signing_pin is None:
            return b"", SW.NO_CURRENT_EF
        if not (self.proven and user_auth_verified):
            return b"", SW.SECURITY_NOT_SATISFIED
        try:
            new = cmd.data.decode("ascii")
        except UnicodeDecodeError:
            return b"", SW.WRONG_DATA
        if not is_valid_signing_pin(new):
            return b"", SW.WRONG_DATA
        self.proven = False
        signing_pin.pin, signing_pin.tries_left = new, signing_pin.max_tries
        # One atomic write holds the new PIN and the full counter together: a card pulled at
        # any instant has the old PIN and count or the new ones, never a mix.
        save()
        return b"", SW.OK


def _malformed(cmd: Command, p1p2: tuple[int, int]) -> int:
    """The status word for a command with data and no Le that is not that, else 0."""
    if (cmd.p1, cmd.p2) != p1p2:
        return SW.WRONG_P1P2
    if not cmd.data or cmd.le is not None:
        return SW.WRONG_LENGTH
    return 0
