"""`CardTransport`: how the client reaches a card, whatever is in between."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class CardTransport(Protocol):
    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        """Send one command APDU; return (response data, status word).

        Raises CardError(CARD_REMOVED) if the card went away, CardError(CARD_UNREADABLE)
        if the answer is not a response APDU.
        """
        ...
