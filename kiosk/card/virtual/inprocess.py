"""The in-process reader: virtual cards from the card tray, no PC/SC in between.

The default for the demo and most tests. `place(name)` puts a tray card on the reader,
`remove()` takes it off; a transport opened before a removal answers CARD_REMOVED from then on
(also after another card is placed), as a real reader would.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Protocol

from backend.jpki.card_image import is_card_name
from backend.reasons import Reason
from kiosk.card.apdu import MalformedAPDU, split_response
from kiosk.card.errors import CardError
from kiosk.card.virtual.card import UnreadableCard, VirtualCard


class Chip(Protocol):
    """Anything that answers APDUs like a contact card."""

    atr: bytes

    def power_on(self) -> None: ...
    def power_off(self) -> None: ...
    def process(self, raw: bytes) -> bytes: ...


class InProcessTransport:
    def __init__(self, reader: InProcessReader, insertion: int, chip: Chip) -> None:
        self._reader, self._insertion, self._chip = reader, insertion, chip

    @property
    def atr(self) -> bytes:
        return self._chip.atr

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        with self._reader._lock:
            if self._reader._insertion != self._insertion or self._reader._chip is None:
                raise CardError(Reason.CARD_REMOVED, detail="card taken off the reader")
            raw = self._chip.process(bytes(apdu))
        try:
            return split_response(raw)
        except MalformedAPDU as exc:
            raise CardError(Reason.CARD_UNREADABLE, detail=str(exc)) from exc


class InProcessReader:
    """A reader slot holding at most one virtual card from `card_tray_dir`."""

    def __init__(self, card_tray_dir: Path | str) -> None:
        self.card_tray = Path(card_tray_dir)
        self._lock = threading.RLock()
        self._chip: Chip | None = None
        self._name: str | None = None
        self._insertion = 0
        self._transport: InProcessTransport | None = None

    @property
    def placed_name(self) -> str | None:
        return self._name

    def place(self, card_name: str) -> None:
        """Put the tray card `card_name` on the reader; CardError(NO_CARD) if the tray has no
        such file. A file that is not a card image goes on as a card that cannot be read."""
        missing = CardError(Reason.NO_CARD, detail=f"no card {card_name!r} in the tray")
        if not is_card_name(card_name):
            raise missing
        try:
            card: Chip = VirtualCard.from_tray(self.card_tray, card_name)
        except FileNotFoundError as exc:
            raise missing from exc
        except ValueError:
            card = UnreadableCard()
        self.insert(card, card_name)

    def insert(self, chip: Chip, name: str) -> None:
        """Put any chip on the reader (e.g. a ForeignCard); replaces what was there."""
        with self._lock:
            self._insertion += 1
            self._chip, self._name = chip, name

    def remove(self) -> None:
        with self._lock:
            if self._chip is not None:
                self._chip.power_off()
            self._insertion += 1
            self._chip = self._name = None

    def present(self) -> bool:
        return self._chip is not None

    def connect(self) -> InProcessTransport:
        with self._lock:
            if self._chip is None:
                raise CardError(Reason.NO_CARD, detail="no card on the reader")
            try:
                self._chip.power_on()
            except ValueError as exc:      # its file went bad while on the reader
                raise CardError(Reason.CARD_UNREADABLE, detail=str(exc)) from exc
            self._transport = InProcessTransport(self, self._insertion, self._chip)
            return self._transport

    def resume(self) -> InProcessTransport:
        """The last `connect()`'s transport, the card not powered again (see CardReader)."""
        with self._lock:
            if self._transport is None:
                raise CardError(Reason.NO_CARD, detail="no card connected")
            if self._transport._insertion != self._insertion or self._chip is None:
                raise CardError(Reason.CARD_REMOVED, detail="card taken off the reader")
            return self._transport
