"""The app's own messages: small dataclasses handled with `@on` in `KioskApp`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from kiosk.devices.coins import CoinOutcome
from kiosk.flow import Event


@dataclass
class Send(Message):
    """A person's tap on a screen, as a flow event (bubbles from the screen to the app).

    `secret` is handed to the effect and never stored (the PIN, on its way to the card).
    """

    event: Event
    payload: dict[str, Any] = field(default_factory=dict)
    secret: str | None = field(default=None, repr=False)


@dataclass
class CoinInserted(Message):
    """The coin vendor took or returned a coin (posted from whatever thread inserted it)."""

    outcome: CoinOutcome


@dataclass
class ReaderChanged(Message):
    """A card was placed on or taken off the reader."""
