"""`CardReader`: a slot a card is placed on (the kiosk's IC card reader)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from kiosk.card.transport import CardTransport


@runtime_checkable
class CardReader(Protocol):
    def present(self) -> bool:
        """Is a card on the reader now?"""
        ...

    def connect(self) -> CardTransport:
        """Power the card and return a transport to it; CardError(NO_CARD) if there is none.
        A new connection may power the card afresh (the in-process reader always does), so
        what was verified on it before is not to be counted on."""
        ...

    def resume(self) -> CardTransport:
        """The transport the last `connect()` opened, the card not powered again, so what was
        verified on it still holds (the user-auth PIN at ④, for the signing-PIN reset).
        CardError(NO_CARD) if nothing was connected; CARD_REMOVED (here or at the first
        transmit) if the card was taken off since."""
        ...
