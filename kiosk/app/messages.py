"""The app's own messages: small dataclasses the screens post and `KioskApp` handles with
`@on`. A screen never touches a device or the terminal: it says what the person did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from kiosk.flow import Event

Coin = int | str      # as the coin vendor takes them: yen, or whatever else is pushed in


@dataclass
class Send(Message):
    """A person's tap on a screen, as a flow event (bubbles from the screen to the app).

    `secret` is handed to the effect and never stored (the PIN, on its way to the card).
    """

    event: Event
    payload: dict[str, Any] = field(default_factory=dict)
    secret: str | None = field(default=None, repr=False)


@dataclass
class CoinDropped(Message):
    """A coin pushed into the slot on screen (the demo's coins)."""

    coin: Coin


@dataclass
class ItemsTaken(Message):
    """The demo's hand takes the money and the printouts from the trays."""


@dataclass
class CardPlaced(Message):
    """A card from the demo tray put on the reader."""

    name: str


@dataclass
class CardTaken(Message):
    """The card taken off the reader."""


@dataclass
class CardTrayWanted(Message):
    """Staff open the card tray."""


@dataclass
class PrinterFaultSet(Message):
    """Staff switch a printer fault on (`jam`, `paper_out`) or off (None)."""

    kind: str | None


@dataclass
class LanguageChosen(Message):
    """A person chose the screens' language on the top screen: `ja`, `en` or `zh`."""

    lang: str


@dataclass
class LanguageSwitched(Message):
    """Staff move the kiosk on to its next language."""


@dataclass
class ShutdownWanted(Message):
    """Staff shut the terminal down."""


@dataclass
class CoinFaultCleared(Message):
    """Staff cleared the coin vendor (a jam freed)."""


@dataclass
class CoinsRefilled(Message):
    """Staff refilled the change hoppers (釣銭補充)."""
