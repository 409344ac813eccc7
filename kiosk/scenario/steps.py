"""A scenario's steps as typed values: one small class per action of the file format.

`Step` is the union of them all: the player matches on it, so mypy says when a new step has
no handler. Each knows its number in `steps:`, its line in the file and its key there
(`action`, as written), and says itself in one line (`describe()`) for messages and captions.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import ClassVar

Coin = int | str   # a yen amount (1 and 5 yen too: the vendor refuses them) or a token's name


class TakeItem(StrEnum):
    """What a person takes from the kiosk (`take: ...`)."""

    CERTIFICATES = "certificates"
    RECEIPT = "receipt"
    CHANGE = "change"
    CARD = "card"


@dataclass(frozen=True)
class Expect:
    """What must hold after the previous step; only the fields given are checked."""

    screen: str | None = None
    text: tuple[str, ...] = ()
    text_lacks: tuple[str, ...] = ()
    fee: int | None = None
    change: int | None = None
    printed: int | None = None
    pdf_text: tuple[str, ...] = ()
    pdf_lacks: tuple[str, ...] = ()
    refund: int | None = None
    pin_tries_left: int | None = None
    signing_pin_tries_left: int | None = None   # the card's 署名用 counter, asked of the card

    def describe(self) -> str:
        parts = []
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if value not in (None, ()):
                parts.append(f"{name}={list(value) if isinstance(value, tuple) else value!r}")
        return ", ".join(parts)


@dataclass(frozen=True, kw_only=True)
class BaseStep:
    """One item of `steps:`; the subclass is the action, its own field (if any) the value."""

    action: ClassVar[str]   # the key in the file
    number: int             # 1-based position in `steps`
    line: int               # 1-based line in the file

    @property
    def argument(self) -> object:
        """The value written after the key, parsed (None for a bare step): for transcripts."""
        values = [getattr(self, f.name) for f in fields(self) if not f.kw_only]
        return values[0] if values else None

    def describe(self) -> str:
        argument = self.argument
        return self.action if argument is None else f"{self.action}: {argument}"


@dataclass(frozen=True)
class Tap(BaseStep):
    """A button by its visible label, or `#id`."""

    action: ClassVar[str] = "tap"
    target: str


@dataclass(frozen=True)
class Press(BaseStep):
    """A key, by Textual's name for it (`enter`, `tab`, `1`)."""

    action: ClassVar[str] = "press"
    key: str


@dataclass(frozen=True)
class PlaceCard(BaseStep):
    """A seeded card (`kiosk card list`) goes on the reader."""

    action: ClassVar[str] = "place_card"
    card: str


@dataclass(frozen=True)
class RemoveCard(BaseStep):
    action: ClassVar[str] = "remove_card"


@dataclass(frozen=True)
class Pin(BaseStep):
    """Typed on the keypad, then 確定する."""

    action: ClassVar[str] = "pin"
    digits: str


@dataclass(frozen=True)
class Copies(BaseStep):
    """Typed on the keypad (確定する is a tap of its own)."""

    action: ClassVar[str] = "copies"
    count: int


@dataclass(frozen=True)
class Insert(BaseStep):
    """Coins into the vendor's slot, one after the other."""

    action: ClassVar[str] = "insert"
    coins: tuple[Coin, ...]


@dataclass(frozen=True)
class Take(BaseStep):
    action: ClassVar[str] = "take"
    item: TakeItem


@dataclass(frozen=True)
class Wait(BaseStep):
    """Idle seconds: the kiosk clock moves on."""

    action: ClassVar[str] = "wait"
    seconds: float


@dataclass(frozen=True)
class Type(BaseStep):
    """Characters typed one after another on a real keyboard (the 五十音 and password
    keyboards take katakana, letters and digits; a space is the space key)."""

    action: ClassVar[str] = "type"
    chars: str


@dataclass(frozen=True)
class ReservePinReset(BaseStep):
    """The holder of a card reserves the signing-password reset on the smartphone app, at
    the scenario's clock (leaflet 002 p.7)."""

    action: ClassVar[str] = "reserve_pin_reset"
    card: str


@dataclass(frozen=True)
class Restart(BaseStep):
    """The terminal restarts on the same data (the card stays on the reader)."""

    action: ClassVar[str] = "restart"


@dataclass(frozen=True)
class ExpectStep(BaseStep):
    action: ClassVar[str] = "expect"
    expect: Expect

    def describe(self) -> str:
        return f"expect {self.expect.describe()}"


Step = (Tap | Press | Type | PlaceCard | RemoveCard | Pin | Copies | Insert | Take | Wait
        | ReservePinReset | Restart | ExpectStep)
