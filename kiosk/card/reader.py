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
        """Power the card and return a transport to it; CardError(NO_CARD) if there is none."""
        ...
