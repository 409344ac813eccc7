"""The card reader as the terminal watches it: each placement or removal is counted, so a
card placed again is read again, and the terminal hears of changes made on it (the demo tray,
a script's hand). A PC/SC reader changes without telling: the terminal polls `present()`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from kiosk.card.reader import CardReader
from kiosk.card.transport import CardTransport


@runtime_checkable
class CardTray(CardReader, Protocol):
    """A reader with a tray of virtual cards a hand can put on it (the in-process reader)."""

    @property
    def placed_name(self) -> str | None: ...
    def place(self, card_name: str) -> None: ...
    def remove(self) -> None: ...


class ObservedReader:
    def __init__(self, reader: CardReader, changed: Callable[[], None]) -> None:
        self.inner = reader
        self._tray = reader if isinstance(reader, CardTray) else None   # (a Protocol check: slow)
        self._changed = changed
        self.generation = 0          # bumps on each placement or removal seen
        self._was_present = False

    @property
    def tray(self) -> CardTray | None:
        """The card tray, when this reader has one (not a PC/SC reader)."""
        return self._tray

    @property
    def placed_name(self) -> str | None:
        tray = self.tray
        return tray.placed_name if tray is not None else None

    def connect(self) -> CardTransport:
        return self.inner.connect()

    def resume(self) -> CardTransport:
        return self.inner.resume()

    def present(self) -> bool:
        present = bool(self.inner.present())
        if present != self._was_present:
            self._was_present = present
            self.generation += 1
        return present

    def place(self, card_name: str) -> None:
        self._on_tray().place(card_name)
        self.moved()

    def remove(self) -> None:
        tray = self.tray
        if tray is not None:
            tray.remove()
        self.moved()

    def _on_tray(self) -> CardTray:
        tray = self.tray
        if tray is None:
            raise TypeError("this reader takes real cards: there is no tray to place one from")
        return tray

    def moved(self) -> None:
        """The card was put on or taken off by a hand the terminal did not see (tests)."""
        self.generation += 1
        self._changed()
